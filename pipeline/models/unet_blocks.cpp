#include "pipeline/models/unet_blocks.h"

#include "pipeline/models/attention.h"

#include <ATen/ATen.h>

#include <cmath>

namespace latent {

namespace {

nn::Conv2d make_conv(int64_t in, int64_t out, int64_t kernel, int64_t stride = 1, int64_t padding = 0) {
    return nn::Conv2d(
        torch::nn::Conv2dOptions(in, out, kernel).stride(stride).padding(padding).bias(true));
}

torch::nn::GroupNorm make_group_norm(int64_t groups, int64_t channels, double eps) {
    return torch::nn::GroupNorm(torch::nn::GroupNormOptions(groups, channels).eps(eps).affine(true));
}

nn::Linear make_linear(int64_t in, int64_t out, bool bias = true) {
    return nn::Linear(torch::nn::LinearOptions(in, out).bias(bias));
}

// The norm's parameters follow the activations' dtype (no copy when they agree; a bf16 UNet, see
// compute_precision.h, converts these few values per call).
at::Tensor group_norm(const torch::nn::GroupNorm& n, const at::Tensor& x) {
    const auto& o = n->options;
    return at::group_norm(x, o.num_groups(), nn::weight_as(n->weight, x), nn::weight_as(n->bias, x), o.eps(),
                          /*cudnn_enabled=*/true);
}

at::Tensor conv(nn::Conv2d c, const at::Tensor& x) { return c->forward(x); }

// [B, C, H, W] -> [B, H·W, C] token view (a view when x is channels-last).
at::Tensor to_tokens(const at::Tensor& x) {
    const int64_t B = x.size(0), C = x.size(1), H = x.size(2), W = x.size(3);
    return x.permute({0, 2, 3, 1}).reshape({B, H * W, C});
}

// [B, H·W, C] -> [B, C, H, W] with channels-last strides (a view, no copy).
at::Tensor from_tokens(const at::Tensor& t, int64_t H, int64_t W) {
    const int64_t B = t.size(0), C = t.size(2);
    return t.view({B, H, W, C}).permute({0, 3, 1, 2});
}

} // namespace

at::Tensor timestep_embedding(const at::Tensor& t, int64_t dim, bool flip_sin_to_cos, double freq_shift,
                              double scale, double max_period) {
    const int64_t half = dim / 2;
    at::Tensor exponent =
        at::arange(0, half, t.options().dtype(at::kFloat)).mul(-std::log(max_period)).div(half - freq_shift);
    at::Tensor freqs = exponent.exp();
    at::Tensor args = t.to(at::kFloat).reshape({-1, 1}) * freqs.unsqueeze(0);
    if (scale != 1.0) args = args * scale;
    at::Tensor emb = flip_sin_to_cos ? at::cat({args.cos(), args.sin()}, -1) : at::cat({args.sin(), args.cos()}, -1);
    if (dim % 2 == 1) emb = at::constant_pad_nd(emb, {0, 1});
    return emb;
}

// ---------------------------------------------------------------------------------------------

TimestepEmbeddingImpl::TimestepEmbeddingImpl(int64_t in_features, int64_t out_features) {
    linear_1 = register_module("linear_1", make_linear(in_features, out_features));
    linear_2 = register_module("linear_2", make_linear(out_features, out_features));
}

at::Tensor TimestepEmbeddingImpl::forward(const at::Tensor& x) {
    at::Tensor h = linear_1->forward(x);
    at::silu_(h);
    return linear_2->forward(h);
}

// ---------------------------------------------------------------------------------------------

ResnetBlock2DImpl::ResnetBlock2DImpl(int64_t in_channels, int64_t out_channels, int64_t temb_channels,
                                     int64_t groups, double eps, double output_scale_factor)
    : output_scale_factor_(output_scale_factor) {
    norm1 = register_module("norm1", make_group_norm(groups, in_channels, eps));
    conv1 = register_module("conv1", make_conv(in_channels, out_channels, 3, 1, 1));
    time_emb_proj = register_module("time_emb_proj", make_linear(temb_channels, out_channels));
    norm2 = register_module("norm2", make_group_norm(groups, out_channels, eps));
    conv2 = register_module("conv2", make_conv(out_channels, out_channels, 3, 1, 1));
    if (in_channels != out_channels)
        conv_shortcut = register_module("conv_shortcut", make_conv(in_channels, out_channels, 1));
}

at::Tensor ResnetBlock2DImpl::forward(const at::Tensor& x, const at::Tensor& temb_act) {
    at::Tensor h = group_norm(norm1, x);
    at::silu_(h);
    h = conv(conv1, h);
    if (temb_act.defined()) {
        at::Tensor t = time_emb_proj->forward(temb_act);  // [B, C]
        h.add_(t.unsqueeze(-1).unsqueeze(-1));
    }
    h = group_norm(norm2, h);
    at::silu_(h);
    h = conv(conv2, h);
    if (conv_shortcut)
        h.add_(conv(conv_shortcut, x));
    else
        h.add_(x);
    if (output_scale_factor_ != 1.0) h.div_(output_scale_factor_);
    return h;
}

// ---------------------------------------------------------------------------------------------

AttentionImpl::AttentionImpl(int64_t query_dim, int64_t context_dim, int64_t heads, int64_t head_dim)
    : heads_(heads), head_dim_(head_dim) {
    const int64_t inner = heads * head_dim;
    to_q = register_module("to_q", make_linear(query_dim, inner, false));
    to_k = register_module("to_k", make_linear(context_dim, inner, false));
    to_v = register_module("to_v", make_linear(context_dim, inner, false));
    to_out = register_module("to_out", torch::nn::ModuleList());
    out_ = make_linear(inner, query_dim);
    to_out->push_back(out_);
}

at::Tensor AttentionImpl::forward(const at::Tensor& x, const at::Tensor& context) {
    const at::Tensor& ctx = context.defined() ? context : x;
    const int64_t B = x.size(0), N = x.size(1), M = ctx.size(1);
    // [B, L, H·d] -> [B, H, L, d] strided views: the kernel reads them without copies.
    at::Tensor q = to_q->forward(x).view({B, N, heads_, head_dim_}).permute({0, 2, 1, 3});
    at::Tensor k = to_k->forward(ctx).view({B, M, heads_, head_dim_}).permute({0, 2, 1, 3});
    at::Tensor v = to_v->forward(ctx).view({B, M, heads_, head_dim_}).permute({0, 2, 1, 3});
    at::Tensor o = attention(q, k, v);  // [B, H, N, d]
    o = o.permute({0, 2, 1, 3}).reshape({B, N, heads_ * head_dim_});
    return out_->forward(o);
}

// ---------------------------------------------------------------------------------------------

GEGLUImpl::GEGLUImpl(int64_t dim_in, int64_t dim_out) {
    proj = register_module("proj", make_linear(dim_in, dim_out * 2));
}

at::Tensor GEGLUImpl::forward(const at::Tensor& x) {
    at::Tensor p = proj->forward(x);
    const int64_t inner = p.size(-1) / 2;
    at::Tensor gate = at::gelu(p.narrow(-1, inner, inner));  // new contiguous tensor
    return gate.mul_(p.narrow(-1, 0, inner));
}

FeedForwardImpl::FeedForwardImpl(int64_t dim, int64_t mult) {
    auto net = register_module("net", std::make_shared<torch::nn::Module>());
    geglu_ = GEGLU(dim, dim * mult);
    out_ = make_linear(dim * mult, dim);
    net->register_module("0", geglu_);
    net->register_module("2", out_);  // "1" is a dropout without weights
}

at::Tensor FeedForwardImpl::forward(const at::Tensor& x) { return out_->forward(geglu_->forward(x)); }

// ---------------------------------------------------------------------------------------------

BasicTransformerBlockImpl::BasicTransformerBlockImpl(int64_t dim, int64_t heads, int64_t head_dim,
                                                     int64_t context_dim) {
    auto ln = [&](const char* name) {
        return register_module(name, torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim}).eps(1e-5)));
    };
    norm1 = ln("norm1");
    attn1 = register_module("attn1", Attention(dim, dim, heads, head_dim));
    norm2 = ln("norm2");
    attn2 = register_module("attn2", Attention(dim, context_dim, heads, head_dim));
    norm3 = ln("norm3");
    ff = register_module("ff", FeedForward(dim));
}

at::Tensor BasicTransformerBlockImpl::forward(at::Tensor x, const at::Tensor& context) {
    auto layer_norm = [](const torch::nn::LayerNorm& n, const at::Tensor& t) {
        return at::layer_norm(t, n->options.normalized_shape(), nn::weight_as(n->weight, t), nn::weight_as(n->bias, t),
                              n->options.eps());
    };
    x = attn1->forward(layer_norm(norm1, x)).add_(x);
    x = attn2->forward(layer_norm(norm2, x), context).add_(x);
    x = ff->forward(layer_norm(norm3, x)).add_(x);
    return x;
}

// ---------------------------------------------------------------------------------------------

Transformer2DModelImpl::Transformer2DModelImpl(int64_t channels, int64_t heads, int64_t layers,
                                               int64_t context_dim, int64_t groups, bool use_linear_projection) {
    const int64_t head_dim = channels / heads;
    const int64_t inner = heads * head_dim;
    norm = register_module("norm", make_group_norm(groups, channels, 1e-6));
    if (use_linear_projection)
        proj_in_linear = register_module("proj_in", make_linear(channels, inner));
    else
        proj_in_conv = register_module("proj_in", make_conv(channels, inner, 1));
    transformer_blocks = register_module("transformer_blocks", torch::nn::ModuleList());
    for (int64_t i = 0; i < layers; ++i) {
        blocks_.push_back(BasicTransformerBlock(inner, heads, head_dim, context_dim));
        transformer_blocks->push_back(blocks_.back());
    }
    if (use_linear_projection)
        proj_out_linear = register_module("proj_out", make_linear(inner, channels));
    else
        proj_out_conv = register_module("proj_out", make_conv(inner, channels, 1));
}

at::Tensor Transformer2DModelImpl::forward(const at::Tensor& x, const at::Tensor& context) {
    const int64_t H = x.size(2), W = x.size(3);
    // A 1x1 convolution is a linear map on the channel axis: compute both variants as linear on
    // [B, H·W, C] tokens (a free view for channels-last feature maps).
    at::Tensor h = to_tokens(group_norm(norm, x));
    if (proj_in_linear)
        h = proj_in_linear->forward(h);
    else
        h = proj_in_conv->forward_pointwise(h);
    for (auto& block : blocks_) h = block->forward(h, context);
    if (proj_out_linear)
        h = proj_out_linear->forward(h);
    else
        h = proj_out_conv->forward_pointwise(h);
    return from_tokens(h, H, W).add_(x);
}

// ---------------------------------------------------------------------------------------------

Downsample2DImpl::Downsample2DImpl(int64_t channels, int64_t padding) {
    conv = register_module("conv", make_conv(channels, channels, 3, 2, padding));
}

at::Tensor Downsample2DImpl::forward(const at::Tensor& x) { return latent::conv(conv, x); }

Upsample2DImpl::Upsample2DImpl(int64_t channels) {
    conv = register_module("conv", make_conv(channels, channels, 3, 1, 1));
}

at::Tensor Upsample2DImpl::forward(const at::Tensor& x, at::IntArrayRef size) {
    at::Tensor up = at::upsample_nearest2d(x, size);
    return latent::conv(conv, up);
}

// ---------------------------------------------------------------------------------------------

DownBlockImpl::DownBlockImpl(int64_t in_channels, int64_t out_channels, int64_t layers, bool attention,
                             int64_t heads, int64_t transformer_layers, bool add_downsample,
                             int64_t downsample_padding, const BlockSettings& s) {
    resnets = register_module("resnets", torch::nn::ModuleList());
    if (attention) attentions = register_module("attentions", torch::nn::ModuleList());
    for (int64_t i = 0; i < layers; ++i) {
        resnets_.push_back(ResnetBlock2D(i == 0 ? in_channels : out_channels, out_channels, s.temb_channels,
                                         s.groups, s.eps, s.output_scale_factor));
        resnets->push_back(resnets_.back());
        if (attention) {
            attentions_.push_back(Transformer2DModel(out_channels, heads, transformer_layers, s.context_dim,
                                                     s.groups, s.use_linear_projection));
            attentions->push_back(attentions_.back());
        }
    }
    if (add_downsample) {
        downsamplers = register_module("downsamplers", torch::nn::ModuleList());
        down_ = Downsample2D(out_channels, downsample_padding);
        downsamplers->push_back(down_);
    }
}

at::Tensor DownBlockImpl::forward(at::Tensor x, const at::Tensor& temb_act, const at::Tensor& context,
                                  std::vector<at::Tensor>& states) {
    for (size_t i = 0; i < resnets_.size(); ++i) {
        x = resnets_[i]->forward(x, temb_act);
        if (!attentions_.empty()) x = attentions_[i]->forward(x, context);
        states.push_back(x);
    }
    if (down_) {
        x = down_->forward(x);
        states.push_back(x);
    }
    return x;
}

UpBlockImpl::UpBlockImpl(int64_t in_channels, int64_t prev_output_channels, int64_t out_channels, int64_t layers,
                         bool attention, int64_t heads, int64_t transformer_layers, bool add_upsample,
                         const BlockSettings& s) {
    resnets = register_module("resnets", torch::nn::ModuleList());
    if (attention) attentions = register_module("attentions", torch::nn::ModuleList());
    for (int64_t i = 0; i < layers; ++i) {
        const int64_t skip = (i == layers - 1) ? in_channels : out_channels;
        const int64_t resnet_in = (i == 0) ? prev_output_channels : out_channels;
        resnets_.push_back(ResnetBlock2D(resnet_in + skip, out_channels, s.temb_channels, s.groups, s.eps,
                                         s.output_scale_factor));
        resnets->push_back(resnets_.back());
        if (attention) {
            attentions_.push_back(Transformer2DModel(out_channels, heads, transformer_layers, s.context_dim,
                                                     s.groups, s.use_linear_projection));
            attentions->push_back(attentions_.back());
        }
    }
    if (add_upsample) {
        upsamplers = register_module("upsamplers", torch::nn::ModuleList());
        up_ = Upsample2D(out_channels);
        upsamplers->push_back(up_);
    }
}

at::Tensor UpBlockImpl::forward(at::Tensor x, const at::Tensor& temb_act, const at::Tensor& context,
                                std::vector<at::Tensor>& states) {
    for (size_t i = 0; i < resnets_.size(); ++i) {
        at::Tensor skip = std::move(states.back());
        states.pop_back();
        x = at::cat({x, skip}, 1);
        skip.reset();
        x = resnets_[i]->forward(x, temb_act);
        if (!attentions_.empty()) x = attentions_[i]->forward(x, context);
    }
    if (up_) {
        // Upsample to the next skip state's size (diffusers' forward_upsample_size): exactly 2x
        // for multiples of 64 pixels, and correct for any other size.
        std::vector<int64_t> size{x.size(2) * 2, x.size(3) * 2};
        if (!states.empty()) size = {states.back().size(2), states.back().size(3)};
        x = up_->forward(x, size);
    }
    return x;
}

MidBlockImpl::MidBlockImpl(int64_t channels, int64_t heads, int64_t transformer_layers, const BlockSettings& s) {
    resnets = register_module("resnets", torch::nn::ModuleList());
    attentions = register_module("attentions", torch::nn::ModuleList());
    for (int i = 0; i < 2; ++i) {
        resnets_.push_back(
            ResnetBlock2D(channels, channels, s.temb_channels, s.groups, s.eps, s.output_scale_factor));
        resnets->push_back(resnets_.back());
    }
    attentions_.push_back(
        Transformer2DModel(channels, heads, transformer_layers, s.context_dim, s.groups, s.use_linear_projection));
    attentions->push_back(attentions_.back());
}

at::Tensor MidBlockImpl::forward(at::Tensor x, const at::Tensor& temb_act, const at::Tensor& context) {
    x = resnets_[0]->forward(x, temb_act);
    x = attentions_[0]->forward(x, context);
    x = resnets_[1]->forward(x, temb_act);
    return x;
}

} // namespace latent
