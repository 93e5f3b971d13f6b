// "LCM": A1111 modules/sd_samplers_lcm.py sample_lcm. Each step jumps to the denoised estimate
// and re-noises it to the next sigma with the per-image generators. The model must be wrapped
// with LcmDenoiser (denoiser.h), which the sampler registry reports through SamplingPlan.
#include "pipeline/schedulers/samplers/samplers.h"

#include <ATen/ATen.h>

namespace latent::samplers {

at::Tensor lcm(SamplerContext& ctx, at::Tensor x, const Sigmas& sigmas, const SamplerOptions&) {
    const NoiseSampler noise = default_noise_sampler(ctx, x);
    const int64_t n = static_cast<int64_t>(sigmas.size()) - 1;
    for (int64_t i = 0; i < n; ++i) {
        const at::Tensor denoised = ctx.model(x, sigmas[i]);
        ctx.step(i, n, sigmas[i], sigmas[i], x, denoised);
        x = denoised;
        if (sigmas[i + 1] > 0) x = x + sigmas[i + 1] * noise(sigmas[i], sigmas[i + 1]);
    }
    return x;
}

} // namespace latent::samplers
