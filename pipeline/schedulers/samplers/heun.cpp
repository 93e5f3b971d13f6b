// "Heun": k-diffusion sample_heun (Karras et al. 2022, Algorithm 2). Two model calls per step
// except the last step to sigma 0 (Euler). Draws one (normally unused) noise tensor per step.
#include "pipeline/schedulers/samplers/samplers.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>

namespace latent::samplers {

at::Tensor heun(SamplerContext& ctx, at::Tensor x, const Sigmas& sigmas, const SamplerOptions& o) {
    const int64_t n = static_cast<int64_t>(sigmas.size()) - 1;
    for (int64_t i = 0; i < n; ++i) {
        const double s = sigmas[i];
        const double sigma_hat = churn(ctx, x, s, n, o);
        const at::Tensor denoised = ctx.model(x, sigma_hat);
        const at::Tensor d = to_d(x, sigma_hat, denoised);
        ctx.step(i, n, s, sigma_hat, x, denoised);
        const double dt = sigmas[i + 1] - sigma_hat;
        if (sigmas[i + 1] == 0) {
            x = x + d * dt;
        } else {
            const at::Tensor x_2 = x + d * dt;
            const at::Tensor denoised_2 = ctx.model(x_2, sigmas[i + 1]);
            const at::Tensor d_2 = to_d(x_2, sigmas[i + 1], denoised_2);
            x = x + ((d + d_2) / 2) * dt;
        }
    }
    return x;
}

} // namespace latent::samplers
