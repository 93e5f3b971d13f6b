// One function per A1111 sampler (k-diffusion sampling.py math, A1111 defaults). Each lives in
// its own .cpp file in this folder. Sigma-space samplers take the schedule (descending, usually
// ending in 0); timestep samplers (DDIM, PLMS, UniPC) take A1111's timestep list and work on
// x_t = sqrt(alphas_cumprod) * x0 + sqrt(1 - alphas_cumprod) * eps.
#pragma once

#include "pipeline/schedulers/sampler.h"

#include <ATen/core/Tensor.h>

#include <functional>
#include <vector>

namespace latent {

class DiscreteSchedule;

namespace samplers {

using Sigmas = std::vector<double>;

at::Tensor euler(SamplerContext&, at::Tensor x, const Sigmas&, const SamplerOptions&);
at::Tensor euler_ancestral(SamplerContext&, at::Tensor x, const Sigmas&, const SamplerOptions&);
at::Tensor lms(SamplerContext&, at::Tensor x, const Sigmas&, const SamplerOptions&);
at::Tensor heun(SamplerContext&, at::Tensor x, const Sigmas&, const SamplerOptions&);
at::Tensor dpm_2(SamplerContext&, at::Tensor x, const Sigmas&, const SamplerOptions&);
at::Tensor dpm_2_ancestral(SamplerContext&, at::Tensor x, const Sigmas&, const SamplerOptions&);
at::Tensor dpmpp_2s_ancestral(SamplerContext&, at::Tensor x, const Sigmas&, const SamplerOptions&);
at::Tensor dpmpp_2m(SamplerContext&, at::Tensor x, const Sigmas&, const SamplerOptions&);
at::Tensor dpmpp_sde(SamplerContext&, at::Tensor x, const Sigmas&, const SamplerOptions&);
at::Tensor dpmpp_2m_sde(SamplerContext&, at::Tensor x, const Sigmas&, const SamplerOptions&);
at::Tensor dpmpp_3m_sde(SamplerContext&, at::Tensor x, const Sigmas&, const SamplerOptions&);
at::Tensor dpm_fast(SamplerContext&, at::Tensor x, const Sigmas&, const SamplerOptions&);
at::Tensor dpm_adaptive(SamplerContext&, at::Tensor x, const Sigmas&, const SamplerOptions&);
at::Tensor restart(SamplerContext&, at::Tensor x, const Sigmas&, const SamplerOptions&);
at::Tensor lcm(SamplerContext&, at::Tensor x, const Sigmas&, const SamplerOptions&);

at::Tensor ddim(SamplerContext&, at::Tensor x, const std::vector<int64_t>& timesteps,
                const DiscreteSchedule&, const SamplerOptions&);
at::Tensor ddim_cfgpp(SamplerContext&, at::Tensor x, const std::vector<int64_t>& timesteps, const DiscreteSchedule&,
                      const SamplerOptions&);
at::Tensor plms(SamplerContext&, at::Tensor x, const std::vector<int64_t>& timesteps,
                const DiscreteSchedule&, const SamplerOptions&);
// is_img2img: A1111 starts UniPC at t = timesteps.back()/1000 + 1/1000 instead of 1.
at::Tensor unipc(SamplerContext&, at::Tensor x, const std::vector<int64_t>& timesteps,
                 const DiscreteSchedule&, const SamplerOptions&, bool is_img2img);

// --- shared helpers ---
using NoiseSampler = std::function<at::Tensor(double sigma, double sigma_next)>;
// k-diffusion default_noise_sampler: the per-image generators (A1111's randn_like hijack).
NoiseSampler default_noise_sampler(SamplerContext& ctx, const at::Tensor& x);
// A1111 create_noise_sampler: one Brownian tree per image seed over [sigma_min, sigma_max].
NoiseSampler brownian_noise_sampler(SamplerContext& ctx, const at::Tensor& x, const Sigmas& sigmas,
                                    const SamplerOptions& o);
// (sigma_down, sigma_up) of k-diffusion get_ancestral_step.
std::pair<double, double> ancestral_step(double sigma_from, double sigma_to, double eta);
// k-diffusion's "churn" prologue of Euler / Heun / DPM2 (Karras et al. Algorithm 2): draws one
// noise tensor per step (used only when gamma > 0, as in the k-diffusion A1111 ships), adds
// noise up to sigma_hat when s_churn > 0 and returns sigma_hat. `n` is the number of steps.
double churn(SamplerContext& ctx, at::Tensor& x, double sigma, int64_t n, const SamplerOptions& o);

inline at::Tensor to_d(const at::Tensor& x, double sigma, const at::Tensor& denoised) {
    return (x - denoised) / sigma;
}
// Converts a timestep sampler's x_t to the sigma-space denoiser and back to eps:
// eps = (x_t/sqrt(a) - D(x_t/sqrt(a), sigma_t)) / sigma_t, also returning D (pred x0).
std::pair<at::Tensor, at::Tensor> eps_at_timestep(SamplerContext& ctx, const at::Tensor& x_t,
                                                  int64_t t, const DiscreteSchedule& schedule);

} // namespace samplers
} // namespace latent
