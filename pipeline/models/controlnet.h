// ControlNetModel (Zhang et al. 2023) with diffusers' module names, built from the same blocks as
// the UNet (pipeline/models/unet_blocks.h): a trainable copy of the UNet's down path and mid
// block, a small convolutional embedding of the control image (`controlnet_cond_embedding`,
// CompVis `input_hint_block`) added after conv_in, and one zero-initialised 1x1 convolution per
// skip state (`controlnet_down_blocks`, CompVis `zero_convs`) plus one after the mid block
// (`controlnet_mid_block`, CompVis `middle_block_out`). Its outputs are UNetResiduals.
//
// Storage dtype may be narrower than the compute dtype (fp16 files kept fp16 on CPU), as for the
// UNet (pipeline/models/layers.h). Call under c10::InferenceMode.
#pragma once

#include "pipeline/models/layers.h"
#include "pipeline/models/unet2d_condition.h"
#include "pipeline/models/unet_blocks.h"
#include "pipeline/models/unet_config.h"

#include <ATen/core/Tensor.h>
#include <nlohmann/json_fwd.hpp>
#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>

#include <vector>

namespace latent {

struct ControlNetConfig {
    // The down path, mid block, time / added embeddings and cross-attention; the up-path fields
    // are unused. in_channels is the latent's channel count (4), never the 9 of inpainting UNets.
    UNetConfig unet;
    int64_t conditioning_channels = 3;  // channels of the control image ("hint")
    std::vector<int64_t> conditioning_embedding_out_channels{16, 32, 96, 256};
    // Shuffle-style models: residuals are averaged over H, W (sd-webui-controlnet
    // global_average_pooling).
    bool global_pool_conditions = false;
    // Number of down-path skip states (= residuals before the mid one): 1 + blocks·layers + (blocks − 1).
    size_t num_down_residuals() const;
};

// Parses a diffusers ControlNetModel config.json (throws PipelineError("unsupported_unet_config")).
ControlNetConfig controlnet_config_from_json(const nlohmann::json& diffusers_config);
nlohmann::json controlnet_config_to_json(const ControlNetConfig& config);
// A ControlNet with the down path of `unet` (diffusers ControlNetModel.from_unet).
ControlNetConfig controlnet_config_for_unet(const UNetConfig& unet);

// conv_in (3x3) -> SiLU -> [conv 3x3, SiLU, conv 3x3 stride 2, SiLU] per width step -> conv_out.
class ControlNetConditioningEmbeddingImpl : public torch::nn::Module {
public:
    ControlNetConditioningEmbeddingImpl(int64_t conditioning_channels, const std::vector<int64_t>& block_out_channels,
                                        int64_t embedding_channels);
    at::Tensor forward(const at::Tensor& hint);
    nn::Conv2d conv_in{nullptr}, conv_out{nullptr};
    torch::nn::ModuleList blocks{nullptr};

private:
    std::vector<nn::Conv2d> blocks_;
};
TORCH_MODULE(ControlNetConditioningEmbedding);

class ControlNetModelImpl : public torch::nn::Module {
public:
    explicit ControlNetModelImpl(const ControlNetConfig& config, bool channels_last = true);

    // The control image embedding [N, C_emb, H/8, W/8] of hint [N, conditioning_channels, H, W]
    // (float, 0..1 as sd-webui-controlnet feeds it; inpaint hints use −1 for masked pixels). It
    // depends on the hint only, so a generation computes it once per unit.
    at::Tensor embed_hint(const at::Tensor& hint);

    // Residuals for latent x [B, C, h, w] (only the first config.unet.in_channels channels are
    // used: 9-channel inpainting inputs are cut as sd-webui-controlnet does), timestep(s) t,
    // context [B, S, cross_attention_dim] and the hint embedding [1 or B, C_emb, h, w]. SDXL
    // ControlNets ("text_time") need y = text_embeds ‖ sinusoidal(time_ids) [B, P].
    UNetResiduals forward(const at::Tensor& x, const at::Tensor& t, const at::Tensor& context,
                          const at::Tensor& hint_embedding, const at::Tensor& y = {});

    // y = text_embeds ‖ flatten(sinusoidal(time_ids, addition_time_embed_dim)) (as the UNet's).
    at::Tensor text_time_vector(const at::Tensor& text_embeds, const at::Tensor& time_ids) const;

    const ControlNetConfig& config() const { return config_; }
    at::ScalarType compute_dtype() const;

    nn::Conv2d conv_in{nullptr};
    TimestepEmbedding time_embedding{nullptr};
    TimestepEmbedding add_embedding{nullptr};  // only with addition_embed_type "text_time"
    ControlNetConditioningEmbedding controlnet_cond_embedding{nullptr};
    torch::nn::ModuleList down_blocks{nullptr};
    MidBlock mid_block{nullptr};
    torch::nn::ModuleList controlnet_down_blocks{nullptr};
    nn::Conv2d controlnet_mid_block{nullptr};

private:
    UNetResiduals run(const at::Tensor& x, const at::Tensor& t, const at::Tensor& context,
                      const at::Tensor& hint_embedding, const at::Tensor& y);
    ControlNetConfig config_;
    bool channels_last_;
    std::vector<DownBlock> down_;
    std::vector<nn::Conv2d> zero_convs_;
    torch::nn::GroupNorm dtype_probe_{nullptr};
};
TORCH_MODULE(ControlNetModel);

} // namespace latent
