// UNet2DConditionModel (SD 1.x / 2.x / XL, inpainting) with diffusers' module names: load weights
// with load_weights() using diffusers keys (or unet_ldm_to_diffusers() for single-file checkpoints).
//
// Computes in the dtype of its parameters (float32 on CPU). Call forward under c10::InferenceMode
// (or NoGradGuard). `channels_last` runs the convolutions on channels-last feature maps with
// channels-last weights; results are the same either way. Measured on the 2-core AVX2 machine with
// libtorch 1.13 + oneDNN 2.6 (SD 1.5, 512x512, batch 2): 19.3 s/step channels-last vs 19.9 s NCHW.
#pragma once

#include "pipeline/models/layers.h"
#include "pipeline/models/unet_blocks.h"
#include "pipeline/models/unet_config.h"

#include <ATen/core/Tensor.h>
#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>

#include <optional>
#include <vector>

namespace latent {

// Residuals a ControlNet adds to the UNet (diffusers `down_block_additional_residuals` /
// `mid_block_additional_residual`, sd-webui-controlnet's 13 controls): `down` has one tensor per
// skip state of the down path (conv_in output, then every resnet/attention layer and
// downsampler, 12 for SD 1.x/2.x, 9 for SDXL), added to the skip connection before the up path
// consumes it; `mid` is added to the mid-block output. Either part may be empty.
struct UNetResiduals {
    std::vector<at::Tensor> down;
    at::Tensor mid;
    bool empty() const { return down.empty() && !mid.defined(); }
};

class UNet2DConditionModelImpl : public torch::nn::Module {
public:
    explicit UNet2DConditionModelImpl(const UNetConfig& config, bool channels_last = true);

    // x [B, in_channels, H, W] (any H, W >= 1 latent pixel); t [B] or a scalar, float (fractional
    // timesteps allowed); context [B, S, cross_attention_dim].
    // SDXL ("text_time"): text_embeds [B, P] (pooled) and time_ids [B, 6] (orig h, w, crop top,
    // left, target h, w) are required. Returns [B, out_channels, H, W] (contiguous).
    // `residuals` (ControlNet) are added as described at UNetResiduals; shapes must match.
    at::Tensor forward(const at::Tensor& x, const at::Tensor& t, const at::Tensor& context,
                       const std::optional<at::Tensor>& text_embeds = std::nullopt,
                       const std::optional<at::Tensor>& time_ids = std::nullopt,
                       const UNetResiduals* residuals = nullptr);

    // SDXL with the prepared added-conditioning vector y = text_embeds ‖ sinusoidal(time_ids)
    // [B, projection_class_embeddings_input_dim] (SGM's `label_emb` input, A1111's cond.vector).
    at::Tensor forward_with_vector(const at::Tensor& x, const at::Tensor& t, const at::Tensor& context,
                                   const at::Tensor& y, const UNetResiduals* residuals = nullptr);

    // As forward() / forward_with_vector() with `&residuals`, but the residuals are taken over:
    // each is released as soon as it has been added, so the up path runs without them in memory
    // (the caller keeps no other reference). The result is the same, bit for bit.
    at::Tensor forward_taking(const at::Tensor& x, const at::Tensor& t, const at::Tensor& context,
                              const std::optional<at::Tensor>& text_embeds, const std::optional<at::Tensor>& time_ids,
                              UNetResiduals&& residuals);
    at::Tensor forward_with_vector_taking(const at::Tensor& x, const at::Tensor& t, const at::Tensor& context,
                                          const at::Tensor& y, UNetResiduals&& residuals);

    // y = text_embeds ‖ flatten(sinusoidal(time_ids, addition_time_embed_dim)).
    at::Tensor text_time_vector(const at::Tensor& text_embeds, const at::Tensor& time_ids) const;

    const UNetConfig& config() const { return config_; }

    nn::Conv2d conv_in{nullptr};
    TimestepEmbedding time_embedding{nullptr};
    TimestepEmbedding add_embedding{nullptr};  // only with addition_embed_type "text_time"
    torch::nn::ModuleList down_blocks{nullptr}, up_blocks{nullptr};
    MidBlock mid_block{nullptr};
    torch::nn::GroupNorm conv_norm_out{nullptr};
    nn::Conv2d conv_out{nullptr};

private:
    at::Tensor run(const at::Tensor& x, const at::Tensor& t, const at::Tensor& context, const at::Tensor& y,
                   const UNetResiduals* residuals, UNetResiduals* release = nullptr);

    UNetConfig config_;
    bool channels_last_;
    std::vector<DownBlock> down_;
    std::vector<UpBlock> up_;
};
TORCH_MODULE(UNet2DConditionModel);

} // namespace latent
