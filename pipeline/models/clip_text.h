// CLIP text transformer with the weight names of transformers' CLIPTextModel /
// CLIPTextModelWithProjection (`text_model.embeddings.token_embedding.weight`,
// `text_model.encoder.layers.N.self_attn.q_proj.weight`, ..., `text_projection.weight`).
// OpenCLIP checkpoints (SD2, SDXL bigG) are renamed to these keys at load time
// (pipeline/loaders/key_map_text.h).
#pragma once

#include "pipeline/models/layers.h"
#include "pipeline/models/model_config.h"

#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/pimpl.h>

#include <utility>
#include <vector>

namespace latent {

struct ClipTextOutput {
    // Embedding output followed by the output of every layer: num_hidden_layers + 1 tensors
    // [B,S,D] (transformers' `hidden_states`; index -2 is SDXL's / SD2's "penultimate").
    std::vector<at::Tensor> hidden_states;
    at::Tensor last_hidden_state;  // final_layer_norm(hidden_states.back()) [B,S,D]
    at::Tensor pooled;             // last_hidden_state at the EOS position (argmax of ids) [B,D]
    at::Tensor text_embeds;        // pooled · text_projectionᵀ [B,P] (only with a projection)
};

class ClipAttentionImpl : public torch::nn::Module {
public:
    explicit ClipAttentionImpl(const ClipTextConfig& c);
    at::Tensor forward(const at::Tensor& x, const at::Tensor& causal_mask);

    nn::Linear q_proj{nullptr}, k_proj{nullptr}, v_proj{nullptr}, out_proj{nullptr};

private:
    int64_t heads_;
    int64_t head_dim_;
};
TORCH_MODULE(ClipAttention);

class ClipMlpImpl : public torch::nn::Module {
public:
    explicit ClipMlpImpl(const ClipTextConfig& c);
    at::Tensor forward(const at::Tensor& x);

    nn::Linear fc1{nullptr}, fc2{nullptr};

private:
    bool quick_gelu_;
};
TORCH_MODULE(ClipMlp);

class ClipEncoderLayerImpl : public torch::nn::Module {
public:
    explicit ClipEncoderLayerImpl(const ClipTextConfig& c);
    at::Tensor forward(const at::Tensor& x, const at::Tensor& causal_mask);

    ClipAttention self_attn{nullptr};
    torch::nn::LayerNorm layer_norm1{nullptr}, layer_norm2{nullptr};
    ClipMlp mlp{nullptr};
};
TORCH_MODULE(ClipEncoderLayer);

class ClipEncoderImpl : public torch::nn::Module {
public:
    explicit ClipEncoderImpl(const ClipTextConfig& c);
    torch::nn::ModuleList layers{nullptr};
};
TORCH_MODULE(ClipEncoder);

class ClipEmbeddingsImpl : public torch::nn::Module {
public:
    explicit ClipEmbeddingsImpl(const ClipTextConfig& c);
    at::Tensor forward(const at::Tensor& ids);

    torch::nn::Embedding token_embedding{nullptr}, position_embedding{nullptr};
};
TORCH_MODULE(ClipEmbeddings);

class ClipTransformerImpl : public torch::nn::Module {
public:
    explicit ClipTransformerImpl(const ClipTextConfig& c);

    ClipEmbeddings embeddings{nullptr};
    ClipEncoder encoder{nullptr};
    torch::nn::LayerNorm final_layer_norm{nullptr};
};
TORCH_MODULE(ClipTransformer);

class ClipTextModelImpl : public torch::nn::Module {
public:
    explicit ClipTextModelImpl(ClipTextConfig config);

    // Token embeddings to use instead of the vocabulary's at some positions (textual inversion):
    // per batch row, (position, vectors [n, hidden]) pairs.
    using TokenOverrides = std::vector<std::vector<std::pair<int64_t, at::Tensor>>>;

    // ids: [B,S] integer token ids (S <= max_position_embeddings). Runs in the module's dtype.
    ClipTextOutput forward(const at::Tensor& ids, const TokenOverrides* overrides = nullptr);

    const ClipTextConfig& config() const { return config_; }
    at::Device device() const;
    at::ScalarType dtype() const;

    ClipTransformer text_model{nullptr};
    nn::Linear text_projection{nullptr};  // only when config.with_projection

private:
    ClipTextConfig config_;
};
TORCH_MODULE(ClipTextModel);

} // namespace latent
