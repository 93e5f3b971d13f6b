#include "pipeline/schedulers/denoiser.h"

#include "pipeline/core/error.h"

#include <ATen/ATen.h>

#include <cmath>

namespace latent {

namespace {

at::Tensor as_batch(const at::Tensor& sigma, const at::Tensor& x) {
    at::Tensor s = sigma.to(at::kFloat);
    if (s.dim() == 0) s = s.expand({x.size(0)});
    return s;
}

at::Tensor append_dims(const at::Tensor& v, int64_t ndim) {
    std::vector<int64_t> shape(v.sizes().begin(), v.sizes().end());
    while (static_cast<int64_t>(shape.size()) < ndim) shape.push_back(1);
    return v.view(shape);
}

// k-diffusion DiscreteSchedule.t_to_sigma on a float32 log-sigma table.
at::Tensor table_t_to_sigma(const at::Tensor& log_sigmas, const at::Tensor& t_in) {
    const at::Tensor t = t_in.to(at::kFloat);
    const at::Tensor low_idx = t.floor().to(at::kLong);
    const at::Tensor high_idx = t.ceil().to(at::kLong);
    const at::Tensor w = t.frac();
    const at::Tensor log_sigma =
        (1 - w) * log_sigmas.index_select(0, low_idx.flatten()).view(t.sizes()) +
        w * log_sigmas.index_select(0, high_idx.flatten()).view(t.sizes());
    return log_sigma.exp();
}

std::vector<double> to_vector(const at::Tensor& t) {
    const at::Tensor c = t.to(at::kDouble).contiguous();
    return std::vector<double>(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
}

} // namespace

DiscreteSchedule DiscreteSchedule::stable_diffusion() {
    const at::Tensor betas =
        at::linspace(std::sqrt(0.00085), std::sqrt(0.012), 1000, at::TensorOptions().dtype(at::kDouble))
            .pow(2);
    const at::Tensor alphas_cumprod = at::cumprod(1.0 - betas, 0);
    return DiscreteSchedule(alphas_cumprod.to(at::kFloat));
}

DiscreteSchedule::DiscreteSchedule(const at::Tensor& alphas_cumprod) {
    if (alphas_cumprod.dim() != 1 || alphas_cumprod.size(0) < 2)
        throw PipelineError("bad_noise_schedule",
                            "The model's alphas_cumprod must be a 1-D table with at least two entries.");
    alphas_cumprod_ = alphas_cumprod.to(at::kCPU).to(at::kFloat).contiguous();
    sigmas_ = ((1 - alphas_cumprod_) / alphas_cumprod_).pow(0.5);
    log_sigmas_ = sigmas_.log();
    sigma_min_ = sigmas_[0].item<double>();
    sigma_max_ = sigmas_[-1].item<double>();
}

at::Tensor DiscreteSchedule::sigma_to_t(const at::Tensor& sigma_in) const {
    const at::Tensor sigma = sigma_in.to(at::kCPU).to(at::kFloat);
    const at::Tensor log_sigma = sigma.log().flatten();
    const at::Tensor dists = log_sigma.unsqueeze(0) - log_sigmas_.unsqueeze(1);  // [N, M]
    const at::Tensor low_idx =
        dists.ge(0).cumsum(0).argmax(0).clamp_max(log_sigmas_.size(0) - 2);
    const at::Tensor high_idx = low_idx + 1;
    const at::Tensor low = log_sigmas_.index_select(0, low_idx);
    const at::Tensor high = log_sigmas_.index_select(0, high_idx);
    at::Tensor w = ((low - log_sigma) / (low - high)).clamp(0, 1);
    const at::Tensor t = (1 - w) * low_idx + w * high_idx;
    return t.view(sigma.sizes()).to(at::kFloat);
}

at::Tensor DiscreteSchedule::t_to_sigma(const at::Tensor& t) const {
    return table_t_to_sigma(log_sigmas_, t.to(at::kCPU));
}

double DiscreteSchedule::sigma_to_t(double sigma) const {
    return sigma_to_t(at::scalar_tensor(sigma, at::kFloat)).item<double>();
}

double DiscreteSchedule::t_to_sigma(double t) const {
    return t_to_sigma(at::scalar_tensor(t, at::kFloat)).item<double>();
}

std::vector<double> DiscreteSchedule::get_sigmas(int64_t n) const {
    if (n < 1) throw PipelineError("bad_steps", "The number of steps must be at least 1.");
    const double t_max = static_cast<double>(size() - 1);
    const at::Tensor t = at::linspace(t_max, 0.0, n, at::TensorOptions().dtype(at::kFloat));
    std::vector<double> out = to_vector(t_to_sigma(t));
    out.push_back(0.0);
    return out;
}

// ---------------------------------------------------------------------------------------------

at::Tensor CompVisDenoiser::c_in(const at::Tensor& sigma) const {
    return 1.0 / (sigma.pow(2) + 1.0).pow(0.5);
}

at::Tensor CompVisDenoiser::c_out(const at::Tensor& sigma) const {
    if (prediction_ == Prediction::Epsilon) return -sigma;
    return -sigma / (sigma.pow(2) + 1.0).pow(0.5);
}

at::Tensor CompVisDenoiser::c_skip(const at::Tensor& sigma) const {
    if (prediction_ == Prediction::Epsilon) return at::ones_like(sigma);
    return 1.0 / (sigma.pow(2) + 1.0);
}

at::Tensor CompVisDenoiser::operator()(const at::Tensor& x, const at::Tensor& sigma_in,
                                       const ModelFn& model) const {
    const at::Tensor sigma = as_batch(sigma_in, x).to(x.device());
    const at::Tensor cin = append_dims(c_in(sigma), x.dim());
    const at::Tensor cout = append_dims(c_out(sigma), x.dim());
    const at::Tensor t = schedule_.sigma_to_t(sigma.cpu()).to(x.device());
    const at::Tensor out = model(x * cin, t);
    if (prediction_ == Prediction::Epsilon) return x + out * cout;
    return out * cout + x * append_dims(c_skip(sigma), x.dim());
}

// ---------------------------------------------------------------------------------------------

LcmDenoiser::LcmDenoiser(const DiscreteSchedule& base, int64_t original_steps) {
    const int64_t timesteps = base.size();
    if (original_steps < 1 || original_steps > timesteps)
        throw PipelineError("bad_lcm_steps", "LCM needs between 1 and the model's timestep count original steps.");
    skip_steps_ = timesteps / original_steps;
    at::Tensor valid = at::zeros({original_steps}, at::TensorOptions().dtype(at::kFloat));
    for (int64_t x = 0; x < original_steps; ++x)
        valid[original_steps - 1 - x] = base.alphas_cumprod()[timesteps - 1 - x * skip_steps_];
    sigmas_ = ((1 - valid) / valid).pow(0.5);
    log_sigmas_ = sigmas_.log();
}

double LcmDenoiser::sigma_min() const { return sigmas_[0].item<double>(); }
double LcmDenoiser::sigma_max() const { return sigmas_[-1].item<double>(); }

at::Tensor LcmDenoiser::sigma_to_t(const at::Tensor& sigma_in) const {
    const at::Tensor sigma = sigma_in.to(at::kCPU).to(at::kFloat);
    const at::Tensor dists = sigma.log().flatten().unsqueeze(0) - log_sigmas_.unsqueeze(1);
    const at::Tensor idx = dists.abs().argmin(0).view(sigma.sizes());
    return (idx * skip_steps_ + (skip_steps_ - 1)).to(at::kFloat);
}

at::Tensor LcmDenoiser::t_to_sigma(const at::Tensor& timestep) const {
    const at::Tensor t = ((timestep.to(at::kCPU).to(at::kFloat) - static_cast<double>(skip_steps_ - 1)) /
                          static_cast<double>(skip_steps_))
                             .clamp(0, static_cast<double>(sigmas_.size(0) - 1));
    return table_t_to_sigma(log_sigmas_, t);
}

std::vector<double> LcmDenoiser::get_sigmas(int64_t n) const {
    if (n < 1) throw PipelineError("bad_steps", "The number of steps must be at least 1.");
    const double start = sigma_to_t(sigmas_[-1]).item<double>();
    const double end = sigma_to_t(sigmas_[0]).item<double>();
    const at::Tensor t = at::linspace(start, end, n, at::TensorOptions().dtype(at::kFloat));
    std::vector<double> out = to_vector(t_to_sigma(t));
    out.push_back(0.0);
    return out;
}

at::Tensor LcmDenoiser::operator()(const at::Tensor& x, const at::Tensor& sigma_in,
                                   const ModelFn& model) const {
    const at::Tensor sigma = as_batch(sigma_in, x).to(x.device());
    const at::Tensor cin = append_dims(1.0 / (sigma.pow(2) + 1.0).pow(0.5), x.dim());
    const at::Tensor cout = append_dims(-sigma, x.dim());
    const at::Tensor t = sigma_to_t(sigma.cpu()).to(x.device());
    const at::Tensor eps = model(x * cin, t);
    const at::Tensor denoised = x + eps * cout;
    const double sigma_data = 0.5;
    const at::Tensor st = append_dims(t * 10.0, x.dim());
    const at::Tensor skip = sigma_data * sigma_data / (st.pow(2) + sigma_data * sigma_data);
    const at::Tensor out = st / (st.pow(2) + sigma_data * sigma_data).pow(0.5);
    return out * denoised + skip * x;
}

} // namespace latent
