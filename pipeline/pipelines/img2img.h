// Image-to-image (DESIGN.md style 5: one function, numbered steps, a step callback that can
// cancel), with A1111's semantics: init image flattened and resized by resize mode, VAE-encoded
// (posterior mean × scale factor), sampling from the strength-sliced schedule.
#pragma once

#include "pipeline/pipelines/diffusion_loop.h"
#include "pipeline/pipelines/diffusion_model.h"
#include "pipeline/pipelines/generation.h"

#include <ATen/core/Tensor.h>

namespace latent {

// images.mask must be empty (masks go to inpaint()).
GenerationResult img2img(DiffusionModel& model, const GenerationRequest& request, const InitImages& images,
                         const GenerationCallbacks& callbacks = {}, LatentRecorder* recorder = nullptr,
                         ControlSet* control = nullptr);

// --- pieces shared with inpaint() ---------------------------------------------------------------

// Strength, init image and img2img options; throws PipelineError("bad_request"/"bad_image").
void validate_img2img(const GenerationRequest& request, const ImageU8& init);
// 8-bit RGB -> [1,3,H,W] float in [0,1].
at::Tensor image_to_unit_tensor(const ImageU8& rgb);
// A1111 images_tensor_to_samples: VAE encode of x01·2−1 -> posterior mean × scale factor,
// [B,4,H/8,W/8] (batch expanded). With resize mode 3 the latent is interpolated bilinearly to
// the request size afterwards (any init size that is a multiple of 8 is accepted).
at::Tensor encode_init(DiffusionModel& model, const at::Tensor& x01, int64_t batch, int64_t latent_h, int64_t latent_w,
                       bool latent_upscale, const GenerationCallbacks& callbacks);
// A1111 inpainting_image_conditioning for 9-channel UNets: [B,5,h,w] = mask (nearest-resized,
// rounded when `round`) ‖ VAE latent of lerp(source, source·(1−mask), weight). mask01 [1,1,H,W]
// in [0,1], undefined = everything masked.
at::Tensor inpainting_image_conditioning(DiffusionModel& model, const at::Tensor& source_m11, at::Tensor mask01,
                                         double weight, bool round, int64_t batch, int64_t latent_h, int64_t latent_w);

} // namespace latent
