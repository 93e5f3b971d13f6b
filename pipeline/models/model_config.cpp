#include "pipeline/models/model_config.h"

#include "pipeline/core/error.h"

#include <nlohmann/json.hpp>

namespace latent {

namespace {

template <typename T>
T get_or(const nlohmann::json& j, const char* key, T fallback) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return fallback;
    try {
        return it->get<T>();
    } catch (const nlohmann::json::exception&) {
        throw PipelineError("bad_config", std::string("The model configuration has an invalid value for \"") + key + "\".");
    }
}

void require_positive(int64_t v, const char* what) {
    if (v <= 0 || v > (int64_t(1) << 24))
        throw PipelineError("bad_config", std::string("The model configuration has an invalid \"") + what + "\" (" +
                                              std::to_string(v) + ").");
}

} // namespace

ClipTextConfig clip_text_config_from_json(const nlohmann::json& j) {
    ClipTextConfig c;
    if (!j.is_object()) throw PipelineError("bad_config", "The text encoder configuration is not a JSON object.");
    // Some pipelines nest the text settings under "text_config" (full CLIPConfig).
    const nlohmann::json& t = (j.contains("text_config") && j["text_config"].is_object()) ? j["text_config"] : j;
    c.vocab_size = get_or<int64_t>(t, "vocab_size", c.vocab_size);
    c.hidden_size = get_or<int64_t>(t, "hidden_size", c.hidden_size);
    c.intermediate_size = get_or<int64_t>(t, "intermediate_size", c.intermediate_size);
    c.num_hidden_layers = get_or<int64_t>(t, "num_hidden_layers", c.num_hidden_layers);
    c.num_attention_heads = get_or<int64_t>(t, "num_attention_heads", c.num_attention_heads);
    c.max_position_embeddings = get_or<int64_t>(t, "max_position_embeddings", c.max_position_embeddings);
    c.hidden_act = get_or<std::string>(t, "hidden_act", c.hidden_act);
    c.layer_norm_eps = get_or<double>(t, "layer_norm_eps", c.layer_norm_eps);
    c.projection_dim = get_or<int64_t>(t, "projection_dim", c.hidden_size);
    c.eos_token_id = get_or<int64_t>(t, "eos_token_id", c.eos_token_id);
    if (c.eos_token_id < 3) c.eos_token_id = c.vocab_size - 1;  // legacy configs say 2
    c.with_projection = get_or<bool>(t, "with_projection", false);
    if (auto it = t.find("architectures"); it != t.end() && it->is_array()) {
        for (const auto& a : *it)
            if (a.is_string() && a.get<std::string>() == "CLIPTextModelWithProjection") c.with_projection = true;
    }
    require_positive(c.vocab_size, "vocab_size");
    require_positive(c.hidden_size, "hidden_size");
    require_positive(c.intermediate_size, "intermediate_size");
    require_positive(c.num_hidden_layers, "num_hidden_layers");
    require_positive(c.num_attention_heads, "num_attention_heads");
    require_positive(c.max_position_embeddings, "max_position_embeddings");
    require_positive(c.projection_dim, "projection_dim");
    if (c.hidden_size % c.num_attention_heads != 0)
        throw PipelineError("bad_config", "The text encoder width is not divisible by its number of attention heads.");
    if (c.hidden_act != "quick_gelu" && c.hidden_act != "gelu")
        throw PipelineError("bad_config", "The text encoder uses an unsupported activation \"" + c.hidden_act + "\".");
    return c;
}

nlohmann::json clip_text_config_to_json(const ClipTextConfig& c) {
    nlohmann::json j;
    j["architectures"] = {c.with_projection ? "CLIPTextModelWithProjection" : "CLIPTextModel"};
    j["vocab_size"] = c.vocab_size;
    j["hidden_size"] = c.hidden_size;
    j["intermediate_size"] = c.intermediate_size;
    j["num_hidden_layers"] = c.num_hidden_layers;
    j["num_attention_heads"] = c.num_attention_heads;
    j["max_position_embeddings"] = c.max_position_embeddings;
    j["hidden_act"] = c.hidden_act;
    j["layer_norm_eps"] = c.layer_norm_eps;
    j["projection_dim"] = c.projection_dim;
    j["eos_token_id"] = c.eos_token_id;
    j["bos_token_id"] = 49406;
    j["model_type"] = "clip_text_model";
    return j;
}

VaeConfig vae_config_from_json(const nlohmann::json& j) {
    VaeConfig c;
    if (!j.is_object()) throw PipelineError("bad_config", "The VAE configuration is not a JSON object.");
    c.in_channels = get_or<int64_t>(j, "in_channels", c.in_channels);
    c.out_channels = get_or<int64_t>(j, "out_channels", c.out_channels);
    c.latent_channels = get_or<int64_t>(j, "latent_channels", c.latent_channels);
    c.block_out_channels = get_or<std::vector<int64_t>>(j, "block_out_channels", c.block_out_channels);
    c.layers_per_block = get_or<int64_t>(j, "layers_per_block", c.layers_per_block);
    c.norm_num_groups = get_or<int64_t>(j, "norm_num_groups", c.norm_num_groups);
    c.scaling_factor = get_or<double>(j, "scaling_factor", c.scaling_factor);
    c.shift_factor = get_or<double>(j, "shift_factor", c.shift_factor);
    c.use_quant_conv = get_or<bool>(j, "use_quant_conv", c.use_quant_conv);
    c.use_post_quant_conv = get_or<bool>(j, "use_post_quant_conv", c.use_post_quant_conv);
    c.mid_block_add_attention = get_or<bool>(j, "mid_block_add_attention", c.mid_block_add_attention);
    c.force_upcast = get_or<bool>(j, "force_upcast", c.force_upcast);
    require_positive(c.in_channels, "in_channels");
    require_positive(c.out_channels, "out_channels");
    require_positive(c.latent_channels, "latent_channels");
    require_positive(c.layers_per_block, "layers_per_block");
    require_positive(c.norm_num_groups, "norm_num_groups");
    if (c.block_out_channels.empty() || c.block_out_channels.size() > 8)
        throw PipelineError("bad_config", "The VAE configuration has an invalid \"block_out_channels\".");
    for (int64_t ch : c.block_out_channels) {
        require_positive(ch, "block_out_channels");
        if (ch % c.norm_num_groups != 0)
            throw PipelineError("bad_config", "The VAE channel counts are not divisible by its group-norm group count.");
    }
    if (!(c.scaling_factor > 0.0)) throw PipelineError("bad_config", "The VAE scaling factor must be positive.");
    return c;
}

nlohmann::json vae_config_to_json(const VaeConfig& c) {
    nlohmann::json j;
    j["_class_name"] = "AutoencoderKL";
    j["in_channels"] = c.in_channels;
    j["out_channels"] = c.out_channels;
    j["latent_channels"] = c.latent_channels;
    j["block_out_channels"] = c.block_out_channels;
    j["layers_per_block"] = c.layers_per_block;
    j["norm_num_groups"] = c.norm_num_groups;
    j["scaling_factor"] = c.scaling_factor;
    if (c.shift_factor != 0.0) j["shift_factor"] = c.shift_factor;
    j["use_quant_conv"] = c.use_quant_conv;
    j["use_post_quant_conv"] = c.use_post_quant_conv;
    j["mid_block_add_attention"] = c.mid_block_add_attention;
    j["force_upcast"] = c.force_upcast;
    return j;
}

} // namespace latent
