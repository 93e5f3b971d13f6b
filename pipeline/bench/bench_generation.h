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

// The golden fixtures' request (shared/golden: sd1-euler-10steps-cpu): the astronaut prompt, seed
// 42, 10 Euler steps, CFG 7, 128x128, CPU RNG.
GenerationRequest golden_tiny_request();

} // namespace latent
