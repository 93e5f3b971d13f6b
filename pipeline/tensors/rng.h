// Per-image noise generators, as A1111 draws them (modules/rng.py, modules/rng_philox.py).
//
// Every image of a job owns one generator seeded with its own seed (seed + i). The first draw is
// the initial latent noise; every later draw (ancestral / SDE steps) comes from the same
// generator, in the order the sampler asks. Drawing a batch therefore gives exactly the noise of
// the same images generated one by one.
//
// Sources ("randn_source" in A1111):
//  * "cpu": libtorch's CPU generator, identical to
//           torch.randn(shape, generator=torch.Generator().manual_seed(seed)).
//  * "nv":  A1111's "NV" generator: CUDA's Philox4x32-10 + Box-Muller re-implemented on the CPU,
//           equal to torch.randn(..., device="cuda") on NVIDIA GPUs.
//  * "gpu": A1111's default. On an NVIDIA GPU A1111 calls torch.randn on the device, which
//           produces exactly what "nv" produces, so we always use the Philox implementation for
//           it (on CPU builds and CUDA builds alike). This keeps GPU-seeded images reproducible
//           on any machine.
#pragma once

#include <ATen/core/Tensor.h>
#include <c10/util/ArrayRef.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace latent {

// One stream of standard-normal float32 CPU tensors.
class NoiseGenerator {
public:
    virtual ~NoiseGenerator() = default;
    virtual at::Tensor randn(at::IntArrayRef shape) = 0;
    virtual std::string source() const = 0;  // "cpu" or "nv"
};

// libtorch CPU generator (mt19937-based), bit-identical to PyTorch's CPU torch.randn.
class CpuNoiseGenerator : public NoiseGenerator {
public:
    explicit CpuNoiseGenerator(uint64_t seed);
    at::Tensor randn(at::IntArrayRef shape) override;
    std::string source() const override { return "cpu"; }

private:
    at::Generator gen_;
};

// CUDA Philox4x32-10 + Box-Muller (A1111 rng_philox.Generator). Each randn() call uses counter
// (offset, 0, i, 0) for value i and then increments offset by one.
class PhiloxNoiseGenerator : public NoiseGenerator {
public:
    explicit PhiloxNoiseGenerator(uint64_t seed) : seed_(seed) {}
    at::Tensor randn(at::IntArrayRef shape) override;
    std::string source() const override { return "nv"; }
    uint64_t offset() const { return offset_; }

    // The raw algorithm for one value (exposed for tests).
    static float value(uint64_t seed, uint32_t offset, uint32_t index);

private:
    uint64_t seed_;
    uint64_t offset_ = 0;
};

// Normalises a user-facing RNG source name: "cpu" / "CPU" -> "cpu", "gpu" / "GPU" -> "gpu",
// "nv" / "NV" -> "nv". Throws PipelineError("unknown_rng_source") otherwise.
std::string canonical_rng_source(std::string_view name);
// A1111 infotext spelling ("CPU", "GPU", "NV").
std::string rng_source_label(std::string_view name);

// Factory by source name ("cpu", "gpu", "nv"; case-insensitive).
std::unique_ptr<NoiseGenerator> make_noise_generator(std::string_view source, uint64_t seed);

// A1111 modules/rng.py slerp, including its quirks: norms are taken over dim 1 of the tensor
// (for a [C, H, W] noise tensor that is the H axis), and when the mean of the normalised dot
// product exceeds 0.9995 A1111 returns low * val + high * (1 - val).
at::Tensor slerp(double val, const at::Tensor& low, const at::Tensor& high);

// Where a sampler gets its noise from: noise shaped like x ([B, ...]).
class NoiseSource {
public:
    virtual ~NoiseSource() = default;
    virtual at::Tensor randn_like(const at::Tensor& x) = 0;
};

struct BatchNoiseOptions {
    std::string source = "gpu";         // "cpu", "gpu", "nv"
    std::vector<uint64_t> seeds;        // one per image
    std::vector<uint64_t> subseeds;     // variation seeds (missing entries mean subseed 0, as A1111)
    double subseed_strength = 0.0;      // 0 disables variation noise
    int64_t eta_noise_seed_delta = 0;   // A1111 "ENSD": reseeds generators after the first draw
    // A1111 "Seed resize from" (pixels; <= 0 = off): the initial noise (and variation noise) is
    // drawn for [C, h/8, w/8] from fresh generators and centred (cropped or padded with the
    // image generator's own first draw of the real shape) into the real shape.
    int64_t seed_resize_from_h = 0;
    int64_t seed_resize_from_w = 0;
};

// A1111 ImageRNG: one generator per image, [B, ...] noise drawn slice by slice.
class BatchNoise : public NoiseSource {
public:
    BatchNoise(BatchNoiseOptions options, std::vector<int64_t> shape /* per image, e.g. {4,h,w} */);

    // The next draw for the whole batch ([B, shape...], float32 CPU). The very first call gives
    // the initial noise (with variation-seed slerp applied); later calls give sampler noise.
    at::Tensor next();
    // NoiseSource: sampler noise. Like A1111's randn_like hijack, the draw has the per-image shape
    // given at construction; x only supplies device and dtype.
    at::Tensor randn_like(const at::Tensor& x) override;

    int64_t draws() const { return draws_; }
    int64_t batch_size() const { return static_cast<int64_t>(generators_.size()); }
    const std::vector<int64_t>& shape() const { return shape_; }

private:
    at::Tensor first();

    BatchNoiseOptions options_;
    std::vector<int64_t> shape_;
    std::vector<std::unique_ptr<NoiseGenerator>> generators_;
    int64_t draws_ = 0;
};

} // namespace latent
