// Key names of single-file (CompVis / A1111 / SGM) UNet weights -> diffusers UNet2DConditionModel
// names, computed from the UNet config (layers per block, number of blocks, which blocks have
// attention). Keys are given WITHOUT the `model.diffusion_model.` prefix.
//
//   time_embed.0/2                 -> time_embedding.linear_1/2
//   label_emb.0.0/0.2              -> add_embedding.linear_1/2            (SDXL)
//   input_blocks.0.0               -> conv_in
//   input_blocks.N.0 (resnet)      -> down_blocks.b.resnets.l            (in_layers.0 -> norm1, in_layers.2 ->
//   input_blocks.N.1 (attention)   -> down_blocks.b.attentions.l          conv1, emb_layers.1 -> time_emb_proj,
//   input_blocks.N.0.op            -> down_blocks.b.downsamplers.0.conv   out_layers.0 -> norm2, out_layers.3 ->
//   middle_block.0/1/2             -> mid_block.resnets.0/attentions.0/resnets.1   conv2, skip_connection ->
//   output_blocks.N.0/1            -> up_blocks.b.resnets.l / attentions.l         conv_shortcut)
//   output_blocks.N.{1|2}.conv     -> up_blocks.b.upsamplers.0.conv
//   out.0/out.2                    -> conv_norm_out / conv_out
#pragma once

#include "pipeline/models/unet_config.h"

#include <map>
#include <string>
#include <vector>

namespace latent {

// Returns ldm key -> diffusers key for every key it recognises; keys it does not recognise (or
// that do not fit the config, e.g. a block index beyond the config) are left out, so callers can
// report them as unexpected.
std::map<std::string, std::string> unet_ldm_to_diffusers(const std::vector<std::string>& keys_without_prefix,
                                                         const UNetConfig& config);

// The single-file prefix of UNet weights.
inline constexpr const char* kLdmUNetPrefix = "model.diffusion_model.";

} // namespace latent
