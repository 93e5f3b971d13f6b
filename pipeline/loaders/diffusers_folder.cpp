#include "pipeline/loaders/diffusers_folder.h"

#include "pipeline/core/error.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace latent {

namespace fs = std::filesystem;

namespace {

constexpr std::uintmax_t kMaxJsonBytes = 64u << 20;  // configs and indexes are small

std::string read_text_file(const fs::path& p, const char* what) {
    std::error_code ec;
    const auto size = fs::file_size(p, ec);
    if (ec) throw PipelineError("io_error", std::string("Cannot read the ") + what + " " + p.string() + ".");
    if (size > kMaxJsonBytes)
        throw PipelineError("bad_model_index", std::string("The ") + what + " " + p.string() + " is too large.");
    std::ifstream in(p, std::ios::binary);
    if (!in) throw PipelineError("io_error", std::string("Cannot open the ") + what + " " + p.string() + ".");
    std::string text(static_cast<size_t>(size), '\0');
    in.read(text.data(), static_cast<std::streamsize>(size));
    if (static_cast<std::uintmax_t>(in.gcount()) != size)
        throw PipelineError("io_error", std::string("Cannot read the ") + what + " " + p.string() + ".");
    return text;
}

nlohmann::json parse_json_file(const fs::path& p, const char* what, const char* code) {
    std::string text = read_text_file(p, what);
    nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object())
        throw PipelineError(code, std::string("The ") + what + " " + p.string() + " is not a valid JSON object.");
    return j;
}

bool is_regular(const fs::path& p) {
    std::error_code ec;
    return fs::is_regular_file(p, ec);  // follows symlinks (Hugging Face cache layout)
}

void open_single(ComponentWeights& w, const fs::path& file) {
    w.files.push_back(SafetensorsFile::open(file.string()));
    const size_t idx = w.files.size() - 1;
    for (const auto& t : w.files.back().tensors()) w.where[t.name] = idx;  // names unique per file (R-rules)
}

void open_sharded(ComponentWeights& w, const fs::path& index_file) {
    const auto map = parse_shard_index(read_text_file(index_file, "shard index"));
    std::map<std::string, size_t> shard_idx;
    for (const auto& [tensor, shard] : map) {
        auto it = shard_idx.find(shard);
        if (it == shard_idx.end()) {
            const fs::path p = index_file.parent_path() / shard;
            if (!is_regular(p))
                throw PipelineError("missing_shard", "The shard \"" + shard + "\" listed in " +
                                                         index_file.filename().string() + " is missing.");
            w.files.push_back(SafetensorsFile::open(p.string()));
            it = shard_idx.emplace(shard, w.files.size() - 1).first;
        }
        if (!w.files[it->second].contains(tensor))
            throw PipelineError("bad_shard_index", "The tensor \"" + tensor + "\" is listed in shard \"" + shard +
                                                       "\" but that file does not contain it.");
        w.where[tensor] = it->second;
    }
    // A tensor stored in two shards is ambiguous even if the index names only one of them.
    std::set<std::string> seen;
    for (const auto& f : w.files)
        for (const auto& t : f.tensors())
            if (!seen.insert(t.name).second)
                throw PipelineError("bad_shard_index",
                                    "The tensor \"" + t.name + "\" is stored in more than one shard.");
}

} // namespace

// ---- shard index --------------------------------------------------------------------------------

std::map<std::string, std::string> parse_shard_index(const std::string& json_text) {
    // Detect duplicate keys inside "weight_map" (nlohmann keeps only the last one).
    std::string top_key;
    std::set<std::string> wm_keys;
    std::string duplicate;
    auto cb = [&](int depth, nlohmann::json::parse_event_t ev, nlohmann::json& parsed) {
        if (ev == nlohmann::json::parse_event_t::key) {
            if (depth == 1 && parsed.is_string()) top_key = parsed.get<std::string>();
            if (depth == 2 && top_key == "weight_map" && parsed.is_string()) {
                if (!wm_keys.insert(parsed.get<std::string>()).second && duplicate.empty())
                    duplicate = parsed.get<std::string>();
            }
        }
        return true;
    };
    nlohmann::json j = nlohmann::json::parse(json_text, cb, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object())
        throw PipelineError("bad_shard_index", "The shard index is not a valid JSON object.");
    if (!duplicate.empty())
        throw PipelineError("bad_shard_index", "The shard index lists the tensor \"" + duplicate + "\" twice.");
    auto it = j.find("weight_map");
    if (it == j.end() || !it->is_object() || it->empty())
        throw PipelineError("bad_shard_index", "The shard index has no \"weight_map\".");
    std::map<std::string, std::string> out;
    for (const auto& [tensor, shard_v] : it->items()) {
        if (!shard_v.is_string())
            throw PipelineError("bad_shard_index", "The shard index entry for \"" + tensor + "\" is not a file name.");
        const std::string shard = shard_v.get<std::string>();
        const bool bad = shard.empty() || shard == "." || shard == ".." || shard.find('/') != std::string::npos ||
                         shard.find('\\') != std::string::npos || shard.find('\0') != std::string::npos ||
                         shard.find(':') != std::string::npos || shard[0] == '~';
        if (bad)
            throw PipelineError("bad_shard_index", "The shard index points outside the model folder (\"" + shard +
                                                       "\"); only file names in the same folder are allowed.");
        if (shard.size() < 12 || shard.compare(shard.size() - 12, 12, ".safetensors") != 0)
            throw PipelineError("bad_shard_index",
                                "The shard \"" + shard + "\" is not a .safetensors file; pickle shards are not loaded.");
        out.emplace(tensor, shard);
    }
    return out;
}

// ---- component weights ------------------------------------------------------------------------

std::vector<std::string> ComponentWeights::keys() const {
    std::vector<std::string> k;
    k.reserve(where.size());
    for (const auto& kv : where) k.push_back(kv.first);
    return k;
}

const TensorInfo& ComponentWeights::info(const std::string& name) const {
    auto it = where.find(name);
    if (it == where.end()) throw PipelineError("not_found", "The tensor \"" + name + "\" is not in " + dir + ".");
    return *files[it->second].find(name);
}

at::Tensor ComponentWeights::load(const std::string& name, std::optional<at::ScalarType> to) const {
    auto it = where.find(name);
    if (it == where.end()) throw PipelineError("not_found", "The tensor \"" + name + "\" is not in " + dir + ".");
    return files[it->second].load(name, to);
}

std::vector<TensorInfo> ComponentWeights::infos() const {
    std::vector<TensorInfo> out;
    out.reserve(where.size());
    for (const auto& [name, idx] : where) out.push_back(*files[idx].find(name));
    return out;
}

ComponentWeights open_component_weights(const std::string& dir_s, const std::string& variant) {
    const fs::path dir(dir_s);
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw PipelineError("not_found", "The model component folder " + dir_s + " does not exist.");
    ComponentWeights w;
    w.dir = dir_s;
    const fs::path cfg = dir / "config.json";
    w.config = is_regular(cfg) ? parse_json_file(cfg, "component config", "bad_config") : nlohmann::json::object();

    static const char* bases[] = {"diffusion_pytorch_model", "model"};
    std::vector<std::pair<fs::path, bool>> candidates;  // (file, sharded)
    auto add_variant = [&](const std::string& v) {
        for (const char* b : bases) {
            candidates.push_back({dir / (std::string(b) + "." + v + ".safetensors"), false});
            candidates.push_back({dir / (std::string(b) + ".safetensors.index." + v + ".json"), true});
        }
    };
    auto add_plain = [&]() {
        for (const char* b : bases) {
            candidates.push_back({dir / (std::string(b) + ".safetensors"), false});
            candidates.push_back({dir / (std::string(b) + ".safetensors.index.json"), true});
        }
    };
    if (!variant.empty()) add_variant(variant);
    add_plain();
    if (variant.empty()) {
        add_variant("fp16");
        add_variant("bf16");
    }
    for (const auto& [file, sharded] : candidates) {
        if (!is_regular(file)) continue;
        if (sharded)
            open_sharded(w, file);
        else
            open_single(w, file);
        return w;
    }
    // Nothing loadable: explain pickle-only folders.
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        const std::string ext = e.path().extension().string();
        if (ext == ".bin" || ext == ".ckpt" || ext == ".pt" || ext == ".pth")
            throw PipelineError("pickle_weights", "The folder " + dir_s + " holds only pickle weights (" +
                                                      e.path().filename().string() +
                                                      "), which can run code when loaded; convert them to "
                                                      ".safetensors first.");
    }
    throw PipelineError("missing_weights_file", "The folder " + dir_s + " has no .safetensors weights.");
}

// ---- folder -----------------------------------------------------------------------------------

bool is_diffusers_folder(const std::string& path) {
    std::error_code ec;
    return fs::is_directory(path, ec) && is_regular(fs::path(path) / "model_index.json");
}

DiffusersFolder open_diffusers_folder(const std::string& path) {
    if (!is_diffusers_folder(path))
        throw PipelineError("not_diffusers_folder", "The folder " + path + " is not a diffusers model (no model_index.json).");
    DiffusersFolder f;
    f.root = path;
    f.model_index = parse_json_file(fs::path(path) / "model_index.json", "model index", "bad_model_index");
    if (auto it = f.model_index.find("_class_name"); it != f.model_index.end() && it->is_string())
        f.pipeline_class = it->get<std::string>();
    for (const auto& [name, v] : f.model_index.items()) {
        if (name.empty() || name[0] == '_') continue;  // _class_name, _diffusers_version, ...
        if (!v.is_array() || v.size() != 2) continue;  // flags such as requires_safety_checker
        if (!v[0].is_string() || !v[1].is_string()) continue;  // [null, null] = absent component
        // Component names become folder names: refuse anything that is not a plain name.
        const bool bad = name == "." || name == ".." || name.find('/') != std::string::npos ||
                         name.find('\\') != std::string::npos;
        if (bad) throw PipelineError("bad_model_index", "The model index names an invalid component \"" + name + "\".");
        f.components[name] = {v[0].get<std::string>(), v[1].get<std::string>()};
    }
    return f;
}

std::string DiffusersFolder::component_dir(const std::string& name) const { return (fs::path(root) / name).string(); }

nlohmann::json DiffusersFolder::component_config(const std::string& name) const {
    const fs::path dir = fs::path(root) / name;
    for (const char* file : {"config.json", "scheduler_config.json"}) {
        const fs::path p = dir / file;
        if (is_regular(p)) return parse_json_file(p, "component config", "bad_config");
    }
    return nlohmann::json::object();
}

ComponentWeights DiffusersFolder::open_weights(const std::string& name, const std::string& variant) const {
    if (!has(name))
        throw PipelineError("missing_component", "The diffusers model has no \"" + name + "\" component.");
    return open_component_weights(component_dir(name), variant);
}

} // namespace latent
