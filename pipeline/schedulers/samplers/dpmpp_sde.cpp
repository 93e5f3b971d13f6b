// "DPM++ SDE": k-diffusion sample_dpmpp_sde (stochastic DPM-Solver++, r = 1/2, eta 1) with
// A1111's per-image Brownian-tree noise (see brownian_tree.h for how it differs from torchsde).
#include "pipeline/schedulers/samplers/samplers.h"

#include <ATen/ATen.h>

#include <cmath>

namespace latent::samplers {

at::Tensor dpmpp_sde(SamplerContext& ctx, at::Tensor x, const Sigmas& sigmas, const SamplerOptions& o) {
    const double eta = o.eta.value_or(1.0);
    const double r = o.dpmpp_sde_r;
    const NoiseSampler noise = brownian_noise_sampler(ctx, x, sigmas, o);
    auto sigma_fn = [](double t) { return std::exp(-t); };
    auto t_fn = [](double s) { return -std::log(s); };
    const int64_t n = static_cast<int64_t>(sigmas.size()) - 1;
    for (int64_t i = 0; i < n; ++i) {
        const at::Tensor denoised = ctx.model(x, sigmas[i]);
        ctx.step(i, n, sigmas[i], sigmas[i], x, denoised);
        if (sigmas[i + 1] == 0) {
            x = x + to_d(x, sigmas[i], denoised) * (sigmas[i + 1] - sigmas[i]);
        } else {
            const double t = t_fn(sigmas[i]), t_next = t_fn(sigmas[i + 1]);
            const double h = t_next - t;
            const double s = t + h * r;
            const double fac = 1 / (2 * r);
            // Step 1
            auto [sd, su] = ancestral_step(sigma_fn(t), sigma_fn(s), eta);
            const double s_ = t_fn(sd);
            at::Tensor x_2 = (sigma_fn(s_) / sigma_fn(t)) * x - std::expm1(t - s_) * denoised;
            x_2 = x_2 + noise(sigma_fn(t), sigma_fn(s)) * (o.s_noise * su);
            const at::Tensor denoised_2 = ctx.model(x_2, sigma_fn(s));
            // Step 2
            std::tie(sd, su) = ancestral_step(sigma_fn(t), sigma_fn(t_next), eta);
            const double t_next_ = t_fn(sd);
            const at::Tensor denoised_d = (1 - fac) * denoised + fac * denoised_2;
            x = (sigma_fn(t_next_) / sigma_fn(t)) * x - std::expm1(t - t_next_) * denoised_d;
            x = x + noise(sigma_fn(t), sigma_fn(t_next)) * (o.s_noise * su);
        }
    }
    return x;
}

} // namespace latent::samplers
