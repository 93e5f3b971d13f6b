#include "pipeline/loaders/key_map_vae.h"

#include "pipeline/core/error.h"

#include <cctype>

namespace latent {

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.size() >= p.size() && s.substr(0, p.size()) == p; }

bool take_index(std::string_view& s, int& index) {
    size_t i = 0;
    int v = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) && i < 6) v = v * 10 + (s[i++] - '0');
    if (i == 0 || i >= s.size() || s[i] != '.') return false;
    index = v;
    s.remove_prefix(i + 1);
    return true;
}

bool take(std::string_view& s, std::string_view p) {
    if (!starts_with(s, p)) return false;
    s.remove_prefix(p.size());
    return true;
}

// Resnet parameter names are shared, except nin_shortcut.
std::string resnet_suffix(std::string_view r) {
    if (take(r, "nin_shortcut.")) return "conv_shortcut." + std::string(r);
    return std::string(r);
}

// LDM "mid.<...>" -> diffusers "mid_block.<...>", empty when not understood.
std::string map_ldm_mid(std::string_view r) {
    if (take(r, "block_1.")) return "mid_block.resnets.0." + resnet_suffix(r);
    if (take(r, "block_2.")) return "mid_block.resnets.1." + resnet_suffix(r);
    if (take(r, "attn_1.")) {
        static const std::pair<std::string_view, std::string_view> names[] = {
            {"norm.", "group_norm."}, {"q.", "to_q."}, {"k.", "to_k."}, {"v.", "to_v."}, {"proj_out.", "to_out.0."}};
        for (const auto& [from, to] : names)
            if (take(r, from)) return "mid_block.attentions.0." + std::string(to) + std::string(r);
    }
    return {};
}

// Old diffusers attention names.
std::string modernise_diffusers(std::string name) {
    static const std::pair<std::string_view, std::string_view> names[] = {
        {".attentions.0.query.", ".attentions.0.to_q."},
        {".attentions.0.key.", ".attentions.0.to_k."},
        {".attentions.0.value.", ".attentions.0.to_v."},
        {".attentions.0.proj_attn.", ".attentions.0.to_out.0."}};
    for (const auto& [from, to] : names) {
        auto pos = name.find(from);
        if (pos != std::string::npos) {
            name.replace(pos, from.size(), to);
            break;
        }
    }
    return name;
}

} // namespace

VaeKeyLayout detect_vae_layout(const std::vector<std::string>& keys, std::string_view prefix) {
    bool ldm = false, diffusers = false;
    for (const auto& k : keys) {
        if (!starts_with(k, prefix)) continue;
        std::string_view r = std::string_view(k).substr(prefix.size());
        if (starts_with(r, "encoder.down.") || starts_with(r, "decoder.up.") || starts_with(r, "encoder.mid.") ||
            starts_with(r, "decoder.mid.") || starts_with(r, "decoder.norm_out."))
            ldm = true;
        else if (starts_with(r, "encoder.down_blocks.") || starts_with(r, "decoder.up_blocks.") ||
                 starts_with(r, "decoder.mid_block.") || starts_with(r, "decoder.conv_norm_out."))
            diffusers = true;
    }
    if (ldm) return VaeKeyLayout::Ldm;
    if (diffusers) return VaeKeyLayout::Diffusers;
    return VaeKeyLayout::None;
}

KeyMapping map_vae_keys(const std::vector<std::string>& keys, std::string_view prefix, std::vector<std::string>* ignored,
                        std::vector<std::string>* unknown) {
    KeyMapping out;
    const VaeKeyLayout layout = detect_vae_layout(keys, prefix);
    auto note = [](std::vector<std::string>* v, const std::string& k) {
        if (v) v->push_back(k);
    };
    auto add = [&](std::string canonical, const std::string& src) {
        auto [it, inserted] = out.emplace(std::move(canonical), KeySource{src});
        if (!inserted)
            throw PipelineError("duplicate_weights",
                                "The checkpoint holds two tensors for the VAE weight \"" + it->first + "\".");
    };

    // Number of decoder levels (LDM numbers them bottom-up, diffusers top-down).
    int levels = 0;
    if (layout == VaeKeyLayout::Ldm) {
        for (const auto& k : keys) {
            if (!starts_with(k, prefix)) continue;
            std::string_view r = std::string_view(k).substr(prefix.size());
            int i = 0;
            if (take(r, "decoder.up.") && take_index(r, i)) levels = std::max(levels, i + 1);
        }
    }

    for (const auto& k : keys) {
        if (!starts_with(k, prefix)) continue;
        std::string_view r = std::string_view(k).substr(prefix.size());
        if (starts_with(r, "loss.") || starts_with(r, "model_ema.") || r == "model_ema" ||
            starts_with(r, "discriminator.")) {
            note(ignored, k);
            continue;
        }
        if (starts_with(r, "quant_conv.") || starts_with(r, "post_quant_conv.")) {
            add(std::string(r), k);
            continue;
        }
        if (layout == VaeKeyLayout::Diffusers) {
            if (starts_with(r, "encoder.") || starts_with(r, "decoder."))
                add(modernise_diffusers(std::string(r)), k);
            else
                note(unknown, k);
            continue;
        }
        if (layout != VaeKeyLayout::Ldm) {
            note(unknown, k);
            continue;
        }
        std::string side;
        if (take(r, "encoder."))
            side = "encoder.";
        else if (take(r, "decoder."))
            side = "decoder.";
        else {
            note(unknown, k);
            continue;
        }
        std::string mapped;
        int i = 0, j = 0;
        if (starts_with(r, "conv_in.") || starts_with(r, "conv_out.")) {
            mapped = std::string(r);
        } else if (take(r, "norm_out.")) {
            mapped = "conv_norm_out." + std::string(r);
        } else if (take(r, "mid.")) {
            mapped = map_ldm_mid(r);
        } else if (side == "encoder." && take(r, "down.") && take_index(r, i)) {
            if (take(r, "block.") && take_index(r, j))
                mapped = "down_blocks." + std::to_string(i) + ".resnets." + std::to_string(j) + "." + resnet_suffix(r);
            else if (take(r, "downsample.conv."))
                mapped = "down_blocks." + std::to_string(i) + ".downsamplers.0.conv." + std::string(r);
        } else if (side == "decoder." && take(r, "up.") && take_index(r, i)) {
            const int d = levels - 1 - i;
            if (take(r, "block.") && take_index(r, j))
                mapped = "up_blocks." + std::to_string(d) + ".resnets." + std::to_string(j) + "." + resnet_suffix(r);
            else if (take(r, "upsample.conv."))
                mapped = "up_blocks." + std::to_string(d) + ".upsamplers.0.conv." + std::string(r);
        }
        if (mapped.empty())
            note(unknown, k);
        else
            add(side + mapped, k);
    }
    return out;
}

} // namespace latent
