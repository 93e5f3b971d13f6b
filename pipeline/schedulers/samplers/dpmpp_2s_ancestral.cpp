// "DPM++ 2S a": k-diffusion sample_dpmpp_2s_ancestral (DPM-Solver++(2S) steps + ancestral noise).
#include "pipeline/schedulers/samplers/samplers.h"

#include <ATen/ATen.h>

#include <cmath>

namespace latent::samplers {

at::Tensor dpmpp_2s_ancestral(SamplerContext& ctx, at::Tensor x, const Sigmas& sigmas, const SamplerOptions& o) {
    const double eta = o.eta.value_or(1.0);
    const NoiseSampler noise = default_noise_sampler(ctx, x);
    auto sigma_fn = [](double t) { return std::exp(-t); };
    auto t_fn = [](double s) { return -std::log(s); };
    const int64_t n = static_cast<int64_t>(sigmas.size()) - 1;
    for (int64_t i = 0; i < n; ++i) {
        const at::Tensor denoised = ctx.model(x, sigmas[i]);
        const auto [sigma_down, sigma_up] = ancestral_step(sigmas[i], sigmas[i + 1], eta);
        ctx.step(i, n, sigmas[i], sigmas[i], x, denoised);
        if (sigma_down == 0) {
            x = x + to_d(x, sigmas[i], denoised) * (sigma_down - sigmas[i]);
        } else {
            const double t = t_fn(sigmas[i]), t_next = t_fn(sigma_down);
            const double r = 0.5;
            const double h = t_next - t;
            const double s = t + r * h;
            const at::Tensor x_2 = (sigma_fn(s) / sigma_fn(t)) * x - std::expm1(-h * r) * denoised;
            const at::Tensor denoised_2 = ctx.model(x_2, sigma_fn(s));
            x = (sigma_fn(t_next) / sigma_fn(t)) * x - std::expm1(-h) * denoised_2;
        }
        if (sigmas[i + 1] > 0) x = x + noise(sigmas[i], sigmas[i + 1]) * (o.s_noise * sigma_up);
    }
    return x;
}

} // namespace latent::samplers
