// Canonical (diffusers AutoencoderKL) names for VAE weights stored in the LDM/CompVis layout
// (`first_stage_model.encoder.down.N.block.M...`, standalone `.vae.safetensors` files with
// `encoder.down...`) or in the diffusers layout (including the old attention names
// `query/key/value/proj_attn`). Mapping facts as in diffusers' convert_ldm_vae_checkpoint:
//   {encoder,decoder}.norm_out -> conv_norm_out; down.I.block.J -> down_blocks.I.resnets.J;
//   down.I.downsample.conv -> down_blocks.I.downsamplers.0.conv;
//   up.I.block.J -> up_blocks.(n-1-I).resnets.J; up.I.upsample.conv -> up_blocks.(n-1-I).upsamplers.0.conv;
//   mid.block_1/2 -> mid_block.resnets.0/1; mid.attn_1.{norm,q,k,v,proj_out} ->
//   mid_block.attentions.0.{group_norm,to_q,to_k,to_v,to_out.0} (1x1 convs become linears at load);
//   nin_shortcut -> conv_shortcut.
#pragma once

#include "pipeline/loaders/key_map_text.h"

namespace latent {

enum class VaeKeyLayout { None, Ldm, Diffusers };

VaeKeyLayout detect_vae_layout(const std::vector<std::string>& keys, std::string_view prefix);

// Maps the VAE keys under `prefix` ("first_stage_model." in single files, "" for standalone
// files and diffusers `vae/`) to canonical names. Training leftovers (`loss.*`, `model_ema.*`)
// go to `ignored`, anything else not understood to `unknown`.
KeyMapping map_vae_keys(const std::vector<std::string>& keys, std::string_view prefix,
                        std::vector<std::string>* ignored = nullptr, std::vector<std::string>* unknown = nullptr);

} // namespace latent
