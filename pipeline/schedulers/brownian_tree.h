// Brownian-tree noise for the SDE samplers (DPM++ SDE, DPM++ 2M SDE [Heun], DPM++ 3M SDE),
// bit-for-bit as A1111 v1.10.1 draws it.
//
// A1111 (sd_samplers_common.py create_noise_sampler) hands k-diffusion a
// BrownianTreeNoiseSampler(x, sigma_min, sigma_max, seed=<the seeds of this batch>): sigma_min /
// sigma_max are the smallest non-zero and the largest sigma of the whole schedule, and
// k-diffusion's BatchedBrownianTree builds one torchsde.BrownianTree per image seed (entropy =
// the seed) on the per-image shape [4, h, w], float32.
//
// torchsde 0.2.6's BrownianTree is a BrownianInterval with halfway_tree=True, tol=1e-6,
// pool_size=24, cache_size=45 and no Lévy area:
//  * every time is rounded to 6 decimals (Python round(x, 6)); t0/t1 themselves too;
//  * the root increment W(t0, t1) = randn(seed_W) * sqrt(t1 - t0) (unrounded t0/t1), with
//    (seed_W, seed_H, seed_A) = SeedSequence(entropy, pool_size=24).generate_state(3);
//  * a query [ta, tb] is located in a binary tree of intervals, splitting a leaf always at its
//    (rounded) midpoint until ta / tb are interval boundaries; the answer is the sum, left to
//    right, of the increments of the intervals that make up [ta, tb];
//  * a node split at `mid` gets (seed_W, ...) = SeedSequence(entropy, spawn_key=(key, depth),
//    pool_size=24).generate_state(4), where the root has (key 0, depth 0) and a child has
//    key = 2·parent key + (0 left, 1 right), depth = parent depth + 1;
//  * a child's increment is the Brownian bridge of its parent's increment W:
//    left = (left_len·W)·(1/len) + sqrt(left_len·right_len/len)·randn(parent seed_W),
//    right = W − left, in float32 tensor arithmetic (Python floats as scalars);
//  * randn(seed) is A1111's devices.randn_local(seed, shape) (A1111 patches torchsde's _randn):
//    a fresh generator of the job's RNG source ("CPU": torch CPU generator, "NV"/"GPU": the
//    Philox generator) seeded with the 32-bit node seed, first draw.
// The noise for (sigma, sigma_next) is sign·(W(max) − W(min)) / sqrt(|sigma_next − sigma|), the
// division in float32.
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <list>
#include <string>
#include <unordered_map>
#include <vector>

namespace latent {

// torchsde BrownianInterval as torchsde.BrownianTree configures it.
class BrownianInterval {
public:
    BrownianInterval(double t0, double t1, std::vector<int64_t> shape, uint64_t entropy, std::string rng_source = "cpu",
                     double tol = 1e-6, int pool_size = 24, size_t cache_size = 45);
    // W(tb) − W(ta) for t0 <= ta <= tb <= t1 (clamped into [t0, t1] like torchsde), float32 CPU.
    at::Tensor operator()(double ta, double tb);

    double start() const { return nodes_.front().start; }
    double end() const { return nodes_.front().end; }
    size_t node_count() const { return nodes_.size(); }
    // torchsde's quantisation: Python round(x, ndigits) with ndigits = -int(log10(tol)).
    double round(double x) const;

private:
    struct Node {
        double start = 0, end = 0;
        int parent = -1;
        bool is_left = false;
        bool split = false;
        double mid = 0;
        uint64_t key = 0;
        int64_t depth = 0;
        uint32_t w_seed = 0;
        int left = -1, right = -1;
    };

    int add_node(double start, double end, int parent, bool is_left);
    void split_exact(int n);
    void split(int n, double midway);
    void locate(int n, double ta, double tb, std::vector<int>& out);
    at::Tensor increment(int n);
    at::Tensor randn(uint32_t seed) const;

    std::vector<int64_t> shape_;
    uint64_t entropy_;
    std::string rng_source_;
    int ndigits_ = 0;
    bool quantise_ = false;
    int pool_size_;
    size_t cache_size_;
    std::vector<Node> nodes_;
    at::Tensor w_root_;
    int last_ = 0;
    // LRU cache of increments (torchsde keeps 45; values do not depend on it).
    std::list<int> lru_;
    std::unordered_map<int, std::pair<at::Tensor, std::list<int>::iterator>> cache_;
};

// k-diffusion BrownianTreeNoiseSampler over a BatchedBrownianTree: one tree per image seed.
class BrownianTreeNoiseSampler {
public:
    // x: [B, ...]; sigma_min / sigma_max: float32 values (as A1111 takes them from the schedule).
    BrownianTreeNoiseSampler(const at::Tensor& x, double sigma_min, double sigma_max,
                             const std::vector<uint64_t>& seeds, const std::string& rng_source = "cpu");
    // [B, ...] noise, like x (device and dtype of x).
    at::Tensor operator()(double sigma, double sigma_next);

private:
    std::vector<BrownianInterval> trees_;
    int sign_ = 1;
    at::TensorOptions options_;
};

} // namespace latent
