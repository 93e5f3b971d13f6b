#include "pipeline/pipelines/txt2img.h"

#include "pipeline/pipelines/diffusion_loop.h"

namespace latent {

GenerationResult txt2img(DiffusionModel& model, const GenerationRequest& request, const GenerationCallbacks& callbacks,
                         LatentRecorder* recorder, ControlSet* control) {
    // 1. Sampler and schedule, 2. text conditioning, 3. per-image noise, 4. CFG denoiser,
    // 5. sampling, 6. decoding: the shared loop (pipeline/pipelines/diffusion_loop.cpp) without
    // an init image (ControlNet units, when given, are consulted on every model call).
    if (!control) return run_diffusion(model, request, callbacks, recorder, nullptr);
    LatentInputs in;
    in.control = control;
    return run_diffusion(model, request, callbacks, recorder, &in);
}

} // namespace latent
