#include "pipeline/loaders/controlnet_loader.h"

#include "pipeline/core/error.h"
#include "pipeline/loaders/diffusers_folder.h"
#include "pipeline/loaders/format_sniff.h"
#include "pipeline/loaders/key_map_controlnet.h"
#include "pipeline/loaders/state_dict.h"
#include "pipeline/tensors/safetensors.h"

#include <ATen/ATen.h>
#include <c10/core/GradMode.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <set>

namespace latent {

namespace fs = std::filesystem;

namespace {

using Shapes = std::map<std::string, std::vector<int64_t>>;

bool starts_with(std::string_view s, std::string_view p) { return s.size() >= p.size() && s.substr(0, p.size()) == p; }

std::string join_first(const std::vector<std::string>& v, size_t n) {
    std::string out;
    for (size_t i = 0; i < v.size() && i < n; ++i) out += (i ? ", " : "") + v[i];
    if (v.size() > n) out += ", ...";
    return out;
}

std::string file_name(const std::string& path) { return fs::path(path).filename().string(); }

[[noreturn]] void not_a_controlnet(const std::string& path, const ModelDetection& d) {
    std::string what;
    switch (d.family) {
    case ModelFamily::SD1:
    case ModelFamily::SD2:
    case ModelFamily::SDXL:
    case ModelFamily::SDXLRefiner:
        what = "a " + family_display_name(d.family) + " checkpoint";
        break;
    case ModelFamily::LoRA: what = "a LoRA"; break;
    case ModelFamily::VAE: what = "a VAE"; break;
    case ModelFamily::Embedding: what = "a textual-inversion embedding"; break;
    default: what = "not a model this program recognises"; break;
    }
    throw PipelineError("not_a_controlnet", "'" + file_name(path) + "' is " + what + ", not a ControlNet.");
}

// Widths of the hint embedding from canonical (diffusers) shapes.
void infer_hint_embedding(const Shapes& s, ControlNetConfig& c) {
    auto shape = [&](const std::string& k) -> const std::vector<int64_t>* {
        auto it = s.find(k);
        return it == s.end() || it->second.size() != 4 ? nullptr : &it->second;
    };
    const auto* in = shape("controlnet_cond_embedding.conv_in.weight");
    if (!in) throw PipelineError("missing_weights", "The ControlNet has no control-image embedding (input_hint_block).");
    c.conditioning_channels = (*in)[1];
    std::vector<int64_t> widths{(*in)[0]};
    for (int i = 1;; i += 2) {
        const auto* b = shape("controlnet_cond_embedding.blocks." + std::to_string(i) + ".weight");
        if (!b) break;
        widths.push_back((*b)[0]);
    }
    c.conditioning_embedding_out_channels = widths;
}

struct Source {
    std::vector<TensorInfo> infos;
    std::map<std::string, std::string> metadata;
    std::function<at::Tensor(const std::string&)> load;
};

Source open_source(const std::string& path, const std::string& variant) {
    Source src;
    const FileFormat f = sniff_format(path);
    if (f == FileFormat::Directory || f == FileFormat::DiffusersFolder) {
        if (f == FileFormat::DiffusersFolder || !fs::exists(fs::path(path) / "config.json"))
            throw PipelineError("not_a_controlnet", "The folder '" + file_name(path) +
                                                        "' is not a diffusers ControlNet (config.json with "
                                                        "ControlNetModel and its weights).");
        auto w = std::make_shared<ComponentWeights>(open_component_weights(path, variant));
        src.infos = w->infos();
        if (w->config.is_object()) {
            const std::string cls = w->config.value("_class_name", std::string());
            if (!cls.empty() && cls.find("ControlNet") == std::string::npos)
                throw PipelineError("not_a_controlnet",
                                    "The folder '" + file_name(path) + "' holds a " + cls + ", not a ControlNet.");
            src.metadata["reference.unet_config"] = w->config.dump();
        }
        src.load = [w](const std::string& k) { return w->load(k); };
        return src;
    }
    if (f != FileFormat::Safetensors) {
        if (format_is_pickle(f))
            throw PipelineError("pickle_checkpoint",
                                "'" + file_name(path) + "' is a pickle file (.pth/.ckpt); it must be converted to "
                                "safetensors before it is used (" + format_explanation(f) + ")");
        throw PipelineError("wrong_format", "'" + file_name(path) + "': " + format_explanation(f));
    }
    auto file = std::make_shared<SafetensorsFile>(SafetensorsFile::open(path));
    src.infos = file->tensors();
    src.metadata = file->metadata();
    src.load = [file](const std::string& k) { return file->load(k); };
    return src;
}

} // namespace

std::string family_display_name(ModelFamily f) {
    switch (f) {
    case ModelFamily::SD1: return "SD 1.x";
    case ModelFamily::SD2: return "SD 2.x";
    case ModelFamily::SDXL: return "SDXL";
    case ModelFamily::SDXLRefiner: return "the SDXL refiner";
    case ModelFamily::ControlNet: return "ControlNet";
    default: return "an unknown family";
    }
}

ModelDetection detect_controlnet(const std::string& path) {
    Source src = open_source(path, {});
    ModelDetection d = detect_model(src.infos, src.metadata);
    if (d.family != ModelFamily::ControlNet) not_a_controlnet(path, d);
    return d;
}

LoadedControlNet load_controlnet(const std::string& path, const LoadOptions& opt) {
    Source src = open_source(path, opt.variant);
    LoadedControlNet out;
    out.path = path;
    ModelDetection d = detect_model(src.infos, src.metadata);
    if (d.family != ModelFamily::ControlNet) not_a_controlnet(path, d);
    out.layout = d.layout;
    out.base_family = d.base_family;

    // Canonical (diffusers) names -> source keys.
    std::map<std::string, std::string> canonical;  // diffusers key -> source key
    std::vector<std::string> unused;
    ControlNetConfig cfg = controlnet_config_from_json(d.unet_config);
    if (d.unet_layout == "ldm") {
        std::vector<std::string> keys;
        for (const auto& t : src.infos)
            if (starts_with(t.name, d.unet_prefix)) keys.push_back(t.name.substr(d.unet_prefix.size()));
        // The hint embedding's depth decides conv_out's CompVis index: count its convolutions first.
        int64_t hint_convs = 0;
        for (const auto& k : keys)
            if (starts_with(k, "input_hint_block.") && k.size() > 7 && k.compare(k.size() - 7, 7, ".weight") == 0)
                ++hint_convs;
        if (hint_convs >= 2)
            cfg.conditioning_embedding_out_channels.assign(static_cast<size_t>(1 + (hint_convs - 2) / 2), 0);
        for (const auto& [ldm, diff] : controlnet_ldm_to_diffusers(keys, cfg)) canonical[diff] = d.unet_prefix + ldm;
        std::set<std::string> mapped;
        for (const auto& [diff, s] : canonical) mapped.insert(s);
        for (const auto& t : src.infos)
            if (!mapped.count(t.name)) unused.push_back(t.name);
    } else {
        for (const auto& t : src.infos) canonical[t.name] = t.name;
    }
    Shapes shapes;
    {
        std::map<std::string, const TensorInfo*> by_name;
        for (const auto& t : src.infos) by_name[t.name] = &t;
        for (const auto& [diff, s] : canonical) shapes[diff] = by_name.at(s)->shape;
    }
    infer_hint_embedding(shapes, cfg);
    out.config = cfg;

    WeightMap w;
    for (const auto& [diff, s] : canonical) w[diff] = [load = src.load, s = s]() { return load(s); };

    c10::NoGradGuard no_grad;
    nn::DeferInit defer;  // every weight comes from the file
    out.model = ControlNetModel(cfg, opt.unet_channels_last);
    const at::ScalarType dtype = opt.dtype ? *opt.dtype : (opt.device.is_cuda() ? at::kHalf : at::kFloat);
    out.model->to(opt.device, dtype);
    out.model->eval();
    std::set<std::string> narrow;
    if (opt.keep_half_weights && opt.device.is_cpu() && dtype == at::kFloat)
        for (auto& name : nn::widening_parameter_names(*out.model)) narrow.insert(std::move(name));
    LoadReport r;
    try {
        r = load_weights(*out.model, w, /*strict=*/false, {"position_ids"}, &narrow);
    } catch (const PipelineError& e) {
        throw PipelineError(e.code(), "Loading the ControlNet '" + file_name(path) + "' failed: " + e.what());
    }
    if (!r.ok())
        throw PipelineError("missing_weights", "The ControlNet '" + file_name(path) +
                                                   "' does not match the expected architecture: " + r.summary() + ".");
    for (const auto& k : r.unexpected) unused.push_back(k);
    if (!unused.empty())
        out.warnings.push_back("ControlNet: " + std::to_string(unused.size()) + " tensors of the file are not used (first: " +
                               join_first(unused, 3) + ")");
    return out;
}

void check_controlnet_fits(const ControlNetConfig& cn, ModelFamily cn_family, const UNetConfig& unet,
                           ModelFamily unet_family, const std::string& name) {
    const UNetConfig& c = cn.unet;
    const bool same_family = cn_family == ModelFamily::Unknown || unet_family == ModelFamily::Unknown ||
                             cn_family == unet_family;
    const bool fits = c.cross_attention_dim == unet.cross_attention_dim &&
                      c.addition_embed_type == unet.addition_embed_type &&
                      c.block_out_channels == unet.block_out_channels && c.layers_per_block == unet.layers_per_block &&
                      c.down_block_attention == unet.down_block_attention;
    const std::string who = name.empty() ? std::string("The ControlNet") : "The ControlNet '" + name + "'";
    if (!same_family)
        throw PipelineError("controlnet_mismatch", who + " is for " + family_display_name(cn_family) +
                                                       " models, but the loaded model is " +
                                                       family_display_name(unet_family) + ".");
    if (!fits) {
        auto describe = [](const UNetConfig& u) {
            std::string s = "context width " + std::to_string(u.cross_attention_dim) + ", blocks ";
            for (size_t i = 0; i < u.block_out_channels.size(); ++i)
                s += (i ? "/" : "") + std::to_string(u.block_out_channels[i]);
            return s;
        };
        throw PipelineError("controlnet_mismatch", who + " (" + family_display_name(cn_family) + ", " + describe(c) +
                                                       ") does not fit the loaded model (" +
                                                       family_display_name(unet_family) + ", " + describe(unet) + ").");
    }
}

} // namespace latent
