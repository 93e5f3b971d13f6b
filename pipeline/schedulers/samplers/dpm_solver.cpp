#include "pipeline/schedulers/samplers/dpm_solver.h"

#include <ATen/ATen.h>

#include <cmath>

namespace latent::samplers {

double DpmSolver::t(double sigma) { return -std::log(sigma); }
double DpmSolver::sigma(double t) { return std::exp(-t); }

at::Tensor DpmSolver::eps(EpsCache& cache, const std::string& key, const at::Tensor& x, double tt) {
    auto it = cache.find(key);
    if (it != cache.end()) return it->second;
    const double s = sigma(tt);
    at::Tensor e = (x - ctx_.model(x, s)) / s;
    cache[key] = e;
    return e;
}

at::Tensor DpmSolver::step1(const at::Tensor& x, double tt, double t_next, EpsCache& cache) {
    const double h = t_next - tt;
    const at::Tensor e = eps(cache, "eps", x, tt);
    return x - (sigma(t_next) * std::expm1(h)) * e;
}

at::Tensor DpmSolver::step2(const at::Tensor& x, double tt, double t_next, EpsCache& cache, double r1) {
    const double h = t_next - tt;
    const at::Tensor e = eps(cache, "eps", x, tt);
    const double s1 = tt + r1 * h;
    const at::Tensor u1 = x - (sigma(s1) * std::expm1(r1 * h)) * e;
    const at::Tensor e_r1 = eps(cache, "eps_r1", u1, s1);
    return x - (sigma(t_next) * std::expm1(h)) * e -
           (sigma(t_next) / (2 * r1) * std::expm1(h)) * (e_r1 - e);
}

at::Tensor DpmSolver::step3(const at::Tensor& x, double tt, double t_next, EpsCache& cache, double r1,
                            double r2) {
    const double h = t_next - tt;
    const at::Tensor e = eps(cache, "eps", x, tt);
    const double s1 = tt + r1 * h;
    const double s2 = tt + r2 * h;
    const at::Tensor u1 = x - (sigma(s1) * std::expm1(r1 * h)) * e;
    const at::Tensor e_r1 = eps(cache, "eps_r1", u1, s1);
    const at::Tensor u2 = x - (sigma(s2) * std::expm1(r2 * h)) * e -
                          (sigma(s2) * (r2 / r1) * (std::expm1(r2 * h) / (r2 * h) - 1)) * (e_r1 - e);
    const at::Tensor e_r2 = eps(cache, "eps_r2", u2, s2);
    return x - (sigma(t_next) * std::expm1(h)) * e - (sigma(t_next) / r2 * (std::expm1(h) / h - 1)) * (e_r2 - e);
}

} // namespace latent::samplers
