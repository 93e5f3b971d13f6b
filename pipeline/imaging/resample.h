// Pillow's Image.resize for 8-bit images (libImaging/Resample.c): separable convolution,
// horizontal pass first into an 8-bit intermediate, filter support scaled by the downscale
// factor, coefficients normalised per output pixel and quantised to 22-bit fixed point, results
// rounded and clipped to 0..255. Channels are resampled independently (no premultiplication:
// callers that need Pillow's RGBA behaviour premultiply first).
#pragma once

#include "pipeline/imaging/image_u8.h"

#include <array>

namespace latent {

enum class ResampleFilter {
    Nearest,  // Image.NEAREST
    Bilinear, // Image.BILINEAR (support 1)
    Bicubic,  // Image.BICUBIC (support 2, a = -0.5) — Pillow's default for resize()
    Lanczos,  // Image.LANCZOS (support 3)
};

// Image.resize((w, h), resample=filter, box=(x0, y0, x1, y1)); box defaults to the whole image.
// Throws PipelineError("bad_image") for an invalid image, size or box.
ImageU8 pillow_resize(const ImageU8& in, int64_t width, int64_t height, ResampleFilter filter);
ImageU8 pillow_resize(const ImageU8& in, int64_t width, int64_t height, ResampleFilter filter,
                      const std::array<double, 4>& box);

} // namespace latent
