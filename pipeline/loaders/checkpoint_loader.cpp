#include "pipeline/loaders/checkpoint_loader.h"

#include "pipeline/core/error.h"
#include "pipeline/loaders/diffusers_folder.h"
#include "pipeline/loaders/format_sniff.h"
#include "pipeline/loaders/key_map_text.h"
#include "pipeline/loaders/key_map_unet.h"
#include "pipeline/loaders/key_map_vae.h"
#include "pipeline/tensors/safetensors.h"

#include <ATen/ATen.h>
#include <c10/core/GradMode.h>
#include <c10/core/InferenceMode.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>

namespace latent {

namespace fs = std::filesystem;

namespace {

using Shapes = std::map<std::string, std::vector<int64_t>>;
using SourceLoader = std::function<at::Tensor(const std::string&)>;

at::ScalarType compute_dtype(const LoadOptions& o) {
    if (o.dtype) return *o.dtype;
    return o.device.is_cuda() ? at::kHalf : at::kFloat;
}

bool starts_with(std::string_view s, std::string_view p) { return s.size() >= p.size() && s.substr(0, p.size()) == p; }

std::string join_first(const std::vector<std::string>& v, size_t n) {
    std::string out;
    for (size_t i = 0; i < v.size() && i < n; ++i) out += (i ? ", " : "") + v[i];
    if (v.size() > n) out += ", ...";
    return out;
}

// Shape of the canonical tensor a KeySource produces.
std::vector<int64_t> mapped_shape(const KeySource& s, const std::vector<int64_t>& src) {
    std::vector<int64_t> out = src;
    if (s.op == KeySource::Op::Transpose && out.size() == 2) std::swap(out[0], out[1]);
    if (s.op == KeySource::Op::Chunk && !out.empty() && s.chunk_count > 0) out[0] /= s.chunk_count;
    return out;
}

Shapes canonical_shapes(const KeyMapping& map, const Shapes& source) {
    Shapes out;
    for (const auto& [canonical, s] : map) {
        auto it = source.find(s.key);
        if (it != source.end()) out[canonical] = mapped_shape(s, it->second);
    }
    return out;
}

WeightMap make_weight_map(const KeyMapping& map, const SourceLoader& load, std::set<std::string>* used) {
    WeightMap w;
    for (const auto& [canonical, s] : map) {
        if (used) used->insert(s.key);
        w[canonical] = [load, s = s]() { return s.apply(load(s.key)); };
    }
    return w;
}

// Moves the (randomly initialised) module to the target device/dtype, then streams the weights in.
void load_component(torch::nn::Module& module, const WeightMap& weights, const char* component,
                    const LoadOptions& opt, std::vector<std::string>& warnings) {
    module.to(opt.device, compute_dtype(opt));
    module.eval();
    std::set<std::string> narrow;
    if (opt.keep_half_weights && opt.device.is_cpu() && compute_dtype(opt) == at::kFloat)
        for (auto& name : nn::widening_parameter_names(module)) narrow.insert(std::move(name));
    LoadReport r;
    try {
        r = load_weights(module, weights, /*strict=*/false, {"position_ids"}, &narrow);
    } catch (const PipelineError& e) {
        throw PipelineError(e.code(), std::string("Loading the ") + component + " failed: " + e.what());
    }
    if (!r.ok())
        throw PipelineError("missing_weights", std::string("The ") + component +
                                                   " weights do not match the expected architecture: " + r.summary() + ".");
    if (!r.unexpected.empty())
        warnings.push_back(std::string(component) + ": " + std::to_string(r.unexpected.size()) +
                           " unexpected tensors (first: " + join_first(r.unexpected, 3) + ")");
}

bool json_has_object(const nlohmann::json& j) { return j.is_object() && !j.empty(); }

// Inferred widths win; heads / activation / eps come from the config when the widths agree.
ClipTextConfig merge_text_config(const nlohmann::json& given, const Shapes& shapes, bool openclip, bool projection,
                                 std::vector<std::string>& warnings, const char* component) {
    ClipTextConfig inferred = infer_clip_text_config(shapes, openclip);
    if (!json_has_object(given)) {
        inferred.with_projection = projection && inferred.with_projection;
        return inferred;
    }
    ClipTextConfig c = clip_text_config_from_json(given);
    if (c.hidden_size != inferred.hidden_size || c.num_hidden_layers != inferred.num_hidden_layers ||
        c.intermediate_size != inferred.intermediate_size || c.vocab_size != inferred.vocab_size ||
        c.max_position_embeddings != inferred.max_position_embeddings) {
        warnings.push_back(std::string(component) + ": configuration does not match the weights; using the shapes");
        const int64_t heads = inferred.hidden_size % c.num_attention_heads == 0 ? c.num_attention_heads
                                                                                : inferred.num_attention_heads;
        c = inferred;
        c.num_attention_heads = heads;
    }
    c.with_projection = projection && inferred.with_projection;
    if (c.with_projection) c.projection_dim = inferred.projection_dim;
    return c;
}

VaeConfig merge_vae_config(const nlohmann::json& given, const Shapes& shapes, std::optional<double> scale) {
    VaeConfig inferred = infer_vae_config(shapes);
    VaeConfig c = json_has_object(given) ? vae_config_from_json(given) : inferred;
    // Shapes are the truth for the layout.
    c.block_out_channels = inferred.block_out_channels;
    c.layers_per_block = inferred.layers_per_block;
    c.latent_channels = inferred.latent_channels;
    c.in_channels = inferred.in_channels;
    c.out_channels = inferred.out_channels;
    c.use_quant_conv = inferred.use_quant_conv;
    c.use_post_quant_conv = inferred.use_post_quant_conv;
    c.mid_block_add_attention = inferred.mid_block_add_attention;
    if (scale) c.scaling_factor = *scale;
    return c;
}

double default_vae_scale(ModelFamily f) {
    return (f == ModelFamily::SDXL || f == ModelFamily::SDXLRefiner) ? 0.13025 : 0.18215;
}

bool is_ignorable_single_file_key(const std::string& k) {
    static const std::set<std::string> ddpm = {
        "betas", "alphas_cumprod", "alphas_cumprod_prev", "sqrt_alphas_cumprod", "sqrt_one_minus_alphas_cumprod",
        "log_one_minus_alphas_cumprod", "sqrt_recip_alphas_cumprod", "sqrt_recipm1_alphas_cumprod",
        "posterior_variance", "posterior_log_variance_clipped", "posterior_mean_coef1", "posterior_mean_coef2",
        "lvlb_weights", "logvar", "model_ema.decay", "model_ema.num_updates"};
    if (ddpm.count(k)) return true;
    if (starts_with(k, "model_ema.")) return true;
    if (k.size() >= 12 && k.compare(k.size() - 12, 12, "position_ids") == 0) return true;
    return false;
}

void note_unused(const std::vector<std::string>& keys, const std::set<std::string>& used,
                 std::vector<std::string>& warnings) {
    std::vector<std::string> unused;
    for (const auto& k : keys)
        if (!used.count(k) && !is_ignorable_single_file_key(k)) unused.push_back(k);
    if (!unused.empty())
        warnings.push_back(std::to_string(unused.size()) + " tensors of the file are not used (first: " +
                           join_first(unused, 3) + ")");
}

ClipTextModel build_text_encoder(const ClipTextConfig& cfg, const KeyMapping& map, const SourceLoader& load,
                                 std::set<std::string>* used, const char* component, const LoadOptions& opt,
                                 std::vector<std::string>& warnings) {
    ClipTextModel te(cfg);
    load_component(*te, make_weight_map(map, load, used), component, opt, warnings);
    return te;
}

std::string text_component_name(int i) { return i == 0 ? "text encoder" : "second text encoder"; }

// ---- single file --------------------------------------------------------------------------------

LoadedCheckpoint load_single_file(const std::string& path, const LoadOptions& opt) {
    SafetensorsFile file = SafetensorsFile::open(path);
    LoadedCheckpoint out;
    out.path = path;
    out.source = "single_file";
    out.detection = detect_model(file.tensors(), file.metadata());
    const ModelFamily fam = out.detection.family;
    switch (fam) {
    case ModelFamily::SD1:
    case ModelFamily::SD2:
    case ModelFamily::SDXL:
    case ModelFamily::SDXLRefiner:
        break;
    case ModelFamily::VAE:
        throw PipelineError("not_a_checkpoint", "This file is a standalone VAE, not a checkpoint; choose it as the VAE instead.");
    case ModelFamily::LoRA:
        throw PipelineError("not_a_checkpoint", "This file is a LoRA, not a checkpoint; use it from the prompt with <lora:name:weight>.");
    case ModelFamily::Embedding:
        throw PipelineError("not_a_checkpoint", "This file is a textual-inversion embedding, not a checkpoint.");
    case ModelFamily::ControlNet:
        throw PipelineError("not_a_checkpoint", "This file is a ControlNet, not a checkpoint.");
    default:
        throw PipelineError("unsupported_model", "This file is not a Stable Diffusion 1.x, 2.x or XL checkpoint.");
    }
    bool prediction_decided = false;
    if (opt.prediction_override) {
        apply_prediction_override(out.detection, *opt.prediction_override, "user");
        prediction_decided = true;
    } else if (apply_sidecar_prediction(out.detection, path)) {
        prediction_decided = true;
    }
    out.prediction = out.detection.prediction;

    std::vector<std::string> keys;
    Shapes shapes;
    for (const auto& t : file.tensors()) {
        keys.push_back(t.name);
        shapes[t.name] = t.shape;
    }
    SourceLoader load = [file](const std::string& k) { return file.load(k); };
    std::set<std::string> used;
    c10::NoGradGuard no_grad;

    if (opt.load_text_encoders) {
        struct TextSpec {
            std::string prefix;
            bool projection;
            const nlohmann::json* config;
        };
        std::vector<TextSpec> specs;
        const auto& d = out.detection;
        // Detection prefixes of HF layouts end with "text_model."; our key map wants the level above.
        auto base_prefix = [](std::string p) {
            const std::string tm = "text_model.";
            if (p.size() >= tm.size() && p.compare(p.size() - tm.size(), tm.size(), tm) == 0) p.resize(p.size() - tm.size());
            return p;
        };
        switch (fam) {
        case ModelFamily::SD1: out.text_kind = TextConditioningKind::SD1; break;
        case ModelFamily::SD2: out.text_kind = TextConditioningKind::SD2; break;
        case ModelFamily::SDXL: out.text_kind = TextConditioningKind::SDXL; break;
        default: out.text_kind = TextConditioningKind::SDXLRefiner; break;
        }
        if (fam == ModelFamily::SDXLRefiner) {
            if (!d.text_encoder_2_prefix.empty())
                specs.push_back({base_prefix(d.text_encoder_2_prefix), true, &d.text_encoder_2_config});
        } else {
            if (!d.text_encoder_prefix.empty())
                specs.push_back({base_prefix(d.text_encoder_prefix), false, &d.text_encoder_config});
            if (fam == ModelFamily::SDXL && !d.text_encoder_2_prefix.empty())
                specs.push_back({base_prefix(d.text_encoder_2_prefix), true, &d.text_encoder_2_config});
        }
        const size_t needed = fam == ModelFamily::SDXL ? 2 : 1;
        if (specs.size() < needed)
            throw PipelineError("missing_weights", "The checkpoint has no " + text_component_name(int(specs.size())) +
                                                       " weights; it cannot encode prompts.");
        for (size_t i = 0; i < specs.size(); ++i) {
            const auto& s = specs[i];
            const TextKeyLayout layout = detect_text_layout(keys, s.prefix);
            if (layout == TextKeyLayout::None)
                throw PipelineError("missing_weights", "The checkpoint has no " + text_component_name(int(i)) +
                                                           " weights (expected \"" + s.prefix + "*\").");
            KeyMapping map = map_text_encoder_keys(keys, s.prefix, s.projection);
            ClipTextConfig cfg = merge_text_config(*s.config, canonical_shapes(map, shapes),
                                                   layout == TextKeyLayout::OpenClip, s.projection, out.warnings,
                                                   text_component_name(int(i)).c_str());
            if (s.projection && !cfg.with_projection)
                throw PipelineError("missing_weights", "The checkpoint's " + text_component_name(int(i)) +
                                                           " has no text projection.");
            // Ignored keys (position_ids, logit_scale, unused projection) count as used.
            std::vector<std::string> ignored;
            map_text_encoder_keys(keys, s.prefix, s.projection, &ignored);
            used.insert(ignored.begin(), ignored.end());
            ClipTextModel te = build_text_encoder(cfg, map, load, &used, text_component_name(int(i)).c_str(), opt,
                                                  out.warnings);
            if (i == 0)
                out.te1 = te;
            else
                out.te2 = te;
        }
    }

    if (opt.load_unet) {
        const std::string prefix = out.detection.unet_layout.empty() ? std::string(kLdmUNetPrefix)
                                                                      : out.detection.unet_prefix;
        std::vector<std::string> unet_keys;
        for (const auto& k : keys)
            if (starts_with(k, prefix)) unet_keys.push_back(k.substr(prefix.size()));
        if (unet_keys.empty() || out.detection.unet_layout.empty())
            throw PipelineError("missing_weights", "The checkpoint has no UNet weights (\"model.diffusion_model.*\").");
        UNetConfig cfg = unet_config_from_json(out.detection.unet_config);
        WeightMap w;
        if (out.detection.unet_layout == "diffusers") {
            for (const auto& k : unet_keys) {
                const std::string src = prefix + k;
                used.insert(src);
                w[k] = [load, src]() { return load(src); };
            }
        } else {
            auto names = unet_ldm_to_diffusers(unet_keys, cfg);
            for (const auto& [ldm, diff] : names) {
                const std::string src = prefix + ldm;
                used.insert(src);
                w[diff] = [load, src]() { return load(src); };
            }
        }
        out.unet = UNet2DConditionModel(cfg, opt.unet_channels_last);
        load_component(*out.unet, w, "UNet", opt, out.warnings);
        if (!prediction_decided && out.detection.prediction_needs_probe) {
            // A1111's SD 2.x test: one UNet evaluation decides epsilon vs v-prediction.
            UNet2DConditionModel unet = out.unet;
            const bool v = a1111_v_prediction_probe(
                [&](const at::Tensor& x, const at::Tensor& t, const at::Tensor& c) {
                    c10::InferenceMode guard;
                    const auto& w0 = unet->conv_norm_out->weight;
                    return unet->forward(x.to(w0.device(), w0.scalar_type()), t.to(w0.device(), at::kFloat),
                                         c.to(w0.device(), w0.scalar_type()))
                        .to(at::kCPU, at::kFloat);
                },
                cfg.cross_attention_dim);
            apply_prediction_override(out.detection, v ? Prediction::V : Prediction::Epsilon, "a1111_probe");
            out.detection.prediction_needs_probe = false;
            out.prediction = out.detection.prediction;
        }
    }

    const double scale = json_has_object(out.detection.vae_config) && out.detection.vae_config.contains("scaling_factor")
                             ? out.detection.vae_config["scaling_factor"].get<double>()
                             : default_vae_scale(fam);
    out.vae_scale = scale;
    if (opt.load_vae) {
        if (!opt.vae_override_path.empty()) {
            out.vae = load_vae_file(opt.vae_override_path, opt, scale, &out.warnings);
            out.vae_path = opt.vae_override_path;
            // The checkpoint's own VAE tensors are deliberately not read.
            for (const auto& k : keys)
                if (starts_with(k, "first_stage_model.")) used.insert(k);
        } else {
            const std::string prefix =
                out.detection.vae_layout.empty() ? std::string("first_stage_model.") : out.detection.vae_prefix;
            if (detect_vae_layout(keys, prefix) == VaeKeyLayout::None)
                throw PipelineError("missing_weights",
                                    "The checkpoint has no VAE weights (\"first_stage_model.*\"); choose a VAE file.");
            std::vector<std::string> ignored;
            KeyMapping map = map_vae_keys(keys, prefix, &ignored);
            used.insert(ignored.begin(), ignored.end());
            VaeConfig cfg = merge_vae_config(out.detection.vae_config, canonical_shapes(map, shapes), scale);
            out.vae = AutoencoderKL(cfg);
            load_component(*out.vae, make_weight_map(map, load, &used), "VAE", opt, out.warnings);
            out.vae_path = path;
        }
    }
    if (opt.load_text_encoders && opt.load_unet && opt.load_vae) note_unused(keys, used, out.warnings);
    return out;
}

// ---- diffusers folder ---------------------------------------------------------------------------

std::string get_string(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return (it != j.end() && it->is_string()) ? it->get<std::string>() : std::string();
}

LoadedCheckpoint load_diffusers(const std::string& path, const LoadOptions& opt) {
    DiffusersFolder folder = open_diffusers_folder(path);
    LoadedCheckpoint out;
    out.path = path;
    out.source = "diffusers";
    out.detection = detect_diffusers_folder(path);
    ModelDetection& det = out.detection;
    if (!folder.has("unet"))
        throw PipelineError("unsupported_model", "This diffusers model has no UNet (pipeline \"" + folder.pipeline_class + "\").");
    switch (det.family) {
    case ModelFamily::SD1:
    case ModelFamily::SD2:
    case ModelFamily::SDXL:
    case ModelFamily::SDXLRefiner:
        break;
    default:
        throw PipelineError("unsupported_model", "This diffusers model is not a Stable Diffusion 1.x, 2.x or XL pipeline.");
    }
    if (!json_has_object(det.unet_config)) det.unet_config = folder.component_config("unet");
    if (opt.prediction_override) apply_prediction_override(det, *opt.prediction_override, "user");
    out.prediction = det.prediction;
    c10::NoGradGuard no_grad;

    if (opt.load_text_encoders) {
        std::vector<std::string> names;
        switch (det.family) {
        case ModelFamily::SD1:
            out.text_kind = TextConditioningKind::SD1;
            names = {"text_encoder"};
            break;
        case ModelFamily::SD2:
            out.text_kind = TextConditioningKind::SD2;
            names = {"text_encoder"};
            // diffusers' SD2 text encoder already stops at the penultimate OpenCLIP layer and
            // the pipeline uses its last hidden state + final norm.
            out.te1_layer_override = EncoderLayerChoice{-1, true, true};
            break;
        case ModelFamily::SDXL:
            out.text_kind = TextConditioningKind::SDXL;
            names = {"text_encoder", "text_encoder_2"};
            break;
        default:
            out.text_kind = TextConditioningKind::SDXLRefiner;
            names = {"text_encoder_2"};
            break;
        }
        for (size_t i = 0; i < names.size(); ++i) {
            auto weights = std::make_shared<ComponentWeights>(folder.open_weights(names[i], opt.variant));
            const nlohmann::json& cfg_json = weights->config;
            const bool projection = out.text_kind == TextConditioningKind::SDXLRefiner || i == 1;
            std::vector<std::string> keys = weights->keys();
            Shapes shapes;
            for (const auto& k : keys) shapes[k] = weights->info(k).shape;
            std::vector<std::string> ignored, unknown;
            KeyMapping map = map_text_encoder_keys(keys, "", projection, &ignored, &unknown);
            ClipTextConfig cfg = merge_text_config(cfg_json, canonical_shapes(map, shapes),
                                                   get_string(cfg_json, "hidden_act") == "gelu", projection,
                                                   out.warnings, names[i].c_str());
            SourceLoader load = [weights](const std::string& k) { return weights->load(k); };
            ClipTextModel te = build_text_encoder(cfg, map, load, nullptr, names[i].c_str(), opt, out.warnings);
            if (!unknown.empty())
                out.warnings.push_back(names[i] + ": " + std::to_string(unknown.size()) +
                                       " unexpected tensors (first: " + join_first(unknown, 3) + ")");
            if (i == 0)
                out.te1 = te;
            else
                out.te2 = te;
        }
    }

    if (opt.load_unet) {
        auto weights = std::make_shared<ComponentWeights>(folder.open_weights("unet", opt.variant));
        UNetConfig cfg = unet_config_from_json(det.unet_config);
        WeightMap w;
        for (const auto& k : weights->keys()) w[k] = [weights, k]() { return weights->load(k); };
        out.unet = UNet2DConditionModel(cfg, opt.unet_channels_last);
        load_component(*out.unet, w, "UNet", opt, out.warnings);
    }

    std::optional<double> scale;
    if (det.vae_config.is_object() && det.vae_config.contains("scaling_factor") &&
        det.vae_config["scaling_factor"].is_number())
        scale = det.vae_config["scaling_factor"].get<double>();
    out.vae_scale = scale ? *scale : default_vae_scale(det.family);
    if (opt.load_vae) {
        if (!opt.vae_override_path.empty()) {
            out.vae = load_vae_file(opt.vae_override_path, opt, out.vae_scale, &out.warnings);
            out.vae_path = opt.vae_override_path;
        } else {
            out.vae = load_vae_file(folder.component_dir("vae"), opt, out.vae_scale, &out.warnings);
            out.vae_path = folder.component_dir("vae");
        }
    }
    return out;
}

} // namespace

// ---- public -------------------------------------------------------------------------------------

TextConditioner LoadedCheckpoint::make_conditioner(int clip_skip) const {
    if (!te1) throw PipelineError("not_loaded", "The text encoders of this checkpoint were not loaded.");
    TextConditioner c(text_kind, te1, te2);
    if (te1_layer_override) c.set_layer_choice(0, *te1_layer_override);
    c.set_clip_skip(clip_skip);
    return c;
}

ClipTextConfig infer_clip_text_config(const Shapes& s, bool openclip_layout) {
    ClipTextConfig c;
    auto shape = [&](const std::string& k) -> const std::vector<int64_t>* {
        auto it = s.find(k);
        return it == s.end() ? nullptr : &it->second;
    };
    const auto* tok = shape("text_model.embeddings.token_embedding.weight");
    if (!tok || tok->size() != 2)
        throw PipelineError("missing_weights", "The text encoder has no token embedding.");
    c.vocab_size = (*tok)[0];
    c.hidden_size = (*tok)[1];
    if (const auto* pos = shape("text_model.embeddings.position_embedding.weight"); pos && pos->size() == 2)
        c.max_position_embeddings = (*pos)[0];
    int64_t layers = 0;
    while (s.count("text_model.encoder.layers." + std::to_string(layers) + ".layer_norm1.weight")) ++layers;
    if (layers == 0) throw PipelineError("missing_weights", "The text encoder has no transformer layers.");
    c.num_hidden_layers = layers;
    if (const auto* fc1 = shape("text_model.encoder.layers.0.mlp.fc1.weight"); fc1 && fc1->size() == 2)
        c.intermediate_size = (*fc1)[0];
    c.num_attention_heads = std::max<int64_t>(1, c.hidden_size / 64);
    if (c.hidden_size % c.num_attention_heads != 0) c.num_attention_heads = 1;
    c.hidden_act = openclip_layout ? "gelu" : "quick_gelu";
    if (const auto* proj = shape("text_projection.weight"); proj && proj->size() == 2) {
        c.with_projection = true;
        c.projection_dim = (*proj)[0];
    } else {
        c.with_projection = false;
        c.projection_dim = c.hidden_size;
    }
    return c;
}

VaeConfig infer_vae_config(const Shapes& s) {
    VaeConfig c;
    auto shape = [&](const std::string& k) -> const std::vector<int64_t>* {
        auto it = s.find(k);
        return it == s.end() ? nullptr : &it->second;
    };
    std::vector<int64_t> channels;
    for (int i = 0;; ++i) {
        const auto* w = shape("encoder.down_blocks." + std::to_string(i) + ".resnets.0.conv1.weight");
        if (!w || w->empty()) break;
        channels.push_back((*w)[0]);
    }
    if (channels.empty()) throw PipelineError("missing_weights", "The VAE has no encoder blocks.");
    c.block_out_channels = channels;
    int64_t layers = 0;
    while (s.count("encoder.down_blocks.0.resnets." + std::to_string(layers) + ".conv1.weight")) ++layers;
    c.layers_per_block = layers;
    if (const auto* w = shape("encoder.conv_in.weight"); w && w->size() == 4) c.in_channels = (*w)[1];
    if (const auto* w = shape("decoder.conv_in.weight"); w && w->size() == 4) c.latent_channels = (*w)[1];
    if (const auto* w = shape("decoder.conv_out.weight"); w && w->size() == 4) c.out_channels = (*w)[0];
    c.use_quant_conv = s.count("quant_conv.weight") != 0;
    c.use_post_quant_conv = s.count("post_quant_conv.weight") != 0;
    c.mid_block_add_attention = s.count("decoder.mid_block.attentions.0.to_q.weight") != 0;
    for (int64_t ch : channels)
        if (ch % c.norm_num_groups != 0) c.norm_num_groups = 1;  // cannot be 32 groups; keep it loadable
    return c;
}

AutoencoderKL load_vae_file(const std::string& path, const LoadOptions& opt, std::optional<double> scaling_factor,
                            std::vector<std::string>* warnings) {
    std::vector<std::string> local_warnings;
    std::vector<std::string>& warn = warnings ? *warnings : local_warnings;
    std::error_code ec;
    nlohmann::json config;
    std::vector<std::string> keys;
    Shapes shapes;
    SourceLoader load;
    std::string prefix;
    if (fs::is_directory(path, ec)) {
        auto weights = std::make_shared<ComponentWeights>(
            is_diffusers_folder(path) ? open_diffusers_folder(path).open_weights("vae", opt.variant)
                                      : open_component_weights(path, opt.variant));
        config = weights->config;
        keys = weights->keys();
        for (const auto& k : keys) shapes[k] = weights->info(k).shape;
        load = [weights](const std::string& k) { return weights->load(k); };
    } else {
        const FileFormat f = sniff_format(path);
        if (f != FileFormat::Safetensors) {
            if (format_is_pickle(f))
                throw PipelineError("pickle_checkpoint", format_explanation(f));
            throw PipelineError("wrong_format", format_explanation(f));
        }
        SafetensorsFile file = SafetensorsFile::open(path);
        for (const auto& t : file.tensors()) {
            keys.push_back(t.name);
            shapes[t.name] = t.shape;
        }
        if (auto it = file.metadata().find("reference.vae_config"); it != file.metadata().end()) {
            config = nlohmann::json::parse(it->second, nullptr, false);
            if (config.is_discarded()) config = nlohmann::json();
        }
        load = [file](const std::string& k) { return file.load(k); };
        if (detect_vae_layout(keys, "first_stage_model.") != VaeKeyLayout::None)
            prefix = "first_stage_model.";
        else if (detect_vae_layout(keys, "vae.") != VaeKeyLayout::None)
            prefix = "vae.";
    }
    if (detect_vae_layout(keys, prefix) == VaeKeyLayout::None)
        throw PipelineError("not_a_vae", "The file " + path + " does not contain VAE weights.");
    std::vector<std::string> ignored, unknown;
    KeyMapping map = map_vae_keys(keys, prefix, &ignored, &unknown);
    VaeConfig cfg = merge_vae_config(config, canonical_shapes(map, shapes), scaling_factor);
    c10::NoGradGuard no_grad;
    nn::DeferInit defer;  // every weight comes from the file
    AutoencoderKL vae(cfg);
    load_component(*vae, make_weight_map(map, load, nullptr), "VAE", opt, warn);
    if (!unknown.empty())
        warn.push_back("VAE: " + std::to_string(unknown.size()) + " unexpected tensors (first: " +
                       join_first(unknown, 3) + ")");
    return vae;
}

LoadedCheckpoint load_checkpoint(const std::string& path, const LoadOptions& options) {
    const FileFormat f = sniff_format(path);
    // Layers are built without random initialisation: every weight comes from the file, and the
    // fp32 pages of an fp16 file's weights are never touched.
    nn::DeferInit defer;
    switch (f) {
    case FileFormat::Safetensors:
        return load_single_file(path, options);
    case FileFormat::DiffusersFolder:
        return load_diffusers(path, options);
    default:
        if (format_is_pickle(f)) throw PipelineError("pickle_checkpoint", format_explanation(f));
        throw PipelineError("wrong_format", format_explanation(f));
    }
}

} // namespace latent
