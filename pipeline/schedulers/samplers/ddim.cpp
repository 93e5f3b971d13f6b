// "DDIM" and "DDIM CFG++": A1111 modules/sd_samplers_timesteps_impl.py ddim / ddim_cfgpp
// (A1111 >= 1.8 runs DDIM as a
// timestep sampler). Timesteps are A1111's range(0, 1000, 1000 // steps) + 1; like A1111 the
// loop runs len(timesteps) - 1 steps and draws one noise tensor per step (scaled by the DDIM
// sigma, 0 for the default eta 0). The model is reached through the sigma-space denoiser
// (eps = (x_t/sqrt(a_t) - D)/sigma_t), which is the same eps the UNet predicts at timestep t.
// CFG++ (Chung et al. 2024) is the same loop with two changes A1111 makes: the CFG scale is
// divided by 12.5 (done by the caller's CFG denoiser) and the direction pointing to x_t uses the
// unconditional noise prediction of the step instead of the guided one.
#include "pipeline/schedulers/samplers/samplers.h"

#include "pipeline/schedulers/denoiser.h"

#include <ATen/ATen.h>

#include <cmath>

namespace latent::samplers {

namespace {

at::Tensor ddim_loop(SamplerContext& ctx, at::Tensor x, const std::vector<int64_t>& timesteps,
                     const DiscreteSchedule& schedule, const SamplerOptions& o, bool cfgpp) {
    const double eta = o.eta.value_or(0.0);
    const at::Tensor ac = schedule.alphas_cumprod();
    const int64_t n = static_cast<int64_t>(timesteps.size());
    std::vector<double> alphas(n), alphas_prev(n), sqrt_one_minus(n), sig(n);
    for (int64_t k = 0; k < n; ++k) {
        const float a = ac[timesteps[k]].item<float>();
        alphas[k] = a;
        alphas_prev[k] = ac[k == 0 ? 0 : timesteps[k - 1]].item<float>();
        sqrt_one_minus[k] = std::sqrt(1.0f - a);
        sig[k] = eta * std::sqrt((1 - alphas_prev[k]) / (1 - alphas[k]) * (1 - alphas[k] / alphas_prev[k]));
    }
    for (int64_t i = 0; i < n - 1; ++i) {
        const int64_t index = n - 1 - i;
        const auto [e_t, denoised] = eps_at_timestep(ctx, x, timesteps[index], schedule);
        (void)denoised;
        at::Tensor e_dir = e_t;
        // Without a separate unconditional prediction (no CFG) the model's own is both.
        if (cfgpp && ctx.last_uncond_denoised) {
            // eps of the uncond rows: (x_t/sqrt(a) - D_uncond) / sigma_t
            const double a = schedule.alphas_cumprod()[timesteps[index]].item<double>();
            const double sigma = schedule.sigmas()[timesteps[index]].item<double>();
            e_dir = (x / std::sqrt(a) - ctx.last_uncond_denoised()) / sigma;
        }
        const double a_t = alphas[index], a_prev = alphas_prev[index], sigma_t = sig[index];
        const at::Tensor pred_x0 = (x - sqrt_one_minus[index] * e_t) / std::sqrt(a_t);
        const at::Tensor dir_xt = std::sqrt(std::max(0.0, 1.0 - a_prev - sigma_t * sigma_t)) * e_dir;
        at::Tensor xn = std::sqrt(a_prev) * pred_x0 + dir_xt;
        if (ctx.noise) xn = xn + sigma_t * ctx.randn_like(x);
        x = xn;
        ctx.step(i, n - 1, 0, 0, x, pred_x0);
    }
    return x;
}

} // namespace

at::Tensor ddim(SamplerContext& ctx, at::Tensor x, const std::vector<int64_t>& timesteps,
                const DiscreteSchedule& schedule, const SamplerOptions& o) {
    return ddim_loop(ctx, std::move(x), timesteps, schedule, o, false);
}

at::Tensor ddim_cfgpp(SamplerContext& ctx, at::Tensor x, const std::vector<int64_t>& timesteps,
                      const DiscreteSchedule& schedule, const SamplerOptions& o) {
    return ddim_loop(ctx, std::move(x), timesteps, schedule, o, true);
}

} // namespace latent::samplers
