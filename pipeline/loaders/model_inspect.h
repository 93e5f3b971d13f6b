// One JSON description of a model file or diffusers folder, for `latentstudio-cli inspect`:
// `format`, `family`, `prediction`, `inpainting`, `layout`, `components` (unet / vae /
// text_encoder / text_encoder_2 / other: parameter counts, tensor counts, dtypes, inferred
// config), `tensors`, `parameters`, `metadata`, `notes`. No hashes (the app layer adds
// sha256 / hash10 / autov1 / the LoRA hash). Reads headers and configs only, never tensor data.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace latent {

// Throws PipelineError for anything that is not a safetensors file or a diffusers folder
// ("pickle_checkpoint" for .ckpt-style pickles, "wrong_format" for LFS pointers, HTML pages, ...,
// plus the strict reader's codes), with a one-sentence plain-English message.
nlohmann::json inspect_model_json(const std::string& path);

} // namespace latent
