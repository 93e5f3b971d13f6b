// Hires fix: A1111 v1.10.1 StableDiffusionProcessingTxt2Img with enable_hr (modules/processing.py
// init, sample, sample_hr_pass, calculate_target_resolution). Per batch:
//   1. the first pass at the request size (the shared loop, latents not decoded),
//   2. upscale to hr_upscale_to_x × hr_upscale_to_y: a latent mode (torch interpolate with the
//      mode's filter and antialias flag) or, for image upscalers, decode → 8-bit → resize_image
//      with the upscaler (Lanczos, Nearest, None, ESRGAN-family models) → VAE encode,
//   3. crop the hr_resize aspect-ratio overhang (truncate_x / truncate_y, in latent pixels),
//   4. the second pass: a new per-image generator with the same seeds (A1111 creates a new
//      ImageRNG), img2img from the upscaled latent with fixed steps (hr_second_pass_steps or the
//      first pass's; schedule built for int(steps / strength)), hr sampler / schedule / prompt /
//      negative prompt / CFG, prompt schedules on A1111's hires timeline,
//   5. decode at the new size.
// Progress counts both passes as one job; previews continue through the second pass.
#pragma once

#include "pipeline/pipelines/diffusion_loop.h"
#include "pipeline/pipelines/diffusion_model.h"
#include "pipeline/pipelines/generation.h"
#include "pipeline/pipelines/hires_target.h"
#include "pipeline/upscalers/image_upscaler.h"

#include <ATen/core/Tensor.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace latent {

class ControlSet;

// shared.latent_upscale_modes: name -> torch interpolate mode and antialias flag.
struct LatentUpscaleMode {
    std::string name;
    std::string mode; // "bilinear", "bicubic", "nearest", "nearest-exact"
    bool antialias = false;
};
const std::vector<LatentUpscaleMode>& latent_upscale_modes();
const LatentUpscaleMode* find_latent_upscale_mode(std::string_view name); // exact name, nullptr if not latent
// torch.nn.functional.interpolate(samples, size=(h, w), mode=..., antialias=...).
at::Tensor latent_upscale(const at::Tensor& samples, int64_t h, int64_t w, const LatentUpscaleMode& mode);

// Built-in image upscalers by name ("None", "Lanczos", "Nearest"); nullopt for other names.
std::optional<ImageUpscaler::Kind> builtin_image_upscaler(std::string_view name);

// Checks the hires options before any work: target ≤ 8192 per side (and ≥ 64), steps, strength,
// sampler and schedule names, upscaler kind. Throws PipelineError("bad_request" / "unknown_sampler"
// / "unknown_schedule" / "unknown_upscaler").
void validate_hires(const GenerationRequest& request);

// The hires entries of A1111's extra_generation_params in A1111's order (values as A1111 prints
// them). `first_schedule` is the first pass's "Schedule type" extra ("" when A1111 sets none).
std::vector<std::pair<std::string, std::string>> hires_infotext_params(const GenerationRequest& request,
                                                                       const DiscreteSchedule& schedule);

struct HiresModels {
    DiffusionModel* second_pass = nullptr; // hr_checkpoint_name's model (nullptr = the same model)
    ImageUpscaler upscaler;                // the image-space upscaler (latent modes ignore it)
    // ControlNet units: `control` is consulted in the first pass, `hr_control` (hints at the second
    // pass's size, see build_control_set's HiresControlTarget) in the second; either may be null.
    ControlSet* control = nullptr;
    ControlSet* hr_control = nullptr;
};

// txt2img with the hires second pass. `recorder` gets the first pass under the usual names and
// the second under "hr.*" (hr.init_latent = upscaled latent, hr.x_start, hr.samples, ...).
GenerationResult txt2img_hires(DiffusionModel& model, const GenerationRequest& request, const HiresModels& models,
                               const GenerationCallbacks& callbacks = {}, LatentRecorder* recorder = nullptr);

} // namespace latent
