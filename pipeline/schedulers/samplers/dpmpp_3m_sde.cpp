// "DPM++ 3M SDE": k-diffusion sample_dpmpp_3m_sde (eta 1), Brownian-tree noise per image.
// A1111 runs it with "discard_next_to_last_sigma" (handled by the registry when planning).
#include "pipeline/schedulers/samplers/samplers.h"

#include <ATen/ATen.h>

#include <cmath>
#include <optional>

namespace latent::samplers {

at::Tensor dpmpp_3m_sde(SamplerContext& ctx, at::Tensor x, const Sigmas& sigmas, const SamplerOptions& o) {
    const double eta = o.eta.value_or(1.0);
    const NoiseSampler noise = brownian_noise_sampler(ctx, x, sigmas, o);
    at::Tensor denoised_1, denoised_2;
    std::optional<double> h_1, h_2;
    const int64_t n = static_cast<int64_t>(sigmas.size()) - 1;
    for (int64_t i = 0; i < n; ++i) {
        const at::Tensor denoised = ctx.model(x, sigmas[i]);
        ctx.step(i, n, sigmas[i], sigmas[i], x, denoised);
        std::optional<double> h;
        if (sigmas[i + 1] == 0) {
            x = denoised;
        } else {
            const double t = -std::log(sigmas[i]), s = -std::log(sigmas[i + 1]);
            h = s - t;
            const double h_eta = *h * (eta + 1);
            x = std::exp(-h_eta) * x + (-std::expm1(-h_eta)) * denoised;
            if (h_2) {
                const double r0 = *h_1 / *h, r1 = *h_2 / *h;
                const at::Tensor d1_0 = (denoised - denoised_1) / r0;
                const at::Tensor d1_1 = (denoised_1 - denoised_2) / r1;
                const at::Tensor d1 = d1_0 + (d1_0 - d1_1) * (r0 / (r0 + r1));
                const at::Tensor d2 = (d1_0 - d1_1) / (r0 + r1);
                const double phi_2 = std::expm1(-h_eta) / h_eta + 1;
                const double phi_3 = phi_2 / h_eta - 0.5;
                x = x + phi_2 * d1 - phi_3 * d2;
            } else if (h_1) {
                const double r = *h_1 / *h;
                const at::Tensor d = (denoised - denoised_1) / r;
                const double phi_2 = std::expm1(-h_eta) / h_eta + 1;
                x = x + phi_2 * d;
            }
            if (eta != 0)
                x = x + noise(sigmas[i], sigmas[i + 1]) *
                            (sigmas[i + 1] * std::sqrt(-std::expm1(-2 * *h * eta)) * o.s_noise);
        }
        denoised_2 = denoised_1;
        denoised_1 = denoised;
        h_2 = h_1;
        h_1 = h;
    }
    return x;
}

} // namespace latent::samplers
