#include "pipeline/models/text_conditioner.h"

#include "pipeline/core/error.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

namespace latent {

TextConditioner::TextConditioner(TextConditioningKind kind, ClipTextModel te1, std::optional<ClipTextModel> te2)
    : kind_(kind), te1_(std::move(te1)), te2_(std::move(te2)) {
    if (!te1_) throw PipelineError("bad_model", "The text conditioner needs a text encoder.");
    switch (kind_) {
    case TextConditioningKind::SD1:
        choice_[0] = {-1, true, false};
        break;
    case TextConditioningKind::SD2:
        choice_[0] = {-2, true, true};
        break;
    case TextConditioningKind::SDXL:
        if (!te2_ || !*te2_ || !(*te2_)->text_projection)
            throw PipelineError("bad_model", "SDXL conditioning needs a second text encoder with a projection.");
        choice_[0] = {-2, false, false};
        choice_[1] = {-2, false, true};
        break;
    case TextConditioningKind::SDXLRefiner:
        if (!te1_->text_projection)
            throw PipelineError("bad_model", "SDXL refiner conditioning needs a text encoder with a projection.");
        choice_[0] = {-2, false, true};
        break;
    }
}

void TextConditioner::set_clip_skip(int clip_skip) {
    if (kind_ != TextConditioningKind::SD1) return;
    if (clip_skip < 1) clip_skip = 1;
    if (clip_skip > te1_->config().num_hidden_layers)
        throw PipelineError("bad_clip_skip", "Clip skip " + std::to_string(clip_skip) +
                                                 " is larger than the text encoder's number of layers.");
    choice_[0].hidden_index = -clip_skip;
    choice_[0].final_norm = true;
}

void TextConditioner::set_layer_choice(int encoder, EncoderLayerChoice choice) {
    if (encoder < 0 || encoder > 1) throw PipelineError("bad_argument", "Text encoder index must be 0 or 1.");
    choice_[encoder] = choice;
}

int64_t TextConditioner::context_dim() const {
    int64_t d = te1_->config().hidden_size;
    if (kind_ == TextConditioningKind::SDXL) d += (*te2_)->config().hidden_size;
    return d;
}

int64_t TextConditioner::pooled_dim() const {
    if (kind_ == TextConditioningKind::SDXL) return (*te2_)->config().projection_dim;
    if (kind_ == TextConditioningKind::SDXLRefiner) return te1_->config().projection_dim;
    return 0;
}

at::Tensor TextConditioner::apply_emphasis_original(const at::Tensor& z, const at::Tensor& multipliers) {
    at::Tensor m = multipliers.to(z.device(), z.scalar_type());
    at::Tensor original_mean = z.mean();
    at::Tensor out = z * m.reshape({m.size(0), m.size(1), 1}).expand(z.sizes());
    at::Tensor new_mean = out.mean();
    return out * (original_mean / new_mean);
}

at::Tensor TextConditioner::encode_one(ClipTextModel model, const EncoderLayerChoice& choice,
                                       const at::Tensor& tokens, at::Tensor* pooled_out,
                                       const ClipTextModelImpl::TokenOverrides* overrides) const {
    at::Tensor ids = tokens.to(at::kLong).clone();
    if (choice.zero_after_eos) {
        const int64_t eos = model->config().eos_token_id;
        // Positions strictly after the first EOS of each row become 0 (A1111 id_pad).
        at::Tensor is_eos = ids.eq(eos);
        at::Tensor seen = is_eos.to(at::kInt).cumsum(1);
        at::Tensor keep = seen.eq(0).logical_or(seen.eq(1).logical_and(is_eos));
        ids.masked_fill_(keep.logical_not(), 0);
    }
    ClipTextOutput out = model->forward(ids, overrides);
    const int64_t n = static_cast<int64_t>(out.hidden_states.size());
    int64_t idx = choice.hidden_index < 0 ? n + choice.hidden_index : choice.hidden_index;
    if (idx < 0 || idx >= n)
        throw PipelineError("bad_clip_skip", "The requested text encoder layer does not exist.");
    at::Tensor z;
    if (idx == n - 1 && choice.final_norm)
        z = out.last_hidden_state;
    else
        z = choice.final_norm ? model->text_model->final_layer_norm->forward(out.hidden_states[idx])
                              : out.hidden_states[idx];
    if (pooled_out) *pooled_out = out.text_embeds.defined() ? out.text_embeds : out.pooled;
    return z;
}

TextConditioning TextConditioner::encode(const at::Tensor& tokens, const at::Tensor& multipliers) const {
    return encode_batch({tokens}, {multipliers}).front();
}

std::vector<TextConditioning> TextConditioner::encode_batch(const std::vector<at::Tensor>& tokens,
                                                            const std::vector<at::Tensor>& multipliers,
                                                            const std::vector<std::vector<ChunkOverrides>>* overrides) const {
    if (tokens.empty() || tokens.size() != multipliers.size())
        throw PipelineError("bad_input", "Every text needs its token and multiplier tables.");
    const int64_t chunks = tokens.front().dim() == 2 ? tokens.front().size(0) : 0;
    for (size_t k = 0; k < tokens.size(); ++k) {
        const at::Tensor& t = tokens[k];
        const at::Tensor& m = multipliers[k];
        if (t.dim() != 2 || m.dim() != 2 || !t.sizes().equals(m.sizes()) || t.size(1) != 77)
            throw PipelineError("bad_input",
                                "Prompt chunks must be token and multiplier tables of the same shape [n,77].");
        if (t.size(0) != chunks)
            throw PipelineError("bad_input", "Texts encoded together must have the same number of chunks.");
    }
    if (chunks < 1) throw PipelineError("bad_input", "A prompt needs at least one chunk.");
    c10::InferenceMode guard;
    const size_t n = tokens.size();
    std::vector<TextConditioning> result(n);
    std::vector<std::vector<at::Tensor>> pieces(n);
    const bool refiner = kind_ == TextConditioningKind::SDXLRefiner;
    for (int64_t i = 0; i < chunks; ++i) {
        std::vector<at::Tensor> ts, ms;
        for (size_t k = 0; k < n; ++k) {
            ts.push_back(tokens[k].narrow(0, i, 1));
            ms.push_back(multipliers[k].narrow(0, i, 1));
        }
        const at::Tensor t = at::cat(ts, 0);  // [n,77]
        const at::Tensor m = at::cat(ms, 0);
        // Embedding vectors of chunk i, per encoder and text.
        ClipTextModelImpl::TokenOverrides ov[2];
        bool any[2] = {false, false};
        if (overrides) {
            if (overrides->size() != n) throw PipelineError("bad_input", "Embedding overrides must be given per text.");
            for (int e = 0; e < 2; ++e) ov[e].resize(n);
            for (size_t k = 0; k < n; ++k) {
                const auto& per_chunk = (*overrides)[k];
                if (static_cast<int64_t>(per_chunk.size()) <= i) continue;
                for (const TokenOverride& o : per_chunk[static_cast<size_t>(i)])
                    for (int e = 0; e < 2; ++e)
                        if (o.vectors[e].defined()) {
                            ov[e][k].emplace_back(o.offset, o.vectors[e]);
                            any[e] = true;
                        }
            }
        }
        at::Tensor pooled1;
        at::Tensor z = apply_emphasis_original(
            encode_one(te1_, choice_[0], t, refiner ? &pooled1 : nullptr, any[0] ? &ov[0] : nullptr), m);
        at::Tensor pooled = pooled1;
        if (kind_ == TextConditioningKind::SDXL) {
            at::Tensor z2 = apply_emphasis_original(encode_one(*te2_, choice_[1], t, &pooled, any[1] ? &ov[1] : nullptr), m);
            z = at::cat({z, z2}, 2);
        }
        for (size_t k = 0; k < n; ++k) {
            pieces[k].push_back(z.narrow(0, static_cast<int64_t>(k), 1));
            // The pooled output is the first chunk's, without emphasis.
            if (i == 0 && pooled.defined()) result[k].pooled = pooled.narrow(0, static_cast<int64_t>(k), 1).clone();
        }
    }
    for (size_t k = 0; k < n; ++k) result[k].crossattn = at::cat(pieces[k], 1);
    return result;
}

TextConditioning TextConditioner::encode(const std::vector<std::array<int, 77>>& tokens,
                                         const std::vector<std::array<float, 77>>& multipliers) const {
    if (tokens.size() != multipliers.size())
        throw PipelineError("bad_input", "Every prompt chunk needs as many multipliers as tokens.");
    const int64_t n = static_cast<int64_t>(tokens.size());
    at::Tensor t = at::empty({n, 77}, at::kLong);
    at::Tensor m = at::empty({n, 77}, at::kFloat);
    auto ta = t.accessor<int64_t, 2>();
    auto ma = m.accessor<float, 2>();
    for (int64_t i = 0; i < n; ++i)
        for (int j = 0; j < 77; ++j) {
            ta[i][j] = tokens[i][j];
            ma[i][j] = multipliers[i][j];
        }
    return encode(t, m);
}

} // namespace latent
