// Writes engine modules (diffusers names) back to disk in the two layouts users bring:
//   * an A1111/CompVis single file (`model.diffusion_model.*`, `first_stage_model.*`,
//     `cond_stage_model.transformer.*`), names converted with the inverse of the load-time maps;
//   * a diffusers folder (`model_index.json`, `unet/`, `vae/`, `text_encoder/` with config.json
//     and safetensors weights).
// Both stream tensor by tensor through write_safetensors_streamed (a model is never copied whole),
// convert floating tensors to `file_dtype`, and store diffusers configs in `__metadata__`
// (`reference.unet_config`, ...) so widths and head counts survive. Used by benchmarks (real-size
// random SD 1.5 checkpoint) and tests (tiny seeded models of every family).
#pragma once

#include "pipeline/loaders/model_family.h"
#include "pipeline/models/autoencoder_kl.h"
#include "pipeline/models/clip_text.h"
#include "pipeline/models/model_config.h"
#include "pipeline/models/unet2d_condition.h"
#include "pipeline/models/unet_config.h"

#include <c10/core/ScalarType.h>

#include <map>
#include <optional>
#include <string>

namespace latent {

// diffusers UNet key -> CompVis key (without `model.diffusion_model.`); nullopt if not a UNet key
// of this config. Inverse of unet_ldm_to_diffusers.
std::optional<std::string> unet_diffusers_to_ldm(const std::string& diffusers_key, const UNetConfig& config);
// diffusers AutoencoderKL key -> CompVis key (without `first_stage_model.`); `levels` = number of
// blocks. Sets *conv1x1 for mid-block attention linears, which CompVis stores as 1x1 convolutions.
std::optional<std::string> vae_diffusers_to_ldm(const std::string& diffusers_key, int64_t levels,
                                                bool* conv1x1 = nullptr);

// The modules of one checkpoint. Text encoders by family:
//   sd1          text_encoder (transformers CLIP)        -> cond_stage_model.transformer.*
//   sd2          text_encoder (OpenCLIP layout in files)  -> cond_stage_model.model.*
//   sdxl         text_encoder (CLIP-L) + text_encoder_2 (bigG, OpenCLIP) -> conditioner.embedders.0/1.*
//   sdxl_refiner text_encoder_2 only (bigG, OpenCLIP)      -> conditioner.embedders.0.model.*
struct CheckpointModules {
    ModelFamily family = ModelFamily::SD1;
    UNet2DConditionModel unet{nullptr};
    UNetConfig unet_config;
    AutoencoderKL vae{nullptr};
    VaeConfig vae_config;
    ClipTextModel text_encoder{nullptr};
    ClipTextConfig text_config;
    ClipTextModel text_encoder_2{nullptr};
    ClipTextConfig text_2_config;
};
using Sd1Modules = CheckpointModules;

// Builds modules from configs with seeded random weights (libtorch's default initialisation
// after at::manual_seed(seed), norms perturbed so every tensor matters). Text encoders are built
// for the family (see above); `text_2` is used for sdxl / sdxl_refiner.
CheckpointModules make_random_modules(ModelFamily family, const UNetConfig& unet, const VaeConfig& vae,
                                      const ClipTextConfig& text, const ClipTextConfig& text_2, uint64_t seed,
                                      bool channels_last = false);
CheckpointModules make_random_sd1_modules(const UNetConfig& unet, const VaeConfig& vae, const ClipTextConfig& text,
                                          uint64_t seed, bool channels_last = false);

// A1111 single file. Throws PipelineError (write_failed / invalid_argument).
void write_a1111_checkpoint(const std::string& path, const CheckpointModules& m, at::ScalarType file_dtype = at::kHalf,
                            const std::map<std::string, std::string>& extra_metadata = {});
inline void write_a1111_sd1_checkpoint(const std::string& path, const CheckpointModules& m,
                                       at::ScalarType file_dtype = at::kHalf,
                                       const std::map<std::string, std::string>& extra_metadata = {}) {
    write_a1111_checkpoint(path, m, file_dtype, extra_metadata);
}
// diffusers folder at `dir` (created; must not exist or be empty); text encoders in transformers
// layout (`text_encoder/`, `text_encoder_2/`).
void write_diffusers_folder(const std::string& dir, const CheckpointModules& m, at::ScalarType file_dtype = at::kHalf);
inline void write_diffusers_sd1_folder(const std::string& dir, const CheckpointModules& m,
                                       at::ScalarType file_dtype = at::kHalf) {
    write_diffusers_folder(dir, m, file_dtype);
}

} // namespace latent
