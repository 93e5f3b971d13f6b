// Benchmarks of the VAE, the text encoders and checkpoint loading (figures, never assertions).
// `latentstudio-cli bench vae|text|load` prints their JSON. Real architecture sizes, seeded random
// weights.
#pragma once

#include "pipeline/models/model_config.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace latent {

// Analytic FLOPs (2·MACs of convolutions and linears, plus the attention products) of one VAE
// decode of latents [batch, latent_channels, h, w] / one encode of images [batch, 3, 8h, 8w].
double vae_decode_flops(const VaeConfig& c, int64_t latent_h, int64_t latent_w, int64_t batch = 1);
double vae_encode_flops(const VaeConfig& c, int64_t latent_h, int64_t latent_w, int64_t batch = 1);
// Analytic FLOPs of one CLIP text encoder forward over [batch, tokens].
double clip_text_flops(const ClipTextConfig& c, int64_t tokens, int64_t batch);

// Real-size SD 1.x VAE (the family's config), random weights: decodes latents [1,4,H/8,W/8] and
// encodes images [1,3,H,W] `steps` times each (after one untimed warm-up unless warmup = 0).
// JSON: decode/encode seconds (each, mean, best), GFLOP, GFLOP/s, parameters, peak RSS.
nlohmann::json bench_vae(int64_t width, int64_t height, int steps = 1, int warmup = 1, int threads = 0,
                         bool tiled = false);

// Real-size text encoder(s) of a family ("sd1": CLIP ViT-L/14; "sd2": OpenCLIP ViT-H/14;
// "sdxl": CLIP-L + OpenCLIP bigG), random weights, `batch` prompts of 77 tokens (a CFG pair by
// default), `steps` timed forwards.
nlohmann::json bench_text(const std::string& family, int64_t batch = 2, int steps = 3, int warmup = 1, int threads = 0);

// Writes a real-size SD 1.5 checkpoint with random weights (A1111 single-file layout, float16 in
// the file) to `path` with the real streaming writer. JSON: path, bytes, tensors, parameters,
// seconds, peak RSS of this process.
nlohmann::json bench_create_sd15_checkpoint(const std::string& path, uint64_t seed = 1234);

// Loads `path` with the real loader (load_checkpoint, compute dtype float32 on CPU) and reports
// load seconds, RSS before, peak RSS (VmHWM), the fp32 size of the loaded modules and the ratio
// peak / fp32 size (goal: <= 1.2), parameter counts per component and the loader's warnings.
nlohmann::json bench_load_checkpoint(const std::string& path, int threads = 0);

} // namespace latent
