// Configuration of a UNet2DConditionModel (SD 1.x, SD 2.x, SDXL, inpainting variants), parsed from
// a diffusers `unet/config.json` and normalised: per-block head counts and transformer depths are
// resolved so the model builder never has to know about diffusers' naming quirks.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace latent {

struct UNetConfig {
    int64_t in_channels = 4;   // 9 for inpainting models
    int64_t out_channels = 4;
    std::vector<int64_t> block_out_channels{320, 640, 1280, 1280};
    int64_t layers_per_block = 2;
    // Per down block (index i) / up block (index i, already in up order): has cross-attention?
    std::vector<bool> down_block_attention{true, true, true, false};
    std::vector<bool> up_block_attention{false, true, true, true};
    bool mid_block_attention = true;  // UNetMidBlock2DCrossAttn (the only mid block supported)
    int64_t cross_attention_dim = 768;
    // Number of attention heads per down block (index = down block). Up blocks use the reversed
    // list, the mid block the last entry. (diffusers: num_attention_heads, or attention_head_dim
    // when num_attention_heads is null.)
    std::vector<int64_t> num_attention_heads{8, 8, 8, 8};
    // Transformer depth per down block; up blocks use `reverse_transformer_layers` (defaults to
    // the reversed list); the mid block uses the last entry of the down list.
    std::vector<int64_t> transformer_layers{1, 1, 1, 1};
    std::vector<int64_t> reverse_transformer_layers{1, 1, 1, 1};
    bool use_linear_projection = false;
    bool upcast_attention = false;  // no effect in float32
    // Additional embeddings: "" (none) or "text_time" (SDXL).
    std::string addition_embed_type;
    int64_t addition_time_embed_dim = 0;                // SDXL: 256
    int64_t projection_class_embeddings_input_dim = 0;  // SDXL: 2816 = 1280 + 6*256
    int64_t norm_num_groups = 32;
    double norm_eps = 1e-5;
    bool flip_sin_to_cos = true;
    double freq_shift = 0.0;
    double mid_block_scale_factor = 1.0;
    double resnet_out_scale_factor = 1.0;
    int64_t downsample_padding = 1;
    int64_t time_embed_dim() const { return block_out_channels.at(0) * 4; }
    size_t num_blocks() const { return block_out_channels.size(); }
    // Heads / depth of the up block with index i (up order) and of the mid block.
    int64_t up_heads(size_t i) const { return num_attention_heads.at(num_blocks() - 1 - i); }
    int64_t up_transformer_layers(size_t i) const { return reverse_transformer_layers.at(i); }
    int64_t mid_heads() const { return num_attention_heads.back(); }
    int64_t mid_transformer_layers() const { return transformer_layers.back(); }
};

// Parses a diffusers UNet2DConditionModel config. Unsupported values (other block types,
// class embeddings, non-SiLU activations, ...) throw PipelineError("unsupported_unet_config").
UNetConfig unet_config_from_json(const nlohmann::json& diffusers_config);

// The inverse (diffusers key names), handy for storing a config next to converted weights.
nlohmann::json unet_config_to_json(const UNetConfig& config);

// Real architectures (FACTS.md): SD 1.x, SD 2.x, SDXL base. `in_channels` 9 gives the inpainting
// variant.
UNetConfig unet_config_sd1(int64_t in_channels = 4);
UNetConfig unet_config_sd2(int64_t in_channels = 4);
UNetConfig unet_config_sdxl(int64_t in_channels = 4);

} // namespace latent
