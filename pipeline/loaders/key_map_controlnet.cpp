#include "pipeline/loaders/key_map_controlnet.h"

#include "pipeline/loaders/checkpoint_writer.h"
#include "pipeline/loaders/key_map_unet.h"

#include <charconv>
#include <string_view>

namespace latent {

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// "<int>." at the front of `s`, advancing it.
std::optional<int64_t> take_index(std::string_view& s) {
    int64_t v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr == s.data() || ptr == s.data() + s.size() || *ptr != '.') return std::nullopt;
    s.remove_prefix(static_cast<size_t>(ptr - s.data()) + 1);
    return v;
}

// Number of convolutions of the hint embedding: conv_in, two per width step, conv_out.
int64_t hint_convs(const ControlNetConfig& c) {
    return 2 + 2 * (static_cast<int64_t>(c.conditioning_embedding_out_channels.size()) - 1);
}

std::optional<std::string> map_extra(std::string_view key, const ControlNetConfig& c) {
    std::string_view s = key;
    if (starts_with(s, "input_hint_block.")) {
        s.remove_prefix(17);
        auto i = take_index(s);
        if (!i || *i % 2 != 0) return std::nullopt;
        const int64_t conv = *i / 2, last = hint_convs(c) - 1;
        const std::string base = "controlnet_cond_embedding.";
        if (conv == 0) return base + "conv_in." + std::string(s);
        if (conv == last) return base + "conv_out." + std::string(s);
        if (conv < last) return base + "blocks." + std::to_string(conv - 1) + "." + std::string(s);
        return std::nullopt;
    }
    if (starts_with(s, "zero_convs.")) {
        s.remove_prefix(11);
        auto i = take_index(s);
        auto j = take_index(s);
        if (!i || !j || *j != 0 || *i < 0 || static_cast<size_t>(*i) >= c.num_down_residuals()) return std::nullopt;
        return "controlnet_down_blocks." + std::to_string(*i) + "." + std::string(s);
    }
    if (starts_with(s, "middle_block_out.0.")) return "controlnet_mid_block." + std::string(s.substr(19));
    return std::nullopt;
}

} // namespace

std::map<std::string, std::string> controlnet_ldm_to_diffusers(const std::vector<std::string>& keys,
                                                               const ControlNetConfig& config) {
    std::map<std::string, std::string> out;
    std::vector<std::string> unet_keys;
    for (const auto& k : keys) {
        if (auto m = map_extra(k, config)) out.emplace(k, *m);
        else if (starts_with(k, "input_blocks.") || starts_with(k, "middle_block.") || starts_with(k, "time_embed.") ||
                 starts_with(k, "label_emb."))
            unet_keys.push_back(k);
    }
    for (auto& [ldm, diff] : unet_ldm_to_diffusers(unet_keys, config.unet)) out.emplace(ldm, diff);
    return out;
}

std::optional<std::string> controlnet_diffusers_to_ldm(const std::string& key, const ControlNetConfig& c) {
    std::string_view s = key;
    if (starts_with(s, "controlnet_cond_embedding.")) {
        s.remove_prefix(26);
        if (starts_with(s, "conv_in.")) return "input_hint_block.0." + std::string(s.substr(8));
        if (starts_with(s, "conv_out."))
            return "input_hint_block." + std::to_string(2 * (hint_convs(c) - 1)) + "." + std::string(s.substr(9));
        if (starts_with(s, "blocks.")) {
            s.remove_prefix(7);
            auto i = take_index(s);
            if (!i || *i < 0 || *i + 2 >= hint_convs(c)) return std::nullopt;
            return "input_hint_block." + std::to_string(2 * (*i + 1)) + "." + std::string(s);
        }
        return std::nullopt;
    }
    if (starts_with(s, "controlnet_down_blocks.")) {
        s.remove_prefix(23);
        auto i = take_index(s);
        if (!i) return std::nullopt;
        return "zero_convs." + std::to_string(*i) + ".0." + std::string(s);
    }
    if (starts_with(s, "controlnet_mid_block.")) return "middle_block_out.0." + std::string(s.substr(21));
    if (starts_with(s, "up_blocks.") || starts_with(s, "conv_out.") || starts_with(s, "conv_norm_out.")) return std::nullopt;
    return unet_diffusers_to_ldm(key, c.unet);
}

} // namespace latent
