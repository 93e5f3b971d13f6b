#include "pipeline/loaders/model_family.h"

#include "pipeline/core/error.h"

#include <ATen/ATen.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace latent {

using nlohmann::json;

namespace {

// ---------------------------------------------------------------------------------------------
// Name lookup helpers over a sorted view of the tensor names.

class Names {
public:
    explicit Names(const std::vector<TensorInfo>& ts) {
        for (const auto& t : ts) map_.emplace(t.name, &t);
    }
    const std::vector<int64_t>* shape(const std::string& name) const {
        auto it = map_.find(name);
        return it == map_.end() ? nullptr : &it->second->shape;
    }
    bool has(const std::string& name) const { return map_.count(name) != 0; }
    int64_t dim(const std::string& name, std::size_t i) const {
        const auto* s = shape(name);
        return s && s->size() > i ? (*s)[i] : -1;
    }
    std::size_t rank(const std::string& name) const {
        const auto* s = shape(name);
        return s ? s->size() : 0;
    }
    bool has_prefix(const std::string& p) const {
        auto it = map_.lower_bound(p);
        return it != map_.end() && it->first.compare(0, p.size(), p) == 0;
    }
    std::size_t count_prefix(const std::string& p) const {
        std::size_t n = 0;
        for (auto it = map_.lower_bound(p); it != map_.end() && it->first.compare(0, p.size(), p) == 0; ++it) ++n;
        return n;
    }
    // Integers that follow `p` directly (p = "x.blocks." -> {0,1,2}).
    std::set<int> indices(const std::string& p) const {
        std::set<int> out;
        for (auto it = map_.lower_bound(p); it != map_.end() && it->first.compare(0, p.size(), p) == 0; ++it) {
            const std::string& n = it->first;
            std::size_t i = p.size();
            int v = 0;
            bool any = false;
            while (i < n.size() && n[i] >= '0' && n[i] <= '9' && v < 1'000'000) {
                v = v * 10 + (n[i] - '0');
                ++i;
                any = true;
            }
            if (any && (i == n.size() || n[i] == '.')) out.insert(v);
        }
        return out;
    }
    // First name under `p` that ends with `suffix`.
    const std::string* find_suffix(const std::string& p, const std::string& suffix) const {
        for (auto it = map_.lower_bound(p); it != map_.end() && it->first.compare(0, p.size(), p) == 0; ++it) {
            const std::string& n = it->first;
            if (n.size() >= suffix.size() && n.compare(n.size() - suffix.size(), suffix.size(), suffix) == 0)
                return &n;
        }
        return nullptr;
    }
    bool any_contains(const std::string& needle) const {
        for (const auto& [n, t] : map_)
            if (n.find(needle) != std::string::npos) return true;
        return false;
    }
    const std::string* first_containing(const std::string& needle) const {
        for (const auto& [n, t] : map_)
            if (n.find(needle) != std::string::npos) return &n;
        return nullptr;
    }
    std::size_t size() const { return map_.size(); }
    const std::map<std::string, const TensorInfo*>& map() const { return map_; }

private:
    std::map<std::string, const TensorInfo*> map_;
};

json int_or_list(const std::vector<int64_t>& v) {
    if (v.empty()) return json(nullptr);
    bool same = true;
    for (auto x : v) same = same && x == v[0];
    return same ? json(v[0]) : json(v);
}

// ---------------------------------------------------------------------------------------------
// UNet: CompVis/SGM ("ldm") names.

struct UNetShape {
    json cfg;             // inferred keys only
    int64_t context_dim = -1;
    int64_t adm_in = -1;  // label_emb / add_embedding input width
    bool linear_proj = false;
    bool ok = false;
};

UNetShape infer_unet_ldm(const Names& n, const std::string& P, bool controlnet = false) {
    UNetShape u;
    const std::string conv_in = P + "input_blocks.0.0.weight";
    if (n.rank(conv_in) != 4) return u;
    const int64_t mc = n.dim(conv_in, 0);
    u.cfg["in_channels"] = n.dim(conv_in, 1);
    u.cfg["conv_in_kernel"] = n.dim(conv_in, 2);
    if (n.rank(P + "out.2.weight") == 4) {
        u.cfg["out_channels"] = n.dim(P + "out.2.weight", 0);
        u.cfg["conv_out_kernel"] = n.dim(P + "out.2.weight", 2);
    } else if (!controlnet) {
        u.cfg["out_channels"] = n.dim(conv_in, 1) == 9 ? 4 : n.dim(conv_in, 1);
    }
    const int64_t ted = n.dim(P + "time_embed.0.weight", 0);
    if (ted > 0 && ted != 4 * mc) u.cfg["time_embedding_dim"] = ted;

    struct Level {
        int resnets = 0;
        int64_t ch = -1;
        int64_t depth = 0;  // transformer depth (0 = no attention)
    };
    std::vector<Level> levels(1);
    const auto in_idx = n.indices(P + "input_blocks.");
    for (int i : in_idx) {
        if (i == 0) continue;
        const std::string b = P + "input_blocks." + std::to_string(i) + ".";
        if (n.has(b + "0.op.weight") || n.has(b + "0.op.conv.weight")) {
            levels.emplace_back();
            continue;
        }
        Level& L = levels.back();
        ++L.resnets;
        int64_t ch = n.dim(b + "0.out_layers.3.weight", 0);
        if (ch < 0) ch = n.dim(b + "0.in_layers.2.weight", 0);
        if (L.ch < 0) L.ch = ch;
        if (n.has_prefix(b + "1.")) {
            const int64_t d = static_cast<int64_t>(n.indices(b + "1.transformer_blocks.").size());
            L.depth = std::max(L.depth, d);
            if (n.rank(b + "1.proj_in.weight") == 2) u.linear_proj = true;
        }
    }
    if (levels.back().resnets == 0) levels.pop_back();
    if (levels.empty()) return u;
    std::vector<int64_t> chans, depths;
    json down_types = json::array();
    for (const auto& L : levels) {
        chans.push_back(L.ch);
        depths.push_back(L.depth > 0 ? L.depth : 1);
        down_types.push_back(L.depth > 0 ? "CrossAttnDownBlock2D" : "DownBlock2D");
    }
    u.cfg["block_out_channels"] = chans;
    u.cfg["layers_per_block"] = levels[0].resnets;
    u.cfg["down_block_types"] = down_types;
    u.cfg["transformer_layers_per_block"] = int_or_list(depths);

    // Up path: (layers_per_block + 1) output blocks per level, deepest level first.
    const auto out_idx = n.indices(P + "output_blocks.");
    if (!out_idx.empty()) {
        const int per = levels[0].resnets + 1;
        json up_types = json::array();
        std::vector<int64_t> up_depths;
        const int nlev = static_cast<int>((static_cast<int>(*out_idx.rbegin()) + 1 + per - 1) / per);
        for (int l = 0; l < nlev; ++l) {
            int64_t depth = 0;
            for (int k = 0; k < per; ++k) {
                const std::string b = P + "output_blocks." + std::to_string(l * per + k) + ".";
                const int64_t d = static_cast<int64_t>(n.indices(b + "1.transformer_blocks.").size());
                depth = std::max(depth, d);
                if (n.rank(b + "1.proj_in.weight") == 2) u.linear_proj = true;
            }
            up_types.push_back(depth > 0 ? "CrossAttnUpBlock2D" : "UpBlock2D");
            up_depths.push_back(depth > 0 ? depth : 1);
        }
        u.cfg["up_block_types"] = up_types;
        std::vector<int64_t> rev(depths.rbegin(), depths.rend());
        if (up_depths != rev) {
            // SGM stores explicit up-path depths when they differ from the mirrored down path.
            bool all_attn_match = true;
            for (std::size_t i = 0; i < up_depths.size() && i < rev.size(); ++i)
                if (up_types[i] == "CrossAttnUpBlock2D" && up_depths[i] != rev[i]) all_attn_match = false;
            if (!all_attn_match) u.cfg["reverse_transformer_layers_per_block"] = up_depths;
        }
    }
    // Mid block.
    if (n.has_prefix(P + "middle_block.1.")) {
        u.cfg["mid_block_type"] = "UNetMidBlock2DCrossAttn";
        const int64_t md = static_cast<int64_t>(n.indices(P + "middle_block.1.transformer_blocks.").size());
        if (md != depths.back()) u.cfg["mid_block_transformer_layers"] = md;  // informational
    } else if (n.has_prefix(P + "middle_block.0.")) {
        u.cfg["mid_block_type"] = "UNetMidBlock2D";
    }
    // Cross-attention width, projection style.
    if (const std::string* k = n.find_suffix(P, "attn2.to_k.weight")) u.context_dim = n.dim(*k, 1);
    if (u.context_dim > 0) u.cfg["cross_attention_dim"] = u.context_dim;
    u.cfg["use_linear_projection"] = u.linear_proj;
    // Added conditioning (SDXL "text_time").
    if (n.rank(P + "label_emb.0.0.weight") == 2) u.adm_in = n.dim(P + "label_emb.0.0.weight", 1);
    u.cfg["_class_name"] = controlnet ? "ControlNetModel" : "UNet2DConditionModel";
    u.ok = true;
    return u;
}

// UNet: diffusers names.
UNetShape infer_unet_diffusers(const Names& n, const std::string& P, bool controlnet = false) {
    UNetShape u;
    const std::string conv_in = P + "conv_in.weight";
    if (n.rank(conv_in) != 4) return u;
    const int64_t mc = n.dim(conv_in, 0);
    u.cfg["in_channels"] = n.dim(conv_in, 1);
    u.cfg["conv_in_kernel"] = n.dim(conv_in, 2);
    if (n.rank(P + "conv_out.weight") == 4) {
        u.cfg["out_channels"] = n.dim(P + "conv_out.weight", 0);
        u.cfg["conv_out_kernel"] = n.dim(P + "conv_out.weight", 2);
    }
    const int64_t ted = n.dim(P + "time_embedding.linear_1.weight", 0);
    if (ted > 0 && ted != 4 * mc) u.cfg["time_embedding_dim"] = ted;
    std::vector<int64_t> chans, depths;
    json down_types = json::array();
    int lpb = -1;
    for (int i : n.indices(P + "down_blocks.")) {
        const std::string b = P + "down_blocks." + std::to_string(i) + ".";
        const auto res = n.indices(b + "resnets.");
        if (lpb < 0) lpb = static_cast<int>(res.size());
        chans.push_back(n.dim(b + "resnets.0.conv2.weight", 0));
        int64_t depth = 0;
        for (int a : n.indices(b + "attentions.")) {
            const std::string ab = b + "attentions." + std::to_string(a) + ".";
            depth = std::max<int64_t>(depth, static_cast<int64_t>(n.indices(ab + "transformer_blocks.").size()));
            if (n.rank(ab + "proj_in.weight") == 2) u.linear_proj = true;
        }
        depths.push_back(depth > 0 ? depth : 1);
        down_types.push_back(depth > 0 ? "CrossAttnDownBlock2D" : "DownBlock2D");
    }
    if (chans.empty()) return u;
    u.cfg["block_out_channels"] = chans;
    u.cfg["layers_per_block"] = lpb;
    u.cfg["down_block_types"] = down_types;
    u.cfg["transformer_layers_per_block"] = int_or_list(depths);
    if (n.has_prefix(P + "up_blocks.")) {
        json up_types = json::array();
        std::vector<int64_t> up_depths;
        for (int i : n.indices(P + "up_blocks.")) {
            const std::string b = P + "up_blocks." + std::to_string(i) + ".";
            int64_t depth = 0;
            for (int a : n.indices(b + "attentions."))
                depth = std::max<int64_t>(depth, static_cast<int64_t>(
                                                     n.indices(b + "attentions." + std::to_string(a) + ".transformer_blocks.").size()));
            up_types.push_back(depth > 0 ? "CrossAttnUpBlock2D" : "UpBlock2D");
            up_depths.push_back(depth > 0 ? depth : 1);
        }
        u.cfg["up_block_types"] = up_types;
        std::vector<int64_t> rev(depths.rbegin(), depths.rend());
        bool match = true;
        for (std::size_t i = 0; i < up_depths.size() && i < rev.size(); ++i)
            if (up_types[i] == "CrossAttnUpBlock2D" && up_depths[i] != rev[i]) match = false;
        if (!match) u.cfg["reverse_transformer_layers_per_block"] = up_depths;
    }
    if (n.has_prefix(P + "mid_block.attentions.")) u.cfg["mid_block_type"] = "UNetMidBlock2DCrossAttn";
    else if (n.has_prefix(P + "mid_block.")) u.cfg["mid_block_type"] = "UNetMidBlock2D";
    if (const std::string* k = n.find_suffix(P, "attn2.to_k.weight")) u.context_dim = n.dim(*k, 1);
    if (u.context_dim > 0) u.cfg["cross_attention_dim"] = u.context_dim;
    u.cfg["use_linear_projection"] = u.linear_proj;
    if (n.rank(P + "add_embedding.linear_1.weight") == 2) u.adm_in = n.dim(P + "add_embedding.linear_1.weight", 1);
    u.cfg["_class_name"] = controlnet ? "ControlNetModel" : "UNet2DConditionModel";
    u.ok = true;
    return u;
}

// ---------------------------------------------------------------------------------------------
// VAE

json infer_vae_ldm(const Names& n, const std::string& V) {
    const std::string ci = V + "encoder.conv_in.weight";
    const std::string dci = V + "decoder.conv_in.weight";
    if (n.rank(ci) != 4 && n.rank(dci) != 4) return nullptr;
    json c;
    c["_class_name"] = "AutoencoderKL";
    std::vector<int64_t> chans;
    int lpb = -1;
    const auto down = n.indices(V + "encoder.down.");
    for (int i : down) {
        const std::string b = V + "encoder.down." + std::to_string(i) + ".block.";
        if (lpb < 0) lpb = static_cast<int>(n.indices(b).size());
        chans.push_back(n.dim(b + "0.conv2.weight", 0));
    }
    if (down.empty()) {
        // Decoder-only file: levels from decoder.up (stored deepest last).
        const auto up = n.indices(V + "decoder.up.");
        for (int i : up) {
            const std::string b = V + "decoder.up." + std::to_string(i) + ".block.";
            if (lpb < 0) lpb = static_cast<int>(n.indices(b).size()) - 1;
            chans.push_back(n.dim(b + "0.conv2.weight", 0));
        }
    }
    c["block_out_channels"] = chans;
    c["down_block_types"] = std::vector<std::string>(chans.size(), "DownEncoderBlock2D");
    c["up_block_types"] = std::vector<std::string>(chans.size(), "UpDecoderBlock2D");
    c["layers_per_block"] = lpb;
    if (n.rank(ci) == 4) c["in_channels"] = n.dim(ci, 1);
    if (n.rank(V + "decoder.conv_out.weight") == 4) c["out_channels"] = n.dim(V + "decoder.conv_out.weight", 0);
    if (n.rank(dci) == 4) c["latent_channels"] = n.dim(dci, 1);
    else if (n.rank(V + "encoder.conv_out.weight") == 4) c["latent_channels"] = n.dim(V + "encoder.conv_out.weight", 0) / 2;
    c["use_quant_conv"] = n.has(V + "quant_conv.weight");
    c["use_post_quant_conv"] = n.has(V + "post_quant_conv.weight");
    return c;
}

json infer_vae_diffusers(const Names& n, const std::string& V) {
    const std::string ci = V + "encoder.conv_in.weight";
    const std::string dci = V + "decoder.conv_in.weight";
    if (n.rank(ci) != 4 && n.rank(dci) != 4) return nullptr;
    json c;
    c["_class_name"] = "AutoencoderKL";
    std::vector<int64_t> chans;
    int lpb = -1;
    for (int i : n.indices(V + "encoder.down_blocks.")) {
        const std::string b = V + "encoder.down_blocks." + std::to_string(i) + ".resnets.";
        if (lpb < 0) lpb = static_cast<int>(n.indices(b).size());
        chans.push_back(n.dim(b + "0.conv2.weight", 0));
    }
    if (chans.empty()) {
        const auto up = n.indices(V + "decoder.up_blocks.");
        for (auto it = up.rbegin(); it != up.rend(); ++it) {
            const std::string b = V + "decoder.up_blocks." + std::to_string(*it) + ".resnets.";
            if (lpb < 0) lpb = static_cast<int>(n.indices(b).size()) - 1;
            chans.push_back(n.dim(b + "0.conv2.weight", 0));
        }
    }
    c["block_out_channels"] = chans;
    c["down_block_types"] = std::vector<std::string>(chans.size(), "DownEncoderBlock2D");
    c["up_block_types"] = std::vector<std::string>(chans.size(), "UpDecoderBlock2D");
    c["layers_per_block"] = lpb;
    if (n.rank(ci) == 4) c["in_channels"] = n.dim(ci, 1);
    if (n.rank(V + "decoder.conv_out.weight") == 4) c["out_channels"] = n.dim(V + "decoder.conv_out.weight", 0);
    if (n.rank(dci) == 4) c["latent_channels"] = n.dim(dci, 1);
    c["use_quant_conv"] = n.has(V + "quant_conv.weight");
    c["use_post_quant_conv"] = n.has(V + "post_quant_conv.weight");
    return c;
}

// ---------------------------------------------------------------------------------------------
// Text encoders

// Hugging Face CLIPTextModel names; `T` ends with "text_model." (or is the older layout without it).
json infer_hf_clip(const Names& n, const std::string& T, const std::string& outer) {
    const std::string tok = T + "embeddings.token_embedding.weight";
    if (n.rank(tok) != 2) return nullptr;
    json c;
    c["vocab_size"] = n.dim(tok, 0);
    c["hidden_size"] = n.dim(tok, 1);
    if (n.rank(T + "embeddings.position_embedding.weight") == 2)
        c["max_position_embeddings"] = n.dim(T + "embeddings.position_embedding.weight", 0);
    c["num_hidden_layers"] = static_cast<int64_t>(n.indices(T + "encoder.layers.").size());
    if (n.rank(T + "encoder.layers.0.mlp.fc1.weight") == 2)
        c["intermediate_size"] = n.dim(T + "encoder.layers.0.mlp.fc1.weight", 0);
    if (n.rank(outer + "text_projection.weight") == 2) {
        c["projection_dim"] = n.dim(outer + "text_projection.weight", 0);
        c["architectures"] = {"CLIPTextModelWithProjection"};
    } else {
        c["architectures"] = {"CLIPTextModel"};
    }
    return c;
}

// OpenCLIP names (SD2 cond_stage_model.model., SDXL conditioner.embedders.1.model.).
json infer_open_clip(const Names& n, const std::string& O) {
    const std::string tok = O + "token_embedding.weight";
    if (n.rank(tok) != 2) return nullptr;
    json c;
    c["vocab_size"] = n.dim(tok, 0);
    c["hidden_size"] = n.dim(tok, 1);
    if (n.rank(O + "positional_embedding") == 2) c["max_position_embeddings"] = n.dim(O + "positional_embedding", 0);
    c["num_hidden_layers"] = static_cast<int64_t>(n.indices(O + "transformer.resblocks.").size());
    if (n.rank(O + "transformer.resblocks.0.mlp.c_fc.weight") == 2)
        c["intermediate_size"] = n.dim(O + "transformer.resblocks.0.mlp.c_fc.weight", 0);
    if (n.rank(O + "text_projection") == 2) {
        c["projection_dim"] = n.dim(O + "text_projection", 1);
        c["architectures"] = {"CLIPTextModelWithProjection"};
    } else {
        c["architectures"] = {"CLIPTextModel"};
    }
    c["hidden_act"] = "gelu";
    return c;
}

// ---------------------------------------------------------------------------------------------
// Merging inferred values with metadata configs and family defaults.

json parse_meta_json(const std::map<std::string, std::string>& md, const char* key, std::vector<std::string>& notes) {
    auto it = md.find(key);
    if (it == md.end()) return nullptr;
    try {
        json j = json::parse(it->second, nullptr, true, false);
        if (j.is_object()) return j;
        notes.push_back(std::string("metadata ") + key + " is not a JSON object; ignored");
    } catch (const std::exception&) {
        notes.push_back(std::string("metadata ") + key + " is not valid JSON; ignored");
    }
    return nullptr;
}

// cfg = metadata config (may be null) overridden by shape-inferred values, then defaults for
// anything still missing.
json merge_config(const json& meta, const json& inferred, const json& defaults, const char* what,
                  std::vector<std::string>& notes) {
    json out = meta.is_object() ? meta : json::object();
    for (auto it = inferred.begin(); it != inferred.end(); ++it) {
        if (out.contains(it.key()) && !out[it.key()].is_null() && out[it.key()] != it.value() &&
            it.key() != "_class_name" && it.key() != "architectures")
            notes.push_back(std::string(what) + " config: metadata " + it.key() + "=" + out[it.key()].dump() +
                            " differs from the tensor shapes (" + it.value().dump() + "); using the shapes");
        out[it.key()] = it.value();
    }
    for (auto it = defaults.begin(); it != defaults.end(); ++it)
        if (!out.contains(it.key()) || out[it.key()].is_null()) out[it.key()] = it.value();
    return out;
}

json unet_defaults(ModelFamily f, const json& inferred) {
    json d = {{"act_fn", "silu"},          {"center_input_sample", false}, {"downsample_padding", 1},
              {"flip_sin_to_cos", true},   {"freq_shift", 0},              {"mid_block_scale_factor", 1},
              {"norm_eps", 1e-5},          {"norm_num_groups", 32},        {"upcast_attention", false},
              {"dual_cross_attention", false}, {"only_cross_attention", false}, {"sample_size", 64},
              {"time_embedding_type", "positional"}, {"resnet_time_scale_shift", "default"},
              {"class_embed_type", nullptr}, {"num_class_embeds", nullptr}, {"addition_embed_type", nullptr},
              {"mid_block_type", "UNetMidBlock2DCrossAttn"}};
    std::vector<int64_t> chans;
    if (inferred.contains("block_out_channels")) chans = inferred["block_out_channels"].get<std::vector<int64_t>>();
    if (f == ModelFamily::SD1) {
        d["attention_head_dim"] = 8;  // diffusers' name; = 8 heads in every block
    } else {
        // SD2 / SDXL: 64 channels per head (num_head_channels = 64 in the SGM configs).
        std::vector<int64_t> heads;
        for (auto c : chans) heads.push_back(std::max<int64_t>(1, c / 64));
        d["attention_head_dim"] = heads.empty() ? json(nullptr) : json(heads);
    }
    if (f == ModelFamily::SDXL || f == ModelFamily::SDXLRefiner) d["sample_size"] = 128;
    if (f == ModelFamily::SD2) d["sample_size"] = 96;
    return d;
}

json clip_defaults(int64_t hidden, bool open_clip) {
    // CLIP ViT-L/14 (768, 12 heads, quick_gelu); OpenCLIP ViT-H (1024, 16 heads), bigG (1280, 20).
    int64_t heads = hidden == 768 ? 12 : hidden == 1024 ? 16 : hidden == 1280 ? 20 : std::max<int64_t>(1, hidden / 64);
    return json{{"num_attention_heads", heads},
                {"hidden_act", open_clip ? "gelu" : "quick_gelu"},
                {"layer_norm_eps", 1e-5},
                {"bos_token_id", 49406},
                {"eos_token_id", 49407},
                {"pad_token_id", 1},
                {"model_type", "clip_text_model"}};
}

ModelFamily family_from_context(int64_t ctx) {
    switch (ctx) {
    case 768: return ModelFamily::SD1;
    case 1024: return ModelFamily::SD2;
    case 2048: return ModelFamily::SDXL;
    case 1280: return ModelFamily::SDXLRefiner;
    default: return ModelFamily::Unknown;
    }
}

double default_scaling(ModelFamily f) {
    return (f == ModelFamily::SDXL || f == ModelFamily::SDXLRefiner) ? 0.13025 : 0.18215;
}

void set_prediction_from_metadata(ModelDetection& d, const Names& n, const std::map<std::string, std::string>& md,
                                  const json& sched) {
    if (sched.is_object() && sched.contains("prediction_type") && sched["prediction_type"].is_string()) {
        const std::string p = sched["prediction_type"];
        d.prediction = p == "v_prediction" ? Prediction::VPrediction : Prediction::Epsilon;
        d.prediction_source = "metadata";
        d.prediction_needs_probe = false;
    }
    auto it = md.find("modelspec.prediction_type");
    if (it != md.end()) {
        const std::string& p = it->second;
        if (p == "v" || p == "v_prediction") d.prediction = Prediction::VPrediction;
        else if (p == "epsilon" || p == "eps") d.prediction = Prediction::Epsilon;
        d.prediction_source = "metadata";
        d.prediction_needs_probe = false;
    }
    if (n.has("v_pred")) {  // marker tensor used by some SDXL v-prediction checkpoints (ComfyUI convention)
        d.prediction = Prediction::VPrediction;
        d.prediction_source = "state_dict_key";
        d.prediction_needs_probe = false;
        if (n.has("ztsnr")) d.notes.push_back("zero-terminal-SNR marker present (ztsnr)");
    }
}

void detect_lora(const Names& n, ModelDetection& d) {
    d.family = ModelFamily::LoRA;
    const bool kohya = n.has_prefix("lora_unet_") || n.has_prefix("lora_te_") || n.has_prefix("lora_te1_") ||
                       n.has_prefix("lora_te2_");
    const bool lyco = n.any_contains(".hada_w1_a") || n.any_contains(".lokr_w1") || n.any_contains(".oft_") ||
                      n.any_contains(".lokr_w2");
    if (lyco) d.layout = "lycoris";
    else if (kohya) d.layout = "lora_kohya";
    else d.layout = "lora_peft";
    if (n.has_prefix("lora_te2_") || n.has_prefix("lora_te1_")) d.base_family = ModelFamily::SDXL;
    // Cross-attention key projection: [rank, context width].
    for (const char* needle : {"attn2_to_k.lora_down.weight", "attn2.to_k.lora_down.weight", "attn2.to_k.lora_A.weight",
                               "attn2.to_k.lora.down.weight", "attn2_to_k.lora_A.weight"}) {
        if (const std::string* k = n.first_containing(needle)) {
            const ModelFamily f = family_from_context(n.dim(*k, 1));
            if (f != ModelFamily::Unknown) d.base_family = f;
            break;
        }
    }
    if (d.base_family == ModelFamily::Unknown) {
        if (n.has_prefix("lora_te_text_model_encoder_layers_")) {
            if (const std::string* k = n.first_containing("self_attn_q_proj.lora_down.weight")) {
                const int64_t w = n.dim(*k, 1);
                if (w == 768) d.base_family = ModelFamily::SD1;
                else if (w == 1024) d.base_family = ModelFamily::SD2;
            }
        }
    }
    if (n.has_prefix("lora_unet_input_blocks_") || n.has_prefix("lora_unet_down_blocks_") ||
        n.has_prefix("lora_unet_")) {
        d.notes.push_back(n.has_prefix("lora_unet_down_blocks_") || n.has_prefix("lora_unet_mid_block_")
                              ? "kohya names over diffusers module paths"
                              : "kohya names over CompVis module paths");
    }
    std::size_t modules = 0;
    for (const auto& [name, t] : n.map()) {
        if (name.size() > 17 && name.compare(name.size() - 17, 17, ".lora_down.weight") == 0) ++modules;
        else if (name.size() > 14 && name.compare(name.size() - 14, 14, ".lora_A.weight") == 0) ++modules;
    }
    d.notes.push_back(std::to_string(modules) + " LoRA modules");
}

} // namespace

// ---------------------------------------------------------------------------------------------

std::string family_name(ModelFamily f) {
    switch (f) {
    case ModelFamily::SD1: return "sd1";
    case ModelFamily::SD2: return "sd2";
    case ModelFamily::SDXL: return "sdxl";
    case ModelFamily::SDXLRefiner: return "sdxl_refiner";
    case ModelFamily::VAE: return "vae";
    case ModelFamily::LoRA: return "lora";
    case ModelFamily::Embedding: return "embedding";
    case ModelFamily::ControlNet: return "controlnet";
    case ModelFamily::Unknown: return "unknown";
    }
    return "unknown";
}

std::optional<ModelFamily> family_from_name(const std::string& s) {
    for (ModelFamily f : {ModelFamily::Unknown, ModelFamily::SD1, ModelFamily::SD2, ModelFamily::SDXL,
                          ModelFamily::SDXLRefiner, ModelFamily::VAE, ModelFamily::LoRA, ModelFamily::Embedding,
                          ModelFamily::ControlNet})
        if (family_name(f) == s) return f;
    return std::nullopt;
}

std::string prediction_name(Prediction p) { return p == Prediction::VPrediction ? "v_prediction" : "epsilon"; }

ModelDetection detect_model(const std::vector<TensorInfo>& tensors, const std::map<std::string, std::string>& metadata) {
    ModelDetection d;
    const Names n(tensors);
    json meta_unet = parse_meta_json(metadata, "reference.unet_config", d.notes);
    json meta_vae = parse_meta_json(metadata, "reference.vae_config", d.notes);
    json meta_te = parse_meta_json(metadata, "reference.text_encoder_config", d.notes);
    json meta_te2 = parse_meta_json(metadata, "reference.text_encoder_2_config", d.notes);
    json meta_sched = parse_meta_json(metadata, "reference.scheduler_config", d.notes);
    std::optional<ModelFamily> meta_kind;
    if (auto it = metadata.find("reference.kind"); it != metadata.end()) meta_kind = family_from_name(it->second);

    // --- Which components are present, under which names -------------------------------------
    UNetShape unet;
    bool controlnet = false;
    if (n.has("model.diffusion_model.input_blocks.0.0.weight")) {
        d.unet_prefix = "model.diffusion_model.";
        d.unet_layout = "ldm";
        unet = infer_unet_ldm(n, d.unet_prefix);
    } else if (n.has("control_model.input_blocks.0.0.weight")) {
        controlnet = true;
        d.unet_prefix = "control_model.";
        d.unet_layout = "ldm";
        unet = infer_unet_ldm(n, d.unet_prefix, true);
    } else if (n.has("controlnet_cond_embedding.conv_in.weight") && n.has("conv_in.weight")) {
        controlnet = true;
        d.unet_layout = "diffusers";
        unet = infer_unet_diffusers(n, "", true);
    } else if (n.has("input_blocks.0.0.weight") && n.has_prefix("input_blocks.1.")) {
        d.unet_prefix = "";
        d.unet_layout = "ldm";
        unet = infer_unet_ldm(n, "");
    } else {
        for (const char* p : {"", "unet.", "model.diffusion_model."}) {
            if (n.has(std::string(p) + "conv_in.weight") && n.has_prefix(std::string(p) + "down_blocks.0.")) {
                d.unet_prefix = p;
                d.unet_layout = "diffusers";
                unet = infer_unet_diffusers(n, p);
                break;
            }
        }
    }

    json vae;
    for (const char* p : {"first_stage_model.", "", "vae."}) {
        const std::string P = p;
        if (n.has_prefix(P + "encoder.down.") || n.has_prefix(P + "decoder.up.")) {
            d.vae_prefix = P;
            d.vae_layout = "ldm";
            vae = infer_vae_ldm(n, P);
            break;
        }
        if (n.has_prefix(P + "encoder.down_blocks.") || n.has_prefix(P + "decoder.up_blocks.")) {
            d.vae_prefix = P;
            d.vae_layout = "diffusers";
            vae = infer_vae_diffusers(n, P);
            break;
        }
    }

    json te, te2;
    bool te_open = false, te2_open = false;
    // SD1: CLIP-L in HF names.
    if (n.has_prefix("cond_stage_model.transformer.text_model.")) {
        d.text_encoder_prefix = "cond_stage_model.transformer.text_model.";
        te = infer_hf_clip(n, d.text_encoder_prefix, "cond_stage_model.transformer.");
    } else if (n.has_prefix("cond_stage_model.transformer.embeddings.")) {  // old transformers layout
        d.text_encoder_prefix = "cond_stage_model.transformer.";
        te = infer_hf_clip(n, d.text_encoder_prefix, "cond_stage_model.");
    } else if (n.has_prefix("cond_stage_model.model.token_embedding.")) {  // SD2 OpenCLIP
        d.text_encoder_prefix = "cond_stage_model.model.";
        te = infer_open_clip(n, d.text_encoder_prefix);
        te_open = true;
    }
    // SDXL: embedders.0 = CLIP-L (HF names), embedders.1 = bigG (OpenCLIP). Refiner: embedders.0 = bigG.
    if (n.has_prefix("conditioner.embedders.0.transformer.text_model.")) {
        d.text_encoder_prefix = "conditioner.embedders.0.transformer.text_model.";
        te = infer_hf_clip(n, d.text_encoder_prefix, "conditioner.embedders.0.transformer.");
    }
    if (n.has_prefix("conditioner.embedders.1.model.")) {
        d.text_encoder_2_prefix = "conditioner.embedders.1.model.";
        te2 = infer_open_clip(n, d.text_encoder_2_prefix);
        te2_open = true;
    }
    const bool refiner_te = n.has_prefix("conditioner.embedders.0.model.");
    if (refiner_te) {
        d.text_encoder_2_prefix = "conditioner.embedders.0.model.";
        te2 = infer_open_clip(n, d.text_encoder_2_prefix);
        te2_open = true;
    }
    // diffusers-named text encoders in a single file.
    if (te.is_null() && n.has_prefix("text_encoder.text_model.")) {
        d.text_encoder_prefix = "text_encoder.text_model.";
        te = infer_hf_clip(n, d.text_encoder_prefix, "text_encoder.");
    }
    if (te2.is_null() && n.has_prefix("text_encoder_2.text_model.")) {
        d.text_encoder_2_prefix = "text_encoder_2.text_model.";
        te2 = infer_hf_clip(n, d.text_encoder_2_prefix, "text_encoder_2.");
    }
    if (te.is_null() && !unet.ok && vae.is_null() && n.has_prefix("text_model.embeddings.")) {
        d.text_encoder_prefix = "text_model.";
        te = infer_hf_clip(n, "text_model.", "");
    }
    if (!te.is_null()) d.text_encoder_layout = te_open ? "open_clip" : "hf_clip";
    if (!te2.is_null()) d.text_encoder_2_layout = te2_open ? "open_clip" : "hf_clip";

    // --- Family --------------------------------------------------------------------------------
    const bool has_add_embed = unet.adm_in > 0;
    if (controlnet) {
        d.family = ModelFamily::ControlNet;
        d.layout = d.unet_layout == "ldm" ? "controlnet_ldm" : "controlnet_diffusers";
        d.base_family = has_add_embed ? ModelFamily::SDXL : family_from_context(unet.context_dim);
        if (d.base_family == ModelFamily::SDXLRefiner) d.base_family = ModelFamily::Unknown;
    } else if (unet.ok) {
        d.layout = d.unet_layout == "ldm" ? (d.unet_prefix.empty() ? "unet_ldm" : "a1111") : "diffusers";
        if (has_add_embed || !te2.is_null()) {
            if (refiner_te) d.family = ModelFamily::SDXLRefiner;
            else if (!te.is_null() || !te2.is_null()) d.family = ModelFamily::SDXL;
            else if (unet.context_dim == 1280 && unet.adm_in == 2560) d.family = ModelFamily::SDXLRefiner;
            else d.family = ModelFamily::SDXL;
        } else if (te_open) {
            d.family = ModelFamily::SD2;
        } else if (!te.is_null()) {
            d.family = ModelFamily::SD1;
        } else if (unet.context_dim == 1024 || (unet.linear_proj && unet.context_dim != 768)) {
            d.family = ModelFamily::SD2;
        } else {
            d.family = ModelFamily::SD1;
        }
        if (meta_kind && *meta_kind != d.family &&
            (*meta_kind == ModelFamily::SD1 || *meta_kind == ModelFamily::SD2 || *meta_kind == ModelFamily::SDXL ||
             *meta_kind == ModelFamily::SDXLRefiner))
            d.notes.push_back("metadata reference.kind says " + family_name(*meta_kind) + ", tensors say " +
                              family_name(d.family) + "; using the tensors");
        const int64_t in_ch = unet.cfg.value("in_channels", int64_t{4});
        d.inpainting = in_ch == 9;
        if (in_ch == 8) d.notes.push_back("8-channel conv_in: instruct-pix2pix style model");
    } else if (n.has_prefix("lora_") || n.any_contains(".lora_down.weight") || n.any_contains(".lora_A.weight") ||
               n.any_contains(".lora.down.weight") || n.any_contains(".hada_w1_a") || n.any_contains(".lokr_w1")) {
        detect_lora(n, d);
    } else if (!vae.is_null() && te.is_null() && te2.is_null()) {
        d.family = ModelFamily::VAE;
        d.layout = d.vae_layout == "ldm" ? "vae_ldm" : "vae_diffusers";
    } else if (n.size() <= 8 && (n.has("emb_params") || (n.has("clip_l") && n.has("clip_g")) ||
                                 n.has_prefix("string_to_param.") || n.has("clip_l") || n.has("clip_g"))) {
        d.family = ModelFamily::Embedding;
        if (n.has("clip_g") || n.has("clip_l")) {
            d.layout = "embedding_sdxl";
            d.base_family = n.has("clip_g") ? ModelFamily::SDXL : ModelFamily::SD1;
            const int64_t vectors = n.dim(n.has("clip_g") ? "clip_g" : "clip_l", 0);
            d.notes.push_back(std::to_string(vectors) + " vectors");
        } else {
            d.layout = "embedding_a1111";
            const std::string* k = n.has("emb_params") ? nullptr : n.find_suffix("string_to_param.", "");
            const std::string key = k ? *k : std::string("emb_params");
            const int64_t w = n.dim(key, n.rank(key) >= 2 ? n.rank(key) - 1 : 0);
            d.base_family = w == 768 ? ModelFamily::SD1 : w == 1024 ? ModelFamily::SD2 : ModelFamily::Unknown;
            const int64_t vectors = n.rank(key) >= 2 ? n.dim(key, 0) : 1;
            d.notes.push_back(std::to_string(vectors) + " vectors of width " + std::to_string(w));
        }
    } else if (!te.is_null() || !te2.is_null()) {
        d.layout = "text_encoder";
        d.notes.push_back("text encoder weights only");
    } else {
        d.notes.push_back("no UNet, VAE, text encoder, LoRA or embedding tensors recognised");
    }

    // --- Configs ---------------------------------------------------------------------------------
    const ModelFamily cfg_family = controlnet ? d.base_family : d.family;
    if (unet.ok) {
        json inferred = unet.cfg;
        if (has_add_embed && !controlnet) {
            inferred["addition_embed_type"] = "text_time";
            inferred["projection_class_embeddings_input_dim"] = unet.adm_in;
            // adm_in = pooled width + k · addition_time_embed_dim (k = 6 base, 5 refiner).
            int64_t pooled = te2.is_object() && te2.contains("projection_dim") ? te2["projection_dim"].get<int64_t>()
                                                                                 : (d.family == ModelFamily::SDXLRefiner ? 1280 : 1280);
            const int k = d.family == ModelFamily::SDXLRefiner ? 5 : 6;
            if (unet.adm_in > pooled && (unet.adm_in - pooled) % k == 0)
                inferred["addition_time_embed_dim"] = (unet.adm_in - pooled) / k;
            else if (meta_unet.is_object() && meta_unet.contains("addition_time_embed_dim"))
                ;  // keep the metadata value
            else
                d.notes.push_back("cannot infer addition_time_embed_dim from shapes");
        } else if (has_add_embed && controlnet) {
            inferred["addition_embed_type"] = "text_time";
            inferred["projection_class_embeddings_input_dim"] = unet.adm_in;
            if (unet.adm_in == 2816) inferred["addition_time_embed_dim"] = 256;
        }
        d.unet_config = merge_config(meta_unet, inferred, unet_defaults(cfg_family, inferred), "unet", d.notes);
    }
    if (!vae.is_null()) {
        json defaults = {{"act_fn", "silu"}, {"norm_num_groups", 32}, {"force_upcast", true}};
        const ModelFamily vf = d.family == ModelFamily::VAE ? ModelFamily::Unknown : d.family;
        defaults["scaling_factor"] = default_scaling(vf);
        defaults["sample_size"] = (vf == ModelFamily::SDXL || vf == ModelFamily::SDXLRefiner) ? 1024 : 512;
        d.vae_config = merge_config(meta_vae, vae, defaults, "vae", d.notes);
        if (d.family == ModelFamily::VAE && !meta_vae.is_object())
            d.notes.push_back("standalone VAE: scaling_factor follows the model it is used with (0.18215 SD 1.x/2.x, 0.13025 SDXL)");
    }
    if (!te.is_null())
        d.text_encoder_config = merge_config(meta_te, te, clip_defaults(te["hidden_size"].get<int64_t>(), te_open),
                                             "text_encoder", d.notes);
    if (!te2.is_null())
        d.text_encoder_2_config = merge_config(meta_te2, te2, clip_defaults(te2["hidden_size"].get<int64_t>(), te2_open),
                                               "text_encoder_2", d.notes);

    // --- Prediction ------------------------------------------------------------------------------
    if (d.family == ModelFamily::SD2 && !d.inpainting && d.layout == "a1111") {
        // A1111 runs the UNet once to decide (sd_models_config.is_using_v_parameterization_for_sd2).
        d.prediction_needs_probe = true;
        d.prediction_source = "a1111_probe_needed";
        d.notes.push_back("SD 2.x: epsilon or v-prediction is decided by a one-step UNet probe (A1111) or a sidecar .yaml");
    }
    set_prediction_from_metadata(d, n, metadata, meta_sched);
    return d;
}

// ---------------------------------------------------------------------------------------------
// Diffusers folder

namespace {

json read_json_file(const std::filesystem::path& p, bool required) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(p, ec)) {
        if (required) throw PipelineError("invalid_model_folder", "The diffusers folder lacks '" + p.filename().string() + "'.");
        return nullptr;
    }
    const auto size = std::filesystem::file_size(p, ec);
    if (ec || size > 4 * 1024 * 1024)
        throw PipelineError("invalid_model_folder", "The config file '" + p.string() + "' is unreadable or too large.");
    std::ifstream in(p, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    try {
        json j = json::parse(text);
        if (!j.is_object()) throw std::runtime_error("not an object");
        return j;
    } catch (const std::exception&) {
        throw PipelineError("invalid_model_folder", "The config file '" + p.string() + "' is not a valid JSON object.");
    }
}

// First weights file of a component folder (safetensors preferred; sharded index reads shard 1 only
// for the header check is not needed here).
std::optional<std::filesystem::path> component_weights(const std::filesystem::path& dir) {
    for (const char* f : {"diffusion_pytorch_model.safetensors", "model.safetensors",
                          "diffusion_pytorch_model.fp16.safetensors", "model.fp16.safetensors"}) {
        std::error_code ec;
        if (std::filesystem::is_regular_file(dir / f, ec)) return dir / f;
    }
    return std::nullopt;
}

// The tokenizer's padding token ("!" for SD 2.x's OpenCLIP tokenizer, "<|endoftext|>" for CLIP-L),
// from special_tokens_map.json or tokenizer_config.json; empty when neither says.
std::string tokenizer_pad_token(const std::filesystem::path& dir) {
    for (const char* f : {"special_tokens_map.json", "tokenizer_config.json"}) {
        json j;
        try {
            j = read_json_file(dir / f, false);
        } catch (const PipelineError&) {
            continue;
        }
        if (!j.is_object() || !j.contains("pad_token")) continue;
        const json& pad = j["pad_token"];
        if (pad.is_string()) return pad.get<std::string>();
        if (pad.is_object() && pad.contains("content") && pad["content"].is_string())
            return pad["content"].get<std::string>();
    }
    return {};
}

} // namespace

ModelDetection detect_diffusers_folder(const std::string& dir_s) {
    const std::filesystem::path dir(dir_s);
    const json index = read_json_file(dir / "model_index.json", true);
    ModelDetection d;
    d.layout = "diffusers";
    const std::string cls = index.value("_class_name", std::string());
    const json unet = read_json_file(dir / "unet" / "config.json", false);
    const json vae = read_json_file(dir / "vae" / "config.json", false);
    const json te = read_json_file(dir / "text_encoder" / "config.json", false);
    const json te2 = read_json_file(dir / "text_encoder_2" / "config.json", false);
    json sched = read_json_file(dir / "scheduler" / "scheduler_config.json", false);
    if (unet.is_object()) d.unet_config = unet;
    if (vae.is_object()) d.vae_config = vae;
    if (te.is_object()) d.text_encoder_config = te;
    if (te2.is_object()) d.text_encoder_2_config = te2;

    // Cross-check configs with the weight shapes (diffusers names at the root of each file).
    auto check = [&](const char* comp, json& cfg, auto infer) {
        auto w = component_weights(dir / comp);
        if (!w) {
            d.notes.push_back(std::string(comp) + ": no single-file safetensors weights found (sharded or .bin)");
            return;
        }
        const SafetensorsFile f = SafetensorsFile::open(w->string());
        const Names n(f.tensors());
        json inferred = infer(n);
        if (inferred.is_null()) {
            d.notes.push_back(std::string(comp) + ": weights do not look like this component");
            return;
        }
        cfg = merge_config(cfg, inferred, json::object(), comp, d.notes);
    };
    if (unet.is_object())
        check("unet", d.unet_config, [](const Names& n) {
            auto u = infer_unet_diffusers(n, "");
            return u.ok ? u.cfg : json(nullptr);
        });
    if (vae.is_object()) check("vae", d.vae_config, [](const Names& n) { return infer_vae_diffusers(n, ""); });
    if (te.is_object())
        check("text_encoder", d.text_encoder_config, [](const Names& n) { return infer_hf_clip(n, "text_model.", ""); });
    if (te2.is_object())
        check("text_encoder_2", d.text_encoder_2_config, [](const Names& n) { return infer_hf_clip(n, "text_model.", ""); });

    const int64_t ctx = unet.is_object() ? unet.value("cross_attention_dim", int64_t{-1}) : -1;
    const bool add_embed = unet.is_object() && unet.contains("addition_embed_type") &&
                           unet["addition_embed_type"].is_string() && unet["addition_embed_type"] == "text_time";
    if (cls.find("ControlNet") != std::string::npos && !unet.is_object()) {
        d.family = ModelFamily::ControlNet;
    } else if (add_embed || cls.find("XL") != std::string::npos) {
        d.family = te.is_object() ? ModelFamily::SDXL : ModelFamily::SDXLRefiner;
    } else if (unet.is_object() &&
               (ctx == 1024 ||
                (unet.contains("use_linear_projection") && unet["use_linear_projection"].is_boolean() &&
                 unet["use_linear_projection"].get<bool>()) ||
                (te.is_object() && te.value("hidden_act", std::string()) == "gelu") ||
                tokenizer_pad_token(dir / "tokenizer") == "!")) {
        // SD 2.x: a 1024-wide context, or (any width) linear projections in the transformers, an
        // OpenCLIP-style text encoder (gelu) or a tokenizer that pads with "!".
        d.family = ModelFamily::SD2;
    } else if (unet.is_object()) {
        d.family = ModelFamily::SD1;
    }
    if (unet.is_object()) d.inpainting = unet.value("in_channels", int64_t{4}) == 9;
    if (vae.is_object() && !d.vae_config.contains("scaling_factor")) d.vae_config["scaling_factor"] = default_scaling(d.family);
    if (sched.is_object() && sched.contains("prediction_type") && sched["prediction_type"].is_string()) {
        d.prediction = sched["prediction_type"] == "v_prediction" ? Prediction::VPrediction : Prediction::Epsilon;
        d.prediction_source = "scheduler_config";
    }
    d.unet_layout = d.vae_layout = "diffusers";
    if (te.is_object()) d.text_encoder_layout = "hf_clip";
    if (te2.is_object()) d.text_encoder_2_layout = "hf_clip";
    return d;
}

// ---------------------------------------------------------------------------------------------
// Prediction overrides

namespace {

std::optional<std::string> read_small_file(const std::filesystem::path& p) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(p, ec)) return std::nullopt;
    const auto size = std::filesystem::file_size(p, ec);
    if (ec || size > 1024 * 1024) return std::nullopt;
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::optional<Prediction> prediction_from_word(std::string v) {
    auto trim = [](std::string& s) {
        while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == ','))
            s.pop_back();
        std::size_t i = 0;
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
        s.erase(0, i);
    };
    trim(v);
    if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) v = v.substr(1, v.size() - 2);
    if (v == "v" || v == "v_prediction" || v == "v-prediction") return Prediction::VPrediction;
    if (v == "eps" || v == "epsilon") return Prediction::Epsilon;
    return std::nullopt;
}

std::optional<Prediction> search_json(const json& j, int depth) {
    if (depth > 6) return std::nullopt;
    if (j.is_object()) {
        for (const char* key : {"prediction_type", "parameterization"}) {
            if (j.contains(key) && j[key].is_string())
                if (auto p = prediction_from_word(j[key].get<std::string>())) return p;
        }
        for (auto it = j.begin(); it != j.end(); ++it)
            if (auto p = search_json(it.value(), depth + 1)) return p;
    }
    return std::nullopt;
}

} // namespace

std::optional<Prediction> read_sidecar_prediction(const std::string& model_path) {
    std::filesystem::path p(model_path);
    const std::filesystem::path stem = p.parent_path() / p.stem();
    for (const char* ext : {".yaml", ".yml"}) {
        auto text = read_small_file(stem.string() + ext);
        if (!text) continue;
        // Only `parameterization: "v"|"eps"` is read (A1111 configs put it under model.params).
        std::istringstream in(*text);
        std::string line;
        while (std::getline(in, line)) {
            const auto hash = line.find('#');
            if (hash != std::string::npos) line.erase(hash);
            const auto k = line.find("parameterization:");
            if (k == std::string::npos) continue;
            if (auto pr = prediction_from_word(line.substr(k + 17))) return pr;
        }
        // A config without parameterization means the LDM default: epsilon.
        return Prediction::Epsilon;
    }
    if (auto text = read_small_file(stem.string() + ".json")) {
        try {
            return search_json(json::parse(*text), 0);
        } catch (const std::exception&) {
            return std::nullopt;
        }
    }
    return std::nullopt;
}

void apply_prediction_override(ModelDetection& d, Prediction p, const std::string& source) {
    d.prediction = p;
    d.prediction_source = source;
    d.prediction_needs_probe = false;
}

bool apply_sidecar_prediction(ModelDetection& d, const std::string& model_path) {
    if (auto p = read_sidecar_prediction(model_path)) {
        apply_prediction_override(d, *p, "sidecar");
        return true;
    }
    return false;
}

bool a1111_v_prediction_probe(
    const std::function<at::Tensor(const at::Tensor& x, const at::Tensor& t, const at::Tensor& context)>& unet,
    int64_t context_dim) {
    const at::Tensor x = at::full({1, 4, 8, 8}, 0.5, at::kFloat);
    const at::Tensor t = at::full({1}, 999, at::kLong);
    const at::Tensor ctx = at::full({1, 2, context_dim}, 0.5, at::kFloat);
    const at::Tensor out = unet(x, t, ctx);
    const double m = (out.to(at::kFloat) - x).mean().item<double>();
    return m < -1.0;
}

} // namespace latent
