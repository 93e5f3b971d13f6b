// Sigma schedules ("Schedule type" in A1111, modules/sd_schedulers.py), kept apart from the
// sampler math. Every function returns the sigmas of an n-step schedule in descending order,
// normally with a final 0 appended (KL Optimal is A1111's exception: it ends at sigma_min).
// Values are computed with float32 tensor arithmetic where A1111 does, so they agree with
// A1111 to float32 rounding.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace latent {

class DiscreteSchedule;

namespace schedules {

// k-diffusion get_sigmas(n): t = linspace(999, 0, n) -> sigma(t) (A1111 "Uniform", also what
// "Automatic" means for samplers without a preferred schedule).
std::vector<double> uniform(int64_t n, const DiscreteSchedule& model);
// Karras et al. (2022): (smax^(1/rho) + i/(n-1) (smin^(1/rho) - smax^(1/rho)))^rho.
std::vector<double> karras(int64_t n, double sigma_min, double sigma_max, double rho = 7.0);
// exp(linspace(log smax, log smin, n)).
std::vector<double> exponential(int64_t n, double sigma_min, double sigma_max);
// exp(linspace(1, 0, n)^rho * (log smax - log smin) + log smin).
std::vector<double> polyexponential(int64_t n, double sigma_min, double sigma_max, double rho = 1.0);
// t = linspace(t(smax), t(smin), n + 1) without its last value -> sigma(t).
std::vector<double> sgm_uniform(int64_t n, double sigma_min, double sigma_max, const DiscreteSchedule& model);
// tan(i/n * atan(smin) + (1 - i/n) * atan(smax)), i = 0..n (no 0 appended, as A1111).
std::vector<double> kl_optimal(int64_t n, double sigma_min, double sigma_max);
// NVIDIA's Align Your Steps tables (SD 1.5 or SDXL), log-linearly interpolated to n steps.
std::vector<double> align_your_steps(int64_t n, bool sdxl);
// The model's own sigmas taken every len/n entries from the top.
std::vector<double> simple(int64_t n, const DiscreteSchedule& model);
// t = linspace(t(smax), t(smin), n) -> sigma(t).
std::vector<double> normal(int64_t n, double sigma_min, double sigma_max, const DiscreteSchedule& model);
// sigmas[1], sigmas[1 + 1000//n], ... reversed (may give more than n steps, as A1111).
std::vector<double> ddim(int64_t n, const DiscreteSchedule& model);
// "Beta Sampling is All You Need": smin + ppf_beta(1 - linspace(0,1,n); a, b) * (smax - smin).
std::vector<double> beta(int64_t n, double sigma_min, double sigma_max, double alpha = 0.6, double beta = 0.6);

// Inverse of the regularised incomplete beta function I_x(a, b) (scipy.stats.beta.ppf).
double beta_ppf(double q, double a, double b);
double beta_cdf(double x, double a, double b);

} // namespace schedules

// Catalogue entry, shaped like A1111's /sdapi/v1/schedulers.
struct ScheduleInfo {
    std::string name;     // "karras"
    std::string label;    // "Karras"
    std::vector<std::string> aliases;
    double default_rho = -1;
    bool need_inner_model = false;
};

const std::vector<ScheduleInfo>& schedule_infos();
std::vector<std::string> schedule_names();  // labels, in A1111's order
// Finds a schedule by name, label or alias (case-insensitive); nullptr if unknown.
const ScheduleInfo* find_schedule(std::string_view name);

struct ScheduleOptions {
    std::optional<double> sigma_min;  // A1111 "Schedule min sigma" (opts.sigma_min); default: model
    std::optional<double> sigma_max;  // "Schedule max sigma"
    std::optional<double> rho;        // "Schedule rho"
    bool sdxl = false;                // Align Your Steps table
    double beta_alpha = 0.6;          // opts.beta_dist_alpha
    double beta_beta = 0.6;           // opts.beta_dist_beta
};

// Computes a schedule by name ("automatic" is not accepted here: resolve it first).
std::vector<double> compute_schedule(std::string_view name, int64_t n, const DiscreteSchedule& model,
                                     const ScheduleOptions& options = {});

// [{"name","label","aliases","default_rho","need_inner_model"}] like /sdapi/v1/schedulers.
nlohmann::json schedule_catalog_json();

} // namespace latent
