// "DPM2 a": k-diffusion sample_dpm_2_ancestral. Note k-diffusion adds noise only inside the
// second-order branch (sigma_down > 0), so the last step draws nothing.
#include "pipeline/schedulers/samplers/samplers.h"

#include <ATen/ATen.h>

#include <cmath>

namespace latent::samplers {

at::Tensor dpm_2_ancestral(SamplerContext& ctx, at::Tensor x, const Sigmas& sigmas, const SamplerOptions& o) {
    const double eta = o.eta.value_or(1.0);
    const NoiseSampler noise = default_noise_sampler(ctx, x);
    const int64_t n = static_cast<int64_t>(sigmas.size()) - 1;
    for (int64_t i = 0; i < n; ++i) {
        const at::Tensor denoised = ctx.model(x, sigmas[i]);
        const auto [sigma_down, sigma_up] = ancestral_step(sigmas[i], sigmas[i + 1], eta);
        ctx.step(i, n, sigmas[i], sigmas[i], x, denoised);
        const at::Tensor d = to_d(x, sigmas[i], denoised);
        if (sigma_down == 0) {
            x = x + d * (sigma_down - sigmas[i]);
        } else {
            const double sigma_mid = std::exp(0.5 * (std::log(sigmas[i]) + std::log(sigma_down)));
            const at::Tensor x_2 = x + d * (sigma_mid - sigmas[i]);
            const at::Tensor denoised_2 = ctx.model(x_2, sigma_mid);
            const at::Tensor d_2 = to_d(x_2, sigma_mid, denoised_2);
            x = x + d_2 * (sigma_down - sigmas[i]);
            x = x + noise(sigmas[i], sigmas[i + 1]) * (o.s_noise * sigma_up);
        }
    }
    return x;
}

} // namespace latent::samplers
