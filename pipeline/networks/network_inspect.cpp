#include "pipeline/networks/network_inspect.h"

#include "pipeline/core/error.h"
#include "pipeline/loaders/checkpoint_loader.h"
#include "pipeline/loaders/model_family.h"
#include "pipeline/networks/embeddings.h"
#include "pipeline/networks/network_file.h"
#include "pipeline/networks/network_module.h"
#include "pipeline/networks/network_runtime.h"
#include "pipeline/tensors/safetensors.h"

#include <ATen/ATen.h>
#include <c10/core/GradMode.h>

namespace latent {

using nlohmann::json;

namespace {

ClipTextConfig clip_l() { return ClipTextConfig{}; }
ClipTextConfig open_clip(int64_t width, int64_t layers, int64_t heads, bool projection) {
    ClipTextConfig c;
    c.hidden_size = width;
    c.intermediate_size = width * 4;
    c.num_hidden_layers = layers;
    c.num_attention_heads = heads;
    c.hidden_act = "gelu";
    c.with_projection = projection;
    c.projection_dim = width;
    return c;
}

// The layers of a family's real architecture, without weights (nothing initialised).
std::unique_ptr<DiffusionModel> skeleton(const std::string& family) {
    nn::DeferInit defer;
    c10::NoGradGuard no_grad;
    auto m = std::make_unique<DiffusionModel>();
    m->family = family;
    if (family == "sd2") {
        m->text = std::make_shared<TextConditioner>(TextConditioningKind::SD2, ClipTextModel(open_clip(1024, 24, 16, false)));
        m->unet = UNet2DConditionModel(unet_config_sd2(), false);
    } else if (family == "sdxl") {
        m->is_sdxl = true;
        m->text = std::make_shared<TextConditioner>(TextConditioningKind::SDXL, ClipTextModel(clip_l()),
                                                    ClipTextModel(open_clip(1280, 32, 20, true)));
        m->unet = UNet2DConditionModel(unet_config_sdxl(), false);
    } else {
        m->text = std::make_shared<TextConditioner>(TextConditioningKind::SD1, ClipTextModel(clip_l()));
        m->unet = UNet2DConditionModel(unet_config_sd1(), false);
    }
    return m;
}

bool looks_like_network(const NetworkTensors& f) {
    for (const auto& [k, t] : f.tensors) {
        std::string module, part;
        if (split_network_key(k, &module, &part)) return true;
    }
    return false;
}

json match_json(const NetworkMatch& m) {
    json j;
    j["matched"] = m.modules;
    j["text_encoder"] = m.info.text_modules;
    j["unet"] = m.info.unet_modules;
    j["unmatched_tensors"] = m.info.unmatched;
    j["unmatched_first"] = m.info.unmatched_first;
    j["kinds"] = m.kinds;
    return j;
}

} // namespace

std::optional<json> inspect_network_json(const std::string& path, const std::string& model_path) {
    NetworkTensors file = read_network_file(path);
    json j;
    j["format"] = file.format;
    j["tensors"] = file.tensors.size();
    // Embedding?
    bool network = looks_like_network(file);
    if (!network) {
        TextualInversion e;
        try {
            e = load_textual_inversion(path);
        } catch (const PipelineError&) {
            return std::nullopt;
        }
        j["kind"] = "embedding";
        j["vectors"] = e.vectors;
        j["width"] = e.width;
        j["layout"] = e.clip_g.defined() ? "sdxl" : "single";
        const std::string base = e.clip_g.defined() ? "sdxl" : e.width == 768 ? "sd1" : e.width == 1024 ? "sd2" : "";
        j["base_family"] = base.empty() ? json(nullptr) : json(base);
        j["name"] = e.name;
        return j;
    }
    // A network: match it against a model (or the real layers of its family).
    std::vector<std::string> families;
    std::unique_ptr<DiffusionModel> model;
    LoadedCheckpoint ckpt;
    NetworkMatch best;
    std::string best_family;
    auto try_model = [&](DiffusionModel& m, const std::string& family) {
        NetworkRuntime rt(m);
        NetworkMatch match = rt.match(path);
        if (best_family.empty() || match.modules > best.modules) {
            best = std::move(match);
            best_family = family;
        }
    };
    if (!model_path.empty()) {
        LoadOptions o;
        o.load_vae = false;
        ckpt = load_checkpoint(model_path, o);
        auto m = std::make_unique<DiffusionModel>();
        m->family = family_name(ckpt.detection.family);
        m->is_sdxl = ckpt.detection.family == ModelFamily::SDXL;
        m->text = std::make_shared<TextConditioner>(ckpt.make_conditioner(1));
        m->unet = ckpt.unet;
        try_model(*m, m->family);
        j["matched_against"] = model_path;
    } else {
        // The family the file says, else every family (the best match wins).
        auto sd1 = skeleton("sd1");
        NetworkMatch first;
        {
            NetworkRuntime probe(*sd1);
            first = probe.match(path);
        }
        sd1.reset();
        const std::string said = first.info.base_family;
        if (said == "sd1" || said.empty()) {
            best = first;
            best_family = "sd1";
        }
        for (const char* f : {"sd2", "sdxl"})
            if (said == f || said.empty()) {
                auto m = skeleton(f);
                try_model(*m, f);
            }
        j["matched_against"] = best_family + " architecture";
    }
    const AppliedNetwork& info = best.info;
    j["kind"] = info.kind.empty() ? json(nullptr) : json(info.kind);
    j["base_family"] = info.base_family.empty() ? (best.modules ? json(best_family) : json(nullptr)) : json(info.base_family);
    j["base_family_source"] = info.base_family.empty() ? "best match" : "tensors";
    j["rank"] = best.rank ? json(*best.rank) : json(nullptr);
    j["alpha"] = best.alpha ? json(*best.alpha) : json(nullptr);
    j["modules"] = match_json(best);
    json md = json::object();
    for (const auto& [k, v] : file.metadata)
        if (k.rfind("ss_tag_frequency", 0) != 0 && k.rfind("ss_dataset_dirs", 0) != 0 && k.rfind("ss_bucket_info", 0) != 0)
            md[k] = v.size() > 512 ? v.substr(0, 512) + "..." : v;
    j["metadata"] = md;
    return j;
}

} // namespace latent
