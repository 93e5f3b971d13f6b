#include "pipeline/networks/network_targets.h"

#include "pipeline/models/layers.h"

#include <torch/nn/modules/normalization.h>

#include <charconv>
#include <optional>
#include <string_view>

namespace latent {

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.size() >= p.size() && s.substr(0, p.size()) == p; }

std::string underscored(std::string s) {
    for (char& c : s)
        if (c == '.') c = '_';
    return s;
}

// Reads "<int>." at the front of `s`, advancing it.
std::optional<int64_t> take_index(std::string_view& s) {
    int64_t v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr == s.data() || ptr == s.data() + s.size() || *ptr != '.') return std::nullopt;
    s.remove_prefix(static_cast<size_t>(ptr - s.data()) + 1);
    return v;
}

std::optional<std::string> resnet_part(std::string_view rest) {
    static const std::pair<std::string_view, std::string_view> table[] = {
        {"norm1", "in_layers.0"},  {"conv1", "in_layers.2"},  {"time_emb_proj", "emb_layers.1"},
        {"norm2", "out_layers.0"}, {"conv2", "out_layers.3"}, {"conv_shortcut", "skip_connection"},
    };
    for (const auto& [from, to] : table)
        if (rest == from) return std::string(to);
    return std::nullopt;
}

// transformers CLIP layer path -> OpenCLIP (A1111's SD2 / SDXL bigG) module name, '_'-joined,
// plus the fused self-attention group it belongs to.
std::optional<std::string> openclip_name(const std::string& hf, std::string* group) {
    if (hf == "text_model.final_layer_norm") return std::string("ln_final");
    std::string_view s(hf);
    if (!starts_with(s, "text_model.encoder.layers.")) return std::nullopt;
    s.remove_prefix(std::string_view("text_model.encoder.layers.").size());
    auto n = take_index(s);
    if (!n) return std::nullopt;
    const std::string base = "transformer_resblocks_" + std::to_string(*n) + "_";
    static const std::pair<std::string_view, std::string_view> table[] = {
        {"self_attn.q_proj", "attn_q_proj"}, {"self_attn.k_proj", "attn_k_proj"},
        {"self_attn.v_proj", "attn_v_proj"}, {"self_attn.out_proj", "attn_out_proj"},
        {"mlp.fc1", "mlp_c_fc"},             {"mlp.fc2", "mlp_c_proj"},
        {"layer_norm1", "ln_1"},             {"layer_norm2", "ln_2"},
    };
    for (const auto& [from, to] : table) {
        if (s != from) continue;
        if (starts_with(from, "self_attn.")) *group = base + "attn";
        return base + std::string(to);
    }
    return std::nullopt;
}

} // namespace

std::string unet_module_to_ldm(const std::string& path, const UNetConfig& c) {
    const int64_t n = static_cast<int64_t>(c.num_blocks());
    const int64_t lpb = c.layers_per_block;
    static const std::pair<std::string_view, std::string_view> simple[] = {
        {"conv_in", "input_blocks.0.0"},         {"time_embedding.linear_1", "time_embed.0"},
        {"time_embedding.linear_2", "time_embed.2"}, {"add_embedding.linear_1", "label_emb.0.0"},
        {"add_embedding.linear_2", "label_emb.0.2"}, {"conv_norm_out", "out.0"},
        {"conv_out", "out.2"},
    };
    for (const auto& [from, to] : simple)
        if (path == from) return std::string(to);
    std::string_view s(path);
    auto block = [&](std::string_view prefix) -> std::optional<int64_t> {
        if (!starts_with(s, prefix)) return std::nullopt;
        s.remove_prefix(prefix.size());
        auto b = take_index(s);
        if (!b || *b < 0 || *b >= n) return std::nullopt;
        return b;
    };
    auto layer = [&](std::string_view what) -> std::optional<int64_t> {
        if (!starts_with(s, what)) return std::nullopt;
        std::string_view t = s.substr(what.size());
        auto l = take_index(t);
        if (!l) {
            // last component without a trailing '.'
            int64_t v = 0;
            auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
            if (ec != std::errc() || ptr != t.data() + t.size()) return std::nullopt;
            s = std::string_view();
            return v;
        }
        s = t;
        return l;
    };
    if (auto b = block("down_blocks.")) {
        const int64_t first = 1 + *b * (lpb + 1);
        if (auto l = layer("resnets.")) {
            auto r = resnet_part(s);
            if (!r || *l >= lpb) return {};
            return "input_blocks." + std::to_string(first + *l) + ".0." + *r;
        }
        if (auto l = layer("attentions.")) {
            if (*l >= lpb || !c.down_block_attention.at(static_cast<size_t>(*b))) return {};
            return "input_blocks." + std::to_string(first + *l) + ".1." + std::string(s);
        }
        if (s == "downsamplers.0.conv" && *b + 1 < n) return "input_blocks." + std::to_string(first + lpb) + ".0.op";
        return {};
    }
    if (starts_with(s, "mid_block.")) {
        s.remove_prefix(10);
        if (auto l = layer("resnets.")) {
            auto r = resnet_part(s);
            if (!r || *l > 1) return {};
            return "middle_block." + std::to_string(*l * 2) + "." + *r;
        }
        if (auto l = layer("attentions.")) {
            if (*l != 0) return {};
            return "middle_block.1." + std::string(s);
        }
        return {};
    }
    if (auto b = block("up_blocks.")) {
        const int64_t first = *b * (lpb + 1);
        const bool attn = c.up_block_attention.at(static_cast<size_t>(*b));
        if (auto l = layer("resnets.")) {
            auto r = resnet_part(s);
            if (!r || *l > lpb) return {};
            return "output_blocks." + std::to_string(first + *l) + ".0." + *r;
        }
        if (auto l = layer("attentions.")) {
            if (*l > lpb || !attn) return {};
            return "output_blocks." + std::to_string(first + *l) + ".1." + std::string(s);
        }
        if (s == "upsamplers.0.conv" && *b + 1 < n)
            return "output_blocks." + std::to_string(first + lpb) + "." + (attn ? "2" : "1") + ".conv";
        return {};
    }
    return {};
}

NetworkTargets NetworkTargets::build(DiffusionModel& model) {
    NetworkTargets t;
    auto add_aliases = [&](const NetworkTarget& target, const std::vector<std::string>& aliases) {
        const std::size_t index = t.targets_.size();
        t.targets_.push_back(target);
        for (const auto& a : aliases)
            if (!a.empty()) t.lookup_.emplace(a, index);
    };
    auto kind_of = [](torch::nn::Module* m, NetworkTargetKind* kind, std::vector<int64_t>* shape) {
        if (auto* l = dynamic_cast<nn::LinearImpl*>(m)) {
            *kind = NetworkTargetKind::Linear;
            *shape = l->weight.sizes().vec();
        } else if (auto* c = dynamic_cast<nn::Conv2dImpl*>(m)) {
            *kind = NetworkTargetKind::Conv2d;
            *shape = c->weight.sizes().vec();
        } else if (auto* g = dynamic_cast<torch::nn::GroupNormImpl*>(m)) {
            *kind = NetworkTargetKind::GroupNorm;
            *shape = g->weight.sizes().vec();
        } else if (auto* n = dynamic_cast<torch::nn::LayerNormImpl*>(m)) {
            *kind = NetworkTargetKind::LayerNorm;
            if (!n->weight.defined()) return false;
            *shape = n->weight.sizes().vec();
        } else {
            return false;
        }
        return true;
    };

    // Text encoders.
    const bool sdxl = model.is_sdxl;
    const bool sd2 = model.family == "sd2";
    const bool refiner = model.family == "sdxl_refiner";
    for (int e = 0; e < 2 && model.text; ++e) {
        ClipTextModel te = model.text->encoder(e);
        if (!te) continue;
        const bool openclip = sd2 || refiner || (sdxl && e == 1);
        for (const auto& item : te->named_modules("", /*include_self=*/false)) {
            NetworkTarget target;
            target.component = e == 0 ? NetworkComponent::TextEncoder1 : NetworkComponent::TextEncoder2;
            target.module = item.value().get();
            if (!kind_of(target.module, &target.kind, &target.weight_shape)) continue;
            const std::string& hf = item.key();
            target.name = hf;
            const std::string us = underscored(hf);
            std::vector<std::string> aliases;
            if (openclip) {
                std::string group;
                auto oc = openclip_name(hf, &group);
                if (!oc) continue;  // text_projection has no OpenCLIP module
                const std::string prefix = refiner ? "0_model_" : sdxl ? "1_model_" : "model_";
                target.a1111_name = prefix + *oc;
                if (!group.empty()) target.mha_group = prefix + group;
            } else {
                target.a1111_name = (sdxl ? "0_transformer_" : "transformer_") + us;
            }
            aliases.push_back(target.a1111_name);
            if (sdxl) {
                aliases.push_back((e == 0 ? "lora_te1_" : "lora_te2_") + us);
                aliases.push_back((e == 0 ? "text_encoder." : "text_encoder_2.") + hf);
            } else if (!refiner) {
                aliases.push_back("lora_te_" + us);
                if (!sd2) aliases.push_back("lora_te1_" + us);
                aliases.push_back("text_encoder." + hf);
            }
            add_aliases(target, aliases);
        }
    }

    // UNet.
    if (model.unet) {
        const UNetConfig& cfg = model.unet->config();
        for (const auto& item : model.unet->named_modules("", /*include_self=*/false)) {
            NetworkTarget target;
            target.component = NetworkComponent::UNet;
            target.module = item.value().get();
            if (!kind_of(target.module, &target.kind, &target.weight_shape)) continue;
            const std::string& path = item.key();
            target.name = path;
            const std::string ldm = unet_module_to_ldm(path, cfg);
            target.a1111_name = ldm.empty() ? std::string() : "diffusion_model_" + underscored(ldm);
            add_aliases(target, {target.a1111_name, "lora_unet_" + underscored(path),
                                 ldm.empty() ? std::string() : "lora_unet_" + underscored(ldm), "unet." + path, path,
                                 ldm.empty() ? std::string() : "model.diffusion_model." + ldm});
        }
    }
    return t;
}

const NetworkTarget* NetworkTargets::find(const std::string& name) const {
    auto it = lookup_.find(name);
    return it == lookup_.end() ? nullptr : &targets_[it->second];
}

} // namespace latent
