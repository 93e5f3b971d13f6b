// Whole-generation benchmark (figures, never assertions): the tiny txt2img that `latentstudio-cli
// bench contention` times in child processes.
#pragma once

#include "pipeline/pipelines/generation.h"

#include <nlohmann/json.hpp>

#include <string>

namespace latent {

// Loads `model_path` with the real loader (Engine, CPU) and runs txt2img `request` `repeats`
// times (the first run is timed too: it is what a user waits for). JSON: load_seconds and, per
// run, text_seconds, step_seconds[], vae_seconds, total_seconds; threads; peak RSS.
nlohmann::json bench_generate(const std::string& model_path, const GenerationRequest& request, int repeats = 1);

// How far two 8-bit images of the same size are apart: PSNR in dB (infinity when equal) and the
// largest difference of one channel value (levels).
struct ImageDifference {
    double psnr_db = 0;
    int max_abs = 0;
    double mean_abs = 0;
};
ImageDifference image_difference(const GeneratedImage& a, const GeneratedImage& b);

// The same txt2img `request` on `model_path` computed in fp32 and in bf16 (precision.h; throws
// PipelineError where the CPU has no native bf16): the images' difference (PSNR, max abs
// difference) and both runs' times. JSON.
nlohmann::json bench_precision_images(const std::string& model_path, const GenerationRequest& request);

// The golden fixtures' request (shared/golden: sd1-euler-10steps-cpu): the astronaut prompt, seed
// 42, 10 Euler steps, CFG 7, 128x128, CPU RNG.
GenerationRequest golden_tiny_request();

} // namespace latent
