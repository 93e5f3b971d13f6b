// "PLMS": A1111 modules/sd_samplers_timesteps_impl.py plms (pseudo linear multistep, with a
// pseudo improved Euler first step that costs two model calls). Runs len(timesteps) - 1 steps.
#include "pipeline/schedulers/samplers/samplers.h"

#include "pipeline/schedulers/denoiser.h"

#include <ATen/ATen.h>

#include <cmath>
#include <deque>

namespace latent::samplers {

at::Tensor plms(SamplerContext& ctx, at::Tensor x, const std::vector<int64_t>& timesteps,
                const DiscreteSchedule& schedule, const SamplerOptions&) {
    const at::Tensor ac = schedule.alphas_cumprod();
    const int64_t n = static_cast<int64_t>(timesteps.size());
    std::vector<double> alphas(n), alphas_prev(n), sqrt_one_minus(n);
    for (int64_t k = 0; k < n; ++k) {
        const float a = ac[timesteps[k]].item<float>();
        alphas[k] = a;
        alphas_prev[k] = ac[k == 0 ? 0 : timesteps[k - 1]].item<float>();
        sqrt_one_minus[k] = std::sqrt(1.0f - a);
    }
    auto x_prev_and_pred = [&](const at::Tensor& xx, const at::Tensor& e_t, int64_t index) {
        const at::Tensor pred_x0 = (xx - sqrt_one_minus[index] * e_t) / std::sqrt(alphas[index]);
        const at::Tensor dir_xt = std::sqrt(1.0 - alphas_prev[index]) * e_t;
        return std::make_pair(std::sqrt(alphas_prev[index]) * pred_x0 + dir_xt, pred_x0);
    };
    std::deque<at::Tensor> old_eps;
    for (int64_t i = 0; i < n - 1; ++i) {
        const int64_t index = n - 1 - i;
        const int64_t ts = timesteps[index];
        const int64_t t_next = timesteps[std::max<int64_t>(index - 1, 0)];
        const at::Tensor e_t = eps_at_timestep(ctx, x, ts, schedule).first;
        at::Tensor e_prime;
        if (old_eps.empty()) {
            const auto [x_prev, pred] = x_prev_and_pred(x, e_t, index);
            (void)pred;
            const at::Tensor e_next = eps_at_timestep(ctx, x_prev, t_next, schedule).first;
            e_prime = (e_t + e_next) / 2;
        } else if (old_eps.size() == 1) {
            e_prime = (3 * e_t - old_eps.back()) / 2;
        } else if (old_eps.size() == 2) {
            e_prime = (23 * e_t - 16 * old_eps[old_eps.size() - 1] + 5 * old_eps[old_eps.size() - 2]) / 12;
        } else {
            e_prime = (55 * e_t - 59 * old_eps[old_eps.size() - 1] + 37 * old_eps[old_eps.size() - 2] -
                       9 * old_eps[old_eps.size() - 3]) /
                      24;
        }
        const auto [x_prev, pred_x0] = x_prev_and_pred(x, e_prime, index);
        old_eps.push_back(e_t);
        if (old_eps.size() >= 4) old_eps.pop_front();
        x = x_prev;
        ctx.step(i, n - 1, 0, 0, x, pred_x0);
    }
    return x;
}

} // namespace latent::samplers
