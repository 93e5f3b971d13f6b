// The built-in demo model: a tiny SD 1.x checkpoint with seeded random weights, written in the
// A1111/CompVis single-file layout (`model.diffusion_model.*`, `first_stage_model.*`,
// `cond_stage_model.transformer.*`) with the real safetensors writer, so a new user can try the
// whole studio flow without downloading anything. Its images are noise by design.
//
// Sizes follow the tiny SD1 of the golden fixtures: UNet blocks 32/64/128/128, 8 heads,
// cross-attention width 32; CLIP 3 layers of width 32 (4 heads); VAE 32/64/128/128. The diffusers
// configs are stored in `__metadata__` (`reference.*`, as the fixtures do) because head counts
// cannot be read from tensor shapes.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace latent {

inline constexpr const char* kDemoModelFileName = "latent-demo-sd1-random.safetensors";

// Builds the demo model with `seed` and writes it atomically to `path` (float16 weights).
// Throws PipelineError on write failure.
void write_demo_model(const std::string& path, uint64_t seed = 20240601);

} // namespace latent
