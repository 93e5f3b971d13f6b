#include "pipeline/models/unet_config.h"

#include "pipeline/core/error.h"

#include <nlohmann/json.hpp>

namespace latent {

namespace {

[[noreturn]] void unsupported(const std::string& what) {
    throw PipelineError("unsupported_unet_config", "The UNet configuration is not supported: " + what + ".");
}

const nlohmann::json* get(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return nullptr;
    return &*it;
}

int64_t get_int(const nlohmann::json& j, const char* key, int64_t fallback) {
    const auto* v = get(j, key);
    if (!v) return fallback;
    if (!v->is_number_integer() && !(v->is_number_float() && v->get<double>() == static_cast<int64_t>(v->get<double>())))
        unsupported(std::string(key) + " must be an integer");
    return v->is_number_integer() ? v->get<int64_t>() : static_cast<int64_t>(v->get<double>());
}

double get_double(const nlohmann::json& j, const char* key, double fallback) {
    const auto* v = get(j, key);
    if (!v) return fallback;
    if (!v->is_number()) unsupported(std::string(key) + " must be a number");
    return v->get<double>();
}

bool get_bool(const nlohmann::json& j, const char* key, bool fallback) {
    const auto* v = get(j, key);
    if (!v) return fallback;
    if (!v->is_boolean()) unsupported(std::string(key) + " must be true or false");
    return v->get<bool>();
}

std::string get_string(const nlohmann::json& j, const char* key, const std::string& fallback) {
    const auto* v = get(j, key);
    if (!v) return fallback;
    if (!v->is_string()) unsupported(std::string(key) + " must be a string");
    return v->get<std::string>();
}

// An int, or a list with one int per block; returns one value per block.
std::vector<int64_t> per_block(const nlohmann::json& j, const char* key, size_t blocks, int64_t fallback) {
    const auto* v = get(j, key);
    if (!v) return std::vector<int64_t>(blocks, fallback);
    if (v->is_number_integer()) return std::vector<int64_t>(blocks, v->get<int64_t>());
    if (!v->is_array()) unsupported(std::string(key) + " must be an integer or a list of integers");
    if (v->size() != blocks)
        unsupported(std::string(key) + " has " + std::to_string(v->size()) + " entries for " +
                    std::to_string(blocks) + " blocks");
    std::vector<int64_t> out;
    for (const auto& e : *v) {
        if (!e.is_number_integer()) unsupported(std::string(key) + " must hold integers (nested lists are not supported)");
        out.push_back(e.get<int64_t>());
    }
    return out;
}

void require_null_or(const nlohmann::json& j, const char* key, const std::string& allowed = {}) {
    const auto* v = get(j, key);
    if (!v) return;
    if (!allowed.empty() && v->is_string() && v->get<std::string>() == allowed) return;
    unsupported(std::string(key) + " = " + v->dump());
}

void require_false(const nlohmann::json& j, const char* key) {
    const auto* v = get(j, key);
    if (!v) return;
    if (v->is_boolean() && !v->get<bool>()) return;
    if (v->is_array()) {
        bool any = false;
        for (const auto& e : *v) any = any || (e.is_boolean() && e.get<bool>());
        if (!any) return;
    }
    unsupported(std::string(key) + " = " + v->dump());
}

} // namespace

UNetConfig unet_config_from_json(const nlohmann::json& j) {
    if (!j.is_object()) unsupported("the configuration is not a JSON object");
    if (const auto* cls = get(j, "_class_name"); cls && cls->is_string() &&
                                                  cls->get<std::string>() != "UNet2DConditionModel")
        unsupported("_class_name is " + cls->get<std::string>() + ", expected UNet2DConditionModel");

    UNetConfig c;
    c.in_channels = get_int(j, "in_channels", 4);
    c.out_channels = get_int(j, "out_channels", 4);
    if (c.in_channels <= 0 || c.out_channels <= 0) unsupported("channel counts must be positive");

    if (const auto* b = get(j, "block_out_channels")) {
        if (!b->is_array() || b->empty()) unsupported("block_out_channels must be a non-empty list");
        c.block_out_channels.clear();
        for (const auto& e : *b) {
            if (!e.is_number_integer() || e.get<int64_t>() <= 0) unsupported("block_out_channels must hold positive integers");
            c.block_out_channels.push_back(e.get<int64_t>());
        }
    }
    const size_t n = c.block_out_channels.size();

    {
        auto lpb = per_block(j, "layers_per_block", n, 2);
        for (auto v : lpb)
            if (v != lpb[0]) unsupported("layers_per_block differs between blocks");
        c.layers_per_block = lpb[0];
        if (c.layers_per_block <= 0) unsupported("layers_per_block must be positive");
    }

    auto block_types = [&](const char* key, const char* with_attn, const char* plain,
                           std::vector<bool> fallback) {
        const auto* v = get(j, key);
        if (!v) {
            if (fallback.size() != n) unsupported(std::string(key) + " is missing");
            return fallback;
        }
        if (!v->is_array() || v->size() != n)
            unsupported(std::string(key) + " must list one type per entry of block_out_channels");
        std::vector<bool> out;
        for (const auto& e : *v) {
            const std::string t = e.is_string() ? e.get<std::string>() : e.dump();
            if (t == with_attn) out.push_back(true);
            else if (t == plain) out.push_back(false);
            else unsupported(std::string(key) + " contains " + t);
        }
        return out;
    };
    c.down_block_attention = block_types("down_block_types", "CrossAttnDownBlock2D", "DownBlock2D",
                                         {true, true, true, false});
    c.up_block_attention = block_types("up_block_types", "CrossAttnUpBlock2D", "UpBlock2D",
                                       {false, true, true, true});

    {
        const auto* m = j.find("mid_block_type") == j.end() ? nullptr : &j["mid_block_type"];
        if (m && !(m->is_string() && m->get<std::string>() == "UNetMidBlock2DCrossAttn"))
            unsupported("mid_block_type = " + m->dump());
        c.mid_block_attention = true;
    }

    if (const auto* v = get(j, "cross_attention_dim")) {
        auto dims = per_block(j, "cross_attention_dim", n, 768);
        for (auto d : dims)
            if (d != dims[0]) unsupported("cross_attention_dim differs between blocks");
        c.cross_attention_dim = dims[0];
        (void)v;
    } else {
        c.cross_attention_dim = 1280;  // diffusers default
    }

    // diffusers quirk: attention_head_dim really is the number of heads when
    // num_attention_heads is null (all SD 1/2/XL configs).
    if (get(j, "num_attention_heads"))
        c.num_attention_heads = per_block(j, "num_attention_heads", n, 8);
    else
        c.num_attention_heads = per_block(j, "attention_head_dim", n, 8);

    c.transformer_layers = per_block(j, "transformer_layers_per_block", n, 1);
    if (get(j, "reverse_transformer_layers_per_block")) {
        c.reverse_transformer_layers = per_block(j, "reverse_transformer_layers_per_block", n, 1);
    } else {
        c.reverse_transformer_layers.assign(c.transformer_layers.rbegin(), c.transformer_layers.rend());
    }
    for (size_t i = 0; i < n; ++i) {
        if (c.num_attention_heads[i] <= 0) unsupported("attention head counts must be positive");
        if (c.transformer_layers[i] <= 0 || c.reverse_transformer_layers[i] <= 0)
            unsupported("transformer_layers_per_block must be positive");
    }

    c.use_linear_projection = get_bool(j, "use_linear_projection", false);
    c.upcast_attention = get_bool(j, "upcast_attention", false);

    c.addition_embed_type = get_string(j, "addition_embed_type", "");
    if (!c.addition_embed_type.empty() && c.addition_embed_type != "text_time")
        unsupported("addition_embed_type = " + c.addition_embed_type);
    if (c.addition_embed_type == "text_time") {
        c.addition_time_embed_dim = get_int(j, "addition_time_embed_dim", 0);
        c.projection_class_embeddings_input_dim = get_int(j, "projection_class_embeddings_input_dim", 0);
        if (c.addition_time_embed_dim <= 0 || c.addition_time_embed_dim % 2 != 0)
            unsupported("text_time needs an even addition_time_embed_dim");
        if (c.projection_class_embeddings_input_dim <= 6 * c.addition_time_embed_dim)
            unsupported("text_time needs projection_class_embeddings_input_dim > 6 x addition_time_embed_dim");
    }

    c.norm_num_groups = get_int(j, "norm_num_groups", 32);
    c.norm_eps = get_double(j, "norm_eps", 1e-5);
    c.flip_sin_to_cos = get_bool(j, "flip_sin_to_cos", true);
    c.freq_shift = get_double(j, "freq_shift", 0.0);
    c.mid_block_scale_factor = get_double(j, "mid_block_scale_factor", 1.0);
    c.resnet_out_scale_factor = get_double(j, "resnet_out_scale_factor", 1.0);
    c.downsample_padding = get_int(j, "downsample_padding", 1);

    if (get_string(j, "act_fn", "silu") != "silu") unsupported("act_fn = " + j["act_fn"].dump());
    if (get_string(j, "time_embedding_type", "positional") != "positional")
        unsupported("time_embedding_type = " + j["time_embedding_type"].dump());
    if (get_string(j, "resnet_time_scale_shift", "default") != "default")
        unsupported("resnet_time_scale_shift = " + j["resnet_time_scale_shift"].dump());
    if (get_string(j, "attention_type", "default") != "default")
        unsupported("attention_type = " + j["attention_type"].dump());
    if (get_int(j, "conv_in_kernel", 3) != 3) unsupported("conv_in_kernel must be 3");
    if (get_int(j, "conv_out_kernel", 3) != 3) unsupported("conv_out_kernel must be 3");
    for (const char* key : {"class_embed_type", "num_class_embeds", "encoder_hid_dim", "encoder_hid_dim_type",
                            "time_cond_proj_dim", "time_embedding_dim", "timestep_post_act",
                            "time_embedding_act_fn", "cross_attention_norm"})
        require_null_or(j, key);
    for (const char* key : {"only_cross_attention", "dual_cross_attention", "center_input_sample",
                            "resnet_skip_time_act", "class_embeddings_concat", "mid_block_only_cross_attention"})
        require_false(j, key);

    for (size_t i = 0; i < n; ++i) {
        const int64_t ch = c.block_out_channels[i];
        if (ch % c.norm_num_groups != 0)
            unsupported("block_out_channels[" + std::to_string(i) + "] is not a multiple of norm_num_groups");
        const int64_t up_ch = c.block_out_channels[n - 1 - i];
        if ((c.down_block_attention[i] && ch % c.num_attention_heads[i] != 0) ||
            (c.up_block_attention[i] && up_ch % c.up_heads(i) != 0))
            unsupported("a block width is not divisible by its number of attention heads");
    }
    if (c.block_out_channels.back() % c.mid_heads() != 0)
        unsupported("the mid block width is not divisible by its number of attention heads");
    return c;
}

nlohmann::json unet_config_to_json(const UNetConfig& c) {
    nlohmann::json j;
    j["_class_name"] = "UNet2DConditionModel";
    j["in_channels"] = c.in_channels;
    j["out_channels"] = c.out_channels;
    j["block_out_channels"] = c.block_out_channels;
    j["layers_per_block"] = c.layers_per_block;
    auto down = nlohmann::json::array();
    auto up = nlohmann::json::array();
    for (bool a : c.down_block_attention) down.push_back(a ? "CrossAttnDownBlock2D" : "DownBlock2D");
    for (bool a : c.up_block_attention) up.push_back(a ? "CrossAttnUpBlock2D" : "UpBlock2D");
    j["down_block_types"] = down;
    j["up_block_types"] = up;
    j["mid_block_type"] = "UNetMidBlock2DCrossAttn";
    j["cross_attention_dim"] = c.cross_attention_dim;
    j["attention_head_dim"] = c.num_attention_heads;  // diffusers' naming quirk: these are head counts
    j["num_attention_heads"] = nullptr;
    j["transformer_layers_per_block"] = c.transformer_layers;
    j["reverse_transformer_layers_per_block"] = c.reverse_transformer_layers;
    j["use_linear_projection"] = c.use_linear_projection;
    j["upcast_attention"] = c.upcast_attention;
    if (c.addition_embed_type.empty()) {
        j["addition_embed_type"] = nullptr;
    } else {
        j["addition_embed_type"] = c.addition_embed_type;
        j["addition_time_embed_dim"] = c.addition_time_embed_dim;
        j["projection_class_embeddings_input_dim"] = c.projection_class_embeddings_input_dim;
    }
    j["norm_num_groups"] = c.norm_num_groups;
    j["norm_eps"] = c.norm_eps;
    j["flip_sin_to_cos"] = c.flip_sin_to_cos;
    j["freq_shift"] = c.freq_shift;
    j["mid_block_scale_factor"] = c.mid_block_scale_factor;
    j["resnet_out_scale_factor"] = c.resnet_out_scale_factor;
    j["downsample_padding"] = c.downsample_padding;
    j["act_fn"] = "silu";
    return j;
}

UNetConfig unet_config_sd1(int64_t in_channels) {
    UNetConfig c;  // defaults are SD 1.x
    c.in_channels = in_channels;
    return c;
}

UNetConfig unet_config_sd2(int64_t in_channels) {
    UNetConfig c;
    c.in_channels = in_channels;
    c.num_attention_heads = {5, 10, 20, 20};
    c.cross_attention_dim = 1024;
    c.use_linear_projection = true;
    return c;
}

UNetConfig unet_config_sdxl(int64_t in_channels) {
    UNetConfig c;
    c.in_channels = in_channels;
    c.block_out_channels = {320, 640, 1280};
    c.down_block_attention = {false, true, true};
    c.up_block_attention = {true, true, false};
    c.num_attention_heads = {5, 10, 20};
    c.transformer_layers = {1, 2, 10};
    c.reverse_transformer_layers = {10, 2, 1};
    c.cross_attention_dim = 2048;
    c.use_linear_projection = true;
    c.addition_embed_type = "text_time";
    c.addition_time_embed_dim = 256;
    c.projection_class_embeddings_input_dim = 2816;
    return c;
}

} // namespace latent
