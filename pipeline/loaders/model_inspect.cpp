#include "pipeline/loaders/model_inspect.h"

#include "pipeline/core/error.h"
#include "pipeline/loaders/format_sniff.h"
#include "pipeline/loaders/controlnet_loader.h"
#include "pipeline/loaders/model_family.h"
#include "pipeline/tensors/safetensors.h"

#include <filesystem>
#include <fstream>
#include <set>

namespace latent {

using nlohmann::json;

namespace {

struct Tally {
    uint64_t parameters = 0;
    uint64_t tensors = 0;
    std::map<std::string, uint64_t> dtypes;  // dtype -> tensor count
    void add(const TensorInfo& t) {
        uint64_t n = 1;
        for (int64_t d : t.shape) n *= static_cast<uint64_t>(d);
        parameters += n;
        ++tensors;
        ++dtypes[std::string(safe_dtype_name(t.dtype))];
    }
    json to_json() const { return json{{"parameters", parameters}, {"tensors", tensors}, {"dtypes", dtypes}}; }
};

std::string outer_prefix(const std::string& p) {
    for (const char* root : {"cond_stage_model.", "conditioner.embedders.0.", "conditioner.embedders.1.", "text_encoder_2.",
                             "text_encoder."})
        if (p.rfind(root, 0) == 0) return root;
    return p;
}

json metadata_json(const std::map<std::string, std::string>& md) {
    json out = json::object();
    for (const auto& [k, v] : md) {
        // Metadata is shown as text; embedded JSON (configs, kohya ss_* fields) stays a string.
        out[k] = v.size() > 65536 ? v.substr(0, 65536) + "..." : v;
    }
    return out;
}

json detection_json(const ModelDetection& d) {
    json j;
    j["family"] = family_name(d.family);
    j["prediction"] = prediction_name(d.prediction);
    j["prediction_source"] = d.prediction_source;
    if (d.prediction_needs_probe) j["prediction_needs_probe"] = true;
    j["inpainting"] = d.inpainting;
    j["layout"] = d.layout;
    if (d.base_family != ModelFamily::Unknown) j["base_family"] = family_name(d.base_family);
    j["notes"] = d.notes;
    return j;
}

std::vector<std::filesystem::path> component_files(const std::filesystem::path& dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    for (const char* f : {"diffusion_pytorch_model.safetensors", "model.safetensors"})
        if (fs::is_regular_file(dir / f, ec)) return {dir / f};
    for (const char* idx : {"diffusion_pytorch_model.safetensors.index.json", "model.safetensors.index.json"}) {
        if (!fs::is_regular_file(dir / idx, ec)) continue;
        if (fs::file_size(dir / idx, ec) > 16 * 1024 * 1024) throw PipelineError("invalid_model_folder", "The shard index is too large.");
        std::ifstream in(dir / idx, std::ios::binary);
        json j;
        try {
            j = json::parse(in);
        } catch (const std::exception&) {
            throw PipelineError("invalid_model_folder", "The shard index '" + (dir / idx).string() + "' is not valid JSON.");
        }
        std::set<std::string> shards;
        if (j.contains("weight_map") && j["weight_map"].is_object())
            for (auto it = j["weight_map"].begin(); it != j["weight_map"].end(); ++it) {
                if (!it.value().is_string()) throw PipelineError("invalid_model_folder", "The shard index names a non-string file.");
                const std::string s = it.value();
                if (s.empty() || s.find('/') != std::string::npos || s.find('\\') != std::string::npos || s == "." || s == "..")
                    throw PipelineError("invalid_model_folder", "The shard index names a file outside its folder.");
                shards.insert(s);
            }
        std::vector<fs::path> out;
        for (const auto& s : shards) out.push_back(dir / s);
        return out;
    }
    for (const char* f : {"diffusion_pytorch_model.fp16.safetensors", "model.fp16.safetensors"})
        if (fs::is_regular_file(dir / f, ec)) return {dir / f};
    return {};
}

json inspect_folder(const std::string& path) {
    const ModelDetection d = detect_diffusers_folder(path);
    json j = detection_json(d);
    j["format"] = format_name(FileFormat::DiffusersFolder);
    json comps = json::object();
    uint64_t total_t = 0, total_p = 0;
    const std::pair<const char*, const json*> parts[] = {{"unet", &d.unet_config},
                                                         {"vae", &d.vae_config},
                                                         {"text_encoder", &d.text_encoder_config},
                                                         {"text_encoder_2", &d.text_encoder_2_config}};
    for (const auto& [name, cfg] : parts) {
        const auto dir = std::filesystem::path(path) / name;
        std::error_code ec;
        if (!std::filesystem::is_directory(dir, ec)) continue;
        Tally t;
        json files = json::array();
        for (const auto& f : component_files(dir)) {
            const SafetensorsFile sf = SafetensorsFile::open(f.string());
            for (const auto& ti : sf.tensors()) t.add(ti);
            files.push_back(f.filename().string());
        }
        json c = t.to_json();
        c["files"] = files;
        c["config"] = *cfg;
        comps[name] = c;
        total_t += t.tensors;
        total_p += t.parameters;
    }
    j["components"] = comps;
    j["tensors"] = total_t;
    j["parameters"] = total_p;
    j["metadata"] = json::object();
    return j;
}

// A diffusers ControlNet folder (config.json + weights, no model_index.json).
json inspect_controlnet_folder(const std::string& path) {
    const ModelDetection d = detect_controlnet(path);
    json j = detection_json(d);
    j["format"] = "controlnet_folder";
    Tally t;
    json files = json::array();
    for (const auto& f : component_files(path)) {
        const SafetensorsFile sf = SafetensorsFile::open(f.string());
        for (const auto& ti : sf.tensors()) t.add(ti);
        files.push_back(f.filename().string());
    }
    json c = t.to_json();
    c["files"] = files;
    c["config"] = d.unet_config;
    j["components"] = json{{"controlnet", c}};
    j["tensors"] = t.tensors;
    j["parameters"] = t.parameters;
    j["metadata"] = json::object();
    return j;
}

} // namespace

json inspect_model_json(const std::string& path) {
    const FileFormat f = sniff_format(path);
    if (f == FileFormat::DiffusersFolder) return inspect_folder(path);
    if (f == FileFormat::Directory && std::filesystem::is_regular_file(std::filesystem::path(path) / "config.json"))
        return inspect_controlnet_folder(path);
    if (format_is_pickle(f))
        throw PipelineError("pickle_checkpoint", format_explanation(f));
    if (f == FileFormat::Unknown) {
        // Not recognisably anything: the strict reader says precisely why it is not a
        // safetensors file (too short, header size beyond the file or above 100 MB, ...).
        (void)SafetensorsFile::open(path);
    }
    if (f != FileFormat::Safetensors)
        throw PipelineError("wrong_format", "'" + std::filesystem::path(path).filename().string() +
                                                "' is not a model file Latent Studio can read. " + format_explanation(f));
    const SafetensorsFile file = SafetensorsFile::open(path);
    ModelDetection d = detect_model(file.tensors(), file.metadata());
    apply_sidecar_prediction(d, path);
    json j = detection_json(d);
    j["format"] = format_name(f);

    struct Comp {
        const char* name;
        std::string prefix;
        const json* config;
        Tally tally;
    };
    std::vector<Comp> comps;
    auto add = [&](const char* name, const std::string& prefix, const std::string& layout, const json& cfg) {
        if (layout.empty() && cfg.is_null()) return;
        comps.push_back({name, outer_prefix(prefix), &cfg, {}});
    };
    add(d.family == ModelFamily::ControlNet ? "controlnet" : "unet", d.unet_prefix, d.unet_layout, d.unet_config);
    add("vae", d.vae_prefix, d.vae_layout, d.vae_config);
    add("text_encoder", d.text_encoder_prefix, d.text_encoder_layout, d.text_encoder_config);
    add("text_encoder_2", d.text_encoder_2_prefix, d.text_encoder_2_layout, d.text_encoder_2_config);
    Tally other, all;
    for (const auto& t : file.tensors()) {
        all.add(t);
        Comp* hit = nullptr;
        for (auto& c : comps)
            if (!c.prefix.empty() && t.name.compare(0, c.prefix.size(), c.prefix) == 0) {
                hit = &c;
                break;
            }
        if (!hit)
            for (auto& c : comps)
                if (c.prefix.empty()) {
                    hit = &c;
                    break;
                }
        if (hit) hit->tally.add(t);
        else other.add(t);
    }
    json cj = json::object();
    for (const auto& c : comps) {
        json x = c.tally.to_json();
        x["prefix"] = c.prefix;
        x["config"] = *c.config;
        cj[c.name] = x;
    }
    if (other.tensors) {
        json x = other.to_json();
        x["config"] = nullptr;
        cj[d.family == ModelFamily::LoRA ? "lora" : d.family == ModelFamily::Embedding ? "embedding" : "other"] = x;
    }
    j["components"] = cj;
    j["tensors"] = all.tensors;
    j["parameters"] = all.parameters;
    j["dtypes"] = all.dtypes;
    j["metadata"] = metadata_json(file.metadata());
    return j;
}

} // namespace latent
