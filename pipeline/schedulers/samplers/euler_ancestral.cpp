// "Euler a": k-diffusion sample_euler_ancestral (eta 1, s_noise 1 by default). Noise is added
// only when the next sigma is above 0.
#include "pipeline/schedulers/samplers/samplers.h"

#include <ATen/ATen.h>

namespace latent::samplers {

at::Tensor euler_ancestral(SamplerContext& ctx, at::Tensor x, const Sigmas& sigmas, const SamplerOptions& o) {
    const double eta = o.eta.value_or(1.0);
    const NoiseSampler noise = default_noise_sampler(ctx, x);
    const int64_t n = static_cast<int64_t>(sigmas.size()) - 1;
    for (int64_t i = 0; i < n; ++i) {
        const at::Tensor denoised = ctx.model(x, sigmas[i]);
        const auto [sigma_down, sigma_up] = ancestral_step(sigmas[i], sigmas[i + 1], eta);
        ctx.step(i, n, sigmas[i], sigmas[i], x, denoised);
        const at::Tensor d = to_d(x, sigmas[i], denoised);
        x = x + d * (sigma_down - sigmas[i]);
        if (sigmas[i + 1] > 0) x = x + noise(sigmas[i], sigmas[i + 1]) * (o.s_noise * sigma_up);
    }
    return x;
}

} // namespace latent::samplers
