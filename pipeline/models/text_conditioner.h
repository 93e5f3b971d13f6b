// Turns A1111 prompt chunks (77 token ids + 77 emphasis multipliers each) into the UNet's
// cross-attention context (and SDXL's pooled vector), with A1111's layer choices:
//   SD1:  last hidden state after the final norm; clip skip N>1 -> hidden state -N + final norm.
//   SD2:  penultimate hidden state + final norm; tokens after the first EOS replaced by 0.
//   SDXL: hidden state -2 of CLIP-L and of bigG (no final norm) concatenated along channels;
//         bigG tokens after the first EOS replaced by 0; pooled = bigG final-norm output at the
//         EOS position x text_projection (first chunk only, without emphasis).
// Emphasis ("Original"): z * w per token, then z * (mean(z_before) / mean(z_after)) per chunk,
// applied to each encoder's output separately. The means run over the whole batch of texts
// encoded together: A1111 encodes all the schedule texts of one prompt (`[a:b:10]` -> "a", "b")
// in one batch, so each text's emphasis depends on its siblings (encode_batch).
#pragma once

#include "pipeline/models/clip_text.h"

#include <array>
#include <optional>
#include <vector>

namespace latent {

// SDXLRefiner: only OpenCLIP bigG (te1, with projection): hidden -2 without final norm as the
// context, pooled as for SDXL.
enum class TextConditioningKind { SD1, SD2, SDXL, SDXLRefiner };

// Which hidden state of one encoder becomes its part of the context.
struct EncoderLayerChoice {
    int hidden_index = -1;           // index into hidden_states, negative from the end
    bool final_norm = true;          // apply final_layer_norm to that state
    bool zero_after_eos = false;     // OpenCLIP-style padding: ids after the first EOS -> 0
};

// Textual-inversion vectors for one 77-token chunk: at `offset`, `vectors[e]` [n, width of
// encoder e] replace the token embeddings of encoder e (undefined = leave that encoder alone).
struct TokenOverride {
    int64_t offset = 0;
    at::Tensor vectors[2];
};
using ChunkOverrides = std::vector<TokenOverride>;

struct TextConditioning {
    at::Tensor crossattn;  // [1, 77·chunks, C]
    at::Tensor pooled;     // [1, P] (SDXL) or undefined
};

class TextConditioner {
public:
    // te2 is required for SDXL (bigG with projection) and ignored otherwise.
    TextConditioner(TextConditioningKind kind, ClipTextModel te1, std::optional<ClipTextModel> te2 = std::nullopt);

    // A1111 "Clip skip" (1 = last layer). Only SD1 uses it, as in A1111's defaults.
    void set_clip_skip(int clip_skip);
    // Overrides the defaults above (e.g. a diffusers SD2 text encoder that already dropped its
    // last layer uses hidden_index -1).
    void set_layer_choice(int encoder, EncoderLayerChoice choice);
    const EncoderLayerChoice& layer_choice(int encoder) const { return choice_[encoder]; }

    TextConditioningKind kind() const { return kind_; }
    // The text encoders (1: null unless SDXL), e.g. for networks that patch their layers.
    ClipTextModel encoder(int index) const { return index == 0 ? te1_ : (te2_ ? *te2_ : ClipTextModel{nullptr}); }
    int64_t context_dim() const;
    int64_t pooled_dim() const;  // 0 when there is no pooled output

    // tokens [n,77] integer (EOS-padded A1111 chunks), multipliers [n,77] float.
    TextConditioning encode(const at::Tensor& tokens, const at::Tensor& multipliers) const;
    TextConditioning encode(const std::vector<std::array<int, 77>>& tokens,
                            const std::vector<std::array<float, 77>>& multipliers) const;
    // Several texts as one batch (A1111's FrozenCLIPEmbedderWithCustomWords.forward over a list):
    // chunk i of every text goes through the encoders together and emphasis takes its means over
    // that whole [texts,77,C] batch. Every text must have the same number of chunks (pad shorter
    // ones with the empty chunk, as A1111 does).
    // `overrides` (optional): per text, per chunk, the embedding vectors of that chunk.
    std::vector<TextConditioning> encode_batch(const std::vector<at::Tensor>& tokens,
                                               const std::vector<at::Tensor>& multipliers,
                                               const std::vector<std::vector<ChunkOverrides>>* overrides = nullptr) const;

    // A1111 EmphasisOriginal on one chunk batch z [B,S,C] with multipliers [B,S].
    static at::Tensor apply_emphasis_original(const at::Tensor& z, const at::Tensor& multipliers);

private:
    at::Tensor encode_one(ClipTextModel model, const EncoderLayerChoice& choice, const at::Tensor& tokens,
                          at::Tensor* pooled_out, const ClipTextModelImpl::TokenOverrides* overrides = nullptr) const;

    TextConditioningKind kind_;
    ClipTextModel te1_;
    std::optional<ClipTextModel> te2_;
    EncoderLayerChoice choice_[2];
};

} // namespace latent
