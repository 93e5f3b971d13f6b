// From a GenerationRequest to the sampler's options, with A1111 v1.10.1's rules
// (sd_samplers_common.Sampler.initialize, KDiffusionSampler.get_sigmas / sample,
// CompVisSampler.get_timesteps, processing.fill_fields_from_opts):
//  * eta: the request's `eta`, else the setting eta_ancestral (k-diffusion) or eta_ddim (DDIM);
//    used only by samplers whose k-diffusion function takes eta, written as "Eta" / "Eta DDIM"
//    when it differs from 1 / 0;
//  * s_churn, s_tmin, s_tmax, s_noise: only for the samplers A1111's sampler_extra_params lists
//    (Euler, Heun, DPM2 take all four; DPM fast, DPM2 a, DPM++ 2S a, DPM++ SDE, DPM++ 2M SDE
//    [Heun], DPM++ 3M SDE take s_noise). The request fields win over the settings unless the
//    setting differs from its default, in which case the setting is used and written
//    ("Sigma churn", ...). s_tmax 0 means infinity;
//  * schedule overrides sigma_min / sigma_max / rho (when non-zero and different from the
//    model's / the schedule's default, only for schedules computed by a function), "Beta
//    schedule alpha/beta" for the Beta schedule, "Discard penultimate sigma" when
//    always_discard_next_to_last_sigma adds the discard, "SGM noise multiplier";
//  * ENSD is written when the sampler uses it and its eta is not 0.
#pragma once

#include "pipeline/pipelines/generation.h"
#include "pipeline/schedulers/sampler_registry.h"

#include <string>
#include <utility>
#include <vector>

namespace latent {

struct SamplerSetup {
    SamplerSpec spec;
    bool sgm_noise_multiplier = false; // x = noise · sqrt(1 + sigma_0²) instead of noise · sigma_0
    bool uses_ensd = false;            // "ENSD" belongs in the infotext
    double s_min_uncond = 0.0;         // the request's s_min_uncond, else the setting
    // extra_generation_params in the order A1111 adds them before sampling, values as A1111
    // prints them ("Eta" -> "0.5", "Discard penultimate sigma" -> "True").
    std::vector<std::pair<std::string, std::string>> infotext;
};

// `sdxl` picks the SDXL Align-Your-Steps table (A1111 uses the SD 1.5 one for every other model).
SamplerSetup setup_sampler(const GenerationRequest& request, bool sdxl, const DiscreteSchedule& model,
                           bool img2img = false);

} // namespace latent
