// "DPM++ SDE": k-diffusion sample_dpmpp_sde (stochastic DPM-Solver++, r = 1/2, eta 1) with
// A1111's per-image Brownian-tree noise (brownian_tree.h). The log-sigma arithmetic is done on
// float32 0-d tensors as k-diffusion does it: the Brownian tree rounds its query times to 6
// decimals, so sigma_fn(t) must be the very float32 value A1111 computes.
#include "pipeline/schedulers/samplers/samplers.h"

#include <ATen/ATen.h>

#include <cmath>

namespace latent::samplers {

namespace {

at::Tensor f32(double v) {
    return at::scalar_tensor(v, at::TensorOptions().dtype(at::kFloat));
}
at::Tensor sigma_fn(const at::Tensor& t) {
    return t.neg().exp();
}
at::Tensor t_fn(const at::Tensor& sigma) {
    return sigma.log().neg();
}
double value(const at::Tensor& t) {
    return static_cast<double>(t.item<float>());
}

// k-diffusion get_ancestral_step on float32 0-d tensors.
std::pair<at::Tensor, at::Tensor> ancestral_step_f32(const at::Tensor& from, const at::Tensor& to, double eta) {
    if (eta == 0.0) return {to, f32(0.0)};
    const at::Tensor up_raw = (to.pow(2) * (from.pow(2) - to.pow(2)) / from.pow(2)).pow(0.5) * eta;
    const at::Tensor up = value(to) < value(up_raw) ? to : up_raw; // Python min(to, up_raw)
    const at::Tensor down = (to.pow(2) - up.pow(2)).pow(0.5);
    return {down, up};
}

} // namespace

at::Tensor dpmpp_sde(SamplerContext& ctx, at::Tensor x, const Sigmas& sigmas, const SamplerOptions& o) {
    const double eta = o.eta.value_or(1.0);
    const double r = o.dpmpp_sde_r;
    const NoiseSampler noise = brownian_noise_sampler(ctx, x, sigmas, o);
    const int64_t n = static_cast<int64_t>(sigmas.size()) - 1;
    for (int64_t i = 0; i < n; ++i) {
        const at::Tensor denoised = ctx.model(x, sigmas[i]);
        ctx.step(i, n, sigmas[i], sigmas[i], x, denoised);
        if (sigmas[i + 1] == 0) {
            x = x + to_d(x, sigmas[i], denoised) * (sigmas[i + 1] - sigmas[i]);
        } else {
            const at::Tensor t = t_fn(f32(sigmas[i])), t_next = t_fn(f32(sigmas[i + 1]));
            const at::Tensor h = t_next - t;
            const at::Tensor s = t + h * r;
            const double fac = 1 / (2 * r);
            const at::Tensor sigma_t = sigma_fn(t), sigma_s = sigma_fn(s), sigma_t_next = sigma_fn(t_next);
            // Step 1
            auto [sd, su] = ancestral_step_f32(sigma_t, sigma_s, eta);
            const at::Tensor s_ = t_fn(sd);
            at::Tensor x_2 = (sigma_fn(s_) / sigma_t) * x - (t - s_).expm1() * denoised;
            x_2 = x_2 + (noise(value(sigma_t), value(sigma_s)) * o.s_noise) * su;
            const at::Tensor denoised_2 = ctx.model(x_2, value(sigma_s));
            // Step 2
            std::tie(sd, su) = ancestral_step_f32(sigma_t, sigma_t_next, eta);
            const at::Tensor t_next_ = t_fn(sd);
            const at::Tensor denoised_d = denoised * (1 - fac) + denoised_2 * fac;
            x = (sigma_fn(t_next_) / sigma_t) * x - (t - t_next_).expm1() * denoised_d;
            x = x + (noise(value(sigma_t), value(sigma_t_next)) * o.s_noise) * su;
        }
    }
    return x;
}

} // namespace latent::samplers
