// An "Upscale" job (A1111's Extras tab, single image; torch-free for app/ and ui/ headers).
#pragma once

#include <cstdint>
#include <string>

namespace latent {

struct UpscaleRequest {
    std::string upscaler;      // "Lanczos", "Nearest", "None" or a model upscaler's name
    std::string upscaler_path; // the model file of a model upscaler (resolved by the app)
    std::string upscaler_2;    // optional second upscaler, blended in by `visibility`
    std::string upscaler_2_path;
    double visibility = 0.0; // extras_upscaler_2_visibility, 0..1
    double scale = 2.0;      // upscaling_resize ("Scale by")
    int64_t width = 0;       // upscaling_resize_w / _h: both > 0 = "Scale to"
    int64_t height = 0;
    bool crop = true;         // upscaling_crop ("Crop to fit", Scale to only)
    int64_t tile = 192;       // A1111 ESRGAN_tile (0 = no tiling)
    int64_t tile_overlap = 8; // A1111 ESRGAN_tile_overlap
};

// Largest upscaled side the engine produces.
inline constexpr int64_t kMaxUpscaleSide = 16384;

} // namespace latent
