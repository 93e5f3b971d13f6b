// Plain value types for a generation job (torch-free: safe for app/ and ui/ headers).
// Defaults are A1111's /sdapi/v1 API defaults.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace latent {

struct GenerationRequest {
    std::string prompt;
    std::string negative_prompt;
    int64_t steps = 50;
    double cfg_scale = 7.0;
    int64_t width = 512;
    int64_t height = 512;
    int64_t batch_size = 1;
    int64_t n_iter = 1;
    int64_t seed = -1;             // -1: random (resolved by the caller before the run)
    int64_t subseed = -1;
    double subseed_strength = 0.0;
    std::string sampler = "Euler";
    std::string schedule = "Automatic";
    int clip_skip = 1;
    std::string rng = "gpu";       // "cpu", "gpu", "nv"
    int64_t eta_noise_seed_delta = 0;
    std::optional<double> eta;     // sampler eta override
    // img2img: denoising strength (txt2img ignores it).
    std::optional<double> denoising_strength;
};

// One finished image: 8-bit RGB, row-major, width*height*3 bytes.
struct GeneratedImage {
    int64_t width = 0;
    int64_t height = 0;
    std::vector<uint8_t> rgb;
    int64_t seed = 0;
    int64_t subseed = 0;
    int64_t batch_index = 0;   // index within the whole job (n_iter * batch_size)
};

struct GenerationProgress {
    int64_t step = 0;          // steps done (1-based after the first step)
    int64_t total = 0;
    double seconds_elapsed = 0;
    double iterations_per_second = 0;
    double eta_seconds = 0;
    // Cheap preview of the current denoised estimate (latent→RGB projection), 8-bit RGB.
    // Filled only every `preview_every` steps.
    std::optional<GeneratedImage> preview;
};

struct GenerationCallbacks {
    std::function<void(const GenerationProgress&)> on_progress;
    std::function<bool()> cancelled;  // checked before every model call
    int preview_every = 0;            // 0 = no previews
};

struct GenerationTimings {
    double load_seconds = 0;
    double text_seconds = 0;
    std::vector<double> step_seconds;
    double vae_seconds = 0;
    double total_seconds = 0;
};

struct GenerationResult {
    std::vector<GeneratedImage> images;
    // What A1111 writes into the infotext for the sampler/schedule actually used.
    std::string sampler_name;
    std::string schedule_type;
    int64_t steps = 0;
    GenerationTimings timings;
    std::vector<std::string> warnings;
};

} // namespace latent
