#include "pipeline/schedulers/sigma_schedule.h"

#include "pipeline/core/error.h"
#include "pipeline/schedulers/denoiser.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

namespace latent {

namespace {

const at::TensorOptions kF32 = at::TensorOptions().dtype(at::kFloat);

std::vector<double> to_vector(const at::Tensor& t) {
    const at::Tensor c = t.to(at::kDouble).contiguous();
    return std::vector<double>(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
}

std::vector<double> with_zero(std::vector<double> v) {
    v.push_back(0.0);
    return v;
}

// Python's float(torch.float32 value) round trip: store as float32.
double f32(double v) { return static_cast<double>(static_cast<float>(v)); }

void check_steps(int64_t n) {
    if (n < 1) throw PipelineError("bad_steps", "The number of steps must be at least 1.");
}

std::string lower(std::string_view s) {
    std::string out;
    for (char c : s) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    return out;
}

// Continued fraction for the incomplete beta function (modified Lentz).
double betacf(double a, double b, double x) {
    const double fpmin = 1e-300;
    double qab = a + b, qap = a + 1.0, qam = a - 1.0;
    double c = 1.0, d = 1.0 - qab * x / qap;
    if (std::fabs(d) < fpmin) d = fpmin;
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m <= 10000; ++m) {
        const int m2 = 2 * m;
        double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if (std::fabs(d) < fpmin) d = fpmin;
        c = 1.0 + aa / c;
        if (std::fabs(c) < fpmin) c = fpmin;
        d = 1.0 / d;
        h *= d * c;
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if (std::fabs(d) < fpmin) d = fpmin;
        c = 1.0 + aa / c;
        if (std::fabs(c) < fpmin) c = fpmin;
        d = 1.0 / d;
        const double del = d * c;
        h *= del;
        if (std::fabs(del - 1.0) < 1e-16) break;
    }
    return h;
}

} // namespace

namespace schedules {

std::vector<double> uniform(int64_t n, const DiscreteSchedule& model) {
    check_steps(n);
    return model.get_sigmas(n);
}

std::vector<double> karras(int64_t n, double sigma_min, double sigma_max, double rho) {
    check_steps(n);
    const at::Tensor ramp = at::linspace(0.0, 1.0, n, kF32);
    const double min_inv_rho = std::pow(sigma_min, 1.0 / rho);
    const double max_inv_rho = std::pow(sigma_max, 1.0 / rho);
    const at::Tensor sigmas = (max_inv_rho + ramp * (min_inv_rho - max_inv_rho)).pow(rho);
    return with_zero(to_vector(sigmas));
}

std::vector<double> exponential(int64_t n, double sigma_min, double sigma_max) {
    check_steps(n);
    return with_zero(to_vector(at::linspace(std::log(sigma_max), std::log(sigma_min), n, kF32).exp()));
}

std::vector<double> polyexponential(int64_t n, double sigma_min, double sigma_max, double rho) {
    check_steps(n);
    const at::Tensor ramp = at::linspace(1.0, 0.0, n, kF32).pow(rho);
    const at::Tensor sigmas =
        at::exp(ramp * (std::log(sigma_max) - std::log(sigma_min)) + std::log(sigma_min));
    return with_zero(to_vector(sigmas));
}

std::vector<double> sgm_uniform(int64_t n, double sigma_min, double sigma_max, const DiscreteSchedule& model) {
    check_steps(n);
    const double start = model.sigma_to_t(at::scalar_tensor(sigma_max, kF32)).item<double>();
    const double end = model.sigma_to_t(at::scalar_tensor(sigma_min, kF32)).item<double>();
    const at::Tensor ts = at::linspace(start, end, n + 1, kF32).slice(0, 0, n);
    return with_zero(to_vector(model.t_to_sigma(ts)));
}

std::vector<double> kl_optimal(int64_t n, double sigma_min, double sigma_max) {
    check_steps(n);
    const at::Tensor alpha_min = at::arctan(at::scalar_tensor(sigma_min, kF32));
    const at::Tensor alpha_max = at::arctan(at::scalar_tensor(sigma_max, kF32));
    const at::Tensor idx = at::arange(n + 1, at::TensorOptions().dtype(at::kLong));
    const at::Tensor frac = idx / static_cast<int64_t>(n);  // true division -> float32
    return to_vector(at::tan(frac * alpha_min + (1.0 - frac) * alpha_max));
}

std::vector<double> align_your_steps(int64_t n, bool sdxl) {
    check_steps(n);
    static const std::vector<double> sd15 = {14.615, 6.475, 3.861, 2.697, 1.886, 1.396,
                                             0.963,  0.652, 0.399, 0.152, 0.029};
    static const std::vector<double> xl = {14.615, 6.315, 3.771, 2.181, 1.342, 0.862,
                                           0.555,  0.380, 0.234, 0.113, 0.029};
    const std::vector<double>& table = sdxl ? xl : sd15;
    std::vector<double> out;
    if (n == static_cast<int64_t>(table.size())) {
        out = table;
    } else {
        // Log-linear interpolation on increasing xs = linspace(0, 1, len) of the reversed table
        // (numpy.interp in float64).
        const size_t m = table.size();
        std::vector<double> ys(m);
        for (size_t i = 0; i < m; ++i) ys[i] = std::log(table[m - 1 - i]);
        auto xs_at = [](size_t i, size_t count) {
            if (count == 1) return 0.0;
            if (i + 1 == count) return 1.0;
            return static_cast<double>(i) * (1.0 / static_cast<double>(count - 1));
        };
        std::vector<double> interp(static_cast<size_t>(n));
        for (int64_t k = 0; k < n; ++k) {
            // numpy.linspace(0, 1, n): step = 1/(n-1), value = k*step (last = 1 exactly)
            double x = n == 1 ? 0.0 : static_cast<double>(k) * (1.0 / static_cast<double>(n - 1));
            if (k == n - 1 && n > 1) x = 1.0;
            // find interval
            size_t j = 0;
            while (j + 2 < m && x >= xs_at(j + 1, m)) ++j;
            const double x0 = xs_at(j, m), x1 = xs_at(j + 1, m);
            double y;
            if (x <= 0.0) y = ys.front();
            else if (x >= 1.0) y = ys.back();
            else {
                const double slope = (ys[j + 1] - ys[j]) / (x1 - x0);
                y = slope * (x - x0) + ys[j];
            }
            interp[static_cast<size_t>(k)] = std::exp(y);
        }
        out.assign(interp.rbegin(), interp.rend());
    }
    for (double& v : out) v = f32(v);
    out.push_back(0.0);
    return out;
}

std::vector<double> simple(int64_t n, const DiscreteSchedule& model) {
    check_steps(n);
    const int64_t len = model.size();
    const double ss = static_cast<double>(len) / static_cast<double>(n);
    const at::Tensor sig = model.sigmas();
    std::vector<double> out;
    for (int64_t x = 0; x < n; ++x) {
        const int64_t idx = len - 1 - static_cast<int64_t>(static_cast<double>(x) * ss);
        out.push_back(sig[idx].item<double>());
    }
    return with_zero(out);
}

std::vector<double> normal(int64_t n, double sigma_min, double sigma_max, const DiscreteSchedule& model) {
    check_steps(n);
    const double start = model.sigma_to_t(at::scalar_tensor(sigma_max, kF32)).item<double>();
    const double end = model.sigma_to_t(at::scalar_tensor(sigma_min, kF32)).item<double>();
    const at::Tensor ts = at::linspace(start, end, n, kF32);
    return with_zero(to_vector(model.t_to_sigma(ts)));
}

std::vector<double> ddim(int64_t n, const DiscreteSchedule& model) {
    check_steps(n);
    const int64_t len = model.size();
    const int64_t ss = std::max<int64_t>(len / n, 1);
    const at::Tensor sig = model.sigmas();
    std::vector<double> out;
    for (int64_t x = 1; x < len; x += ss) out.push_back(sig[x].item<double>());
    std::reverse(out.begin(), out.end());
    return with_zero(out);
}

double beta_cdf(double x, double a, double b) {
    if (x <= 0.0) return 0.0;
    if (x >= 1.0) return 1.0;
    const double lbeta = std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b);
    const double front = std::exp(lbeta + a * std::log(x) + b * std::log1p(-x));
    if (x < (a + 1.0) / (a + b + 2.0)) return front * betacf(a, b, x) / a;
    return 1.0 - front * betacf(b, a, 1.0 - x) / b;
}

double beta_ppf(double q, double a, double b) {
    if (!(a > 0) || !(b > 0)) throw PipelineError("bad_beta_parameters", "The Beta schedule needs alpha > 0 and beta > 0.");
    if (q <= 0.0) return 0.0;
    if (q >= 1.0) return 1.0;
    double lo = 0.0, hi = 1.0;
    for (int i = 0; i < 200 && hi - lo > 0.0; ++i) {
        const double mid = 0.5 * (lo + hi);
        if (mid <= lo || mid >= hi) break;
        if (beta_cdf(mid, a, b) < q) lo = mid;
        else hi = mid;
    }
    return 0.5 * (lo + hi);
}

std::vector<double> beta(int64_t n, double sigma_min, double sigma_max, double alpha, double beta_param) {
    check_steps(n);
    std::vector<double> out;
    for (int64_t k = 0; k < n; ++k) {
        double lin = n == 1 ? 0.0 : static_cast<double>(k) * (1.0 / static_cast<double>(n - 1));
        if (k == n - 1 && n > 1) lin = 1.0;
        const double ts = beta_ppf(1.0 - lin, alpha, beta_param);
        out.push_back(f32(sigma_min + ts * (sigma_max - sigma_min)));
    }
    return with_zero(out);
}

} // namespace schedules

const std::vector<ScheduleInfo>& schedule_infos() {
    static const std::vector<ScheduleInfo> infos = {
        {"automatic", "Automatic", {}, -1, false},
        {"uniform", "Uniform", {}, -1, true},
        {"karras", "Karras", {}, 7.0, false},
        {"exponential", "Exponential", {}, -1, false},
        {"polyexponential", "Polyexponential", {}, 1.0, false},
        {"sgm_uniform", "SGM Uniform", {"SGMUniform"}, -1, true},
        {"kl_optimal", "KL Optimal", {}, -1, false},
        {"align_your_steps", "Align Your Steps", {}, -1, false},
        {"simple", "Simple", {}, -1, true},
        {"normal", "Normal", {}, -1, true},
        {"ddim", "DDIM", {}, -1, true},
        {"beta", "Beta", {}, -1, true},
    };
    return infos;
}

std::vector<std::string> schedule_names() {
    std::vector<std::string> out;
    for (const auto& s : schedule_infos()) out.push_back(s.label);
    return out;
}

const ScheduleInfo* find_schedule(std::string_view name) {
    const std::string key = lower(name);
    for (const auto& s : schedule_infos()) {
        if (lower(s.name) == key || lower(s.label) == key) return &s;
        for (const auto& a : s.aliases)
            if (lower(a) == key) return &s;
    }
    return nullptr;
}

std::vector<double> compute_schedule(std::string_view name, int64_t n, const DiscreteSchedule& model,
                                     const ScheduleOptions& options) {
    const ScheduleInfo* info = find_schedule(name);
    if (!info)
        throw PipelineError("unknown_schedule", "Unknown schedule type \"" + std::string(name) + "\".");
    const double smin = options.sigma_min.value_or(model.sigma_min());
    const double smax = options.sigma_max.value_or(model.sigma_max());
    const std::string& id = info->name;
    if (id == "automatic")
        throw PipelineError("unresolved_schedule", "The Automatic schedule must be resolved for a sampler first.");
    if (id == "uniform") return schedules::uniform(n, model);
    if (id == "karras") return schedules::karras(n, smin, smax, options.rho.value_or(7.0));
    if (id == "exponential") return schedules::exponential(n, smin, smax);
    if (id == "polyexponential") return schedules::polyexponential(n, smin, smax, options.rho.value_or(1.0));
    if (id == "sgm_uniform") return schedules::sgm_uniform(n, smin, smax, model);
    if (id == "kl_optimal") return schedules::kl_optimal(n, smin, smax);
    if (id == "align_your_steps") return schedules::align_your_steps(n, options.sdxl);
    if (id == "simple") return schedules::simple(n, model);
    if (id == "normal") return schedules::normal(n, smin, smax, model);
    if (id == "ddim") return schedules::ddim(n, model);
    if (id == "beta") return schedules::beta(n, smin, smax, options.beta_alpha, options.beta_beta);
    throw PipelineError("unknown_schedule", "Unknown schedule type \"" + std::string(name) + "\".");
}

nlohmann::json schedule_catalog_json() {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& s : schedule_infos()) {
        nlohmann::json e;
        e["name"] = s.name;
        e["label"] = s.label;
        e["aliases"] = s.aliases.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.aliases);
        e["default_rho"] = s.default_rho;
        e["need_inner_model"] = s.need_inner_model;
        out.push_back(e);
    }
    return out;
}

} // namespace latent
