// diffusers AutoencoderKL (SD 1.x/2.x/XL VAE) with diffusers weight names:
// encoder.conv_in, encoder.down_blocks.N.resnets.M.{norm1,conv1,norm2,conv2,conv_shortcut},
// encoder.down_blocks.N.downsamplers.0.conv, encoder.mid_block.{resnets.0,attentions.0,resnets.1},
// encoder.mid_block.attentions.0.{group_norm,to_q,to_k,to_v,to_out.0}, encoder.conv_norm_out,
// encoder.conv_out, quant_conv, post_quant_conv, decoder.* (up_blocks.N.upsamplers.0.conv).
// LDM/CompVis names are converted at load time (pipeline/loaders/key_map_vae.h).
#pragma once

#include "pipeline/models/layers.h"
#include "pipeline/models/model_config.h"

#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/pimpl.h>

#include <functional>

namespace latent {

class VaeResnetBlockImpl : public torch::nn::Module {
public:
    VaeResnetBlockImpl(int64_t in, int64_t out, int64_t groups);
    at::Tensor forward(const at::Tensor& x);

    torch::nn::GroupNorm norm1{nullptr}, norm2{nullptr};
    nn::Conv2d conv1{nullptr}, conv2{nullptr}, conv_shortcut{nullptr};
};
TORCH_MODULE(VaeResnetBlock);

// Single-head spatial self-attention of the VAE mid block. Computed in query slices when the
// token count is large so the score matrix stays bounded (<= ~256 MiB).
class VaeAttentionImpl : public torch::nn::Module {
public:
    VaeAttentionImpl(int64_t channels, int64_t groups);
    at::Tensor forward(const at::Tensor& x);

    torch::nn::GroupNorm group_norm{nullptr};
    nn::Linear to_q{nullptr}, to_k{nullptr}, to_v{nullptr};
    torch::nn::ModuleList to_out{nullptr};  // [Linear] -> "to_out.0"

    // Maximum number of score elements computed at once (default 64 Mi floats = 256 MiB).
    int64_t max_score_elements = int64_t(64) << 20;
};
TORCH_MODULE(VaeAttention);

class VaeMidBlockImpl : public torch::nn::Module {
public:
    VaeMidBlockImpl(int64_t channels, int64_t groups, bool attention);
    at::Tensor forward(const at::Tensor& x);

    torch::nn::ModuleList resnets{nullptr}, attentions{nullptr};
};
TORCH_MODULE(VaeMidBlock);

// Conv wrapper so that the weight is named "<block>.downsamplers.0.conv.weight".
class VaeSampleConvImpl : public torch::nn::Module {
public:
    VaeSampleConvImpl(int64_t channels, bool down);
    at::Tensor forward(const at::Tensor& x);

    nn::Conv2d conv{nullptr};

private:
    bool down_;
};
TORCH_MODULE(VaeSampleConv);

class VaeEncoderBlockImpl : public torch::nn::Module {
public:
    VaeEncoderBlockImpl(int64_t in, int64_t out, int64_t layers, int64_t groups, bool downsample, bool upsample);
    at::Tensor forward(const at::Tensor& x);

    torch::nn::ModuleList resnets{nullptr};
    torch::nn::ModuleList downsamplers{nullptr};  // encoder blocks
    torch::nn::ModuleList upsamplers{nullptr};    // decoder blocks
};
TORCH_MODULE(VaeEncoderBlock);

class VaeEncoderImpl : public torch::nn::Module {
public:
    explicit VaeEncoderImpl(const VaeConfig& c);
    at::Tensor forward(const at::Tensor& x);  // [B,3,H,W] -> [B,2L,H/f,W/f]

    nn::Conv2d conv_in{nullptr}, conv_out{nullptr};
    torch::nn::ModuleList down_blocks{nullptr};
    VaeMidBlock mid_block{nullptr};
    torch::nn::GroupNorm conv_norm_out{nullptr};
};
TORCH_MODULE(VaeEncoder);

class VaeDecoderImpl : public torch::nn::Module {
public:
    explicit VaeDecoderImpl(const VaeConfig& c);
    at::Tensor forward(const at::Tensor& z);  // [B,L,h,w] -> [B,3,h·f,w·f]

    nn::Conv2d conv_in{nullptr}, conv_out{nullptr};
    VaeMidBlock mid_block{nullptr};
    torch::nn::ModuleList up_blocks{nullptr};
    torch::nn::GroupNorm conv_norm_out{nullptr};
};
TORCH_MODULE(VaeDecoder);

struct VaeTileOptions {
    int64_t tile = 64;     // tile (window) size in latent pixels — 512 image pixels for f=8
    // Context margin in latent pixels computed around each tile's kept core and discarded; at
    // least the networks' receptive field (~16 latent pixels for SD's VAE) makes tiles exact.
    int64_t overlap = 16;
    // GroupNorm statistics of the tiles come from one pass over the whole input downscaled so its
    // longer side is at most `stats_size` latent pixels (0 = `tile`). Larger = closer to the
    // untiled result, slower.
    int64_t stats_size = 0;
};

using CancelCheck = std::function<bool()>;

class AutoencoderKLImpl : public torch::nn::Module {
public:
    explicit AutoencoderKLImpl(VaeConfig config);

    struct Posterior {
        at::Tensor mean;    // [B,L,h,w]
        at::Tensor logvar;  // [B,L,h,w], clamped to [-30, 20]
    };

    // x in [-1,1], [B,in,H,W] with H,W multiples of the downscale factor.
    Posterior encode(const at::Tensor& x);
    // z = latents / scaling_factor (+ shift_factor); returns the image in ~[-1,1].
    at::Tensor decode(const at::Tensor& z);

    // Tiled versions for large images: each tile keeps its core and drops its context margins. `cancel`
    // is polled between tiles (throws CancelledError). Fall back to one tile when small enough.
    at::Tensor decode_tiled(const at::Tensor& z, VaeTileOptions opt = {}, const CancelCheck& cancel = {});
    // Tile options are given in latent pixels here too (image tile = tile · factor).
    Posterior encode_tiled(const at::Tensor& x, VaeTileOptions opt = {}, const CancelCheck& cancel = {});

    // Convenience for the pipelines: latents (as the UNet sees them) <-> image in [-1,1].
    at::Tensor decode_latents(const at::Tensor& latents, bool tiled = false, const CancelCheck& cancel = {});
    at::Tensor encode_to_latents(const at::Tensor& image, bool tiled = false, const CancelCheck& cancel = {});

    const VaeConfig& config() const { return config_; }
    int64_t downscale_factor() const { return int64_t(1) << (config_.block_out_channels.size() - 1); }
    double scaling_factor() const { return config_.scaling_factor; }

    VaeEncoder encoder{nullptr};
    VaeDecoder decoder{nullptr};
    nn::Conv2d quant_conv{nullptr}, post_quant_conv{nullptr};

private:
    at::Tensor encode_moments(const at::Tensor& x);
    VaeConfig config_;
};
TORCH_MODULE(AutoencoderKL);

} // namespace latent
