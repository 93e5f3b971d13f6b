// "Restart": A1111 modules/sd_samplers_extra.py restart_sampler (Restart Sampling, Xu et al.
// 2023) with A1111's automatic restart list: for >= 20 steps, 9 restart steps once (>= 36 steps:
// steps/4 restart steps twice) around sigma 0.1 up to sigma 2, the main schedule rebuilt as
// Karras with the remaining steps between the schedule's last non-zero and first sigma.
// Heun steps (Euler for the step to 0); restart noise from the per-image generators.
#include "pipeline/schedulers/samplers/samplers.h"

#include "pipeline/schedulers/sigma_schedule.h"

#include <ATen/ATen.h>

#include <cmath>
#include <map>

namespace latent::samplers {

namespace {

int64_t argmin_abs(const Sigmas& sigmas, double key) {
    // torch.argmin(abs(sigmas - key)) in float32: first index of the minimum.
    int64_t best = 0;
    float best_v = INFINITY;
    for (size_t i = 0; i < sigmas.size(); ++i) {
        const float v = std::fabs(static_cast<float>(sigmas[i]) - static_cast<float>(key));
        if (v < best_v) {
            best_v = v;
            best = static_cast<int64_t>(i);
        }
    }
    return best;
}

} // namespace

at::Tensor restart(SamplerContext& ctx, at::Tensor x, const Sigmas& sigmas_in, const SamplerOptions& o) {
    Sigmas sigmas = sigmas_in;
    const int64_t steps = static_cast<int64_t>(sigmas.size()) - 1;
    struct Restart {
        int64_t steps, times;
        double max_sigma;
    };
    std::map<double, Restart> restart_list;
    if (steps >= 20) {
        int64_t restart_steps = 9, restart_times = 1;
        if (steps >= 36) {
            restart_steps = steps / 4;
            restart_times = 2;
        }
        sigmas = schedules::karras(steps - restart_steps * restart_times, sigmas[sigmas.size() - 2], sigmas[0]);
        restart_list[0.1] = Restart{restart_steps + 1, restart_times, 2.0};
    }
    std::map<int64_t, Restart> by_index;
    for (const auto& [key, value] : restart_list) by_index[argmin_abs(sigmas, key)] = value;

    std::vector<std::pair<double, double>> step_list;
    for (size_t i = 0; i + 1 < sigmas.size(); ++i) {
        step_list.emplace_back(sigmas[i], sigmas[i + 1]);
        auto it = by_index.find(static_cast<int64_t>(i + 1));
        if (it != by_index.end()) {
            const Restart r = it->second;
            const int64_t min_idx = static_cast<int64_t>(i + 1);
            const int64_t max_idx = argmin_abs(sigmas, r.max_sigma);
            if (max_idx < min_idx) {
                Sigmas sr = schedules::karras(r.steps, sigmas[min_idx], sigmas[max_idx]);
                sr.pop_back();  // [:-1]
                for (int64_t k = 0; k < r.times; ++k)
                    for (size_t j = 0; j + 1 < sr.size(); ++j) step_list.emplace_back(sr[j], sr[j + 1]);
            }
        }
    }

    const int64_t total = static_cast<int64_t>(step_list.size());
    int64_t step_id = 0;
    bool have_last = false;
    double last_sigma = 0;
    for (const auto& [old_sigma, new_sigma] : step_list) {
        if (!have_last) {
            last_sigma = old_sigma;
            have_last = true;
        } else if (last_sigma < old_sigma) {
            x = x + ctx.randn_like(x) * (o.s_noise * std::sqrt(old_sigma * old_sigma - last_sigma * last_sigma));
        }
        // heun_step
        const at::Tensor denoised = ctx.model(x, old_sigma);
        const at::Tensor d = to_d(x, old_sigma, denoised);
        ctx.step(step_id, total, new_sigma, old_sigma, x, denoised);
        const double dt = new_sigma - old_sigma;
        if (new_sigma == 0) {
            x = x + d * dt;
        } else {
            const at::Tensor x_2 = x + d * dt;
            const at::Tensor denoised_2 = ctx.model(x_2, new_sigma);
            const at::Tensor d_2 = to_d(x_2, new_sigma, denoised_2);
            x = x + ((d + d_2) / 2) * dt;
        }
        ++step_id;
        last_sigma = new_sigma;
    }
    return x;
}

} // namespace latent::samplers
