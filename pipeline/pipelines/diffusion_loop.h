// The sampling loop every generation task shares (txt2img, img2img, inpainting): text
// conditioning, per-image generators, the CFG denoiser (with A1111's latent-mask blend and the
// 9-channel inpainting conditioning), the sampler with per-step progress and cancellation, and
// VAE decoding to 8-bit images.
#pragma once

#include "pipeline/pipelines/diffusion_model.h"
#include "pipeline/pipelines/generation.h"

#include <ATen/core/Tensor.h>

#include <map>
#include <string>

namespace latent {

class ControlSet;

// Collects the intermediate tensors named as in ../shared/golden/README.md (`noise`,
// `rng_draws`, `x_start`, `steps.x`, `steps.denoised`, `samples`, `cond.*`, `uncond.*`, and for
// img2img / inpaint `init_latent`, `vae_input`, `mask`, `nmask`).
struct LatentRecorder {
    std::map<std::string, at::Tensor> latents;
    std::map<std::string, at::Tensor> cond;
};

// What img2img / inpainting hand to the loop (all optional; none = txt2img).
struct LatentInputs {
    at::Tensor init_latent; // [B,4,h,w]: sampling starts from init_latent + noise·σ_start (strength slicing)
    at::Tensor mask;        // [4,h,w] keep-mask (1 = keep the original); with nmask: blend every step
    at::Tensor nmask;       // [4,h,w] repaint mask (= 1 − mask)
    at::Tensor image_cond;  // [B,5,h,w] c_concat of 9-channel inpainting UNets (mask, masked-image latent)
    ControlSet* control = nullptr;  // ControlNet units consulted on every UNet call (pipeline/control)
    // Hires fix (pipeline/pipelines/hires_fix.cpp):
    bool fixed_steps = false;          // second pass: exactly request.steps steps (plan_img2img_fixed_steps)
    int first_pass_steps = 0;          // > 0: prompt schedules use A1111's hires timeline (base = this)
    int64_t cond_width = 0;            // > 0: SDXL size conditioning (A1111 uses hr_upscale_to_x/y)
    int64_t cond_height = 0;
    at::Tensor* samples_out = nullptr; // first pass: hand the latents over instead of decoding them
};

// Runs every batch of the request. `inputs` null (or without init_latent) = txt2img.
GenerationResult run_diffusion(DiffusionModel& model, const GenerationRequest& request,
                               const GenerationCallbacks& callbacks, LatentRecorder* recorder,
                               const LatentInputs* inputs);

// A1111's seed of image `index` of the job: seed + index, or seed for every image when variation
// seeds are on (subseed_strength != 0).
int64_t image_seed(const GenerationRequest& request, int64_t index);

// A1111's check at the start of every batch (process_images_inner): a Skip of the previous
// batch is cleared (skip_handled), and true means Interrupt was requested: no more batches.
bool interrupted_before_batch(const GenerationCallbacks& callbacks, int64_t iteration);

// Checks sizes, steps, batch and CFG; throws PipelineError("bad_request", ...) with one clear sentence.
void validate_request(const GenerationRequest& request);

} // namespace latent
