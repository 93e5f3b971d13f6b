// A1111 calculate_target_resolution for the hires fix (torch-free: the studio shows the target
// size as you type). Implemented in hires_fix.cpp.
#pragma once

#include <cstdint>

namespace latent {

struct GenerationRequest;

struct HiresTarget {
    int64_t upscale_to_x = 0, upscale_to_y = 0; // hr_upscale_to_x / _y (before truncation)
    int64_t truncate_x = 0, truncate_y = 0;     // latent pixels cropped (half each side)
    int64_t width = 0, height = 0;              // final image size (latent size after truncation × 8)
};
HiresTarget hires_target(const GenerationRequest& request);

} // namespace latent
