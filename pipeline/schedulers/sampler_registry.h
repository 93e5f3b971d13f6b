// A1111's sampler table (modules/sd_samplers_kdiffusion.py, sd_samplers_timesteps.py,
// sd_samplers_lcm.py, v1.10): names, aliases, options, what "Automatic" means per sampler,
// legacy combined names ("DPM++ 2M Karras"), planning a run (schedule, discarded penultimate
// sigma, img2img slicing, DDIM/PLMS/UniPC timesteps) and dispatching to the algorithm.
#pragma once

#include "pipeline/schedulers/sampler.h"
#include "pipeline/schedulers/sigma_schedule.h"

#include <ATen/core/Tensor.h>
#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace latent {

class DiscreteSchedule;

enum class SamplerKind { KDiffusion, Timesteps, Lcm };

struct SamplerInfo {
    std::string name;                   // "DPM++ 2M"
    std::vector<std::string> aliases;   // {"k_dpmpp_2m"}
    SamplerKind kind = SamplerKind::KDiffusion;
    std::string scheduler;              // option 'scheduler' ("karras", "exponential", "")
    bool discard_next_to_last_sigma = false;
    bool second_order = false;
    bool brownian_noise = false;
    bool uses_ensd = false;
    std::string solver_type;            // "heun" for DPM++ 2M SDE Heun
};

const std::vector<SamplerInfo>& sampler_infos();
std::vector<std::string> sampler_names();
// Exact name or alias, case-insensitive; nullptr if unknown.
const SamplerInfo* find_sampler(std::string_view name);

struct ResolvedSampler {
    const SamplerInfo* sampler = nullptr;
    std::string schedule;  // schedule label ("Automatic", "Karras", ...)
};

// A1111 get_sampler_and_scheduler: strips a trailing schedule label/alias from legacy names
// ("DPM++ 2M Karras" -> "DPM++ 2M" + "Karras", "Euler a Karras"), looks the sampler up by
// name or alias, and (convert_automatic) turns the sampler's own default schedule back into
// "Automatic". An empty schedule means "Automatic". Throws PipelineError("unknown_sampler" /
// "unknown_schedule").
ResolvedSampler resolve_sampler(std::string_view sampler, std::string_view schedule = {},
                                bool convert_automatic = true);

// The schedule a sampler actually uses for a schedule label: "Automatic" -> the sampler's
// 'scheduler' option, else "uniform" (the model's get_sigmas). Returns the schedule *name*
// ("karras", "uniform", ...). Timestep samplers ignore schedules (returns "").
std::string effective_schedule(const SamplerInfo& sampler, std::string_view schedule_label);

struct SamplerSpec {
    std::string sampler = "Euler";       // any accepted spelling (resolved by plan_sampling)
    std::string schedule = "Automatic";  // label, name or alias
    SamplerOptions options;
    ScheduleOptions schedule_options;
    bool always_discard_next_to_last_sigma = false;  // A1111 option
};

struct SamplingPlan {
    const SamplerInfo* sampler = nullptr;
    std::string schedule_label;        // as the user asked, resolved ("Automatic", "Karras", ...)
    std::string schedule_used;         // effective schedule name ("karras", "uniform", "" for timesteps)
    std::string infotext_schedule;     // A1111's "Schedule type" value
    int64_t steps = 0;                 // requested steps
    std::optional<int64_t> t_enc;      // img2img: floor(min(strength, 0.999) * steps)
    std::vector<double> sigmas;        // full schedule (k-diffusion / LCM samplers)
    std::vector<double> run_sigmas;    // what the sampler walks (img2img: sliced)
    std::vector<int64_t> timesteps;    // timestep samplers: full list
    std::vector<int64_t> run_timesteps;
    SamplerOptions options;            // with the plan-dependent fields filled in
    bool needs_lcm_denoiser = false;   // wrap the model with LcmDenoiser instead of CompVisDenoiser
};

// Plans a txt2img (no strength) or img2img (denoising strength in (0, 1]) run.
SamplingPlan plan_sampling(const SamplerSpec& spec, const DiscreteSchedule& model, int64_t steps,
                           std::optional<double> denoising_strength = std::nullopt);

// A1111 setup_img2img_steps when the steps are fixed (the hires-fix second pass, or the
// img2img_fix_steps option): the schedule is built for int(requested / min(strength, 0.999))
// steps and exactly `requested` of them run (t_enc = requested - 1). Returns {steps, t_enc}.
std::pair<int64_t, int64_t> img2img_fixed_steps(int64_t requested_steps, double denoising_strength);
// plan_sampling with those fixed steps. Strength must be > 0.
SamplingPlan plan_img2img_fixed_steps(const SamplerSpec& spec, const DiscreteSchedule& model, int64_t requested_steps,
                                      double denoising_strength);

// The latent handed to the sampler: txt2img: noise * sigmas[0] (timestep samplers: noise);
// img2img: init + noise * run_sigmas[0] (timestep samplers: init*sqrt(a) + noise*sqrt(1-a) at
// timesteps[t_enc]).
at::Tensor initial_latent(const SamplingPlan& plan, const at::Tensor& noise, const DiscreteSchedule& model,
                          const std::optional<at::Tensor>& init_latent = std::nullopt);

// Runs the planned sampler.
at::Tensor run_sampler(const SamplingPlan& plan, at::Tensor x, SamplerContext& ctx, const DiscreteSchedule& model);

// Runs a sigma-space sampler by name over explicit sigmas (no schedule planning).
at::Tensor sample(const SamplerSpec& spec, at::Tensor x, const std::vector<double>& sigmas, SamplerContext& ctx);

// The number of model evaluations a plan will make, when it is known in advance (-1 for DPM adaptive).
int64_t expected_model_calls(const SamplingPlan& plan);

// [{"name","aliases","options"}] like /sdapi/v1/samplers.
nlohmann::json sampler_catalog_json();

} // namespace latent
