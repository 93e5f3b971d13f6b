// A1111's image and mask preparation for img2img / inpainting (modules/images.py resize_image,
// modules/masking.py, modules/processing.py StableDiffusionProcessingImg2Img.init and
// apply_overlay, scripts/poor_mans_outpainting.py), on 8-bit buffers with Pillow's and
// OpenCV's exact integer behaviour (pipeline/imaging).
#pragma once

#include "pipeline/imaging/image_u8.h"

#include <array>
#include <optional>

namespace latent {

// images.resize_image(mode, im, w, h) without an upscaler (A1111's default for img2img):
// 0 just resize (Lanczos), 1 crop and resize, 2 resize and fill (edges stretched with Pillow's
// default bicubic into the bars), 3 (latent upscale) resizes like 2 when applied to an image.
// L stays L; RGB stays RGB (modes 1-3 build a black canvas first, like A1111).
ImageU8 a1111_resize_image(int mode, const ImageU8& im, int64_t width, int64_t height);

struct CropRegion {
    int64_t x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    int64_t width() const { return x2 - x1; }
    int64_t height() const { return y2 - y1; }
};

// masking.get_crop_region_v2: bounding box of the non-zero pixels grown by `pad` (clamped);
// nullopt for an all-black mask.
std::optional<CropRegion> get_crop_region(const ImageU8& mask, int64_t pad);
// masking.expand_crop_region: grows the region to the processing aspect ratio inside the image.
CropRegion expand_crop_region(CropRegion r, int64_t processing_width, int64_t processing_height, int64_t image_width,
                              int64_t image_height);

// masking.fill: masked pixels (mask white) replaced by colours blurred in from the rest
// (premultiplied Pillow Gaussian blurs of radius 256, 64, 16×2, 4×4, 2×2, 0, composited).
ImageU8 masking_fill(const ImageU8& rgb, const ImageU8& mask);

// processing.create_binary_mask: an RGBA mask with any non-opaque pixel uses its alpha channel
// (thresholded at > 128 when `round`), everything else convert('L').
ImageU8 create_binary_mask(const ImageU8& mask, bool round = true);

// A1111's mask blur: cv2.GaussianBlur with kernel (2·⌊2.5·σx+0.5⌋+1, 1) then (1, ...y), each
// pass rounded to 8 bits. 0 skips that axis.
ImageU8 blur_mask(const ImageU8& mask, int blur_x, int blur_y);

// Outpainting (A1111 "Poor man's outpainting"): the image on a canvas grown by l/t/r/b pixels,
// the new area black; the mask white except the original area, inset by 2·mask_blur on every
// grown side; an existing mask (original size, L) is carried over into the original area.
struct OutpaintCanvas {
    ImageU8 image; // RGB
    ImageU8 mask;  // L
};
OutpaintCanvas outpaint_extend(const ImageU8& rgb, const ImageU8* mask, const std::array<int64_t, 4>& ltrb,
                               int mask_blur);

// processing.apply_overlay for inpainting: `decoded` (RGB) is resized into paste_to (crop and
// resize, Lanczos) on a transparent canvas of `overlay`'s size (or used as is), then `overlay`
// (RGBA: the original with alpha = 255 − blurred mask) is alpha-composited over it; RGB result.
ImageU8 apply_overlay(const ImageU8& decoded, const std::optional<CropRegion>& paste_to, const ImageU8& overlay);

// The overlay A1111 builds: the original (RGB) premultiplied by alpha = 255 − mask_for_overlay,
// pasted onto a transparent RGBa canvas and converted back to straight RGBA.
ImageU8 make_overlay(const ImageU8& rgb, const ImageU8& mask_for_overlay);

} // namespace latent
