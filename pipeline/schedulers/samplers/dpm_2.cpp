// "DPM2": k-diffusion sample_dpm_2 (DPM-Solver-2 inspired, midpoint in log sigma). A1111 runs
// it with "discard_next_to_last_sigma" (handled by the sampler registry when planning).
#include "pipeline/schedulers/samplers/samplers.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>

namespace latent::samplers {

at::Tensor dpm_2(SamplerContext& ctx, at::Tensor x, const Sigmas& sigmas, const SamplerOptions& o) {
    const int64_t n = static_cast<int64_t>(sigmas.size()) - 1;
    for (int64_t i = 0; i < n; ++i) {
        const double s = sigmas[i];
        const double sigma_hat = churn(ctx, x, s, n, o);
        const at::Tensor denoised = ctx.model(x, sigma_hat);
        const at::Tensor d = to_d(x, sigma_hat, denoised);
        ctx.step(i, n, s, sigma_hat, x, denoised);
        if (sigmas[i + 1] == 0) {
            x = x + d * (sigmas[i + 1] - sigma_hat);
        } else {
            const double sigma_mid = std::exp(0.5 * (std::log(sigma_hat) + std::log(sigmas[i + 1])));
            const at::Tensor x_2 = x + d * (sigma_mid - sigma_hat);
            const at::Tensor denoised_2 = ctx.model(x_2, sigma_mid);
            const at::Tensor d_2 = to_d(x_2, sigma_mid, denoised_2);
            x = x + d_2 * (sigmas[i + 1] - sigma_hat);
        }
    }
    return x;
}

} // namespace latent::samplers
