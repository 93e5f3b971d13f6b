// Loads ControlNets (sd-webui-controlnet / A1111 `models/ControlNet`):
//   * single-file safetensors in the CompVis layout (`control_model.*`: input_blocks, zero_convs,
//     input_hint_block, middle_block_out; lllyasviel's releases) or the diffusers layout
//     (`controlnet_cond_embedding.*`, `controlnet_down_blocks.*`, `controlnet_mid_block.*`);
//   * a diffusers ControlNet folder (config.json with `_class_name` ControlNetModel +
//     diffusion_pytorch_model[.fp16].safetensors).
// Pickle files (.pth/.ckpt) are refused here ("pickle_checkpoint"): the app converts them out of
// process first (app/library/safe_convert.h, SAFETY.md case 17). The family a ControlNet is for
// is detected from its tensors (cross-attention width, added embeddings); check_controlnet_fits
// refuses one made for another family. fp16 files keep fp16 Linear/Conv2d weights on a CPU fp32
// run (pipeline/models/layers.h), as the UNet does.
#pragma once

#include "pipeline/loaders/checkpoint_loader.h"
#include "pipeline/loaders/model_family.h"
#include "pipeline/models/controlnet.h"

#include <string>
#include <vector>

namespace latent {

struct LoadedControlNet {
    std::string path;
    std::string layout;  // "controlnet_ldm" or "controlnet_diffusers"
    ModelFamily base_family = ModelFamily::Unknown;  // SD1, SD2, SDXL or Unknown (tiny test models)
    ControlNetConfig config;
    ControlNetModel model{nullptr};
    std::vector<std::string> warnings;
};

// Throws PipelineError: "not_found", "pickle_checkpoint", "wrong_format", "not_a_controlnet"
// (a checkpoint, LoRA, VAE ... named as a ControlNet: says what it is), "missing_weights",
// "unsupported_unet_config".
LoadedControlNet load_controlnet(const std::string& path, const LoadOptions& options = {});

// Detection only (headers and configs, no tensor data): family, layout and config.
ModelDetection detect_controlnet(const std::string& path);

// Refuses (PipelineError "controlnet_mismatch", one sentence naming both families) a ControlNet
// whose down path does not match the UNet it is applied to: another family (SD 1.x vs 2.x vs
// XL: cross-attention width, added embeddings) or another architecture (block widths, layers).
void check_controlnet_fits(const ControlNetConfig& controlnet, ModelFamily controlnet_family, const UNetConfig& unet,
                           ModelFamily unet_family, const std::string& controlnet_name = {});

// "SD 1.x", "SD 2.x", "SDXL", ... for messages.
std::string family_display_name(ModelFamily family);

} // namespace latent
