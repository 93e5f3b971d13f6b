// Plain value types for a generation job (torch-free: safe for app/ and ui/ headers).
// Defaults are A1111's /sdapi/v1 API defaults.
#pragma once

#include "pipeline/control/control_unit.h"
#include "pipeline/imaging/image_u8.h"
#include "pipeline/pipelines/sampling_settings.h"
#include "pipeline/pipelines/hires_options.h"

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace latent {

// A1111's img2img / inpainting options (StableDiffusionProcessingImg2Img, API defaults).
struct Img2ImgOptions {
    int resize_mode = 0;               // 0 just resize, 1 crop and resize, 2 resize and fill, 3 latent upscale
    int mask_blur_x = 4;               // mask blur (Gaussian σ, pixels) along x / y; 0 = none
    int mask_blur_y = 4;
    bool inpaint_full_res = true;      // "Inpaint area": true = only masked, false = whole picture
    int inpaint_full_res_padding = 0;  // "Masked area padding" (only masked), pixels
    int inpainting_fill = 0;           // masked content: 0 fill, 1 original, 2 latent noise, 3 latent nothing
    bool inpainting_mask_invert = false;  // inpaint the unmasked (black) area
    bool mask_round = true;            // A1111 mask_round: binarise the latent mask
    double inpainting_mask_weight = 1.0;  // 9-channel models: 1 = fully masked conditioning image
    bool mask_from_init_alpha = false;  // no mask given: repaint where the init image is transparent
    std::array<int64_t, 4> outpaint{0, 0, 0, 0};  // grow the canvas left, top, right, bottom (pixels)
    std::array<uint8_t, 3> background{255, 255, 255};  // flattening colour for transparent init images
};

// Pixels of an img2img / inpaint job: the init image (RGB or RGBA, 8-bit) and an optional mask
// (L, RGB or RGBA; white = repaint; an RGBA mask with transparency uses its alpha).
struct InitImages {
    ImageU8 init;
    ImageU8 mask;  // empty = plain img2img
    // A1111 init_images[1:]: with N init images in all (N <= batch size), the batch size becomes
    // N and image i of every batch starts from init image i.
    std::vector<ImageU8> more_inits;
};

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
    // img2img: denoising strength; txt2img: the hires pass's (ignored without hires).
    std::optional<double> denoising_strength;
    Img2ImgOptions img2img;
    // ControlNet units (sd-webui-controlnet's alwayson_scripts.controlnet.args).
    std::vector<ControlUnit> controlnet;
    // Where `<lora:NAME:...>` / `<lyco:...>` and textual-inversion names are looked up (A1111's
    // models/Lora + models/LyCORIS and embeddings folders; subfolders included).
    std::vector<std::string> lora_dirs;
    std::vector<std::string> embedding_dirs;
    // A1111 settings of this job (override_settings / infotext).
    SamplingSettings settings;
    // A1111 request fields that fall back to the settings above when unset (s_tmax: 0 = infinity).
    std::optional<double> s_churn, s_tmin, s_tmax, s_noise, s_min_uncond;
    // img2img: "Noise multiplier" (initial_noise_multiplier); unset = the setting.
    std::optional<double> initial_noise_multiplier;
    // "Seed resize from": draw the noise as for this size (pixels) and centre it; <= 0 = off.
    int64_t seed_resize_from_w = -1;
    int64_t seed_resize_from_h = -1;
    // txt2img: A1111's hires fix (second pass); see hires_options.h.
    HiresOptions hires;
    // What the UNet computes in: "fp32" (default) or "bf16" on CPUs with native bf16
    // (pipeline/core/precision.h). Infotext "Precision: bf16" when not fp32.
    std::string precision = "fp32";
};

// A network or embedding a job used (for the infotext's "Lora hashes" / "TI hashes" and the
// job's listing).
struct UsedNetwork {
    std::string name;            // as written in the prompt (LoRA) / the embedding's name
    std::string path;            // the file
    double te_multiplier = 1.0;  // LoRA only
    double unet_multiplier = 1.0;
    std::string type;            // "lora", "locon", "loha", "lokr", "ia3", "full", "norm", "dora", "embedding"
    std::string metadata_hash;   // the file's `sshs_model_hash` metadata (A1111 prefers it), else ""
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
    // A1111's Interrupt and Skip, checked with `cancelled`: sampling stops at the next model call
    // and the batch's images are made from the last denoised estimate (A1111's last_latent: the
    // conditional prediction of the last model call, or the starting latent before any call).
    // Interrupt also ends the remaining batches and the hires pass; Skip ends the current batch
    // and goes on with the next, where `skip_handled` is called to clear the request (A1111
    // resets state.skipped at the start of every batch).
    std::function<bool()> interrupted;
    std::function<bool()> skipped;
    std::function<void()> skip_handled;
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
    // A1111 extra_generation_params of img2img / inpainting, in A1111's order, values as A1111
    // prints them ("Mask blur" -> "4", "Inpaint area" -> "Only masked", "Masked content" -> "fill").
    std::vector<std::pair<std::string, std::string>> extra_params;
    // 9-channel inpainting UNets: A1111's "Conditional mask weight" (inpainting_mask_weight).
    std::optional<double> conditional_mask_weight;
    // A1111 writes "ENSD" only when the sampler uses it (ancestral noise with eta != 0).
    bool uses_ensd = false;
    // Inpainting: the VAE output before the paste-back (one per image) and the blurred mask
    // (full canvas size, L) the paste-back used.
    std::vector<GeneratedImage> decoded_images;
    ImageU8 mask_for_overlay;
    // Networks applied (prompt order), textual inversions used (prompt, then negative prompt), and
    // the names of `<lora:...>` tags that were not found or could not be applied.
    std::vector<UsedNetwork> networks;
    std::vector<UsedNetwork> embeddings;
    std::vector<UsedNetwork> negative_embeddings;
    std::vector<std::string> networks_not_applied;
    // Interrupt / Skip (GenerationCallbacks): true when sampling stopped early in some batch.
    bool interrupted = false;
    bool skipped = false;
};

} // namespace latent
