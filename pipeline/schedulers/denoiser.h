// k-diffusion's model wrappers for CompVis/LDM models (k_diffusion/external.py):
// DiscreteSchedule (the 1000-entry sigma table, sigma <-> t), CompVisDenoiser (epsilon),
// CompVisVDenoiser (v-prediction), and A1111's LCM wrapper (modules/sd_samplers_lcm.py).
//
// A denoiser turns a model that predicts eps (or v) from (x * c_in, t) into a function
// D(x, sigma) = denoised x0, which is what every k-diffusion sampler consumes.
#pragma once

#include "pipeline/core/prediction.h"

#include <ATen/core/Tensor.h>

#include <functional>
#include <vector>

namespace latent {

// Prediction (Epsilon / V) lives in pipeline/core/prediction.h.

// The discrete training schedule in sigma space.
class DiscreteSchedule {
public:
    // Stable Diffusion (SD 1.x / 2.x / SDXL): 1000 steps, betas = linspace(sqrt(0.00085),
    // sqrt(0.012), 1000)^2 in float64, alphas_cumprod = cumprod(1 - beta) in float64, stored as
    // float32 (like the buffer in every checkpoint).
    static DiscreteSchedule stable_diffusion();
    // From a checkpoint's own `alphas_cumprod` buffer (any dtype; converted to float32).
    explicit DiscreteSchedule(const at::Tensor& alphas_cumprod);

    int64_t size() const { return sigmas_.size(0); }
    const at::Tensor& alphas_cumprod() const { return alphas_cumprod_; }  // float32 [N]
    const at::Tensor& sigmas() const { return sigmas_; }                  // float32 [N], ascending
    const at::Tensor& log_sigmas() const { return log_sigmas_; }          // float32 [N]
    double sigma_min() const { return sigma_min_; }                       // sigmas[0]
    double sigma_max() const { return sigma_max_; }                       // sigmas[N-1]

    // k-diffusion DiscreteSchedule.sigma_to_t: linear interpolation of t in log sigma between
    // the two neighbouring table entries (float32 arithmetic, like PyTorch).
    at::Tensor sigma_to_t(const at::Tensor& sigma) const;
    // k-diffusion DiscreteSchedule.t_to_sigma: exp of the linearly interpolated log sigma.
    at::Tensor t_to_sigma(const at::Tensor& t) const;
    double sigma_to_t(double sigma) const;
    double t_to_sigma(double t) const;

    // k-diffusion get_sigmas(n): t = linspace(N-1, 0, n), sigma(t), a final 0 appended.
    std::vector<double> get_sigmas(int64_t n) const;

private:
    at::Tensor alphas_cumprod_, sigmas_, log_sigmas_;
    double sigma_min_ = 0, sigma_max_ = 0;
};

// eps_or_v = model(x * c_in, t)   (t: float32 [B], possibly fractional)
using ModelFn = std::function<at::Tensor(const at::Tensor& x_in, const at::Tensor& t)>;

// CompVisDenoiser / CompVisVDenoiser (sigma_data = 1):
//   c_in = 1/sqrt(sigma^2+1)
//   eps: denoised = x - sigma * eps
//   v:   denoised = x * 1/(sigma^2+1) - v * sigma/sqrt(sigma^2+1)
class CompVisDenoiser {
public:
    CompVisDenoiser(DiscreteSchedule schedule, Prediction prediction)
        : schedule_(std::move(schedule)), prediction_(prediction) {}

    const DiscreteSchedule& schedule() const { return schedule_; }
    Prediction prediction() const { return prediction_; }

    // sigma: [B] or a scalar tensor (broadcast to the batch).
    at::Tensor operator()(const at::Tensor& x, const at::Tensor& sigma, const ModelFn& model) const;

    // Scalings as 1-D tensors shaped like sigma.
    at::Tensor c_in(const at::Tensor& sigma) const;
    at::Tensor c_out(const at::Tensor& sigma) const;
    at::Tensor c_skip(const at::Tensor& sigma) const;  // 1 for epsilon

private:
    DiscreteSchedule schedule_;
    Prediction prediction_;
};

// A1111's LCMCompVisDenoiser: a 50-entry sigma table (every 20th timestep, "original steps" 50),
// t quantised to the nearest table entry (t = idx * 20 + 19), eps-prediction and the LCM
// boundary-condition scalings with sigma_data 0.5 and timestep scaling 10.
class LcmDenoiser {
public:
    explicit LcmDenoiser(const DiscreteSchedule& base, int64_t original_steps = 50);

    const at::Tensor& sigmas() const { return sigmas_; }  // float32 [50] ascending
    double sigma_min() const;
    double sigma_max() const;
    at::Tensor sigma_to_t(const at::Tensor& sigma) const;  // quantised timestep in [0, 999]
    at::Tensor t_to_sigma(const at::Tensor& t) const;
    // get_sigmas(n): t = linspace(t(sigma_max), t(sigma_min), n) mapped back, final 0 appended.
    std::vector<double> get_sigmas(int64_t n) const;

    // Only epsilon models (LCM distillations of SD 1.5 / SDXL are epsilon).
    at::Tensor operator()(const at::Tensor& x, const at::Tensor& sigma, const ModelFn& model) const;

private:
    at::Tensor sigmas_, log_sigmas_;
    int64_t skip_steps_;
};

} // namespace latent
