// "DPM++ 2M": k-diffusion sample_dpmpp_2m (DPM-Solver++(2M), multistep in log sigma; the first
// step and the step to sigma 0 are first order).
#include "pipeline/schedulers/samplers/samplers.h"

#include <ATen/ATen.h>

#include <cmath>

namespace latent::samplers {

at::Tensor dpmpp_2m(SamplerContext& ctx, at::Tensor x, const Sigmas& sigmas, const SamplerOptions&) {
    auto sigma_fn = [](double t) { return std::exp(-t); };
    auto t_fn = [](double s) { return -std::log(s); };
    at::Tensor old_denoised;
    const int64_t n = static_cast<int64_t>(sigmas.size()) - 1;
    for (int64_t i = 0; i < n; ++i) {
        const at::Tensor denoised = ctx.model(x, sigmas[i]);
        ctx.step(i, n, sigmas[i], sigmas[i], x, denoised);
        const double t = t_fn(sigmas[i]);
        const double t_next = sigmas[i + 1] > 0 ? t_fn(sigmas[i + 1]) : INFINITY;
        const double h = t_next - t;
        // sigma_fn(t_next)/sigma_fn(t) = sigma_next/sigma; -(expm1(-h)) = 1 - sigma_next/sigma.
        const double ratio = sigmas[i + 1] > 0 ? sigma_fn(t_next) / sigma_fn(t) : 0.0;
        const double coeff = sigmas[i + 1] > 0 ? std::expm1(-h) : -1.0;
        if (!old_denoised.defined() || sigmas[i + 1] == 0) {
            x = ratio * x - coeff * denoised;
        } else {
            const double h_last = t - t_fn(sigmas[i - 1]);
            const double r = h_last / h;
            const at::Tensor denoised_d = (1 + 1 / (2 * r)) * denoised - (1 / (2 * r)) * old_denoised;
            x = ratio * x - coeff * denoised_d;
        }
        old_denoised = denoised;
    }
    return x;
}

} // namespace latent::samplers
