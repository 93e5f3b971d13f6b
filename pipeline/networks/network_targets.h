// The layers of a loaded model that networks (LoRA, LyCORIS) can change, and every name a network
// file may use for each of them:
//   A1111's own layer names (`network_layer_name`: CompVis module paths with '.' -> '_'):
//     UNet `diffusion_model_input_blocks_1_1_proj_in`, SD1 text `transformer_text_model_...`,
//     SD2 text `model_transformer_resblocks_N_{attn_q_proj,mlp_c_fc,ln_1,...}`, SDXL
//     `0_transformer_text_model_...` and `1_model_transformer_resblocks_...`;
//   kohya: `lora_unet_<diffusers path>` (SD1/SD2), `lora_unet_<CompVis path>` (SDXL),
//     `lora_te_text_model_...` (SD1/SD2, SD1 also `lora_te1_`), `lora_te1_` / `lora_te2_` (SDXL);
//   diffusers / PEFT dotted paths: `unet.<diffusers path>`, `text_encoder.<transformers path>`,
//     `text_encoder_2.<...>`, and the old attention-processor form without a prefix
//     (`...attn1.processor.to_q_lora`).
// OpenCLIP self-attention (SD2's encoder, SDXL's second) is one fused module in A1111, patched
// only when a network has all of its q, k, v and out parts; `mha_group` marks those layers.
#pragma once

#include "pipeline/pipelines/diffusion_model.h"

#include <map>
#include <string>
#include <vector>

namespace latent {

enum class NetworkComponent { TextEncoder1, TextEncoder2, UNet };
enum class NetworkTargetKind { Linear, Conv2d, GroupNorm, LayerNorm };

struct NetworkTarget {
    NetworkComponent component = NetworkComponent::UNet;
    NetworkTargetKind kind = NetworkTargetKind::Linear;
    std::string name;        // module path in its component (diffusers / transformers names)
    std::string a1111_name;  // A1111's network_layer_name of the same layer
    std::string mha_group;   // OpenCLIP self-attention group ("..._attn"), else empty
    torch::nn::Module* module = nullptr;
    std::vector<int64_t> weight_shape;
    bool text_encoder() const { return component != NetworkComponent::UNet; }
};

class NetworkTargets {
public:
    // Enumerates the model's Linear, Conv2d, GroupNorm and LayerNorm layers (text encoders and
    // UNet; not the VAE) and their aliases. The model must outlive the table.
    static NetworkTargets build(DiffusionModel& model);

    const std::vector<NetworkTarget>& targets() const { return targets_; }
    // The target a network module name refers to (any naming above), or nullptr.
    const NetworkTarget* find(const std::string& network_module_name) const;
    std::size_t size() const { return targets_.size(); }

private:
    std::vector<NetworkTarget> targets_;
    std::map<std::string, std::size_t> lookup_;
};

// A1111 / CompVis name of a diffusers UNet module path (e.g. "down_blocks.0.attentions.1.proj_in"
// -> "input_blocks.2.1.proj_in"), or "" when the path does not fit `config`.
std::string unet_module_to_ldm(const std::string& diffusers_path, const UNetConfig& config);

} // namespace latent
