#include "pipeline/schedulers/brownian_tree.h"

#include "pipeline/core/error.h"
#include "pipeline/tensors/rng.h"
#include "pipeline/tensors/seed_sequence.h"

#include <ATen/ATen.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace latent {

namespace {

// Guards against a tree that keeps splitting (torchsde would hit Python's recursion limit).
constexpr int64_t kMaxDepth = 200;

} // namespace

BrownianInterval::BrownianInterval(double t0, double t1, std::vector<int64_t> shape, uint64_t entropy,
                                   std::string rng_source, double tol, int pool_size, size_t cache_size)
    : shape_(std::move(shape)), entropy_(entropy), rng_source_(std::move(rng_source)), pool_size_(pool_size),
      cache_size_(cache_size) {
    if (!(t0 <= t1)) throw PipelineError("bad_brownian_interval", "The Brownian tree needs t0 <= t1.");
    if (tol < 0) throw PipelineError("bad_brownian_interval", "The Brownian tree tolerance must not be negative.");
    quantise_ = tol != 0.0;
    if (quantise_) ndigits_ = -static_cast<int>(std::log10(tol));
    add_node(t0, t1, -1, false);
    const std::vector<uint32_t> seeds = SeedSequence::from_ints(entropy_, {}, pool_size_).generate_state(3);
    w_root_ = randn(seeds[0]) * std::sqrt(t1 - t0);
}

double BrownianInterval::round(double x) const {
    if (!quantise_) return x;
    // Python's round(x, n): the correctly rounded decimal with n digits (ties to even on the
    // exact binary value), read back. printf's %.*f rounds the same way.
    char buf[512];
    std::snprintf(buf, sizeof buf, "%.*f", ndigits_, x);
    return std::strtod(buf, nullptr);
}

int BrownianInterval::add_node(double start, double end, int parent, bool is_left) {
    Node n;
    n.start = round(start);
    n.end = round(end);
    n.parent = parent;
    n.is_left = is_left;
    nodes_.push_back(n);
    return static_cast<int>(nodes_.size()) - 1;
}

at::Tensor BrownianInterval::randn(uint32_t seed) const {
    return make_noise_generator(rng_source_, seed)->randn(shape_);
}

void BrownianInterval::split_exact(int n) {
    const double midway = 0.5 * (nodes_[n].end + nodes_[n].start);
    Node& node = nodes_[n];
    node.mid = round(midway);
    if (node.parent >= 0) {
        const Node& p = nodes_[node.parent];
        node.key = 2 * p.key + (node.is_left ? 0 : 1);
        node.depth = p.depth + 1;
    }
    if (node.depth > kMaxDepth)
        throw PipelineError("brownian_tree_depth", "The Brownian tree could not resolve the requested times.");
    node.w_seed = SeedSequence::from_ints(entropy_, {node.key, static_cast<uint64_t>(node.depth)}, pool_size_)
                      .generate_state(4)[0];
    node.split = true;
    const double start = node.start, end = node.end;
    const int left = add_node(start, midway, n, true);
    const int right = add_node(midway, end, n, false);
    nodes_[n].left = left;
    nodes_[n].right = right;
}

void BrownianInterval::split(int n, double midway) {
    // halfway_tree: always split at the middle, then descend towards `midway` until it is a boundary.
    while (true) {
        split_exact(n);
        const Node& node = nodes_[n];
        if (midway > node.mid)
            n = node.right;
        else if (midway < node.mid)
            n = node.left;
        else
            return;
    }
}

void BrownianInterval::locate(int n, double ta, double tb, std::vector<int>& out) {
    while (true) {
        if (n < 0) throw PipelineError("bad_brownian_query", "The Brownian tree was queried outside its interval.");
        const Node& node = nodes_[n];
        if (ta < node.start || tb > node.end) {
            n = node.parent;
            continue;
        }
        if (ta == node.start && tb == node.end) {
            out.push_back(n);
            return;
        }
        if (!node.split) {
            if (ta == node.start) {
                split(n, tb);
                n = nodes_[n].left;
            } else {
                split(n, ta);
                n = nodes_[n].right;
            }
            continue;
        }
        if (tb <= node.mid) {
            n = node.left;
            continue;
        }
        if (ta >= node.mid) {
            n = node.right;
            continue;
        }
        // The query straddles our midpoint: the left part first, then the right part.
        const double mid = node.mid;
        const int right = node.right;
        locate(node.left, ta, mid, out);
        n = right;
        ta = mid;
    }
}

at::Tensor BrownianInterval::increment(int n) {
    if (n == 0) return w_root_;
    if (auto it = cache_.find(n); it != cache_.end()) {
        lru_.splice(lru_.begin(), lru_, it->second.second);
        return it->second.first;
    }
    const Node node = nodes_[n];
    const Node parent = nodes_[node.parent];
    const at::Tensor w = increment(node.parent);
    const double h_reciprocal = 1.0 / (parent.end - parent.start);
    const double left_diff = parent.mid - parent.start;
    const double right_diff = parent.end - parent.mid;
    // Python: mean = left_diff * W * h_reciprocal; var = left_diff * right_diff * h_reciprocal
    const at::Tensor mean = (w * left_diff) * h_reciprocal;
    const double var = left_diff * right_diff * h_reciprocal;
    const at::Tensor left_w = mean + randn(parent.w_seed) * std::sqrt(var);
    at::Tensor out = node.is_left ? left_w : w - left_w;

    lru_.push_front(n);
    cache_.emplace(n, std::make_pair(out, lru_.begin()));
    while (cache_size_ > 0 && cache_.size() > cache_size_) {
        cache_.erase(lru_.back());
        lru_.pop_back();
    }
    if (cache_size_ == 0) {
        cache_.clear();
        lru_.clear();
    }
    return out;
}

at::Tensor BrownianInterval::operator()(double ta, double tb) {
    const double t0 = nodes_.front().start, t1 = nodes_.front().end;
    ta = std::min(std::max(ta, t0), t1);
    tb = std::min(std::max(tb, t0), t1);
    if (ta > tb) throw PipelineError("bad_brownian_query", "Brownian tree queries need ta <= tb.");
    if (ta == tb) return at::zeros(shape_, at::TensorOptions().dtype(at::kFloat));
    std::vector<int> intervals;
    locate(last_, round(ta), round(tb), intervals);
    last_ = intervals.back();
    at::Tensor w = increment(intervals.front());
    for (size_t i = 1; i < intervals.size(); ++i) w = w + increment(intervals[i]);
    return w;
}

BrownianTreeNoiseSampler::BrownianTreeNoiseSampler(const at::Tensor& x, double sigma_min, double sigma_max,
                                                   const std::vector<uint64_t>& seeds, const std::string& rng_source)
    : options_(x.options()) {
    if (static_cast<int64_t>(seeds.size()) != x.size(0))
        throw PipelineError("seed_count_mismatch", "The Brownian tree needs one seed per image of the batch.");
    // BatchedBrownianTree.sort on the float32 tensors A1111 passes.
    double t0 = static_cast<float>(sigma_min), t1 = static_cast<float>(sigma_max);
    if (!(t0 < t1)) {
        std::swap(t0, t1);
        sign_ = -1;
    }
    const std::vector<int64_t> shape(x.sizes().begin() + 1, x.sizes().end());
    for (uint64_t s : seeds) trees_.emplace_back(t0, t1, shape, s, rng_source);
}

at::Tensor BrownianTreeNoiseSampler::operator()(double sigma, double sigma_next) {
    const float a = static_cast<float>(sigma), b = static_cast<float>(sigma_next);
    float lo = a, hi = b;
    int sign = 1;
    if (!(a < b)) {
        lo = b;
        hi = a;
        sign = -1;
    }
    std::vector<at::Tensor> ws;
    ws.reserve(trees_.size());
    for (auto& tree : trees_) ws.push_back(tree(lo, hi));
    at::Tensor w = at::stack(ws) * static_cast<int64_t>(sign_ * sign);
    // (t1 - t0).abs().sqrt() on float32 0-d tensors.
    const float scale = std::sqrt(std::fabs(b - a));
    w = at::div(w, at::scalar_tensor(scale, at::TensorOptions().dtype(at::kFloat)));
    return w.to(options_);
}

} // namespace latent
