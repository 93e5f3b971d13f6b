// Text-to-image (DESIGN.md style 5: one function, numbered steps, a step callback that can cancel).
#pragma once

#include "pipeline/pipelines/diffusion_loop.h"
#include "pipeline/pipelines/diffusion_model.h"
#include "pipeline/pipelines/generation.h"

namespace latent {

GenerationResult txt2img(DiffusionModel& model, const GenerationRequest& request,
                         const GenerationCallbacks& callbacks = {}, LatentRecorder* recorder = nullptr,
                         ControlSet* control = nullptr);

} // namespace latent
