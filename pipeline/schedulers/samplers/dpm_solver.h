// k-diffusion's DPMSolver (DPM-Solver-1/2/3 steps in t = -log sigma), shared by "DPM fast" and
// "DPM adaptive".
#pragma once

#include "pipeline/schedulers/samplers/samplers.h"

#include <ATen/core/Tensor.h>

#include <map>
#include <string>

namespace latent::samplers {

class DpmSolver {
public:
    explicit DpmSolver(SamplerContext& ctx) : ctx_(ctx) {}

    static double t(double sigma);
    static double sigma(double t);

    using EpsCache = std::map<std::string, at::Tensor>;
    at::Tensor eps(EpsCache& cache, const std::string& key, const at::Tensor& x, double t);
    at::Tensor step1(const at::Tensor& x, double t, double t_next, EpsCache& cache);
    at::Tensor step2(const at::Tensor& x, double t, double t_next, EpsCache& cache, double r1 = 0.5);
    at::Tensor step3(const at::Tensor& x, double t, double t_next, EpsCache& cache, double r1 = 1.0 / 3,
                     double r2 = 2.0 / 3);

private:
    SamplerContext& ctx_;
};

} // namespace latent::samplers
