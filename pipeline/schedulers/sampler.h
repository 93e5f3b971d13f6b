// The sampler interface shared by every algorithm under pipeline/schedulers/samplers/.
//
// A sampler walks a latent x from sigmas[0] down the schedule, calling ctx.denoise(x, sigma)
// (the CFG-combined denoised x0 of k-diffusion) and, for ancestral / SDE samplers, drawing noise
// from ctx.noise (the per-image generators, A1111 order). It calls ctx.on_step once per step
// (k-diffusion's callback: i, sigma, x at the start of the step, denoised) and
// ctx.on_model_call after every model evaluation. ctx.cancelled() is checked before every model
// call; when it returns true a CancelledError is thrown.
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace latent {

class NoiseSource;

struct StepInfo {
    int64_t i = 0;          // step index (k-diffusion callback 'i')
    int64_t total = 0;      // number of steps the sampler expects to report (0 if unknown)
    double sigma = 0;       // sigma at the start of the step (0 for timestep samplers)
    double sigma_hat = 0;
    at::Tensor x;           // latent at the start of the step (timestep samplers: after it)
    at::Tensor denoised;    // current x0 estimate
};

struct ModelCallInfo {
    int64_t index = 0;      // 0-based count of model evaluations so far
    double sigma = 0;
    at::Tensor denoised;
};

struct SamplerContext {
    // CFG-combined denoised x0 for x at noise level sigma ([B] float32 tensor).
    std::function<at::Tensor(const at::Tensor& x, const at::Tensor& sigma)> denoise;
    // Ancestral / SDE noise from each image's own generator. May be null for samplers that
    // draw no noise (a sampler that needs it throws).
    NoiseSource* noise = nullptr;
    std::function<void(const StepInfo&)> on_step;
    std::function<void(const ModelCallInfo&)> on_model_call;
    std::function<bool()> cancelled;
    // Seeds of the images of this batch (Brownian-tree noise of the SDE samplers).
    std::vector<uint64_t> seeds;
    // RNG source of the job ("cpu", "gpu", "nv"): the Brownian tree's node generators.
    std::string rng_source = "cpu";
    // The unconditional rows' denoised x0 of the last model call (DDIM CFG++); may be null.
    std::function<at::Tensor()> last_uncond_denoised;

    // --- helpers used by the samplers ---
    // Checks cancellation, evaluates the denoiser at a scalar sigma and reports the call.
    at::Tensor model(const at::Tensor& x, double sigma);
    at::Tensor randn_like(const at::Tensor& x);
    void step(int64_t i, int64_t total, double sigma, double sigma_hat, const at::Tensor& x,
              const at::Tensor& denoised);
    int64_t model_calls() const { return calls_; }

private:
    int64_t calls_ = 0;
};

// Per-sampler knobs with A1111's defaults.
struct SamplerOptions {
    std::optional<double> eta;  // default: 1.0 for ancestral/SDE samplers (eta_ancestral), 0.0 for DDIM
    double s_churn = 0.0;
    double s_tmin = 0.0;
    double s_tmax = std::numeric_limits<double>::infinity();
    double s_noise = 1.0;
    double dpmpp_sde_r = 0.5;
    int lms_order = 4;
    std::string solver_type = "midpoint";  // DPM++ 2M SDE: "midpoint" or "heun"
    // DPM adaptive
    int dpm_adaptive_order = 3;
    double dpm_adaptive_rtol = 0.05, dpm_adaptive_atol = 0.0078, dpm_adaptive_h_init = 0.05;
    // DPM fast / adaptive take (sigma_min, sigma_max, n) instead of a schedule; when unset they
    // are taken from the sigmas handed to the sampler (first and last non-zero, len - 1).
    std::optional<double> dpm_sigma_min, dpm_sigma_max;
    std::optional<int64_t> dpm_n;
    // Brownian tree interval (A1111: min non-zero / max of the full, unsliced schedule).
    std::optional<double> brownian_sigma_min, brownian_sigma_max;
    // UniPC (A1111 options uni_pc_variant / skip_type / order / lower_order_final)
    std::string uni_pc_variant = "bh1";
    std::string uni_pc_skip_type = "time_uniform";
    int uni_pc_order = 3;
    bool uni_pc_lower_order_final = true;
};

double default_eta(const std::string& sampler_name);

} // namespace latent
