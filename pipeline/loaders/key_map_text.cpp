#include "pipeline/loaders/key_map_text.h"

#include "pipeline/core/error.h"

#include <ATen/ATen.h>

#include <cctype>

namespace latent {

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.size() >= p.size() && s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
    return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// Parses "<digits>." at the start of `s`; returns digits and advances.
bool take_index(std::string_view& s, std::string& index) {
    size_t i = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == 0 || i >= s.size() || s[i] != '.') return false;
    index = std::string(s.substr(0, i));
    s.remove_prefix(i + 1);
    return true;
}

bool is_ignored_text_key(std::string_view rest) {
    return ends_with(rest, "position_ids") || rest == "logit_scale" || rest == "attn_mask" ||
           starts_with(rest, "visual.") || rest == "text_model.embeddings.position_ids";
}

// OpenCLIP resblock suffix -> transformers layer suffix (without the q/k/v split cases).
const std::map<std::string, std::string, std::less<>>& openclip_block_map() {
    static const std::map<std::string, std::string, std::less<>> m = {
        {"ln_1.weight", "layer_norm1.weight"},        {"ln_1.bias", "layer_norm1.bias"},
        {"ln_2.weight", "layer_norm2.weight"},        {"ln_2.bias", "layer_norm2.bias"},
        {"mlp.c_fc.weight", "mlp.fc1.weight"},        {"mlp.c_fc.bias", "mlp.fc1.bias"},
        {"mlp.c_proj.weight", "mlp.fc2.weight"},      {"mlp.c_proj.bias", "mlp.fc2.bias"},
        {"attn.out_proj.weight", "self_attn.out_proj.weight"},
        {"attn.out_proj.bias", "self_attn.out_proj.bias"},
    };
    return m;
}

} // namespace

at::Tensor KeySource::apply(const at::Tensor& t) const {
    switch (op) {
    case Op::Copy:
        return t;
    case Op::Transpose:
        if (t.dim() != 2)
            throw PipelineError("bad_weights", "The tensor \"" + key + "\" should be a matrix but has " +
                                                   std::to_string(t.dim()) + " dimensions.");
        return t.t().contiguous();
    case Op::Chunk: {
        if (t.dim() < 1 || chunk_count < 1 || t.size(0) % chunk_count != 0)
            throw PipelineError("bad_weights", "The tensor \"" + key + "\" cannot be split into " +
                                                   std::to_string(chunk_count) + " equal parts.");
        const int64_t part = t.size(0) / chunk_count;
        return t.narrow(0, chunk_index * part, part).contiguous();
    }
    }
    return t;
}

TextKeyLayout detect_text_layout(const std::vector<std::string>& keys, std::string_view prefix) {
    bool transformers = false, legacy = false, openclip = false;
    for (const auto& k : keys) {
        if (!starts_with(k, prefix)) continue;
        std::string_view rest = std::string_view(k).substr(prefix.size());
        if (starts_with(rest, "text_model.")) transformers = true;
        else if (starts_with(rest, "embeddings.") || starts_with(rest, "encoder.layers.") ||
                 starts_with(rest, "final_layer_norm."))
            legacy = true;
        else if (starts_with(rest, "transformer.resblocks.") || rest == "token_embedding.weight" ||
                 rest == "positional_embedding" || starts_with(rest, "ln_final."))
            openclip = true;
    }
    if (transformers) return TextKeyLayout::Transformers;
    if (legacy) return TextKeyLayout::TransformersLegacy;
    if (openclip) return TextKeyLayout::OpenClip;
    return TextKeyLayout::None;
}

KeyMapping map_text_encoder_keys(const std::vector<std::string>& keys, std::string_view prefix, bool with_projection,
                                 std::vector<std::string>* ignored, std::vector<std::string>* unknown) {
    KeyMapping out;
    const TextKeyLayout layout = detect_text_layout(keys, prefix);
    auto add = [&](std::string canonical, const std::string& src, KeySource::Op op = KeySource::Op::Copy,
                   int64_t index = 0, int64_t count = 1) {
        KeySource s{src, op, index, count};
        auto [it, inserted] = out.emplace(std::move(canonical), std::move(s));
        if (!inserted)
            throw PipelineError("duplicate_weights", "The checkpoint holds two tensors for the text-encoder weight \"" +
                                                         it->first + "\".");
    };
    auto note = [](std::vector<std::string>* v, const std::string& k) {
        if (v) v->push_back(k);
    };

    for (const auto& k : keys) {
        if (!starts_with(k, prefix)) continue;
        std::string_view rest = std::string_view(k).substr(prefix.size());
        if (is_ignored_text_key(rest)) {
            note(ignored, k);
            continue;
        }
        switch (layout) {
        case TextKeyLayout::None:
            break;
        case TextKeyLayout::Transformers:
            if (starts_with(rest, "text_model."))
                add(std::string(rest), k);
            else if (rest == "text_projection.weight")
                with_projection ? add("text_projection.weight", k) : note(ignored, k);
            else
                note(unknown, k);
            break;
        case TextKeyLayout::TransformersLegacy:
            if (starts_with(rest, "embeddings.") || starts_with(rest, "encoder.layers.") ||
                starts_with(rest, "final_layer_norm."))
                add("text_model." + std::string(rest), k);
            else if (rest == "text_projection.weight")
                with_projection ? add("text_projection.weight", k) : note(ignored, k);
            else
                note(unknown, k);
            break;
        case TextKeyLayout::OpenClip: {
            if (rest == "token_embedding.weight") {
                add("text_model.embeddings.token_embedding.weight", k);
            } else if (rest == "positional_embedding") {
                add("text_model.embeddings.position_embedding.weight", k);
            } else if (rest == "ln_final.weight" || rest == "ln_final.bias") {
                add("text_model.final_layer_norm." + std::string(rest.substr(9)), k);
            } else if (rest == "text_projection") {
                if (with_projection)
                    add("text_projection.weight", k, KeySource::Op::Transpose);
                else
                    note(ignored, k);
            } else if (starts_with(rest, "transformer.resblocks.")) {
                std::string_view r = rest.substr(std::string_view("transformer.resblocks.").size());
                std::string idx;
                if (!take_index(r, idx)) {
                    note(unknown, k);
                    break;
                }
                const std::string base = "text_model.encoder.layers." + idx + ".";
                if (r == "attn.in_proj_weight" || r == "attn.in_proj_bias") {
                    const std::string suffix = r == "attn.in_proj_weight" ? "weight" : "bias";
                    add(base + "self_attn.q_proj." + suffix, k, KeySource::Op::Chunk, 0, 3);
                    add(base + "self_attn.k_proj." + suffix, k, KeySource::Op::Chunk, 1, 3);
                    add(base + "self_attn.v_proj." + suffix, k, KeySource::Op::Chunk, 2, 3);
                } else if (auto it = openclip_block_map().find(r); it != openclip_block_map().end()) {
                    add(base + it->second, k);
                } else {
                    note(unknown, k);
                }
            } else {
                note(unknown, k);
            }
            break;
        }
        }
    }
    return out;
}

} // namespace latent
