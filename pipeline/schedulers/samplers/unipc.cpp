// "UniPC": A1111 modules/sd_samplers_timesteps_impl.py unipc -> models/diffusion/uni_pc
// (Zhao et al. 2023), multistep, data prediction (predict_x0), A1111's defaults: variant "bh1",
// skip type "time_uniform", order 3, lower_order_final. A1111 runs it for steps = len(timesteps)
// from t = 1 (img2img: timesteps.back()/1000 + 1/1000) to t = 1/N on the discrete VP schedule
// (log alpha linearly interpolated in continuous t = (n + 1)/N); the model sees the timestep
// (t - 1/N) * 1000. We reach the model through the sigma-space denoiser at sigma(t_input),
// which hands the UNet the same x_t and timestep. Like the reference, the order is capped by
// the step count (A1111 asserts instead).
#include "pipeline/schedulers/samplers/samplers.h"

#include "pipeline/core/error.h"
#include "pipeline/schedulers/denoiser.h"

#include <ATen/ATen.h>

#include <cmath>
#include <deque>

namespace latent::samplers {

namespace {

struct NoiseScheduleVP {
    std::vector<double> t_array, log_alpha;

    explicit NoiseScheduleVP(const DiscreteSchedule& s) {
        const int64_t n = s.size();
        const at::Tensor ts = at::linspace(0.0, 1.0, n + 1, at::TensorOptions().dtype(at::kFloat));
        const at::Tensor la = 0.5 * at::log(s.alphas_cumprod());
        for (int64_t k = 0; k < n; ++k) {
            t_array.push_back(ts[k + 1].item<double>());
            log_alpha.push_back(la[k].item<double>());
        }
    }
    static double interp(double x, const std::vector<double>& xp, const std::vector<double>& yp) {
        const size_t k = xp.size();
        size_t j;
        if (x <= xp.front()) j = 0;
        else if (x >= xp.back()) j = k - 2;
        else {
            j = static_cast<size_t>(std::upper_bound(xp.begin(), xp.end(), x) - xp.begin()) - 1;
            if (j > k - 2) j = k - 2;
        }
        return yp[j] + (x - xp[j]) * (yp[j + 1] - yp[j]) / (xp[j + 1] - xp[j]);
    }
    double lmc(double t) const { return interp(t, t_array, log_alpha); }
    double alpha(double t) const { return std::exp(lmc(t)); }
    double std_(double t) const { return std::sqrt(1.0 - std::exp(2.0 * lmc(t))); }
    double lambda(double t) const {
        const double l = lmc(t);
        return l - 0.5 * std::log(1.0 - std::exp(2.0 * l));
    }
};

// Solves A x = b for a small dense system (Gaussian elimination with partial pivoting).
std::vector<double> solve(std::vector<std::vector<double>> a, std::vector<double> b) {
    const size_t n = b.size();
    for (size_t c = 0; c < n; ++c) {
        size_t p = c;
        for (size_t r = c + 1; r < n; ++r)
            if (std::fabs(a[r][c]) > std::fabs(a[p][c])) p = r;
        std::swap(a[c], a[p]);
        std::swap(b[c], b[p]);
        for (size_t r = c + 1; r < n; ++r) {
            const double f = a[r][c] / a[c][c];
            for (size_t k = c; k < n; ++k) a[r][k] -= f * a[c][k];
            b[r] -= f * b[c];
        }
    }
    std::vector<double> x(n);
    for (size_t i = n; i-- > 0;) {
        double s = b[i];
        for (size_t k = i + 1; k < n; ++k) s -= a[i][k] * x[k];
        x[i] = s / a[i][i];
    }
    return x;
}

} // namespace

at::Tensor unipc(SamplerContext& ctx, at::Tensor x, const std::vector<int64_t>& timesteps,
                 const DiscreteSchedule& schedule, const SamplerOptions& o, bool is_img2img) {
    const bool bh2 = o.uni_pc_variant == "bh2";
    if (!bh2 && o.uni_pc_variant != "bh1")
        throw PipelineError("bad_unipc_variant", "UniPC variant must be bh1 or bh2.");
    const NoiseScheduleVP ns(schedule);
    const double total_n = static_cast<double>(schedule.size());
    const int64_t steps = static_cast<int64_t>(timesteps.size());
    if (steps < 1) return x;
    const int order = static_cast<int>(std::min<int64_t>(std::max(1, o.uni_pc_order), steps));

    const double t_T = is_img2img ? static_cast<double>(timesteps.back()) / 1000.0 + 1.0 / 1000.0 : 1.0;
    const double t_0 = 1.0 / total_n;
    std::vector<double> ts;
    if (o.uni_pc_skip_type == "time_uniform") {
        const at::Tensor lin = at::linspace(t_T, t_0, steps + 1, at::TensorOptions().dtype(at::kFloat));
        for (int64_t k = 0; k <= steps; ++k) ts.push_back(lin[k].item<double>());
    } else if (o.uni_pc_skip_type == "time_quadratic") {
        const at::Tensor lin =
            at::linspace(std::sqrt(t_T), std::sqrt(t_0), steps + 1, at::TensorOptions().dtype(at::kFloat)).pow(2);
        for (int64_t k = 0; k <= steps; ++k) ts.push_back(lin[k].item<double>());
    } else if (o.uni_pc_skip_type == "logSNR") {
        const at::Tensor lin = at::linspace(ns.lambda(t_T), ns.lambda(t_0), steps + 1,
                                            at::TensorOptions().dtype(at::kFloat));
        std::vector<double> rev_la(ns.log_alpha.rbegin(), ns.log_alpha.rend());
        std::vector<double> rev_t(ns.t_array.rbegin(), ns.t_array.rend());
        // interpolate on increasing keys
        std::vector<double> keys(ns.log_alpha.begin(), ns.log_alpha.end());
        for (int64_t k = 0; k <= steps; ++k) {
            const double lamb = lin[k].item<double>();
            const double log_alpha = -0.5 * std::log1p(std::exp(-2.0 * lamb));
            // log_alpha decreases with t: interpolate t over the flipped arrays
            ts.push_back(NoiseScheduleVP::interp(log_alpha, rev_la, rev_t));
        }
    } else {
        throw PipelineError("bad_unipc_skip_type", "UniPC skip type must be time_uniform, time_quadratic or logSNR.");
    }

    int64_t step_index = 0;
    // data prediction: x0 from the eps the model predicts at continuous time t
    auto model_fn = [&](const at::Tensor& xt, double t) {
        const double t_input = (t - 1.0 / total_n) * 1000.0;
        const double sigma = schedule.t_to_sigma(t_input);
        const at::Tensor x_sigma = xt * std::sqrt(sigma * sigma + 1.0);
        const at::Tensor denoised = ctx.model(x_sigma, sigma);
        const at::Tensor eps = (x_sigma - denoised) / sigma;
        return (xt - ns.std_(t) * eps) / ns.alpha(t);
    };
    auto after_update = [&](const at::Tensor& xx, const at::Tensor& model_x) {
        ctx.step(step_index, steps, 0, 0, xx, model_x.defined() ? model_x : xx);
        ++step_index;
    };

    auto update = [&](const at::Tensor& xx, const std::deque<at::Tensor>& model_prev, const std::deque<double>& t_prev,
                      double t, int ord, bool use_corrector) -> std::pair<at::Tensor, at::Tensor> {
        const double t_prev_0 = t_prev.back();
        const double lambda_prev_0 = ns.lambda(t_prev_0);
        const double lambda_t = ns.lambda(t);
        const at::Tensor& model_prev_0 = model_prev.back();
        const double sigma_prev_0 = ns.std_(t_prev_0), sigma_t = ns.std_(t);
        const double alpha_t = ns.alpha(t);
        const double h = lambda_t - lambda_prev_0;
        std::vector<double> rks;
        std::vector<at::Tensor> d1s;
        for (int i = 1; i < ord; ++i) {
            const double t_prev_i = t_prev[t_prev.size() - 1 - i];
            const at::Tensor& model_prev_i = model_prev[model_prev.size() - 1 - i];
            const double rk = (ns.lambda(t_prev_i) - lambda_prev_0) / h;
            rks.push_back(rk);
            d1s.push_back((model_prev_i - model_prev_0) / rk);
        }
        rks.push_back(1.0);
        const double hh = -h;
        const double h_phi_1 = std::expm1(hh);
        double h_phi_k = h_phi_1 / hh - 1;
        double factorial_i = 1;
        const double B_h = bh2 ? std::expm1(hh) : hh;
        std::vector<std::vector<double>> R;
        std::vector<double> b;
        for (int i = 1; i <= ord; ++i) {
            std::vector<double> row;
            for (double rk : rks) row.push_back(std::pow(rk, i - 1));
            R.push_back(row);
            b.push_back(h_phi_k * factorial_i / B_h);
            factorial_i *= (i + 1);
            h_phi_k = h_phi_k / hh - 1 / factorial_i;
        }
        std::vector<double> rhos_p, rhos_c;
        if (!d1s.empty()) {
            if (ord == 2) rhos_p = {0.5};
            else {
                std::vector<std::vector<double>> Rp(ord - 1, std::vector<double>(ord - 1));
                for (int r = 0; r < ord - 1; ++r)
                    for (int c = 0; c < ord - 1; ++c) Rp[r][c] = R[r][c];
                rhos_p = solve(Rp, std::vector<double>(b.begin(), b.end() - 1));
            }
        }
        if (use_corrector) rhos_c = ord == 1 ? std::vector<double>{0.5} : solve(R, b);

        const at::Tensor x_t_ = (sigma_t / sigma_prev_0) * xx - (alpha_t * h_phi_1) * model_prev_0;
        at::Tensor x_t = x_t_;
        if (!d1s.empty()) {
            at::Tensor pred_res = d1s[0] * rhos_p[0];
            for (size_t k = 1; k < d1s.size(); ++k) pred_res = pred_res + d1s[k] * rhos_p[k];
            x_t = x_t_ - (alpha_t * B_h) * pred_res;
        }
        at::Tensor model_t;
        if (use_corrector) {
            model_t = model_fn(x_t, t);
            at::Tensor corr = (model_t - model_prev_0) * rhos_c.back();
            for (size_t k = 0; k < d1s.size(); ++k) corr = corr + d1s[k] * rhos_c[k];
            x_t = x_t_ - (alpha_t * B_h) * corr;
        }
        return {x_t, model_t};
    };

    std::deque<at::Tensor> model_prev{model_fn(x, ts[0])};
    std::deque<double> t_prev{ts[0]};
    for (int init_order = 1; init_order < order; ++init_order) {
        const double t = ts[init_order];
        auto [xn, model_x] = update(x, model_prev, t_prev, t, init_order, true);
        x = xn;
        if (!model_x.defined()) model_x = model_fn(x, t);
        after_update(x, model_x);
        model_prev.push_back(model_x);
        t_prev.push_back(t);
    }
    for (int64_t step = order; step <= steps; ++step) {
        const double t = ts[step];
        const int step_order =
            o.uni_pc_lower_order_final ? static_cast<int>(std::min<int64_t>(order, steps + 1 - step)) : order;
        const bool use_corrector = step != steps;
        auto [xn, model_x] = update(x, model_prev, t_prev, t, step_order, use_corrector);
        x = xn;
        after_update(x, model_x);
        model_prev.pop_front();
        t_prev.pop_front();
        t_prev.push_back(t);
        if (step < steps) {
            if (!model_x.defined()) model_x = model_fn(x, t);
            model_prev.push_back(model_x);
        } else {
            model_prev.push_back(model_prev.back());
        }
    }
    return x;
}

} // namespace latent::samplers
