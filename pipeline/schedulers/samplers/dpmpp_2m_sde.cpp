// "DPM++ 2M SDE" and "DPM++ 2M SDE Heun": k-diffusion sample_dpmpp_2m_sde with solver_type
// "midpoint" or "heun" (eta 1), Brownian-tree noise per image (see brownian_tree.h).
#include "pipeline/schedulers/samplers/samplers.h"

#include "pipeline/core/error.h"

#include <ATen/ATen.h>

#include <cmath>

namespace latent::samplers {

at::Tensor dpmpp_2m_sde(SamplerContext& ctx, at::Tensor x, const Sigmas& sigmas, const SamplerOptions& o) {
    if (o.solver_type != "heun" && o.solver_type != "midpoint")
        throw PipelineError("bad_solver_type", "solver_type must be 'heun' or 'midpoint'.");
    const double eta = o.eta.value_or(1.0);
    const NoiseSampler noise = brownian_noise_sampler(ctx, x, sigmas, o);
    at::Tensor old_denoised;
    double h_last = 0;
    bool have_h = false;
    const int64_t n = static_cast<int64_t>(sigmas.size()) - 1;
    for (int64_t i = 0; i < n; ++i) {
        const at::Tensor denoised = ctx.model(x, sigmas[i]);
        ctx.step(i, n, sigmas[i], sigmas[i], x, denoised);
        double h = 0;
        if (sigmas[i + 1] == 0) {
            x = denoised;
        } else {
            const double t = -std::log(sigmas[i]), s = -std::log(sigmas[i + 1]);
            h = s - t;
            const double eta_h = eta * h;
            x = (sigmas[i + 1] / sigmas[i] * std::exp(-eta_h)) * x + (-std::expm1(-h - eta_h)) * denoised;
            if (old_denoised.defined() && have_h) {
                const double r = h_last / h;
                if (o.solver_type == "heun")
                    x = x + ((-std::expm1(-h - eta_h)) / (-h - eta_h) + 1) * (1 / r) * (denoised - old_denoised);
                else
                    x = x + 0.5 * (-std::expm1(-h - eta_h)) * (1 / r) * (denoised - old_denoised);
            }
            if (eta != 0)
                x = x + noise(sigmas[i], sigmas[i + 1]) *
                            (sigmas[i + 1] * std::sqrt(-std::expm1(-2 * eta_h)) * o.s_noise);
        }
        old_denoised = denoised;
        h_last = h;
        have_h = true;
    }
    return x;
}

} // namespace latent::samplers
