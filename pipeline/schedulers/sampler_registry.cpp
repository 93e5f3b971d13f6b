#include "pipeline/schedulers/sampler_registry.h"

#include "pipeline/core/error.h"
#include "pipeline/schedulers/denoiser.h"
#include "pipeline/schedulers/samplers/samplers.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace latent {

namespace {

std::string lower(std::string_view s) {
    std::string out;
    for (char c : s) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    return out;
}

bool ends_with_ci(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && lower(s.substr(s.size() - suffix.size())) == lower(suffix);
}

SamplerInfo make(std::string name, std::vector<std::string> aliases, SamplerKind kind = SamplerKind::KDiffusion,
                 std::string scheduler = {}, bool discard = false, bool second_order = false,
                 bool brownian = false, bool ensd = false, std::string solver = {}) {
    SamplerInfo s;
    s.name = std::move(name);
    s.aliases = std::move(aliases);
    s.kind = kind;
    s.scheduler = std::move(scheduler);
    s.discard_next_to_last_sigma = discard;
    s.second_order = second_order;
    s.brownian_noise = brownian;
    s.uses_ensd = ensd;
    s.solver_type = std::move(solver);
    return s;
}

} // namespace

const std::vector<SamplerInfo>& sampler_infos() {
    using K = SamplerKind;
    static const std::vector<SamplerInfo> infos = {
        // name, aliases, kind, scheduler, discard_penultimate, second_order, brownian, ensd, solver
        make("DPM++ 2M", {"k_dpmpp_2m"}, K::KDiffusion, "karras"),
        make("DPM++ SDE", {"k_dpmpp_sde"}, K::KDiffusion, "karras", false, true, true),
        make("DPM++ 2M SDE", {"k_dpmpp_2m_sde"}, K::KDiffusion, "exponential", false, false, true),
        make("DPM++ 2M SDE Heun", {"k_dpmpp_2m_sde_heun"}, K::KDiffusion, "exponential", false, false, true, false,
             "heun"),
        make("DPM++ 2S a", {"k_dpmpp_2s_a"}, K::KDiffusion, "karras", false, true, false, true),
        make("DPM++ 3M SDE", {"k_dpmpp_3m_sde"}, K::KDiffusion, "exponential", true, false, true),
        make("Euler a", {"k_euler_a", "k_euler_ancestral"}, K::KDiffusion, "", false, false, false, true),
        make("Euler", {"k_euler"}),
        make("LMS", {"k_lms"}),
        make("Heun", {"k_heun"}, K::KDiffusion, "", false, true),
        make("DPM2", {"k_dpm_2"}, K::KDiffusion, "karras", true, true),
        make("DPM2 a", {"k_dpm_2_a"}, K::KDiffusion, "karras", true, true, false, true),
        make("DPM fast", {"k_dpm_fast"}, K::KDiffusion, "", false, false, false, true),
        make("DPM adaptive", {"k_dpm_ad"}, K::KDiffusion, "", false, false, false, true),
        make("Restart", {"restart"}, K::KDiffusion, "karras", false, true),
        make("DDIM", {"ddim"}, K::Timesteps),
        make("DDIM CFG++", {"ddim_cfgpp"}, K::Timesteps),
        make("PLMS", {"plms"}, K::Timesteps),
        make("UniPC", {"unipc"}, K::Timesteps),
        make("LCM", {"k_lcm"}, K::Lcm),
    };
    return infos;
}

std::vector<std::string> sampler_names() {
    std::vector<std::string> out;
    for (const auto& s : sampler_infos()) out.push_back(s.name);
    return out;
}

const SamplerInfo* find_sampler(std::string_view name) {
    const std::string key = lower(name);
    for (const auto& s : sampler_infos())
        if (lower(s.name) == key) return &s;
    for (const auto& s : sampler_infos())
        for (const auto& a : s.aliases)
            if (lower(a) == key) return &s;
    return nullptr;
}

ResolvedSampler resolve_sampler(std::string_view sampler_name, std::string_view schedule_name,
                                bool convert_automatic) {
    const ScheduleInfo* found = schedule_name.empty() ? find_schedule("automatic") : find_schedule(schedule_name);
    if (!found)
        throw PipelineError("unknown_schedule", "Unknown schedule type \"" + std::string(schedule_name) + "\".");
    std::string name(sampler_name.empty() ? std::string_view("Euler") : sampler_name);
    // Trim surrounding whitespace.
    while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) name.pop_back();
    while (!name.empty() && std::isspace(static_cast<unsigned char>(name.front()))) name.erase(name.begin());

    const SamplerInfo* sampler = find_sampler(name);
    if (!sampler) {
        // Legacy combined names: "<sampler> <schedule label or alias>".
        for (const auto& sch : schedule_infos()) {
            std::vector<std::string> options = {sch.label};
            options.insert(options.end(), sch.aliases.begin(), sch.aliases.end());
            bool matched = false;
            for (const auto& opt : options) {
                if (ends_with_ci(name, " " + opt)) {
                    const std::string base = name.substr(0, name.size() - opt.size() - 1);
                    if (const SamplerInfo* s = find_sampler(base)) {
                        sampler = s;
                        found = &sch;
                        matched = true;
                        break;
                    }
                }
            }
            if (matched) break;
        }
    }
    if (!sampler) {
        // Old A1111 aliases of the combined samplers: k_dpmpp_2m_ka, k_dpmpp_3m_sde_exp, ...
        const std::string key = lower(name);
        for (const auto& [suffix, sch] : {std::pair<std::string, std::string>{"_ka", "karras"}, {"_exp", "exponential"}}) {
            if (key.size() > suffix.size() && key.compare(key.size() - suffix.size(), suffix.size(), suffix) == 0) {
                if (const SamplerInfo* s = find_sampler(key.substr(0, key.size() - suffix.size()))) {
                    sampler = s;
                    found = find_schedule(sch);
                    break;
                }
            }
        }
    }
    if (!sampler)
        throw PipelineError("unknown_sampler", "Unknown sampler \"" + std::string(sampler_name) + "\".");
    if (convert_automatic && !sampler->scheduler.empty() && sampler->scheduler == found->name)
        found = find_schedule("automatic");
    return ResolvedSampler{sampler, found->label};
}

std::string effective_schedule(const SamplerInfo& sampler, std::string_view schedule_label) {
    if (sampler.kind == SamplerKind::Timesteps) return "";
    const ScheduleInfo* info = find_schedule(schedule_label.empty() ? std::string_view("automatic") : schedule_label);
    if (!info)
        throw PipelineError("unknown_schedule", "Unknown schedule type \"" + std::string(schedule_label) + "\".");
    if (info->name != "automatic") return info->name;
    if (!sampler.scheduler.empty()) return sampler.scheduler;
    return "uniform";
}

namespace {

std::vector<int64_t> a1111_timesteps(int64_t steps, int64_t n_train) {
    // torch.clip(range(0, 1000, 1000 // steps) + 1, 0, 999)
    const int64_t stride = n_train / steps;
    if (stride < 1)
        throw PipelineError("bad_steps", "DDIM, PLMS and UniPC support at most as many steps as the model has timesteps.");
    std::vector<int64_t> out;
    for (int64_t t = 0; t < n_train; t += stride) out.push_back(std::min<int64_t>(t + 1, n_train - 1));
    return out;
}

} // namespace

namespace {
SamplingPlan plan_sampling_t_enc(const SamplerSpec& spec, const DiscreteSchedule& model, int64_t steps,
                                 std::optional<int64_t> t_enc);
} // namespace

SamplingPlan plan_sampling(const SamplerSpec& spec, const DiscreteSchedule& model, int64_t steps,
                           std::optional<double> denoising_strength) {
    if (steps < 1) throw PipelineError("bad_steps", "The number of steps must be at least 1.");
    std::optional<int64_t> t_enc;
    if (denoising_strength) {
        const double s = std::min(*denoising_strength, 0.999);
        t_enc = std::max<int64_t>(0, static_cast<int64_t>(std::floor(s * static_cast<double>(steps))));
    }
    return plan_sampling_t_enc(spec, model, steps, t_enc);
}

std::pair<int64_t, int64_t> img2img_fixed_steps(int64_t requested_steps, double denoising_strength) {
    // A1111 sd_samplers_common.setup_img2img_steps with steps given (the hires pass) or
    // img2img_fix_steps: steps = int(requested / min(strength, 0.999)), t_enc = requested - 1.
    const double s = std::min(denoising_strength, 0.999);
    const int64_t steps = s > 0 ? static_cast<int64_t>(static_cast<double>(requested_steps) / s) : 0;
    return {steps, requested_steps - 1};
}

SamplingPlan plan_img2img_fixed_steps(const SamplerSpec& spec, const DiscreteSchedule& model, int64_t requested_steps,
                                      double denoising_strength) {
    if (requested_steps < 1) throw PipelineError("bad_steps", "The number of steps must be at least 1.");
    if (!(denoising_strength > 0.0))
        throw PipelineError("bad_request", "A denoising strength of 0 leaves nothing to sample.");
    const auto [steps, t_enc] = img2img_fixed_steps(requested_steps, denoising_strength);
    return plan_sampling_t_enc(spec, model, steps, t_enc);
}

namespace {
SamplingPlan plan_sampling_t_enc(const SamplerSpec& spec, const DiscreteSchedule& model, int64_t steps,
                                 std::optional<int64_t> t_enc) {
    if (steps < 1) throw PipelineError("bad_steps", "The number of steps must be at least 1.");
    const ResolvedSampler r = resolve_sampler(spec.sampler, spec.schedule, /*convert_automatic=*/false);
    SamplingPlan plan;
    plan.sampler = r.sampler;
    plan.schedule_label = r.schedule;
    plan.steps = steps;
    plan.options = spec.options;
    if (r.sampler->kind == SamplerKind::KDiffusion && !r.sampler->solver_type.empty())
        plan.options.solver_type = r.sampler->solver_type;

    int64_t run_steps = steps;
    plan.t_enc = t_enc;

    const bool discard = r.sampler->discard_next_to_last_sigma || spec.always_discard_next_to_last_sigma;
    const int64_t n = steps + (discard ? 1 : 0);

    if (r.sampler->kind == SamplerKind::Timesteps) {
        plan.schedule_used = "";
        plan.infotext_schedule = r.schedule;
        plan.timesteps = a1111_timesteps(n, model.size());
        if (plan.t_enc) {
            const int64_t te = std::min<int64_t>(*plan.t_enc, static_cast<int64_t>(plan.timesteps.size()) - 1);
            plan.run_timesteps.assign(plan.timesteps.begin(), plan.timesteps.begin() + te);
        } else {
            plan.run_timesteps = plan.timesteps;
        }
        if (!plan.options.eta) plan.options.eta = 0.0;
        (void)run_steps;
        return plan;
    }

    plan.schedule_used = effective_schedule(*r.sampler, r.schedule);
    {
        const ScheduleInfo* used = find_schedule(plan.schedule_used);
        const bool from_function = !(r.schedule == "Automatic" && r.sampler->scheduler.empty());
        plan.infotext_schedule = from_function && used ? used->label : "Automatic";
    }

    if (r.sampler->kind == SamplerKind::Lcm) {
        plan.needs_lcm_denoiser = true;
        const LcmDenoiser lcm(model);
        if (plan.schedule_used == "uniform") {
            plan.sigmas = lcm.get_sigmas(n);
        } else {
            ScheduleOptions so = spec.schedule_options;
            if (!so.sigma_min) so.sigma_min = lcm.sigma_min();
            if (!so.sigma_max) so.sigma_max = lcm.sigma_max();
            plan.sigmas = compute_schedule(plan.schedule_used, n, model, so);
        }
    } else if (plan.schedule_used == "uniform") {
        plan.sigmas = model.get_sigmas(n);
    } else {
        plan.sigmas = compute_schedule(plan.schedule_used, n, model, spec.schedule_options);
    }
    if (discard && plan.sigmas.size() >= 2) plan.sigmas.erase(plan.sigmas.end() - 2);

    if (plan.t_enc) {
        // A1111 sample_img2img: sigma_sched = sigmas[steps - t_enc - 1:]
        int64_t start = steps - *plan.t_enc - 1;
        start = std::max<int64_t>(0, std::min<int64_t>(start, static_cast<int64_t>(plan.sigmas.size()) - 2));
        plan.run_sigmas.assign(plan.sigmas.begin() + start, plan.sigmas.end());
        if (plan.run_sigmas.size() >= 2) {
            plan.options.dpm_sigma_min = plan.run_sigmas[plan.run_sigmas.size() - 2];
            plan.options.dpm_sigma_max = plan.run_sigmas[0];
            plan.options.dpm_n = static_cast<int64_t>(plan.run_sigmas.size()) - 1;
        }
    } else {
        plan.run_sigmas = plan.sigmas;
        plan.options.dpm_sigma_min = model.sigma_min();
        plan.options.dpm_sigma_max = model.sigma_max();
        plan.options.dpm_n = steps;
    }
    // Brownian tree over the full (unsliced) schedule, as A1111's create_noise_sampler.
    double smin = INFINITY, smax = 0;
    for (double s : plan.sigmas) {
        if (s > 0) smin = std::min(smin, s);
        smax = std::max(smax, s);
    }
    if (smax > 0) {
        plan.options.brownian_sigma_min = smin;
        plan.options.brownian_sigma_max = smax;
    }
    return plan;
}
} // namespace

at::Tensor initial_latent(const SamplingPlan& plan, const at::Tensor& noise, const DiscreteSchedule& model,
                          const std::optional<at::Tensor>& init_latent) {
    if (plan.sampler->kind == SamplerKind::Timesteps) {
        if (!init_latent) return noise;
        const int64_t te = std::min<int64_t>(plan.t_enc.value_or(0), static_cast<int64_t>(plan.timesteps.size()) - 1);
        const double a = model.alphas_cumprod()[plan.timesteps[te]].item<double>();
        const double sa = static_cast<double>(std::sqrt(static_cast<float>(a)));
        const double s1a = static_cast<double>(std::sqrt(1.0f - static_cast<float>(a)));
        return *init_latent * sa + noise * s1a;
    }
    if (!init_latent) return noise * plan.run_sigmas.front();
    return *init_latent + noise * plan.run_sigmas.front();
}

namespace {

at::Tensor dispatch_sigmas(const SamplerInfo& s, SamplerContext& ctx, at::Tensor x, const std::vector<double>& sigmas,
                           const SamplerOptions& o) {
    namespace S = samplers;
    const std::string& n = s.name;
    if (n == "Euler") return S::euler(ctx, x, sigmas, o);
    if (n == "Euler a") return S::euler_ancestral(ctx, x, sigmas, o);
    if (n == "LMS") return S::lms(ctx, x, sigmas, o);
    if (n == "Heun") return S::heun(ctx, x, sigmas, o);
    if (n == "DPM2") return S::dpm_2(ctx, x, sigmas, o);
    if (n == "DPM2 a") return S::dpm_2_ancestral(ctx, x, sigmas, o);
    if (n == "DPM++ 2S a") return S::dpmpp_2s_ancestral(ctx, x, sigmas, o);
    if (n == "DPM++ 2M") return S::dpmpp_2m(ctx, x, sigmas, o);
    if (n == "DPM++ SDE") return S::dpmpp_sde(ctx, x, sigmas, o);
    if (n == "DPM++ 2M SDE" || n == "DPM++ 2M SDE Heun") {
        SamplerOptions oo = o;
        if (!s.solver_type.empty()) oo.solver_type = s.solver_type;
        return S::dpmpp_2m_sde(ctx, x, sigmas, oo);
    }
    if (n == "DPM++ 3M SDE") return S::dpmpp_3m_sde(ctx, x, sigmas, o);
    if (n == "DPM fast") return S::dpm_fast(ctx, x, sigmas, o);
    if (n == "DPM adaptive") return S::dpm_adaptive(ctx, x, sigmas, o);
    if (n == "Restart") return S::restart(ctx, x, sigmas, o);
    if (n == "LCM") return S::lcm(ctx, x, sigmas, o);
    throw PipelineError("unsupported_sampler", "The sampler \"" + n + "\" does not run on a sigma schedule.");
}

} // namespace

at::Tensor run_sampler(const SamplingPlan& plan, at::Tensor x, SamplerContext& ctx, const DiscreteSchedule& model) {
    if (!plan.sampler) throw PipelineError("no_sampler", "The sampling plan has no sampler.");
    const SamplerInfo& s = *plan.sampler;
    if (s.kind == SamplerKind::Timesteps) {
        if (s.name == "DDIM") return samplers::ddim(ctx, x, plan.run_timesteps, model, plan.options);
        if (s.name == "DDIM CFG++") return samplers::ddim_cfgpp(ctx, x, plan.run_timesteps, model, plan.options);
        if (s.name == "PLMS") return samplers::plms(ctx, x, plan.run_timesteps, model, plan.options);
        if (s.name == "UniPC")
            return samplers::unipc(ctx, x, plan.run_timesteps, model, plan.options, plan.t_enc.has_value());
    }
    return dispatch_sigmas(s, ctx, x, plan.run_sigmas, plan.options);
}

at::Tensor sample(const SamplerSpec& spec, at::Tensor x, const std::vector<double>& sigmas, SamplerContext& ctx) {
    const ResolvedSampler r = resolve_sampler(spec.sampler, spec.schedule, false);
    SamplerOptions o = spec.options;
    if (!r.sampler->solver_type.empty()) o.solver_type = r.sampler->solver_type;
    return dispatch_sigmas(*r.sampler, ctx, x, sigmas, o);
}

int64_t expected_model_calls(const SamplingPlan& plan) {
    const std::string& n = plan.sampler->name;
    const auto& sg = plan.run_sigmas;
    const int64_t steps = static_cast<int64_t>(sg.size()) - 1;
    const double eta = plan.options.eta.value_or(1.0);
    if (plan.sampler->kind == SamplerKind::Timesteps) {
        const int64_t k = static_cast<int64_t>(plan.run_timesteps.size()) - 1;
        if (n == "PLMS") return k > 0 ? k + 1 : 0;
        if (n == "UniPC") return static_cast<int64_t>(plan.run_timesteps.size());
        return std::max<int64_t>(k, 0);
    }
    if (n == "DPM adaptive" || n == "Restart") return -1;
    if (n == "DPM fast") return plan.options.dpm_n.value_or(steps);
    int64_t calls = 0;
    for (int64_t i = 0; i < steps; ++i) {
        calls += 1;
        if (n == "Heun" || n == "DPM2" || n == "DPM++ SDE") {
            if (sg[i + 1] != 0) calls += 1;
        } else if (n == "DPM2 a" || n == "DPM++ 2S a") {
            if (samplers::ancestral_step(sg[i], sg[i + 1], eta).first != 0) calls += 1;
        }
    }
    return calls;
}

nlohmann::json sampler_catalog_json() {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& s : sampler_infos()) {
        nlohmann::json options = nlohmann::json::object();
        if (!s.scheduler.empty()) options["scheduler"] = s.scheduler;
        if (s.discard_next_to_last_sigma) options["discard_next_to_last_sigma"] = true;
        if (s.uses_ensd) options["uses_ensd"] = true;
        if (s.second_order) options["second_order"] = true;
        if (s.brownian_noise) options["brownian_noise"] = true;
        if (!s.solver_type.empty()) options["solver_type"] = s.solver_type;
        out.push_back({{"name", s.name}, {"aliases", s.aliases}, {"options", options}});
    }
    return out;
}

} // namespace latent
