#include "pipeline/schedulers/brownian_tree.h"

#include "pipeline/core/error.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

#include <cmath>

namespace latent {

namespace {

uint64_t splitmix64(uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

} // namespace

BrownianTree::BrownianTree(uint64_t seed, std::vector<int64_t> shape, double t0, double t1, double tol)
    : seed_(seed), shape_(std::move(shape)), t0_(std::min(t0, t1)), t1_(std::max(t0, t1)), tol_(tol) {
    if (!(t1_ > t0_)) t1_ = t0_ + 1e-6;
    w1_ = normal(1) * std::sqrt(t1_ - t0_);
}

at::Tensor BrownianTree::normal(uint64_t node) const {
    const uint64_t s = splitmix64(splitmix64(seed_ ^ 0x5DEECE66Dull) ^ splitmix64(node * 0x2545F4914F6CDD1Dull + 1));
    at::Generator gen = at::detail::createCPUGenerator(s);
    return at::randn(shape_, gen, at::TensorOptions().dtype(at::kFloat));
}

at::Tensor BrownianTree::value(double t) const {
    t = std::min(std::max(t, t0_), t1_);
    double a = t0_, b = t1_;
    // W(a), W(b) in double for stable accumulation over the depth of the tree.
    at::Tensor wa = at::zeros(shape_, at::TensorOptions().dtype(at::kDouble));
    at::Tensor wb = w1_.to(at::kDouble);
    uint64_t node = 1;
    for (int depth = 0; depth < 60; ++depth) {
        if (t == a) return wa.to(at::kFloat);
        if (t == b) return wb.to(at::kFloat);
        if (b - a <= tol_) break;
        const double mid = 0.5 * (a + b);
        const at::Tensor wm = 0.5 * (wa + wb) + normal(node * 2 + 1).to(at::kDouble) * std::sqrt((b - a) / 4.0);
        if (t < mid) {
            b = mid;
            wb = wm;
            node = node * 2;
        } else {
            a = mid;
            wa = wm;
            node = node * 2 + 1;
        }
    }
    // Within the tolerance: Brownian-bridge mean (linear interpolation).
    const double w = (t - a) / (b - a);
    return (wa + (wb - wa) * w).to(at::kFloat);
}

BrownianTreeNoiseSampler::BrownianTreeNoiseSampler(const at::Tensor& x, double sigma_min, double sigma_max,
                                                   const std::vector<uint64_t>& seeds)
    : options_(x.options()) {
    if (static_cast<int64_t>(seeds.size()) != x.size(0))
        throw PipelineError("seed_count_mismatch", "The Brownian tree needs one seed per image of the batch.");
    std::vector<int64_t> shape(x.sizes().begin() + 1, x.sizes().end());
    for (uint64_t s : seeds) trees_.emplace_back(s, shape, sigma_min, sigma_max);
}

at::Tensor BrownianTreeNoiseSampler::operator()(double sigma, double sigma_next) const {
    const double t0 = std::min(sigma, sigma_next), t1 = std::max(sigma, sigma_next);
    const double sign = sigma_next >= sigma ? 1.0 : -1.0;
    const double scale = std::sqrt(std::fabs(t1 - t0));
    std::vector<at::Tensor> xs;
    for (const auto& tree : trees_) xs.push_back((tree.value(t1) - tree.value(t0)) * sign);
    at::Tensor w = at::stack(xs);
    if (scale > 0) w = w / scale;
    return w.to(options_);
}

} // namespace latent
