#include "pipeline/tensors/rng.h"

#include "pipeline/core/error.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

#include <cctype>
#include <cmath>

namespace latent {

// ---------------------------------------------------------------------------------------------
// CPU

CpuNoiseGenerator::CpuNoiseGenerator(uint64_t seed) : gen_(at::detail::createCPUGenerator(seed)) {}

at::Tensor CpuNoiseGenerator::randn(at::IntArrayRef shape) {
    return at::randn(shape, gen_, at::TensorOptions().dtype(at::kFloat).device(at::kCPU));
}

// ---------------------------------------------------------------------------------------------
// Philox4x32-10 + Box-Muller

namespace {

constexpr uint32_t kPhiloxM0 = 0xD2511F53u;
constexpr uint32_t kPhiloxM1 = 0xCD9E8D57u;
constexpr uint32_t kPhiloxW0 = 0x9E3779B9u;
constexpr uint32_t kPhiloxW1 = 0xBB67AE85u;

inline void philox_round(uint32_t c[4], const uint32_t k[2]) {
    const uint64_t v1 = static_cast<uint64_t>(c[0]) * kPhiloxM0;
    const uint64_t v2 = static_cast<uint64_t>(c[2]) * kPhiloxM1;
    const uint32_t n0 = static_cast<uint32_t>(v2 >> 32) ^ c[1] ^ k[0];
    const uint32_t n1 = static_cast<uint32_t>(v2);
    const uint32_t n2 = static_cast<uint32_t>(v1 >> 32) ^ c[3] ^ k[1];
    const uint32_t n3 = static_cast<uint32_t>(v1);
    c[0] = n0;
    c[1] = n1;
    c[2] = n2;
    c[3] = n3;
}

inline float box_muller(uint32_t x, uint32_t y) {
    // float32 constants as in A1111, arithmetic in double (numpy promotes uint32 * float32 to
    // float64), result rounded to float32.
    const double c = static_cast<double>(2.3283064e-10f);
    const double c_half = static_cast<double>(2.3283064e-10f / 2.0f);
    const float c2f = static_cast<float>(2.3283064e-10 * 6.2831855);
    const double c2 = static_cast<double>(c2f);
    const double c2_half = static_cast<double>(c2f / 2.0f);
    const double u = static_cast<double>(x) * c + c_half;
    const double v = static_cast<double>(y) * c2 + c2_half;
    const double s = std::sqrt(-2.0 * std::log(u));
    return static_cast<float>(s * std::sin(v));
}

inline float philox_value(uint64_t seed, uint32_t offset, uint32_t index) {
    uint32_t c[4] = {offset, 0u, index, 0u};
    uint32_t k[2] = {static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32)};
    for (int r = 0; r < 9; ++r) {
        philox_round(c, k);
        k[0] += kPhiloxW0;
        k[1] += kPhiloxW1;
    }
    philox_round(c, k);
    return box_muller(c[0], c[1]);
}

} // namespace

float PhiloxNoiseGenerator::value(uint64_t seed, uint32_t offset, uint32_t index) {
    return philox_value(seed, offset, index);
}

at::Tensor PhiloxNoiseGenerator::randn(at::IntArrayRef shape) {
    at::Tensor out = at::empty(shape, at::TensorOptions().dtype(at::kFloat).device(at::kCPU));
    const int64_t n = out.numel();
    if (n > static_cast<int64_t>(UINT32_MAX))
        throw PipelineError("noise_too_large",
                            "The NV random generator cannot produce more than 2^32 values per draw.");
    float* p = out.data_ptr<float>();
    const uint32_t offset = static_cast<uint32_t>(offset_);
    for (int64_t i = 0; i < n; ++i) p[i] = philox_value(seed_, offset, static_cast<uint32_t>(i));
    ++offset_;
    return out;
}

// ---------------------------------------------------------------------------------------------

std::string canonical_rng_source(std::string_view name) {
    std::string s;
    for (char ch : name) s.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
    if (s == "cpu" || s == "gpu" || s == "nv") return s;
    throw PipelineError("unknown_rng_source",
                        "Unknown random number source \"" + std::string(name) +
                            "\"; use cpu, gpu or nv.");
}

std::string rng_source_label(std::string_view name) {
    const std::string s = canonical_rng_source(name);
    if (s == "cpu") return "CPU";
    if (s == "nv") return "NV";
    return "GPU";
}

std::unique_ptr<NoiseGenerator> make_noise_generator(std::string_view source, uint64_t seed) {
    const std::string s = canonical_rng_source(source);
    if (s == "cpu") return std::make_unique<CpuNoiseGenerator>(seed);
    // "gpu" and "nv": CUDA torch.randn == Philox4x32-10 + Box-Muller (see rng.h).
    return std::make_unique<PhiloxNoiseGenerator>(seed);
}

at::Tensor slerp(double val, const at::Tensor& low, const at::Tensor& high) {
    const at::Tensor low_norm = low / at::norm(low, 2, {1}, /*keepdim=*/true);
    const at::Tensor high_norm = high / at::norm(high, 2, {1}, /*keepdim=*/true);
    const at::Tensor dot = (low_norm * high_norm).sum(1);
    if (dot.mean().item<double>() > 0.9995) return low * val + high * (1.0 - val);
    const at::Tensor omega = at::acos(dot);
    const at::Tensor so = at::sin(omega);
    return (at::sin((1.0 - val) * omega) / so).unsqueeze(1) * low +
           (at::sin(val * omega) / so).unsqueeze(1) * high;
}

// ---------------------------------------------------------------------------------------------

BatchNoise::BatchNoise(BatchNoiseOptions options, std::vector<int64_t> shape)
    : options_(std::move(options)), shape_(std::move(shape)) {
    options_.source = canonical_rng_source(options_.source);
    if (options_.seeds.empty())
        throw PipelineError("no_seeds", "At least one seed is needed to generate noise.");
    for (uint64_t seed : options_.seeds)
        generators_.push_back(make_noise_generator(options_.source, seed));
}

at::Tensor BatchNoise::first() {
    // A1111 ImageRNG.first: the noise shape of "Seed resize from" (C, h // 8, w // 8).
    std::vector<int64_t> noise_shape = shape_;
    if (options_.seed_resize_from_h > 0 && options_.seed_resize_from_w > 0 && shape_.size() == 3)
        noise_shape = {shape_[0], options_.seed_resize_from_h / 8, options_.seed_resize_from_w / 8};
    const bool resized = noise_shape != shape_;
    std::vector<at::Tensor> xs;
    xs.reserve(generators_.size());
    for (size_t i = 0; i < generators_.size(); ++i) {
        at::Tensor subnoise;
        if (options_.subseed_strength != 0.0) {
            const uint64_t subseed = i < options_.subseeds.size() ? options_.subseeds[i] : 0;
            // A1111 draws the variation noise from a fresh generator seeded with the subseed.
            subnoise = make_noise_generator(options_.source, subseed)->randn(noise_shape);
        }
        at::Tensor noise = resized ? make_noise_generator(options_.source, options_.seeds[i])->randn(noise_shape)
                                   : generators_[i]->randn(shape_);
        if (subnoise.defined()) noise = slerp(options_.subseed_strength, noise, subnoise);
        if (resized) {
            // Centre the resized noise in the image generator's own first draw.
            at::Tensor x = generators_[i]->randn(shape_);
            int64_t dx = (shape_[2] - noise_shape[2]) / 2, dy = (shape_[1] - noise_shape[1]) / 2;
            // Python floor division for negative differences.
            if ((shape_[2] - noise_shape[2]) < 0 && (shape_[2] - noise_shape[2]) % 2 != 0) dx -= 1;
            if ((shape_[1] - noise_shape[1]) < 0 && (shape_[1] - noise_shape[1]) % 2 != 0) dy -= 1;
            const int64_t w = dx >= 0 ? noise_shape[2] : noise_shape[2] + 2 * dx;
            const int64_t h = dy >= 0 ? noise_shape[1] : noise_shape[1] + 2 * dy;
            const int64_t tx = dx < 0 ? 0 : dx, ty = dy < 0 ? 0 : dy;
            dx = std::max<int64_t>(-dx, 0);
            dy = std::max<int64_t>(-dy, 0);
            if (w > 0 && h > 0) x.narrow(1, ty, h).narrow(2, tx, w).copy_(noise.narrow(1, dy, h).narrow(2, dx, w));
            noise = x;
        }
        xs.push_back(noise);
    }
    if (options_.eta_noise_seed_delta != 0) {
        for (size_t i = 0; i < generators_.size(); ++i)
            generators_[i] = make_noise_generator(
                options_.source,
                options_.seeds[i] + static_cast<uint64_t>(options_.eta_noise_seed_delta));
    }
    return at::stack(xs);
}

at::Tensor BatchNoise::next() {
    at::Tensor out;
    if (draws_ == 0) {
        out = first();
    } else {
        std::vector<at::Tensor> xs;
        xs.reserve(generators_.size());
        for (auto& g : generators_) xs.push_back(g->randn(shape_));
        out = at::stack(xs);
    }
    ++draws_;
    return out;
}

at::Tensor BatchNoise::randn_like(const at::Tensor& x) {
    return next().to(x.options());
}

} // namespace latent
