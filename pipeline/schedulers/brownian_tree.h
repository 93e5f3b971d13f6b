// Brownian-tree noise for the SDE samplers (DPM++ SDE, DPM++ 2M SDE [Heun], DPM++ 3M SDE).
//
// A1111 hands k-diffusion a BrownianTreeNoiseSampler built on torchsde.BrownianTree, one tree
// per image seeded with the image's seed, over [min non-zero sigma, max sigma] of the schedule.
// torchsde's tree draws its values from its own PRNG scheme (a SeedSequence-based splitting
// of the entropy and torch's generators on the device), which we do not reproduce: exact
// equality with A1111's SDE noise is out of reach. This implementation keeps the properties
// that matter:
//   * a true Brownian motion W(t) on [t0, t1] sampled lazily by dyadic bisection (Brownian
//     bridge at every midpoint), so every increment W(b) - W(a) is N(0, |b - a|) and
//     increments over disjoint intervals are independent, whatever the query order;
//   * deterministic per seed: each tree node's normal draw comes from a libtorch CPU generator
//     seeded with a hash of (image seed, node path);
//   * one tree per image, so a batch and single images with the same seeds agree.
// The noise returned for (sigma, sigma_next) is (W(sigma_next) - W(sigma)) / sqrt|sigma_next - sigma|,
// exactly like k-diffusion's BrownianTreeNoiseSampler.
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

namespace latent {

class BrownianTree {
public:
    BrownianTree(uint64_t seed, std::vector<int64_t> shape, double t0, double t1, double tol = 1e-6);
    // W(t) with W(t0) = 0, float32 CPU tensor of the per-image shape. t is clamped into [t0, t1].
    at::Tensor value(double t) const;

private:
    at::Tensor normal(uint64_t node) const;

    uint64_t seed_;
    std::vector<int64_t> shape_;
    double t0_, t1_, tol_;
    at::Tensor w1_;
};

class BrownianTreeNoiseSampler {
public:
    BrownianTreeNoiseSampler(const at::Tensor& x, double sigma_min, double sigma_max,
                             const std::vector<uint64_t>& seeds);
    // [B, ...] noise, like x.
    at::Tensor operator()(double sigma, double sigma_next) const;

private:
    std::vector<BrownianTree> trees_;
    at::TensorOptions options_;
};

} // namespace latent
