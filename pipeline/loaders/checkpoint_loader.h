// Loads a whole Stable Diffusion checkpoint into the engine's modules:
//   * A1111/CompVis/SGM single-file safetensors (`model.diffusion_model.*`, `first_stage_model.*`,
//     `cond_stage_model.*`, `conditioner.embedders.*`), names canonicalised at load time;
//   * diffusers folders (`model_index.json`, per-component config + safetensors, sharded or not,
//     `.fp16` variants);
//   * an optional standalone VAE override (LDM or diffusers layout, file or folder).
// Tensors are read one by one and converted to the compute dtype straight into the module's
// parameters (never two full copies of a model). A missing required weight refuses the load
// with the report's summary; unexpected tensors are listed in `warnings`.
#pragma once

#include "pipeline/loaders/model_family.h"
#include "pipeline/loaders/state_dict.h"
#include "pipeline/models/autoencoder_kl.h"
#include "pipeline/models/clip_text.h"
#include "pipeline/models/text_conditioner.h"
#include "pipeline/models/unet2d_condition.h"

#include <c10/core/Device.h>

#include <optional>
#include <string>
#include <vector>

namespace latent {

struct LoadOptions {
    at::Device device = at::kCPU;
    // Compute dtype; default float32 on CPU, float16 on CUDA.
    std::optional<at::ScalarType> dtype;
    std::string vae_override_path;          // standalone VAE file or folder ("" = the checkpoint's own)
    std::optional<Prediction> prediction_override;
    std::string variant;                    // diffusers weight variant to prefer ("fp16")
    bool load_text_encoders = true;
    bool load_unet = true;
    bool load_vae = true;
    bool unet_channels_last = true;
    // A CPU float32 run keeps Linear/Conv2d weights that the file stores as fp16/bf16 in that
    // dtype and widens them per call (exact; about half the memory of an fp32 copy).
    bool keep_half_weights = true;
};

struct LoadedCheckpoint {
    std::string path;
    std::string source;  // "single_file" or "diffusers"
    ModelDetection detection;
    Prediction prediction = Prediction::Epsilon;
    TextConditioningKind text_kind = TextConditioningKind::SD1;
    ClipTextModel te1{nullptr};
    std::optional<ClipTextModel> te2;
    UNet2DConditionModel unet{nullptr};
    AutoencoderKL vae{nullptr};
    double vae_scale = 0.18215;
    std::string vae_path;  // where the VAE weights came from
    // Layer choices that differ from TextConditioner's defaults (diffusers SD2 folders whose text
    // encoder already dropped its last layer use hidden state -1).
    std::optional<EncoderLayerChoice> te1_layer_override;
    std::vector<std::string> warnings;  // unexpected / ignored tensors, notes

    // A conditioner over te1/te2 with this checkpoint's rules (clip skip only affects SD1).
    TextConditioner make_conditioner(int clip_skip = 1) const;
};

// Throws PipelineError: wrong_format / pickle_checkpoint / not_a_checkpoint / missing_weights /
// unsupported_model / io errors from the readers.
LoadedCheckpoint load_checkpoint(const std::string& path, const LoadOptions& options = {});

// Loads a standalone VAE (safetensors in LDM or diffusers layout, a full checkpoint's
// `first_stage_model.*`, or a diffusers `vae/` folder). `scaling_factor` overrides the file's
// (the checkpoint family decides the scale, as in A1111). `config_hint` gives channel layout
// defaults when the file has no config (it is inferred from the tensor shapes anyway).
AutoencoderKL load_vae_file(const std::string& path, const LoadOptions& options, std::optional<double> scaling_factor,
                            std::vector<std::string>* warnings = nullptr);

// Infer a CLIP text config from canonical tensor shapes (hidden size, layers, MLP width,
// vocabulary, positions, projection); heads default to width/64, activation from the layout.
ClipTextConfig infer_clip_text_config(const std::map<std::string, std::vector<int64_t>>& canonical_shapes,
                                      bool openclip_layout);
// Infer a VAE config (block_out_channels, layers_per_block, latent channels) from canonical shapes.
VaeConfig infer_vae_config(const std::map<std::string, std::vector<int64_t>>& canonical_shapes);

} // namespace latent
