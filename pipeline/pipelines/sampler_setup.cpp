#include "pipeline/pipelines/sampler_setup.h"

#include "pipeline/core/python_format.h"
#include "pipeline/schedulers/denoiser.h"

#include <cmath>
#include <limits>
#include <set>

namespace latent {

namespace {

// k-diffusion / A1111 functions whose signature has `eta`.
bool takes_eta(const std::string& name) {
    static const std::set<std::string> names = {
        "Euler a",      "DPM2 a",   "DPM++ 2S a",   "DPM++ SDE", "DPM++ 2M SDE", "DPM++ 2M SDE Heun",
        "DPM++ 3M SDE", "DPM fast", "DPM adaptive", "DDIM",      "DDIM CFG++"};
    return names.count(name) > 0;
}

// A1111 sampler_extra_params.
bool takes_churn(const std::string& name) {
    return name == "Euler" || name == "Heun" || name == "DPM2";
}
bool takes_s_noise(const std::string& name) {
    static const std::set<std::string> names = {
        "Euler",      "Heun",      "DPM2",         "DPM fast",          "DPM2 a",
        "DPM++ 2S a", "DPM++ SDE", "DPM++ 2M SDE", "DPM++ 2M SDE Heun", "DPM++ 3M SDE"};
    return names.count(name) > 0;
}

} // namespace

SamplerSetup setup_sampler(const GenerationRequest& r, bool sdxl, const DiscreteSchedule& model, bool img2img) {
    SamplerSetup out;
    const SamplingSettings& st = r.settings;
    SamplerSpec& spec = out.spec;
    spec.sampler = r.sampler;
    spec.schedule = r.schedule;
    const ResolvedSampler rs = resolve_sampler(r.sampler, r.schedule, /*convert_automatic=*/false);
    const SamplerInfo& info = *rs.sampler;
    const std::string& name = info.name;
    auto add = [&](const std::string& key, const std::string& value) { out.infotext.emplace_back(key, value); };
    auto add_float = [&](const std::string& key, double value) { add(key, python_float_repr(value)); };

    // get_sigmas / get_timesteps
    if (st.always_discard_next_to_last_sigma && !info.discard_next_to_last_sigma) {
        spec.always_discard_next_to_last_sigma = true;
        add("Discard penultimate sigma", "True");
    }
    spec.schedule_options.sdxl = sdxl;
    spec.schedule_options.beta_alpha = st.beta_dist_alpha;
    spec.schedule_options.beta_beta = st.beta_dist_beta;
    if (info.kind != SamplerKind::Timesteps) {
        const bool from_function = !(rs.schedule == "Automatic" && info.scheduler.empty());
        if (from_function) {
            const ScheduleInfo* sched = find_schedule(effective_schedule(info, rs.schedule));
            double m_sigma_min = model.sigma_min(), m_sigma_max = model.sigma_max();
            if (info.kind == SamplerKind::Lcm) {
                const LcmDenoiser lcm(model);
                m_sigma_min = lcm.sigma_min();
                m_sigma_max = lcm.sigma_max();
            }
            if (st.use_old_karras_scheduler_sigmas) {
                spec.schedule_options.sigma_min = 0.1;
                spec.schedule_options.sigma_max = 10.0;
            }
            if (st.sigma_min != 0 && st.sigma_min != m_sigma_min) {
                spec.schedule_options.sigma_min = st.sigma_min;
                add_float("Schedule min sigma", st.sigma_min);
            }
            if (st.sigma_max != 0 && st.sigma_max != m_sigma_max) {
                spec.schedule_options.sigma_max = st.sigma_max;
                add_float("Schedule max sigma", st.sigma_max);
            }
            if (sched && sched->default_rho != -1 && st.rho != 0 && st.rho != sched->default_rho) {
                spec.schedule_options.rho = st.rho;
                add_float("Schedule rho", st.rho);
            }
            if (sched && sched->name == "beta") {
                add_float("Beta schedule alpha", st.beta_dist_alpha);
                add_float("Beta schedule beta", st.beta_dist_beta);
            }
        }
        if (!img2img && st.sgm_noise_multiplier) {
            out.sgm_noise_multiplier = true;
            add("SGM noise multiplier", "True");
        }
    }

    // initialize
    const bool timesteps = info.kind == SamplerKind::Timesteps;
    const double eta = r.eta ? *r.eta : (timesteps ? st.eta_ddim : st.eta_ancestral);
    const double eta_default = timesteps ? 0.0 : 1.0;
    if (takes_eta(name)) {
        if (eta != eta_default) add_float(timesteps ? "Eta DDIM" : "Eta", eta);
        spec.options.eta = eta;
    }
    const bool churn = !timesteps && takes_churn(name);
    const bool noise = !timesteps && takes_s_noise(name);
    if (churn || noise) {
        const double inf = std::numeric_limits<double>::infinity();
        // processing.fill_fields_from_opts: the request's value, else the setting.
        double s_churn = r.s_churn.value_or(st.s_churn);
        double s_tmin = r.s_tmin.value_or(st.s_tmin);
        double s_tmax = r.s_tmax.value_or(st.s_tmax);
        if (s_tmax == 0) s_tmax = inf;
        double s_noise = r.s_noise.value_or(st.s_noise);
        // Sampler.initialize: a setting that differs from the sampler's default wins and is written.
        const double opt_tmax = st.s_tmax == 0 ? inf : st.s_tmax;
        if (churn && st.s_churn != 0.0) {
            s_churn = st.s_churn;
            add_float("Sigma churn", s_churn);
        }
        if (churn && st.s_tmin != 0.0) {
            s_tmin = st.s_tmin;
            add_float("Sigma tmin", s_tmin);
        }
        if (churn && opt_tmax != inf) {
            s_tmax = opt_tmax;
            add_float("Sigma tmax", s_tmax);
        }
        if (noise && st.s_noise != 1.0) {
            s_noise = st.s_noise;
            add_float("Sigma noise", s_noise);
        }
        if (churn) {
            spec.options.s_churn = s_churn;
            spec.options.s_tmin = s_tmin;
            spec.options.s_tmax = s_tmax;
        }
        if (noise) spec.options.s_noise = s_noise;
    }
    spec.options.uni_pc_variant = st.uni_pc_variant;
    spec.options.uni_pc_skip_type = st.uni_pc_skip_type;
    spec.options.uni_pc_order = st.uni_pc_order;
    spec.options.uni_pc_lower_order_final = st.uni_pc_lower_order_final;

    // create_infotext: ENSD when the sampler uses it with a non-zero eta.
    out.uses_ensd = r.eta_noise_seed_delta != 0 && info.uses_ensd && eta != 0;
    out.s_min_uncond = r.s_min_uncond.value_or(st.s_min_uncond);
    return out;
}

} // namespace latent
