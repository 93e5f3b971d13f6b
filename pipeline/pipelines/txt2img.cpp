#include "pipeline/pipelines/txt2img.h"

#include "pipeline/pipelines/diffusion_loop.h"
#include "pipeline/pipelines/hires_fix.h"

namespace latent {

GenerationResult txt2img(DiffusionModel& model, const GenerationRequest& request, const GenerationCallbacks& callbacks,
                         LatentRecorder* recorder, ControlSet* control) {
    // 1. Sampler and schedule, 2. text conditioning, 3. per-image noise, 4. CFG denoiser,
    // 5. sampling, 6. decoding: the shared loop (pipeline/pipelines/diffusion_loop.cpp) without
    // an init image (ControlNet units, when given, are consulted on every model call). With
    // request.hires.enable the hires fix runs its second pass (built-in and latent upscalers only
    // here; Engine::txt2img also loads upscaler models).
    if (request.hires.enable) {
        HiresModels models;
        models.control = control;
        return txt2img_hires(model, request, models, callbacks, recorder);
    }
    if (!control) return run_diffusion(model, request, callbacks, recorder, nullptr);
    LatentInputs in;
    in.control = control;
    return run_diffusion(model, request, callbacks, recorder, &in);
}

} // namespace latent
