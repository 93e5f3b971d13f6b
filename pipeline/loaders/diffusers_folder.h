// Reading Hugging Face diffusers pipeline folders: `model_index.json`, per-component
// `config.json`, weights in `diffusion_pytorch_model[.variant].safetensors` / `model[.variant].safetensors`
// or sharded (`*.safetensors.index.json` + shards). Shard paths are checked: absolute paths,
// `..`, sub-folders, missing shards, a tensor listed twice or absent from its shard are refused.
// Custom code (`auto_map`, `_custom_pipeline`) is ignored, never executed. Pickle weights
// (`.bin`, `.ckpt`) are refused with an explanation.
#pragma once

#include "pipeline/tensors/safetensors.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace latent {

// The weights of one component (one or several safetensors files).
class ComponentWeights {
public:
    std::string dir;                        // component folder
    nlohmann::json config;                  // config.json (empty object when absent)
    std::vector<SafetensorsFile> files;     // opened strictly
    std::map<std::string, size_t> where;    // tensor name -> index into `files`

    std::vector<std::string> keys() const;
    bool contains(const std::string& name) const { return where.count(name) != 0; }
    const TensorInfo& info(const std::string& name) const;
    at::Tensor load(const std::string& name, std::optional<at::ScalarType> to = std::nullopt) const;
    std::vector<TensorInfo> infos() const;  // every tensor (for family detection)
};

struct DiffusersComponent {
    std::string library;    // "diffusers", "transformers", ...
    std::string class_name; // "UNet2DConditionModel", "CLIPTextModel", ...
};

class DiffusersFolder {
public:
    std::string root;
    nlohmann::json model_index;
    std::string pipeline_class;  // model_index "_class_name"
    std::map<std::string, DiffusersComponent> components;  // only non-null entries

    bool has(const std::string& name) const { return components.count(name) != 0; }
    std::string component_dir(const std::string& name) const;
    // Parsed `<component>/config.json` (or `scheduler_config.json`); empty object when missing.
    nlohmann::json component_config(const std::string& name) const;
    // Opens the component's weights. `variant` ("fp16", ...) is preferred when given; without it
    // plain files are preferred and a single variant is used as a fallback.
    ComponentWeights open_weights(const std::string& name, const std::string& variant = {}) const;
};

// True when `path` is a directory holding a model_index.json.
bool is_diffusers_folder(const std::string& path);

// Throws PipelineError("not_diffusers_folder" / "bad_model_index").
DiffusersFolder open_diffusers_folder(const std::string& path);

// Weights of a single component folder (config.json + weights), e.g. a standalone `vae/` folder.
ComponentWeights open_component_weights(const std::string& dir, const std::string& variant = {});

// Validates a sharded index (`weight_map`) text and returns tensor -> shard file name. Pure
// (no file access), throws PipelineError("bad_shard_index", ...). Exposed for tests and fuzzing.
std::map<std::string, std::string> parse_shard_index(const std::string& json_text);

} // namespace latent
