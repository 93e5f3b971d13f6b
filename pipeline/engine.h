// The engine facade the app, the CLI and the HTTP API drive (torch-free header): load a model
// (cached), run generation jobs. One Engine per device, used from one thread at a time (the
// inference worker); it owns the loaded modules.
#pragma once

#include "pipeline/pipelines/generation.h"
#include "pipeline/upscalers/upscale_request.h"

#include <memory>
#include <string>
#include <vector>

namespace latent {

struct ModelLoadResult {
    std::string path;
    std::string family;       // "sd1", "sd2", "sdxl", ...
    bool inpainting = false;
    std::string prediction;   // "epsilon" or "v"
    double seconds = 0;       // 0 when it came from the cache
    bool cached = false;
    // The model came from the cache but its VAE was replaced (a VAE change never reloads the
    // UNet or the text encoders).
    bool vae_swapped = false;
    std::string vae_path;  // the standalone VAE in use ("" = the checkpoint's own)
    std::vector<std::string> warnings;
};

class Engine {
public:
    // device: "cpu" or "cuda[:N]".
    explicit Engine(const std::string& device = "cpu");
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    // Loads (or reuses the cached) checkpoint with an optional VAE override. When only the VAE
    // differs from the cached model's, only the VAE is loaded (and on failure the old one stays).
    // Throws PipelineError.
    ModelLoadResult load_model(const std::string& path, const std::string& vae_path = {});
    bool has_model() const;
    void unload();

    // Runs txt2img on the loaded model. With `save_latents_dir`, also writes
    // `latents.safetensors` and `cond.safetensors` there (names as in the golden fixtures).
    GenerationResult txt2img(const GenerationRequest& request, const GenerationCallbacks& callbacks = {},
                             const std::string& save_latents_dir = {});

    // Runs img2img on the loaded model; with a mask (or outpainting amounts in
    // request.img2img.outpaint) it inpaints. Latents as txt2img, plus `init_latent`, `vae_input`
    // and (inpainting) `mask`, `nmask`.
    GenerationResult img2img(const GenerationRequest& request, const InitImages& images,
                             const GenerationCallbacks& callbacks = {}, const std::string& save_latents_dir = {});

    // Upscales one image as A1111's Extras tab does (built-in resizes or ESRGAN-family models,
    // tiled; progress counts tiles; cancel is checked before every tile). Throws PipelineError.
    ImageU8 upscale(const ImageU8& image, const UpscaleRequest& request, const GenerationCallbacks& callbacks = {});
    // Checks an upscale request without running it (scale, sizes, names). Throws PipelineError.
    static void check_upscale(const UpscaleRequest& request, const ImageU8& image);

    // Whether the loaded UNet is a 9-channel inpainting model.
    bool is_inpainting_model() const;

    const std::string& device() const;

    // Checks a request without a model (sizes, steps, sampler and schedule names). Throws
    // PipelineError("bad_request" / "unknown_sampler" / "unknown_schedule", ...).
    static void check_request(const GenerationRequest& request);
    // check_request plus the img2img options and images: init readable, strength in [0,1], a
    // mask that is not all black (after inversion) unless outpainting. Throws PipelineError.
    static void check_img2img(const GenerationRequest& request, const InitImages& images);
    // A1111 sampler / schedule catalogues (JSON text shaped like /sdapi/v1/samplers and /schedulers).
    static std::string samplers_json();
    static std::string schedules_json();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace latent
