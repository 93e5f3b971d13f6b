#include "pipeline/models/clip_text.h"

#include "pipeline/core/error.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace latent {

// ---- attention -------------------------------------------------------------------------------

ClipAttentionImpl::ClipAttentionImpl(const ClipTextConfig& c)
    : heads_(c.num_attention_heads), head_dim_(c.head_dim()) {
    const int64_t d = c.hidden_size;
    q_proj = register_module("q_proj", nn::Linear(d, d));
    k_proj = register_module("k_proj", nn::Linear(d, d));
    v_proj = register_module("v_proj", nn::Linear(d, d));
    out_proj = register_module("out_proj", nn::Linear(d, d));
}

at::Tensor ClipAttentionImpl::forward(const at::Tensor& x, const at::Tensor& causal_mask) {
    const int64_t b = x.size(0), s = x.size(1);
    const double scale = 1.0 / std::sqrt(static_cast<double>(head_dim_));
    // [B,S,D] -> [B,H,S,d]
    auto split = [&](const at::Tensor& t) { return t.view({b, s, heads_, head_dim_}).transpose(1, 2); };
    at::Tensor q = split(q_proj->forward(x) * scale);
    at::Tensor k = split(k_proj->forward(x));
    at::Tensor v = split(v_proj->forward(x));
    at::Tensor scores = at::matmul(q, k.transpose(-1, -2));  // [B,H,S,S]
    scores.add_(causal_mask);
    at::Tensor probs = at::softmax(scores, -1);
    at::Tensor o = at::matmul(probs, v).transpose(1, 2).reshape({b, s, heads_ * head_dim_});
    return out_proj->forward(o);
}

// ---- MLP -------------------------------------------------------------------------------------

ClipMlpImpl::ClipMlpImpl(const ClipTextConfig& c) : quick_gelu_(c.hidden_act == "quick_gelu") {
    fc1 = register_module("fc1", nn::Linear(c.hidden_size, c.intermediate_size));
    fc2 = register_module("fc2", nn::Linear(c.intermediate_size, c.hidden_size));
}

at::Tensor ClipMlpImpl::forward(const at::Tensor& x) {
    at::Tensor h = fc1->forward(x);
    if (quick_gelu_)
        h = h * at::sigmoid(h * 1.702);
    else
        h = at::gelu(h);
    return fc2->forward(h);
}

// ---- layers ----------------------------------------------------------------------------------

ClipEncoderLayerImpl::ClipEncoderLayerImpl(const ClipTextConfig& c) {
    auto ln = torch::nn::LayerNormOptions({c.hidden_size}).eps(c.layer_norm_eps);
    self_attn = register_module("self_attn", ClipAttention(c));
    layer_norm1 = register_module("layer_norm1", torch::nn::LayerNorm(ln));
    mlp = register_module("mlp", ClipMlp(c));
    layer_norm2 = register_module("layer_norm2", torch::nn::LayerNorm(ln));
}

at::Tensor ClipEncoderLayerImpl::forward(const at::Tensor& x, const at::Tensor& causal_mask) {
    at::Tensor h = x + self_attn->forward(layer_norm1->forward(x), causal_mask);
    return h + mlp->forward(layer_norm2->forward(h));
}

ClipEncoderImpl::ClipEncoderImpl(const ClipTextConfig& c) {
    layers = register_module("layers", torch::nn::ModuleList());
    for (int64_t i = 0; i < c.num_hidden_layers; ++i) layers->push_back(ClipEncoderLayer(c));
}

ClipEmbeddingsImpl::ClipEmbeddingsImpl(const ClipTextConfig& c) {
    token_embedding = register_module("token_embedding", torch::nn::Embedding(c.vocab_size, c.hidden_size));
    position_embedding =
        register_module("position_embedding", torch::nn::Embedding(c.max_position_embeddings, c.hidden_size));
}

at::Tensor ClipEmbeddingsImpl::forward(const at::Tensor& ids) {
    const int64_t s = ids.size(1);
    // position_ids are always 0..S-1 (some checkpoints carry corrupted float position_ids).
    at::Tensor pos = position_embedding->weight.narrow(0, 0, s).unsqueeze(0);
    return token_embedding->forward(ids) + pos;
}

ClipTransformerImpl::ClipTransformerImpl(const ClipTextConfig& c) {
    embeddings = register_module("embeddings", ClipEmbeddings(c));
    encoder = register_module("encoder", ClipEncoder(c));
    final_layer_norm = register_module(
        "final_layer_norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({c.hidden_size}).eps(c.layer_norm_eps)));
}

// ---- model -----------------------------------------------------------------------------------

ClipTextModelImpl::ClipTextModelImpl(ClipTextConfig config) : config_(std::move(config)) {
    text_model = register_module("text_model", ClipTransformer(config_));
    if (config_.with_projection)
        text_projection = register_module(
            "text_projection",
            nn::Linear(torch::nn::LinearOptions(config_.hidden_size, config_.projection_dim).bias(false)));
}

at::Device ClipTextModelImpl::device() const { return text_model->final_layer_norm->weight.device(); }

at::ScalarType ClipTextModelImpl::dtype() const { return text_model->final_layer_norm->weight.scalar_type(); }

ClipTextOutput ClipTextModelImpl::forward(const at::Tensor& ids_in, const TokenOverrides* overrides) {
    if (ids_in.dim() != 2)
        throw PipelineError("bad_input", "The text encoder expects token ids shaped [batch, tokens].");
    const int64_t s = ids_in.size(1);
    if (s < 1 || s > config_.max_position_embeddings)
        throw PipelineError("bad_input", "The token sequence is longer than the text encoder's " +
                                             std::to_string(config_.max_position_embeddings) + " positions.");
    at::Tensor ids = ids_in.to(device(), at::kLong);
    if (ids.numel() > 0) {
        const int64_t lo = ids.min().item<int64_t>(), hi = ids.max().item<int64_t>();
        if (lo < 0 || hi >= config_.vocab_size)
            throw PipelineError("bad_input", "A token id is outside the text encoder's vocabulary.");
    }

    at::Tensor mask = at::full({s, s}, -std::numeric_limits<double>::infinity(),
                               at::TensorOptions().dtype(dtype()).device(device()))
                          .triu_(1);

    ClipTextOutput out;
    at::Tensor h;
    if (overrides && !overrides->empty()) {
        // A1111 EmbeddingsWithFixes: the vectors replace the token embeddings, then the position
        // embeddings are added as usual.
        if (static_cast<int64_t>(overrides->size()) != ids.size(0))
            throw PipelineError("bad_input", "Token overrides must be given per batch row.");
        at::Tensor tok = text_model->embeddings->token_embedding->forward(ids);
        for (int64_t b = 0; b < ids.size(0); ++b)
            for (const auto& [offset, vectors] : (*overrides)[static_cast<size_t>(b)]) {
                if (offset < 0 || offset >= s || vectors.dim() != 2 || vectors.size(1) != tok.size(2))
                    throw PipelineError("bad_input", "An embedding does not fit the text encoder.");
                const int64_t n = std::min(vectors.size(0), s - offset);
                tok[b].narrow(0, offset, n).copy_(vectors.narrow(0, 0, n));
            }
        h = tok + text_model->embeddings->position_embedding->weight.narrow(0, 0, s).unsqueeze(0);
    } else {
        h = text_model->embeddings->forward(ids);
    }
    out.hidden_states.reserve(static_cast<size_t>(config_.num_hidden_layers) + 1);
    out.hidden_states.push_back(h);
    for (const auto& layer : *text_model->encoder->layers) {
        h = layer->as<ClipEncoderLayer>()->forward(h, mask);
        out.hidden_states.push_back(h);
    }
    out.last_hidden_state = text_model->final_layer_norm->forward(h);
    // transformers / OpenCLIP pool at argmax(ids): the EOS token has the highest id; with EOS
    // padding argmax returns the first EOS.
    at::Tensor eos = ids.argmax(-1);
    const int64_t d = out.last_hidden_state.size(2);
    out.pooled = out.last_hidden_state.gather(1, eos.view({-1, 1, 1}).expand({ids.size(0), 1, d})).squeeze(1);
    if (text_projection) out.text_embeds = text_projection->forward(out.pooled);
    return out;
}

} // namespace latent
