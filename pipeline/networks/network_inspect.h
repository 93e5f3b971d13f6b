// `latentstudio-cli inspect` for network and embedding files: what the file is (lora, locon,
// loha, lokr, ia3, full, norm, dora, embedding), the model family it is made for, rank / alpha,
// vectors, and how many of its modules match a model's layers. Without a model, the layers of
// the real architecture of its family are used (built without weights); with `model_path`, that
// checkpoint's. Reads .pt / .bin / .ckpt only through the restricted reader.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace latent {

// nullopt when the file is neither a network nor an embedding (e.g. a checkpoint). Throws
// PipelineError when the file cannot be read or the model cannot be loaded.
std::optional<nlohmann::json> inspect_network_json(const std::string& path, const std::string& model_path = {});

} // namespace latent
