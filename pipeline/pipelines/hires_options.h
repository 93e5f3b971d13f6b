// The hires fix options of a txt2img request (A1111 StableDiffusionProcessingTxt2Img's hr_*
// fields, v1.10.1; torch-free: safe for app/ and ui/ headers). The second pass's denoising
// strength is GenerationRequest::denoising_strength (A1111's txt2img default 0.75).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace latent {

struct HiresOptions {
    bool enable = false;  // enable_hr
    double scale = 2.0;   // hr_scale (used when resize_x and resize_y are both 0)
    int64_t resize_x = 0; // hr_resize_x / hr_resize_y: target size (0 = from the other side)
    int64_t resize_y = 0;
    // hr_upscaler: a latent mode ("Latent", "Latent (antialiased)", "Latent (bicubic)", "Latent
    // (bicubic antialiased)", "Latent (nearest)", "Latent (nearest-exact)"), "None", "Lanczos",
    // "Nearest", or an ESRGAN-family model by name. Empty = not given: A1111 then uses "Latent"
    // and writes no "Hires upscaler" key.
    std::string upscaler;
    std::string upscaler_path;       // the model file of a named upscaler (resolved by the app)
    int64_t second_pass_steps = 0;   // hr_second_pass_steps (0 = the first pass's steps)
    std::string sampler;             // hr_sampler_name (empty = the first pass's sampler)
    std::string schedule;            // hr_scheduler (empty = the first pass's schedule type)
    std::string prompt;              // hr_prompt (empty = the prompt)
    std::string negative_prompt;     // hr_negative_prompt (empty = the negative prompt)
    std::optional<double> cfg_scale; // hr_cfg (Forge; unset = the first pass's CFG scale)
    std::string checkpoint;          // hr_checkpoint_name as written in the infotext ("" = same)
    std::string checkpoint_path;     // its file (resolved by the app)
};

} // namespace latent
