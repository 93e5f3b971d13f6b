#include "pipeline/loaders/demo_model.h"

#include "pipeline/core/error.h"
#include "pipeline/loaders/key_map_unet.h"
#include "pipeline/loaders/key_map_vae.h"
#include "pipeline/models/autoencoder_kl.h"
#include "pipeline/models/clip_text.h"
#include "pipeline/models/model_config.h"
#include "pipeline/models/unet2d_condition.h"
#include "pipeline/models/unet_config.h"
#include "pipeline/tensors/safetensors.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>
#include <nlohmann/json.hpp>

#include <charconv>
#include <optional>
#include <string_view>

namespace latent {

namespace {

bool take(std::string_view& s, std::string_view p) {
    if (s.substr(0, p.size()) != p) return false;
    s.remove_prefix(p.size());
    return true;
}

std::optional<int64_t> take_index(std::string_view& s) {
    int64_t v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr == s.data() || ptr == s.data() + s.size() || *ptr != '.') return std::nullopt;
    s.remove_prefix(static_cast<size_t>(ptr - s.data()) + 1);
    return v;
}

// diffusers ResnetBlock2D parameter names -> ldm ResBlock names.
std::optional<std::string> resnet_to_ldm(std::string_view rest) {
    static const std::pair<std::string_view, std::string_view> table[] = {
        {"norm1.", "in_layers.0."},  {"conv1.", "in_layers.2."},  {"time_emb_proj.", "emb_layers.1."},
        {"norm2.", "out_layers.0."}, {"conv2.", "out_layers.3."}, {"conv_shortcut.", "skip_connection."},
    };
    for (const auto& [from, to] : table)
        if (rest.substr(0, from.size()) == from) return std::string(to) + std::string(rest.substr(from.size()));
    return std::nullopt;
}

std::optional<std::string> unet_key_to_ldm(std::string_view key, const UNetConfig& c) {
    const int64_t lpb = c.layers_per_block;
    std::string_view s = key;
    if (take(s, "time_embedding.linear_1.")) return "time_embed.0." + std::string(s);
    if (take(s, "time_embedding.linear_2.")) return "time_embed.2." + std::string(s);
    if (take(s, "add_embedding.linear_1.")) return "label_emb.0.0." + std::string(s);
    if (take(s, "add_embedding.linear_2.")) return "label_emb.0.2." + std::string(s);
    if (take(s, "conv_in.")) return "input_blocks.0.0." + std::string(s);
    if (take(s, "conv_norm_out.")) return "out.0." + std::string(s);
    if (take(s, "conv_out.")) return "out.2." + std::string(s);
    if (take(s, "down_blocks.")) {
        auto b = take_index(s);
        if (!b) return std::nullopt;
        const int64_t first = 1 + *b * (lpb + 1);
        if (take(s, "resnets.")) {
            auto l = take_index(s);
            auto r = l ? resnet_to_ldm(s) : std::nullopt;
            if (r) return "input_blocks." + std::to_string(first + *l) + ".0." + *r;
        } else if (take(s, "attentions.")) {
            if (auto l = take_index(s)) return "input_blocks." + std::to_string(first + *l) + ".1." + std::string(s);
        } else if (take(s, "downsamplers.0.conv.")) {
            return "input_blocks." + std::to_string(first + lpb) + ".0.op." + std::string(s);
        }
        return std::nullopt;
    }
    if (take(s, "mid_block.")) {
        if (take(s, "resnets.")) {
            auto k = take_index(s);
            auto r = k ? resnet_to_ldm(s) : std::nullopt;
            if (r) return "middle_block." + std::to_string(*k * 2) + "." + *r;
        } else if (take(s, "attentions.0.")) {
            return "middle_block.1." + std::string(s);
        }
        return std::nullopt;
    }
    if (take(s, "up_blocks.")) {
        auto b = take_index(s);
        if (!b || *b < 0 || *b >= static_cast<int64_t>(c.num_blocks())) return std::nullopt;
        const int64_t first = *b * (lpb + 1);
        if (take(s, "resnets.")) {
            auto l = take_index(s);
            auto r = l ? resnet_to_ldm(s) : std::nullopt;
            if (r) return "output_blocks." + std::to_string(first + *l) + ".0." + *r;
        } else if (take(s, "attentions.")) {
            if (auto l = take_index(s)) return "output_blocks." + std::to_string(first + *l) + ".1." + std::string(s);
        } else if (take(s, "upsamplers.0.conv.")) {
            const int slot = c.up_block_attention[static_cast<size_t>(*b)] ? 2 : 1;
            return "output_blocks." + std::to_string(first + lpb) + "." + std::to_string(slot) + ".conv." +
                   std::string(s);
        }
        return std::nullopt;
    }
    return std::nullopt;
}

// Canonical (diffusers) VAE name -> LDM name, and whether the tensor is a mid-attention linear
// weight that LDM stores as a 1x1 convolution.
std::optional<std::pair<std::string, bool>> vae_key_to_ldm(std::string_view key, int levels) {
    std::string_view s = key;
    if (take(s, "quant_conv.") || take(s, "post_quant_conv.")) return std::pair(std::string(key), false);
    std::string side;
    if (take(s, "encoder."))
        side = "encoder.";
    else if (take(s, "decoder."))
        side = "decoder.";
    else
        return std::nullopt;
    auto resnet = [](std::string_view r) {
        std::string_view t = r;
        if (take(t, "conv_shortcut.")) return "nin_shortcut." + std::string(t);
        return std::string(r);
    };
    if (s.substr(0, 8) == "conv_in." || s.substr(0, 9) == "conv_out.") return std::pair(side + std::string(s), false);
    if (take(s, "conv_norm_out.")) return std::pair(side + "norm_out." + std::string(s), false);
    if (take(s, "mid_block.")) {
        if (take(s, "resnets.0.")) return std::pair(side + "mid.block_1." + resnet(s), false);
        if (take(s, "resnets.1.")) return std::pair(side + "mid.block_2." + resnet(s), false);
        if (take(s, "attentions.0.")) {
            static const std::pair<std::string_view, std::string_view> names[] = {{"group_norm.", "norm."},
                                                                                  {"to_q.", "q."},
                                                                                  {"to_k.", "k."},
                                                                                  {"to_v.", "v."},
                                                                                  {"to_out.0.", "proj_out."}};
            for (const auto& [from, to] : names)
                if (take(s, from)) {
                    const bool conv = from != "group_norm." && s == "weight";
                    return std::pair(side + "mid.attn_1." + std::string(to) + std::string(s), conv);
                }
        }
        return std::nullopt;
    }
    if (side == "encoder." && take(s, "down_blocks.")) {
        auto i = take_index(s);
        if (!i) return std::nullopt;
        const std::string base = side + "down." + std::to_string(*i) + ".";
        if (take(s, "resnets.")) {
            if (auto j = take_index(s)) return std::pair(base + "block." + std::to_string(*j) + "." + resnet(s), false);
        } else if (take(s, "downsamplers.0.conv.")) {
            return std::pair(base + "downsample.conv." + std::string(s), false);
        }
        return std::nullopt;
    }
    if (side == "decoder." && take(s, "up_blocks.")) {
        auto d = take_index(s);
        if (!d) return std::nullopt;
        const std::string base = side + "up." + std::to_string(levels - 1 - *d) + ".";
        if (take(s, "resnets.")) {
            if (auto j = take_index(s)) return std::pair(base + "block." + std::to_string(*j) + "." + resnet(s), false);
        } else if (take(s, "upsamplers.0.conv.")) {
            return std::pair(base + "upsample.conv." + std::string(s), false);
        }
        return std::nullopt;
    }
    return std::nullopt;
}

UNetConfig demo_unet_config() {
    UNetConfig c;
    c.block_out_channels = {32, 64, 128, 128};
    c.layers_per_block = 2;
    c.down_block_attention = {true, true, true, false};
    c.up_block_attention = {false, true, true, true};
    c.cross_attention_dim = 32;
    c.num_attention_heads = {8, 8, 8, 8};
    c.transformer_layers = {1, 1, 1, 1};
    c.reverse_transformer_layers = {1, 1, 1, 1};
    return c;
}

ClipTextConfig demo_text_config() {
    ClipTextConfig c;
    c.hidden_size = 32;
    c.intermediate_size = 64;
    c.num_hidden_layers = 3;
    c.num_attention_heads = 4;
    c.projection_dim = 32;
    return c;
}

VaeConfig demo_vae_config() {
    VaeConfig c;
    c.block_out_channels = {32, 64, 128, 128};
    c.layers_per_block = 2;
    c.norm_num_groups = 32;
    return c;
}

void fail(const std::string& what) {
    throw PipelineError("demo_model", "The demo model could not be built: " + what);
}

} // namespace

std::map<std::string, std::string> unet_diffusers_to_ldm(const std::vector<std::string>& keys,
                                                         const UNetConfig& config) {
    std::map<std::string, std::string> out;
    for (const auto& k : keys)
        if (auto m = unet_key_to_ldm(k, config)) out.emplace(k, *m);
    return out;
}

void write_demo_model(const std::string& path, uint64_t seed) {
    c10::InferenceMode guard;
    at::manual_seed(seed);
    const UNetConfig ucfg = demo_unet_config();
    const ClipTextConfig tcfg = demo_text_config();
    const VaeConfig vcfg = demo_vae_config();
    UNet2DConditionModel unet(ucfg, false);
    ClipTextModel text(tcfg);
    AutoencoderKL vae(vcfg);

    std::vector<std::pair<std::string, at::Tensor>> tensors;
    auto half = [](const at::Tensor& t) {
        return t.is_floating_point() ? t.detach().to(at::kHalf).contiguous() : t.detach().contiguous();
    };

    // UNet: diffusers names -> ldm, checked by mapping back with the loader's own key map.
    std::vector<std::string> unet_keys;
    for (const auto& p : unet->named_parameters()) unet_keys.push_back(p.key());
    const auto to_ldm = unet_diffusers_to_ldm(unet_keys, ucfg);
    if (to_ldm.size() != unet_keys.size()) fail("a UNet weight has no single-file name");
    std::vector<std::string> ldm_keys;
    for (const auto& [d, l] : to_ldm) ldm_keys.push_back(l);
    const auto back = unet_ldm_to_diffusers(ldm_keys, ucfg);
    for (const auto& [d, l] : to_ldm) {
        auto it = back.find(l);
        if (it == back.end() || it->second != d) fail("UNet name " + d + " does not map back");
    }
    for (const auto& p : unet->named_parameters())
        tensors.emplace_back(std::string(kLdmUNetPrefix) + to_ldm.at(p.key()), half(p.value()));

    // VAE: canonical -> LDM names (mid attention linears stored as 1x1 convolutions).
    const int levels = static_cast<int>(vcfg.block_out_channels.size());
    std::vector<std::pair<std::string, at::Tensor>> vae_tensors;
    for (const auto& p : vae->named_parameters()) {
        auto m = vae_key_to_ldm(p.key(), levels);
        if (!m) fail("VAE weight " + p.key() + " has no single-file name");
        at::Tensor t = p.value();
        if (m->second) t = t.reshape({t.size(0), t.size(1), 1, 1});
        vae_tensors.emplace_back("first_stage_model." + m->first, half(t));
    }
    std::vector<std::string> vae_names;
    for (const auto& [n, t] : vae_tensors) vae_names.push_back(n);
    const KeyMapping vae_back = map_vae_keys(vae_names, "first_stage_model.");
    if (vae_back.size() != vae_names.size()) fail("VAE names do not map back");
    tensors.insert(tensors.end(), vae_tensors.begin(), vae_tensors.end());

    // Text encoder: transformers names under A1111's SD1 prefix.
    for (const auto& p : text->named_parameters())
        tensors.emplace_back("cond_stage_model.transformer." + p.key(), half(p.value()));
    tensors.emplace_back("cond_stage_model.transformer.text_model.embeddings.position_ids",
                         at::arange(tcfg.max_position_embeddings, at::kLong).unsqueeze(0));

    nlohmann::json tjson = clip_text_config_to_json(tcfg);
    tjson["architectures"] = {"CLIPTextModel"};
    std::map<std::string, std::string> meta = {
        {"reference.kind", "sd1"},
        {"reference.unet_config", unet_config_to_json(ucfg).dump()},
        {"reference.vae_config", vae_config_to_json(vcfg).dump()},
        {"reference.text_encoder_config", tjson.dump()},
        {"latent.demo", "Latent Studio demo model: random weights (seed " + std::to_string(seed) +
                            "), it makes noise. For trying the studio only."},
        {"modelspec.title", "Latent Studio demo (random weights)"},
    };
    write_safetensors(path, tensors, meta);
}

} // namespace latent
