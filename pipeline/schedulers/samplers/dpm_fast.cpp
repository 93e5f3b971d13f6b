// "DPM fast": k-diffusion sample_dpm_fast (DPM-Solver-Fast, fixed step size, orders 3/2/1 so
// that the number of model calls equals n). A1111 passes eta = 1 (its eta_ancestral option),
// so noise is drawn from the per-image generators after every step. In txt2img A1111 hands it
// the model's sigma_min / sigma_max and n = steps; in img2img the sliced schedule's
// sigma_sched[-2], sigma_sched[0] and len - 1 (see SamplerOptions::dpm_*).
#include "pipeline/schedulers/samplers/dpm_solver.h"

#include "pipeline/core/error.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>

namespace latent::samplers {

namespace {

void dpm_range(const Sigmas& sigmas, const SamplerOptions& o, double& smin, double& smax, int64_t& n) {
    smax = o.dpm_sigma_max.value_or(sigmas.empty() ? 0.0 : sigmas.front());
    double last = 0;
    for (double s : sigmas)
        if (s > 0) last = s;
    smin = o.dpm_sigma_min.value_or(last);
    n = o.dpm_n.value_or(static_cast<int64_t>(sigmas.size()) - 1);
    if (smin <= 0 || smax <= 0)
        throw PipelineError("bad_sigma_range", "DPM fast and DPM adaptive need sigma_min and sigma_max above 0.");
}

} // namespace

at::Tensor dpm_fast(SamplerContext& ctx, at::Tensor x, const Sigmas& sigmas, const SamplerOptions& o) {
    double smin, smax;
    int64_t nfe;
    dpm_range(sigmas, o, smin, smax, nfe);
    if (nfe < 1) throw PipelineError("bad_steps", "DPM fast needs at least one step.");
    const double eta = o.eta.value_or(1.0);
    const NoiseSampler noise = default_noise_sampler(ctx, x);
    DpmSolver solver(ctx);
    const double t_start = DpmSolver::t(smax), t_end = DpmSolver::t(smin);

    const int64_t m = nfe / 3 + 1;
    // ts = linspace(t_start, t_end, m + 1) in float32, like torch.linspace on a tensor.
    const at::Tensor ts_t = at::linspace(t_start, t_end, m + 1, at::TensorOptions().dtype(at::kFloat));
    std::vector<double> ts(static_cast<size_t>(m + 1));
    for (int64_t k = 0; k <= m; ++k) ts[static_cast<size_t>(k)] = ts_t[k].item<double>();
    std::vector<int> orders;
    if (nfe % 3 == 0) {
        for (int64_t k = 0; k < m - 2; ++k) orders.push_back(3);
        orders.push_back(2);
        orders.push_back(1);
    } else {
        for (int64_t k = 0; k < m - 1; ++k) orders.push_back(3);
        orders.push_back(static_cast<int>(nfe % 3));
    }
    const int64_t total = static_cast<int64_t>(orders.size());
    for (size_t i = 0; i < orders.size(); ++i) {
        DpmSolver::EpsCache cache;
        const double t = ts[i], t_next = ts[i + 1];
        double t_next_ = t_next, su = 0;
        if (eta != 0) {
            const auto [sd, su0] = ancestral_step(DpmSolver::sigma(t), DpmSolver::sigma(t_next), eta);
            (void)su0;
            t_next_ = std::min(t_end, DpmSolver::t(sd));
            su = std::sqrt(std::max(0.0, DpmSolver::sigma(t_next) * DpmSolver::sigma(t_next) -
                                             DpmSolver::sigma(t_next_) * DpmSolver::sigma(t_next_)));
        }
        const at::Tensor e = solver.eps(cache, "eps", x, t);
        const at::Tensor denoised = x - DpmSolver::sigma(t) * e;
        ctx.step(static_cast<int64_t>(i), total, DpmSolver::sigma(t), DpmSolver::sigma(t), x, denoised);
        if (orders[i] == 1) x = solver.step1(x, t, t_next_, cache);
        else if (orders[i] == 2) x = solver.step2(x, t, t_next_, cache);
        else x = solver.step3(x, t, t_next_, cache);
        x = x + (su * o.s_noise) * noise(DpmSolver::sigma(t), DpmSolver::sigma(t_next));
    }
    return x;
}

at::Tensor dpm_adaptive(SamplerContext& ctx, at::Tensor x, const Sigmas& sigmas, const SamplerOptions& o) {
    double smin, smax;
    int64_t unused_n;
    dpm_range(sigmas, o, smin, smax, unused_n);
    const int order = o.dpm_adaptive_order;
    if (order != 2 && order != 3) throw PipelineError("bad_order", "DPM adaptive order must be 2 or 3.");
    const double eta = o.eta.value_or(1.0);
    const NoiseSampler noise = default_noise_sampler(ctx, x);
    DpmSolver solver(ctx);
    const double t_start = DpmSolver::t(smax), t_end = DpmSolver::t(smin);
    const bool forward = t_end > t_start;
    if (!forward && eta != 0)
        throw PipelineError("bad_direction", "DPM adaptive needs eta 0 for reverse sampling.");
    // PID step size controller (pcoeff 0, icoeff 1, dcoeff 0, accept_safety 0.81).
    const double pcoeff = 0, icoeff = 1, dcoeff = 0, accept_safety = 0.81, pid_eps = 1e-8;
    const double pid_order = eta != 0 ? 1.5 : static_cast<double>(order);
    double h = std::fabs(o.dpm_adaptive_h_init) * (forward ? 1 : -1);
    const double b1 = (pcoeff + icoeff + dcoeff) / pid_order;
    const double b2 = -(pcoeff + 2 * dcoeff) / pid_order;
    const double b3 = dcoeff / pid_order;
    std::vector<double> errs;

    double s = t_start;
    at::Tensor x_prev = x;
    int64_t steps = 0;
    while (forward ? s < t_end - 1e-5 : s > t_end + 1e-5) {
        DpmSolver::EpsCache cache;
        const double t = forward ? std::min(t_end, s + h) : std::max(t_end, s + h);
        double t_ = t, su = 0;
        if (eta != 0) {
            const auto [sd, su0] = ancestral_step(DpmSolver::sigma(s), DpmSolver::sigma(t), eta);
            (void)su0;
            t_ = std::min(t_end, DpmSolver::t(sd));
            su = std::sqrt(std::max(0.0, DpmSolver::sigma(t) * DpmSolver::sigma(t) -
                                             DpmSolver::sigma(t_) * DpmSolver::sigma(t_)));
        }
        const at::Tensor e = solver.eps(cache, "eps", x, s);
        const at::Tensor denoised = x - DpmSolver::sigma(s) * e;
        at::Tensor x_low, x_high;
        if (order == 2) {
            x_low = solver.step1(x, s, t_, cache);
            x_high = solver.step2(x, s, t_, cache);
        } else {
            x_low = solver.step2(x, s, t_, cache, 1.0 / 3);
            x_high = solver.step3(x, s, t_, cache);
        }
        const at::Tensor delta =
            at::maximum(at::full({}, o.dpm_adaptive_atol, x.options()),
                        o.dpm_adaptive_rtol * at::maximum(x_low.abs(), x_prev.abs()));
        const double error =
            at::linalg_norm((x_low - x_high) / delta).item<double>() / std::sqrt(static_cast<double>(x.numel()));
        // propose_step
        const double inv_error = 1 / (error + pid_eps);
        if (errs.empty()) errs = {inv_error, inv_error, inv_error};
        errs[0] = inv_error;
        double factor = std::pow(errs[0], b1) * std::pow(errs[1], b2) * std::pow(errs[2], b3);
        factor = 1 + std::atan(factor - 1);
        const bool accept = factor >= accept_safety;
        if (accept) {
            errs[2] = errs[1];
            errs[1] = errs[0];
        }
        h *= factor;
        if (accept) {
            x_prev = x_low;
            x = x_high + (su * o.s_noise) * noise(DpmSolver::sigma(s), DpmSolver::sigma(t));
            s = t;
        }
        ++steps;
        ctx.step(steps - 1, 0, DpmSolver::sigma(s), DpmSolver::sigma(s), x, denoised);
    }
    return x;
}

} // namespace latent::samplers
