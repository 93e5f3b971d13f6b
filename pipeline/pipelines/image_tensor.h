// Conversions between decoder output tensors and 8-bit RGB buffers, and the cheap latent→RGB
// preview projection.
#pragma once

#include "pipeline/pipelines/generation.h"

#include <ATen/core/Tensor.h>

namespace latent {

// x: [3,H,W] in [-1,1] → RGB8 with A1111's conversion: clamp((x+1)/2, 0, 1)·255 truncated.
GeneratedImage tensor_to_image(const at::Tensor& x);
// RGB8 → [1,3,H,W] float in [-1,1] (RGB/255·2−1).
at::Tensor image_to_tensor(const GeneratedImage& image);
// Latent [4,h,w] → small RGB8 preview via a fixed linear projection (per family).
GeneratedImage latent_preview(const at::Tensor& latent, bool sdxl);

} // namespace latent
