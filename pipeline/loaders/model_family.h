// Model family and architecture detection from tensor names and shapes only (no tensor data is
// read). Every width and depth is inferred from shapes; what shapes cannot tell (attention head
// counts, activation) comes from diffusers-style configs in `__metadata__`
// (`reference.unet_config`, `reference.vae_config`, `reference.text_encoder_config`,
// `reference.text_encoder_2_config`) when present, else from the family's defaults.
#pragma once

#include "pipeline/core/prediction.h"

#include "pipeline/core/prediction.h"
#include "pipeline/tensors/safetensors.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace latent {

enum class ModelFamily { Unknown, SD1, SD2, SDXL, SDXLRefiner, VAE, LoRA, Embedding, ControlNet };
// Prediction (Epsilon / VPrediction) lives in pipeline/core/prediction.h.

struct ModelDetection {
    ModelFamily family = ModelFamily::Unknown;
    bool inpainting = false;
    Prediction prediction = Prediction::Epsilon;
    // "a1111" (CompVis/SGM single file), "diffusers" (diffusers names, single file or folder),
    // "unet_ldm" (bare LDM UNet), "vae_ldm", "vae_diffusers", "lora_kohya", "lora_peft",
    // "lycoris", "embedding_a1111", "embedding_sdxl", "controlnet_ldm", "controlnet_diffusers".
    std::string layout;
    nlohmann::json unet_config;   // diffusers UNet2DConditionModel config (ControlNet: ControlNetModel)
    nlohmann::json vae_config;    // diffusers AutoencoderKL config (incl. scaling_factor)
    nlohmann::json text_encoder_config, text_encoder_2_config;  // transformers CLIPTextConfig-style
    std::vector<std::string> notes;

    // Added fields (beyond the shared contract):
    // For LoRA / Embedding / ControlNet / standalone VAE: the model family it is meant for.
    ModelFamily base_family = ModelFamily::Unknown;
    // Where `prediction` came from: "default", "a1111_probe_needed", "metadata", "state_dict_key",
    // "sidecar", "scheduler_config", "user".
    std::string prediction_source = "default";
    // True for SD 2.x single files (non-inpainting): A1111 decides epsilon vs v by running the
    // UNet once (see a1111_v_prediction_probe); `prediction` stays Epsilon until that is done.
    bool prediction_needs_probe = false;
    // Key prefixes of each component in the file ("" = at the root). Empty when absent.
    std::string unet_prefix, vae_prefix, text_encoder_prefix, text_encoder_2_prefix;
    // "ldm"/"diffusers" for the UNet/VAE, "hf_clip"/"open_clip" for text encoders.
    std::string unet_layout, vae_layout, text_encoder_layout, text_encoder_2_layout;
};

ModelDetection detect_model(const std::vector<TensorInfo>& tensors,
                            const std::map<std::string, std::string>& metadata);

// Diffusers folder (model_index.json + per-component config.json and weights). Reads only the
// JSON configs and the safetensors headers. Throws PipelineError on unreadable/invalid folders.
ModelDetection detect_diffusers_folder(const std::string& dir);

// Stable strings: "sd1","sd2","sdxl","sdxl_refiner","vae","lora","embedding","controlnet","unknown".
std::string family_name(ModelFamily);
std::optional<ModelFamily> family_from_name(const std::string&);
// "epsilon" / "v_prediction" (diffusers' prediction_type values).
std::string prediction_name(Prediction);

// Sidecar config next to a model file: `<stem>.yaml` (A1111: only `parameterization: "v"` /
// `"eps"` is read) or `<stem>.json` (`prediction_type` / `parameterization`, searched a few
// levels deep). Returns nullopt when there is no sidecar or it says nothing about prediction.
std::optional<Prediction> read_sidecar_prediction(const std::string& model_path);

// Sets the prediction from a user or sidecar choice and records its source.
void apply_prediction_override(ModelDetection& d, Prediction p, const std::string& source);

// Looks for a sidecar next to `model_path` and applies it (source "sidecar"). Returns true if one
// was applied.
bool apply_sidecar_prediction(ModelDetection& d, const std::string& model_path);

// A1111's SD 2.x test (`is_using_v_parameterization_for_sd2`): run the UNet once on
// x = 0.5 (shape [1,4,8,8]), t = [999], context = 0.5 (shape [1,2,context_dim]) in float32;
// v-prediction when mean(unet(x) - x) < -1. `unet(x, t, context)` must return the raw UNet output.
bool a1111_v_prediction_probe(
    const std::function<at::Tensor(const at::Tensor& x, const at::Tensor& t, const at::Tensor& context)>& unet,
    int64_t context_dim = 1024);

} // namespace latent
