// "LMS": k-diffusion sample_lms, linear multistep of order 4 in sigma. The coefficients are the
// integrals of the Lagrange basis polynomials over [sigma_i, sigma_{i+1}]; k-diffusion uses
// scipy's quad, we integrate the (degree <= 3) polynomials exactly with 5-point Gauss-Legendre.
#include "pipeline/schedulers/samplers/samplers.h"

#include "pipeline/core/error.h"

#include <ATen/ATen.h>

#include <deque>

namespace latent::samplers {

namespace {

double multistep_coeff(int order, const Sigmas& t, int64_t i, int j) {
    if (order - 1 > i) throw PipelineError("lms_order", "LMS order too high for this step.");
    auto fn = [&](double tau) {
        double prod = 1.0;
        for (int k = 0; k < order; ++k) {
            if (j == k) continue;
            prod *= (tau - t[i - k]) / (t[i - j] - t[i - k]);
        }
        return prod;
    };
    static const double nodes[5] = {-0.9061798459386640, -0.5384693101056831, 0.0, 0.5384693101056831,
                                    0.9061798459386640};
    static const double weights[5] = {0.2369268850561891, 0.4786286704993665, 0.5688888888888889,
                                      0.4786286704993665, 0.2369268850561891};
    const double a = t[i], b = t[i + 1];
    const double half = 0.5 * (b - a), mid = 0.5 * (a + b);
    double sum = 0;
    for (int k = 0; k < 5; ++k) sum += weights[k] * fn(mid + half * nodes[k]);
    return sum * half;
}

} // namespace

at::Tensor lms(SamplerContext& ctx, at::Tensor x, const Sigmas& sigmas, const SamplerOptions& o) {
    const int order = o.lms_order;
    const int64_t n = static_cast<int64_t>(sigmas.size()) - 1;
    std::deque<at::Tensor> ds;
    for (int64_t i = 0; i < n; ++i) {
        const at::Tensor denoised = ctx.model(x, sigmas[i]);
        ds.push_back(to_d(x, sigmas[i], denoised));
        if (static_cast<int>(ds.size()) > order) ds.pop_front();
        ctx.step(i, n, sigmas[i], sigmas[i], x, denoised);
        const int cur_order = static_cast<int>(std::min<int64_t>(i + 1, order));
        at::Tensor update;
        for (int j = 0; j < cur_order; ++j) {
            const double c = multistep_coeff(cur_order, sigmas, i, j);
            const at::Tensor term = ds[ds.size() - 1 - j] * c;
            update = update.defined() ? update + term : term;
        }
        x = x + update;
    }
    return x;
}

} // namespace latent::samplers
