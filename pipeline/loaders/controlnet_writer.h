// Writes ControlNets to disk in the layouts users bring (for tests and benchmarks):
//   * "ldm": one safetensors file with `control_model.*` names (lllyasviel's layout);
//   * "diffusers": one safetensors file with diffusers names;
//   * a diffusers folder (config.json + diffusion_pytorch_model.safetensors).
// Files carry the diffusers config in `__metadata__` (`reference.unet_config`) so head counts
// survive, and stream tensor by tensor (write_safetensors_streamed).
#pragma once

#include "pipeline/models/controlnet.h"

#include <c10/core/ScalarType.h>

#include <map>
#include <string>

namespace latent {

// A ControlNet with seeded random weights (libtorch's default initialisation after
// at::manual_seed(seed); norms perturbed; the zero convolutions random too, so every residual
// matters in tests).
ControlNetModel make_random_controlnet(const ControlNetConfig& config, uint64_t seed, bool channels_last = false);

// diffusers ControlNetModel.from_unet: copies conv_in, the time (and added) embeddings, the down
// blocks and the mid block of `unet` into `controlnet` (same down-path configuration).
void copy_unet_into_controlnet(UNet2DConditionModelImpl& unet, ControlNetModelImpl& controlnet);

// layout "ldm" or "diffusers". Throws PipelineError (invalid_argument / write_failed).
void write_controlnet_file(const std::string& path, ControlNetModelImpl& model, const std::string& layout,
                           at::ScalarType file_dtype = at::kHalf,
                           const std::map<std::string, std::string>& extra_metadata = {});
// A diffusers ControlNet folder at `dir` (created).
void write_controlnet_folder(const std::string& dir, ControlNetModelImpl& model, at::ScalarType file_dtype = at::kHalf);

} // namespace latent
