// Helpers shared by the samplers: noise samplers, ancestral step, timestep conversion, and the
// SamplerContext plumbing (cancellation, progress).
#include "pipeline/schedulers/samplers/samplers.h"

#include "pipeline/core/error.h"
#include "pipeline/core/system_info.h"
#include "pipeline/schedulers/brownian_tree.h"
#include "pipeline/schedulers/denoiser.h"
#include "pipeline/tensors/rng.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>

namespace latent {

at::Tensor SamplerContext::model(const at::Tensor& x, double sigma) {
    if (cancelled && cancelled()) throw CancelledError();
    adapt_threads_to_load();
    if (!denoise) throw PipelineError("no_denoiser", "The sampler was started without a denoiser.");
    const at::Tensor s = at::full({x.size(0)}, sigma, x.options().dtype(at::kFloat));
    at::Tensor out = denoise(x, s);
    if (on_model_call) on_model_call(ModelCallInfo{calls_, sigma, out});
    ++calls_;
    return out;
}

at::Tensor SamplerContext::randn_like(const at::Tensor& x) {
    if (!noise)
        throw PipelineError("no_noise_source", "This sampler needs a noise source but none was given.");
    return noise->randn_like(x);
}

void SamplerContext::step(int64_t i, int64_t total, double sigma, double sigma_hat,
                          const at::Tensor& x, const at::Tensor& denoised) {
    if (on_step) on_step(StepInfo{i, total, sigma, sigma_hat, x, denoised});
}

double default_eta(const std::string& sampler_name) {
    if (sampler_name == "DDIM" || sampler_name == "DDIM CFG++" || sampler_name == "PLMS" || sampler_name == "UniPC")
        return 0.0;
    return 1.0;
}

namespace samplers {

NoiseSampler default_noise_sampler(SamplerContext& ctx, const at::Tensor& x) {
    return [&ctx, x](double, double) { return ctx.randn_like(x); };
}

NoiseSampler brownian_noise_sampler(SamplerContext& ctx, const at::Tensor& x, const Sigmas& sigmas,
                                    const SamplerOptions& o) {
    double smin = std::numeric_limits<double>::infinity(), smax = 0;
    for (double s : sigmas) {
        if (s > 0) smin = std::min(smin, s);
        smax = std::max(smax, s);
    }
    if (o.brownian_sigma_min) smin = *o.brownian_sigma_min;
    if (o.brownian_sigma_max) smax = *o.brownian_sigma_max;
    std::vector<uint64_t> seeds = ctx.seeds;
    if (seeds.empty())
        for (int64_t b = 0; b < x.size(0); ++b) seeds.push_back(static_cast<uint64_t>(b));
    if (static_cast<int64_t>(seeds.size()) != x.size(0))
        throw PipelineError("seed_count_mismatch", "The SDE sampler needs one seed per image of the batch.");
    auto tree = std::make_shared<BrownianTreeNoiseSampler>(x, smin, smax, seeds, ctx.rng_source);
    return [tree](double sigma, double sigma_next) { return (*tree)(sigma, sigma_next); };
}

std::pair<double, double> ancestral_step(double sigma_from, double sigma_to, double eta) {
    if (eta == 0.0) return {sigma_to, 0.0};
    const double up = std::min(
        sigma_to, eta * std::sqrt(sigma_to * sigma_to * (sigma_from * sigma_from - sigma_to * sigma_to) /
                                  (sigma_from * sigma_from)));
    const double down = std::sqrt(std::max(0.0, sigma_to * sigma_to - up * up));
    return {down, up};
}

std::pair<at::Tensor, at::Tensor> eps_at_timestep(SamplerContext& ctx, const at::Tensor& x_t, int64_t t,
                                                  const DiscreteSchedule& schedule) {
    const double a = schedule.alphas_cumprod()[t].item<double>();
    const double sigma = schedule.sigmas()[t].item<double>();
    const at::Tensor x_sigma = x_t / std::sqrt(a);
    at::Tensor denoised = ctx.model(x_sigma, sigma);
    at::Tensor eps = (x_sigma - denoised) / sigma;
    return {eps, denoised};
}

double churn(SamplerContext& ctx, at::Tensor& x, double s, int64_t n, const SamplerOptions& o) {
    const double gamma = (o.s_tmin <= s && s <= o.s_tmax)
                             ? std::min(o.s_churn / static_cast<double>(n), std::sqrt(2.0) - 1.0)
                             : 0.0;
    at::Tensor eps;
    if (ctx.noise) eps = ctx.randn_like(x) * o.s_noise;
    const double sigma_hat = s * (gamma + 1.0);
    if (gamma > 0) {
        if (!eps.defined()) eps = ctx.randn_like(x) * o.s_noise;
        x = x + eps * std::sqrt(sigma_hat * sigma_hat - s * s);
    }
    return sigma_hat;
}

} // namespace samplers
} // namespace latent
