// Text-to-image (DESIGN.md style 5: one function, numbered steps, a step callback that can cancel).
#pragma once

#include "pipeline/pipelines/diffusion_model.h"
#include "pipeline/pipelines/generation.h"

#include <ATen/core/Tensor.h>

#include <map>
#include <string>

namespace latent {

// Collects the intermediate tensors named as in ../shared/golden/README.md (`noise`,
// `rng_draws`, `x_start`, `steps.x`, `steps.denoised`, `samples`, `cond.*`, `uncond.*`).
struct LatentRecorder {
    std::map<std::string, at::Tensor> latents;
    std::map<std::string, at::Tensor> cond;
};

GenerationResult txt2img(DiffusionModel& model, const GenerationRequest& request,
                         const GenerationCallbacks& callbacks = {}, LatentRecorder* recorder = nullptr);

// Checks sizes, steps, batch and CFG; throws PipelineError("bad_request", ...) with one clear sentence.
void validate_request(const GenerationRequest& request);

} // namespace latent
