// Inpainting and outpainting (DESIGN.md style 5) with A1111's semantics
// (StableDiffusionProcessingImg2Img with a mask): binary mask (or the mask's alpha), invert,
// OpenCV mask blur, "only masked" crop with padding or the whole picture, masked content
// (fill / original / latent noise / latent nothing), latent mask blended after every model
// call (regular models) plus mask + masked-image latents as UNet input (9-channel models), and
// the paste-back of the unmasked pixels through the blurred mask. Outpainting grows the canvas
// first (request.img2img.outpaint) and inpaints the new area.
#pragma once

#include "pipeline/pipelines/diffusion_loop.h"
#include "pipeline/pipelines/diffusion_model.h"
#include "pipeline/pipelines/generation.h"

namespace latent {

// images.mask may be empty only when outpainting. result.images are the pasted-back images;
// result.decoded_images the VAE output before the paste-back, result.mask_for_overlay the
// blurred full-size mask used for it.
GenerationResult inpaint(DiffusionModel& model, const GenerationRequest& request, const InitImages& images,
                         const GenerationCallbacks& callbacks = {}, LatentRecorder* recorder = nullptr,
                         ControlSet* control = nullptr);

} // namespace latent
