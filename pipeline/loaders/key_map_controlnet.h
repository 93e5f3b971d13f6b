// Key names of CompVis / sd-webui-controlnet ControlNet files (`control_model.*`, the layout of
// lllyasviel's ControlNet and ControlNet-v1-1 releases) <-> diffusers ControlNetModel names.
// Keys are given WITHOUT the `control_model.` prefix.
//
//   time_embed / label_emb / input_blocks / middle_block -> as the UNet (key_map_unet.h)
//   input_hint_block.0              -> controlnet_cond_embedding.conv_in
//   input_hint_block.2k (k = 1..)    -> controlnet_cond_embedding.blocks.(k-1)   (SiLU at odd indices)
//   input_hint_block.<last>         -> controlnet_cond_embedding.conv_out
//   zero_convs.i.0                  -> controlnet_down_blocks.i
//   middle_block_out.0              -> controlnet_mid_block
#pragma once

#include "pipeline/models/controlnet.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace latent {

inline constexpr const char* kLdmControlNetPrefix = "control_model.";

// ldm key -> diffusers key for every key it recognises (others are left out, so callers report
// them as unexpected).
std::map<std::string, std::string> controlnet_ldm_to_diffusers(const std::vector<std::string>& keys_without_prefix,
                                                               const ControlNetConfig& config);

// The inverse, for writers: diffusers key -> ldm key (without the prefix); nullopt if unknown.
std::optional<std::string> controlnet_diffusers_to_ldm(const std::string& diffusers_key, const ControlNetConfig& config);

} // namespace latent
