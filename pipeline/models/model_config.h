// Plain configuration structs for the text encoders and the VAE, read from transformers /
// diffusers style JSON (`config.json` of a diffusers folder, or the inferred configs of
// ModelDetection). Unknown keys are ignored; missing keys take the SD 1.5 defaults.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace latent {

// transformers CLIPTextConfig (CLIPTextModel / CLIPTextModelWithProjection).
struct ClipTextConfig {
    int64_t vocab_size = 49408;
    int64_t hidden_size = 768;
    int64_t intermediate_size = 3072;
    int64_t num_hidden_layers = 12;
    int64_t num_attention_heads = 12;
    int64_t max_position_embeddings = 77;
    std::string hidden_act = "quick_gelu";  // "quick_gelu" or "gelu" (exact erf GELU)
    double layer_norm_eps = 1e-5;
    bool with_projection = false;           // CLIPTextModelWithProjection: text_projection.weight
    int64_t projection_dim = 768;           // output width of text_projection
    int64_t eos_token_id = 49407;

    int64_t head_dim() const { return hidden_size / num_attention_heads; }
};

// Throws PipelineError("bad_config", ...) on inconsistent values (e.g. width not divisible by heads).
ClipTextConfig clip_text_config_from_json(const nlohmann::json& j);
nlohmann::json clip_text_config_to_json(const ClipTextConfig& c);

// diffusers AutoencoderKL config.
struct VaeConfig {
    int64_t in_channels = 3;
    int64_t out_channels = 3;
    int64_t latent_channels = 4;
    std::vector<int64_t> block_out_channels = {128, 256, 512, 512};
    int64_t layers_per_block = 2;
    int64_t norm_num_groups = 32;
    double scaling_factor = 0.18215;
    double shift_factor = 0.0;
    bool use_quant_conv = true;
    bool use_post_quant_conv = true;
    bool mid_block_add_attention = true;
    bool force_upcast = true;
};

VaeConfig vae_config_from_json(const nlohmann::json& j);
nlohmann::json vae_config_to_json(const VaeConfig& c);

} // namespace latent
