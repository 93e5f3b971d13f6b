#include "pipeline/loaders/key_map_unet.h"

#include <charconv>
#include <optional>
#include <string_view>

namespace latent {

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Reads "<int>." at the front of `s`, advancing it.
std::optional<int64_t> take_index(std::string_view& s) {
    int64_t v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr == s.data() || ptr == s.data() + s.size() || *ptr != '.') return std::nullopt;
    s.remove_prefix(static_cast<size_t>(ptr - s.data()) + 1);
    return v;
}

std::optional<std::string> resnet_rest(std::string_view rest) {
    static const std::pair<std::string_view, std::string_view> table[] = {
        {"in_layers.0.", "norm1."},       {"in_layers.2.", "conv1."},  {"emb_layers.1.", "time_emb_proj."},
        {"out_layers.0.", "norm2."},      {"out_layers.3.", "conv2."}, {"skip_connection.", "conv_shortcut."},
    };
    for (const auto& [from, to] : table)
        if (starts_with(rest, from)) return std::string(to) + std::string(rest.substr(from.size()));
    return std::nullopt;
}

std::optional<std::string> map_key(std::string_view key, const UNetConfig& c) {
    const int64_t n = static_cast<int64_t>(c.num_blocks());
    const int64_t lpb = c.layers_per_block;
    auto simple = [&](std::string_view from, const char* to) -> std::optional<std::string> {
        if (starts_with(key, from)) return std::string(to) + std::string(key.substr(from.size()));
        return std::nullopt;
    };
    if (auto r = simple("time_embed.0.", "time_embedding.linear_1.")) return r;
    if (auto r = simple("time_embed.2.", "time_embedding.linear_2.")) return r;
    if (c.addition_embed_type == "text_time") {
        if (auto r = simple("label_emb.0.0.", "add_embedding.linear_1.")) return r;
        if (auto r = simple("label_emb.0.2.", "add_embedding.linear_2.")) return r;
    }
    if (auto r = simple("input_blocks.0.0.", "conv_in.")) return r;
    if (auto r = simple("out.0.", "conv_norm_out.")) return r;
    if (auto r = simple("out.2.", "conv_out.")) return r;

    if (starts_with(key, "input_blocks.")) {
        std::string_view s = key.substr(13);
        auto i = take_index(s);
        auto j = take_index(s);
        if (!i || !j || *i < 1) return std::nullopt;
        const int64_t b = (*i - 1) / (lpb + 1), l = (*i - 1) % (lpb + 1);
        if (b >= n) return std::nullopt;
        const std::string base = "down_blocks." + std::to_string(b) + ".";
        if (l < lpb) {
            if (*j == 0) {
                auto r = resnet_rest(s);
                return r ? std::optional(base + "resnets." + std::to_string(l) + "." + *r) : std::nullopt;
            }
            if (*j == 1 && c.down_block_attention[b]) return base + "attentions." + std::to_string(l) + "." + std::string(s);
            return std::nullopt;
        }
        if (*j == 0 && b + 1 < n && starts_with(s, "op."))
            return base + "downsamplers.0.conv." + std::string(s.substr(3));
        return std::nullopt;
    }

    if (starts_with(key, "middle_block.")) {
        std::string_view s = key.substr(13);
        auto j = take_index(s);
        if (!j) return std::nullopt;
        if (*j == 0 || *j == 2) {
            auto r = resnet_rest(s);
            return r ? std::optional("mid_block.resnets." + std::to_string(*j / 2) + "." + *r) : std::nullopt;
        }
        if (*j == 1) return "mid_block.attentions.0." + std::string(s);
        return std::nullopt;
    }

    if (starts_with(key, "output_blocks.")) {
        std::string_view s = key.substr(14);
        auto i = take_index(s);
        auto j = take_index(s);
        if (!i || !j) return std::nullopt;
        const int64_t b = *i / (lpb + 1), l = *i % (lpb + 1);
        if (b >= n) return std::nullopt;
        const std::string base = "up_blocks." + std::to_string(b) + ".";
        const bool attn = c.up_block_attention[b];
        if (*j == 0) {
            auto r = resnet_rest(s);
            return r ? std::optional(base + "resnets." + std::to_string(l) + "." + *r) : std::nullopt;
        }
        if (*j == 1 && attn) return base + "attentions." + std::to_string(l) + "." + std::string(s);
        // The upsampler follows the last layer: index 1 without attention, 2 with it.
        if (*j == (attn ? 2 : 1) && l == lpb && b + 1 < n && starts_with(s, "conv."))
            return base + "upsamplers.0.conv." + std::string(s.substr(5));
        return std::nullopt;
    }
    return std::nullopt;
}

} // namespace

std::map<std::string, std::string> unet_ldm_to_diffusers(const std::vector<std::string>& keys, const UNetConfig& config) {
    std::map<std::string, std::string> out;
    for (const auto& k : keys)
        if (auto m = map_key(k, config)) out.emplace(k, *m);
    return out;
}

} // namespace latent
