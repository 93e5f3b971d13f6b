// "Euler": k-diffusion sample_euler (Karras et al. 2022, Algorithm 2 with Euler steps).
// Like k-diffusion (the version A1111 ships) it draws one noise tensor per step even when
// s_churn is 0 (the draw is then unused), so the per-image generators advance exactly as in A1111.
#include "pipeline/schedulers/samplers/samplers.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>

namespace latent::samplers {

at::Tensor euler(SamplerContext& ctx, at::Tensor x, const Sigmas& sigmas, const SamplerOptions& o) {
    const int64_t n = static_cast<int64_t>(sigmas.size()) - 1;
    for (int64_t i = 0; i < n; ++i) {
        const double s = sigmas[i];
        const double sigma_hat = churn(ctx, x, s, n, o);
        const at::Tensor denoised = ctx.model(x, sigma_hat);
        const at::Tensor d = to_d(x, sigma_hat, denoised);
        ctx.step(i, n, s, sigma_hat, x, denoised);
        x = x + d * (sigmas[i + 1] - sigma_hat);
    }
    return x;
}

} // namespace latent::samplers
