// Building blocks of UNet2DConditionModel, with diffusers' module names so that weights load by
// name: ResnetBlock2D, Attention, FeedForward (GEGLU), BasicTransformerBlock, Transformer2DModel,
// Downsample2D, Upsample2D, the down/up/mid blocks and the timestep embedding.
//
// All forwards expect inference use (no autograd) and may work in place on their temporaries.
// Feature maps may be NCHW-contiguous or channels-last; channels-last is preserved.
#pragma once

#include "pipeline/models/layers.h"
#include <ATen/core/Tensor.h>
#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/pimpl.h>

#include <optional>
#include <vector>

namespace latent {

// Sinusoidal embedding of (possibly fractional) timesteps t [B] -> [B, dim] float32, as diffusers'
// get_timestep_embedding: freqs_k = exp(-ln(max_period)·k / (dim/2 - freq_shift)), sin ‖ cos
// (cos ‖ sin with flip_sin_to_cos).
at::Tensor timestep_embedding(const at::Tensor& t, int64_t dim, bool flip_sin_to_cos = true,
                              double freq_shift = 0.0, double scale = 1.0, double max_period = 10000.0);

// linear_1 -> SiLU -> linear_2 (diffusers TimestepEmbedding).
class TimestepEmbeddingImpl : public torch::nn::Module {
public:
    TimestepEmbeddingImpl(int64_t in_features, int64_t out_features);
    at::Tensor forward(const at::Tensor& x);
    nn::Linear linear_1{nullptr}, linear_2{nullptr};
};
TORCH_MODULE(TimestepEmbedding);

// GroupNorm -> SiLU -> conv3x3 -> (+ time projection) -> GroupNorm -> SiLU -> conv3x3, plus a 1x1
// conv shortcut when the channel count changes.
class ResnetBlock2DImpl : public torch::nn::Module {
public:
    ResnetBlock2DImpl(int64_t in_channels, int64_t out_channels, int64_t temb_channels, int64_t groups,
                      double eps, double output_scale_factor = 1.0);
    // `temb_act` is SiLU(time embedding) [B, temb_channels] (computed once per UNet call).
    at::Tensor forward(const at::Tensor& x, const at::Tensor& temb_act);
    torch::nn::GroupNorm norm1{nullptr}, norm2{nullptr};
    nn::Conv2d conv1{nullptr}, conv2{nullptr}, conv_shortcut{nullptr};
    nn::Linear time_emb_proj{nullptr};

private:
    double output_scale_factor_;
};
TORCH_MODULE(ResnetBlock2D);

// diffusers `Attention` (to_q, to_k, to_v without bias; to_out.0 with bias).
class AttentionImpl : public torch::nn::Module {
public:
    AttentionImpl(int64_t query_dim, int64_t context_dim, int64_t heads, int64_t head_dim);
    // x [B, N, query_dim]; context [B, M, context_dim] or undefined for self-attention.
    at::Tensor forward(const at::Tensor& x, const at::Tensor& context = {});
    nn::Linear to_q{nullptr}, to_k{nullptr}, to_v{nullptr};
    torch::nn::ModuleList to_out{nullptr};  // "0": Linear (the dropout "1" has no weights)

private:
    int64_t heads_, head_dim_;
    nn::Linear out_{nullptr};
};
TORCH_MODULE(Attention);

// GEGLU projection: proj(x) = [hidden ‖ gate]; returns hidden · GELU(gate).
class GEGLUImpl : public torch::nn::Module {
public:
    GEGLUImpl(int64_t dim_in, int64_t dim_out);
    at::Tensor forward(const at::Tensor& x);
    nn::Linear proj{nullptr};
};
TORCH_MODULE(GEGLU);

// net.0 = GEGLU(dim, 4·dim), net.2 = Linear(4·dim, dim).
class FeedForwardImpl : public torch::nn::Module {
public:
    explicit FeedForwardImpl(int64_t dim, int64_t mult = 4);
    at::Tensor forward(const at::Tensor& x);

private:
    GEGLU geglu_{nullptr};
    nn::Linear out_{nullptr};
};
TORCH_MODULE(FeedForward);

class BasicTransformerBlockImpl : public torch::nn::Module {
public:
    BasicTransformerBlockImpl(int64_t dim, int64_t heads, int64_t head_dim, int64_t context_dim);
    at::Tensor forward(at::Tensor x, const at::Tensor& context);
    torch::nn::LayerNorm norm1{nullptr}, norm2{nullptr}, norm3{nullptr};
    Attention attn1{nullptr}, attn2{nullptr};
    FeedForward ff{nullptr};
};
TORCH_MODULE(BasicTransformerBlock);

// GroupNorm(eps 1e-6) -> proj_in (1x1 conv or linear) -> transformer blocks -> proj_out -> + x.
class Transformer2DModelImpl : public torch::nn::Module {
public:
    Transformer2DModelImpl(int64_t channels, int64_t heads, int64_t layers, int64_t context_dim,
                           int64_t groups, bool use_linear_projection);
    at::Tensor forward(const at::Tensor& x, const at::Tensor& context);
    torch::nn::GroupNorm norm{nullptr};
    // Exactly one of each pair is set, depending on use_linear_projection.
    nn::Conv2d proj_in_conv{nullptr}, proj_out_conv{nullptr};
    nn::Linear proj_in_linear{nullptr}, proj_out_linear{nullptr};
    torch::nn::ModuleList transformer_blocks{nullptr};

private:
    std::vector<BasicTransformerBlock> blocks_;
};
TORCH_MODULE(Transformer2DModel);

class Downsample2DImpl : public torch::nn::Module {
public:
    Downsample2DImpl(int64_t channels, int64_t padding);
    at::Tensor forward(const at::Tensor& x);
    nn::Conv2d conv{nullptr};
};
TORCH_MODULE(Downsample2D);

class Upsample2DImpl : public torch::nn::Module {
public:
    explicit Upsample2DImpl(int64_t channels);
    // Nearest-neighbour upsampling to `size` (H, W) (normally 2x), then conv3x3.
    at::Tensor forward(const at::Tensor& x, at::IntArrayRef size);
    nn::Conv2d conv{nullptr};
};
TORCH_MODULE(Upsample2D);

struct BlockSettings {
    int64_t temb_channels = 1280;
    int64_t groups = 32;
    double eps = 1e-5;
    double output_scale_factor = 1.0;
    int64_t context_dim = 768;
    bool use_linear_projection = false;
};

// DownBlock2D / CrossAttnDownBlock2D.
class DownBlockImpl : public torch::nn::Module {
public:
    DownBlockImpl(int64_t in_channels, int64_t out_channels, int64_t layers, bool attention, int64_t heads,
                  int64_t transformer_layers, bool add_downsample, int64_t downsample_padding,
                  const BlockSettings& s);
    // Appends every output state (after each layer and after the downsampler) to `states`.
    at::Tensor forward(at::Tensor x, const at::Tensor& temb_act, const at::Tensor& context,
                       std::vector<at::Tensor>& states);
    torch::nn::ModuleList resnets{nullptr}, attentions{nullptr}, downsamplers{nullptr};

private:
    std::vector<ResnetBlock2D> resnets_;
    std::vector<Transformer2DModel> attentions_;
    Downsample2D down_{nullptr};
};
TORCH_MODULE(DownBlock);

// UpBlock2D / CrossAttnUpBlock2D.
class UpBlockImpl : public torch::nn::Module {
public:
    UpBlockImpl(int64_t in_channels, int64_t prev_output_channels, int64_t out_channels, int64_t layers,
                bool attention, int64_t heads, int64_t transformer_layers, bool add_upsample,
                const BlockSettings& s);
    // Consumes skip states from the back of `states`. `upsample_size` is the spatial size of the
    // next skip state (ignored by the last block).
    at::Tensor forward(at::Tensor x, const at::Tensor& temb_act, const at::Tensor& context,
                       std::vector<at::Tensor>& states);
    torch::nn::ModuleList resnets{nullptr}, attentions{nullptr}, upsamplers{nullptr};

private:
    std::vector<ResnetBlock2D> resnets_;
    std::vector<Transformer2DModel> attentions_;
    Upsample2D up_{nullptr};
};
TORCH_MODULE(UpBlock);

// UNetMidBlock2DCrossAttn: resnet, then (attention, resnet) × 1.
class MidBlockImpl : public torch::nn::Module {
public:
    MidBlockImpl(int64_t channels, int64_t heads, int64_t transformer_layers, const BlockSettings& s);
    at::Tensor forward(at::Tensor x, const at::Tensor& temb_act, const at::Tensor& context);
    torch::nn::ModuleList resnets{nullptr}, attentions{nullptr};

private:
    std::vector<ResnetBlock2D> resnets_;
    std::vector<Transformer2DModel> attentions_;
};
TORCH_MODULE(MidBlock);

} // namespace latent
