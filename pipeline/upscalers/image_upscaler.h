// Image-space upscaling exactly as A1111 v1.10.1 does it:
//   * modules/upscaler_utils.py upscale_with_model: the image is cut by images.split_grid into
//     ESRGAN_tile × ESRGAN_tile tiles (default 192) overlapping by ESRGAN_tile_overlap (8), each
//     tile runs through the model on its own (RGB flipped to BGR, /255, output clamped, ×255,
//     rounded to 8 bits), and images.combine_grid blends the 8-bit tiles back with linear ramps
//     over the overlaps (Pillow paste with an "L" mask). Only one tile's activations exist at a
//     time, so a 2048² output never holds the whole activation map.
//   * modules/upscaler.py Upscaler.upscale: target = int(size·scale) // 8 · 8; the model (or the
//     Lanczos / Nearest resize) runs up to three times until the image is at least that big, then
//     a Lanczos resize to the target.
//   * modules/images.py resize_image(0, ...) with an upscaler (hires fix image-space path):
//     "None" = plain Lanczos to (w, h); otherwise Upscaler.upscale by max(w/W, h/H) when that is
//     above 1, then Lanczos to exactly (w, h).
#pragma once

#include "pipeline/imaging/image_u8.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace latent {

class UpscalerModel;

// A1111's defaults (Settings > Upscaling).
inline constexpr int64_t kEsrganTile = 192;
inline constexpr int64_t kEsrganTileOverlap = 8;

struct UpscaleContext {
    int64_t tile = kEsrganTile; // <= 0: no tiling (one pass over the whole image)
    int64_t tile_overlap = kEsrganTileOverlap;
    std::function<bool()> cancelled;                          // checked before every tile; throws CancelledError
    std::function<void(int64_t done, int64_t total)> on_tile; // after every tile of one model pass
};

// One of A1111's upscalers: a built-in resize or an ESRGAN-family model.
struct ImageUpscaler {
    enum class Kind { None, Lanczos, Nearest, Model };
    Kind kind = Kind::None;
    std::string name;                     // as A1111 names it ("Lanczos", "R-ESRGAN 4x+", "4x-UltraSharp")
    std::shared_ptr<UpscalerModel> model; // Kind::Model
};

// A1111 images.split_grid / combine_grid + upscale_pil_patch. `rgb` must be 8-bit RGB.
ImageU8 upscale_with_model(UpscalerModel& model, const ImageU8& rgb, const UpscaleContext& ctx = {});

// A1111 Upscaler.upscale(img, scale) for one upscaler (Kind::None returns the image resized to
// the target with Lanczos, as UpscalerNone does).
ImageU8 a1111_upscale(const ImageU8& rgb, double scale, const ImageUpscaler& upscaler, const UpscaleContext& ctx = {});

// A1111 images.resize_image(0, im, width, height, upscaler_name): `upscaler` null or Kind::None
// = Lanczos resize.
ImageU8 a1111_resize_with_upscaler(const ImageU8& rgb, int64_t width, int64_t height, const ImageUpscaler* upscaler,
                                   const UpscaleContext& ctx = {});

// A1111 scripts/postprocessing_upscale.py for one image ("Extras" tab): scale by `scale`, or
// (scale_to_width/height > 0) by max(w/W, h/H), then with `crop` centre it on a black canvas of
// exactly that size; with a second upscaler and visibility > 0, Image.blend of both results.
struct ExtrasUpscaleOptions {
    double scale = 2.0;
    int64_t scale_to_width = 0, scale_to_height = 0; // both > 0: "Scale to" mode
    bool crop = true;                                // "Crop to fit" ("Scale to" mode only)
    double visibility = 0.0;                         // upscaler 2 visibility (0..1)
};
ImageU8 extras_upscale(const ImageU8& rgb, const ImageUpscaler& upscaler1, const ImageUpscaler* upscaler2,
                       const ExtrasUpscaleOptions& options, const UpscaleContext& ctx = {});

// Pillow Image.blend(a, b, alpha) for 8-bit images of equal size: a + alpha·(b − a) in float,
// truncated and clipped.
ImageU8 pillow_blend(const ImageU8& a, const ImageU8& b, float alpha);

} // namespace latent
