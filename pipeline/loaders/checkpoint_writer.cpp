#include "pipeline/loaders/checkpoint_writer.h"

#include "pipeline/core/error.h"
#include "pipeline/loaders/key_map_unet.h"
#include "pipeline/tensors/safetensors.h"

#include <ATen/ATen.h>
#include <c10/core/GradMode.h>
#include <nlohmann/json.hpp>

#include <charconv>
#include <filesystem>
#include <fstream>

namespace latent {

namespace fs = std::filesystem;

namespace {

bool starts_with(std::string_view s, std::string_view p) {
    return s.size() >= p.size() && s.substr(0, p.size()) == p;
}

bool take(std::string_view& s, std::string_view p) {
    if (!starts_with(s, p)) return false;
    s.remove_prefix(p.size());
    return true;
}

bool take_index(std::string_view& s, int64_t& v) {
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr == s.data() || ptr == s.data() + s.size() || *ptr != '.') return false;
    s.remove_prefix(static_cast<size_t>(ptr - s.data()) + 1);
    return true;
}

std::optional<std::string> resnet_to_ldm(std::string_view r) {
    static const std::pair<std::string_view, std::string_view> table[] = {
        {"norm1.", "in_layers.0."},  {"conv1.", "in_layers.2."},  {"time_emb_proj.", "emb_layers.1."},
        {"norm2.", "out_layers.0."}, {"conv2.", "out_layers.3."}, {"conv_shortcut.", "skip_connection."},
    };
    for (const auto& [from, to] : table)
        if (starts_with(r, from)) return std::string(to) + std::string(r.substr(from.size()));
    return std::nullopt;
}

std::string idx(int64_t i) {
    return std::to_string(i);
}

// Named parameters and buffers of a module, in registration order.
std::vector<std::pair<std::string, at::Tensor>> named_tensors(const torch::nn::Module& m) {
    std::vector<std::pair<std::string, at::Tensor>> out;
    for (const auto& p : m.named_parameters(true)) out.emplace_back(p.key(), p.value());
    for (const auto& b : m.named_buffers(true)) out.emplace_back(b.key(), b.value());
    return out;
}

struct Entry {
    std::string name;
    at::ScalarType dtype;             // in the file
    std::vector<int64_t> shape;       // in the file
    std::function<at::Tensor()> make; // produces the file tensor (any dtype, CPU or not)
};

at::ScalarType file_type(const at::Tensor& t, at::ScalarType file_dtype) {
    return t.is_floating_point() ? file_dtype : t.scalar_type();
}

Entry copy_entry(std::string name, const at::Tensor& t, at::ScalarType file_dtype, std::vector<int64_t> shape = {}) {
    if (shape.empty() && t.dim() > 0) shape = t.sizes().vec();
    return {std::move(name), file_type(t, file_dtype), shape, [t, shape] { return t.detach().reshape(shape); }};
}

void write_entries(const std::string& path, const std::vector<Entry>& entries,
                   const std::map<std::string, std::string>& metadata) {
    std::vector<SafetensorsTensorSpec> specs;
    specs.reserve(entries.size());
    for (const auto& e : entries) specs.push_back({e.name, e.dtype, e.shape});
    write_safetensors_streamed(
        path, specs,
        [&](std::size_t i) {
            c10::NoGradGuard no_grad;
            // One tensor converted at a time (contiguous, file dtype, file shape).
            return entries[i].make().to(at::kCPU, specs[i].dtype).contiguous();
        },
        metadata);
}

// transformers CLIP names under `prefix`.
void add_hf_text(std::vector<Entry>& out, const std::string& prefix, const ClipTextModel& te, at::ScalarType dt) {
    for (auto& [name, t] : named_tensors(*te)) out.push_back(copy_entry(prefix + name, t, dt));
}

// OpenCLIP names under `prefix` (q/k/v fused into in_proj, projection stored as x @ P).
void add_open_clip_text(std::vector<Entry>& out, const std::string& prefix, const ClipTextModel& te,
                        at::ScalarType dt) {
    std::map<std::string, at::Tensor> p;
    for (auto& [name, t] : named_tensors(*te)) p[name] = t;
    auto need = [&](const std::string& k) -> const at::Tensor& {
        auto it = p.find(k);
        if (it == p.end()) throw PipelineError("invalid_argument", "The text encoder has no weight '" + k + "'.");
        return it->second;
    };
    out.push_back(
        copy_entry(prefix + "token_embedding.weight", need("text_model.embeddings.token_embedding.weight"), dt));
    out.push_back(
        copy_entry(prefix + "positional_embedding", need("text_model.embeddings.position_embedding.weight"), dt));
    const ClipTextConfig& c = te->config();
    static const std::pair<const char*, const char*> block[] = {{"ln_1.weight", "layer_norm1.weight"},
                                                                {"ln_1.bias", "layer_norm1.bias"},
                                                                {"ln_2.weight", "layer_norm2.weight"},
                                                                {"ln_2.bias", "layer_norm2.bias"},
                                                                {"mlp.c_fc.weight", "mlp.fc1.weight"},
                                                                {"mlp.c_fc.bias", "mlp.fc1.bias"},
                                                                {"mlp.c_proj.weight", "mlp.fc2.weight"},
                                                                {"mlp.c_proj.bias", "mlp.fc2.bias"},
                                                                {"attn.out_proj.weight", "self_attn.out_proj.weight"},
                                                                {"attn.out_proj.bias", "self_attn.out_proj.bias"}};
    for (int64_t l = 0; l < c.num_hidden_layers; ++l) {
        const std::string src = "text_model.encoder.layers." + std::to_string(l) + ".";
        const std::string dst = prefix + "transformer.resblocks." + std::to_string(l) + ".";
        for (const char* suffix : {"weight", "bias"}) {
            const at::Tensor q = need(src + "self_attn.q_proj." + suffix), k = need(src + "self_attn.k_proj." + suffix),
                             v = need(src + "self_attn.v_proj." + suffix);
            std::vector<int64_t> shape = q.sizes().vec();
            shape[0] *= 3;
            out.push_back({dst + "attn.in_proj_" + suffix, file_type(q, dt), shape, [q, k, v] {
                               return at::cat({q.detach(), k.detach(), v.detach()}, 0);
                           }});
        }
        for (const auto& [to, from] : block) out.push_back(copy_entry(dst + to, need(src + from), dt));
    }
    out.push_back(copy_entry(prefix + "ln_final.weight", need("text_model.final_layer_norm.weight"), dt));
    out.push_back(copy_entry(prefix + "ln_final.bias", need("text_model.final_layer_norm.bias"), dt));
    if (auto it = p.find("text_projection.weight"); it != p.end()) {
        const at::Tensor w = it->second;
        out.push_back(
            {prefix + "text_projection", file_type(w, dt), {w.size(1), w.size(0)}, [w] { return w.detach().t(); }});
    } else {
        // SD 2.x files carry OpenCLIP's projection although the pipeline never uses it.
        const int64_t d = c.hidden_size;
        out.push_back({prefix + "text_projection", dt, {d, d}, [d] { return at::eye(d); }});
    }
}

void write_json(const fs::path& p, const nlohmann::json& j) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << j.dump(2) << "\n";
    if (!out) throw PipelineError("write_failed", "Cannot write '" + p.string() + "'.");
}

nlohmann::json scheduler_config() {
    return {{"_class_name", "PNDMScheduler"},   {"beta_start", 0.00085},       {"beta_end", 0.012},
            {"beta_schedule", "scaled_linear"}, {"num_train_timesteps", 1000}, {"prediction_type", "epsilon"},
            {"set_alpha_to_one", false},        {"skip_prk_steps", true},      {"steps_offset", 1}};
}

} // namespace

std::optional<std::string> unet_diffusers_to_ldm(const std::string& key, const UNetConfig& c) {
    const int64_t n = static_cast<int64_t>(c.num_blocks());
    const int64_t lpb = c.layers_per_block;
    std::string_view s = key;
    auto simple = [&](std::string_view from, std::string_view to) -> std::optional<std::string> {
        if (starts_with(s, from)) return std::string(to) + std::string(s.substr(from.size()));
        return std::nullopt;
    };
    if (auto r = simple("time_embedding.linear_1.", "time_embed.0.")) return r;
    if (auto r = simple("time_embedding.linear_2.", "time_embed.2.")) return r;
    if (auto r = simple("add_embedding.linear_1.", "label_emb.0.0.")) return r;
    if (auto r = simple("add_embedding.linear_2.", "label_emb.0.2.")) return r;
    if (auto r = simple("conv_in.", "input_blocks.0.0.")) return r;
    if (auto r = simple("conv_norm_out.", "out.0.")) return r;
    if (auto r = simple("conv_out.", "out.2.")) return r;
    int64_t b = 0, l = 0;
    if (take(s, "down_blocks.") && take_index(s, b)) {
        if (b >= n) return std::nullopt;
        if (take(s, "resnets.") && take_index(s, l)) {
            auto r = resnet_to_ldm(s);
            if (!r || l >= lpb) return std::nullopt;
            return "input_blocks." + idx(1 + b * (lpb + 1) + l) + ".0." + *r;
        }
        if (take(s, "attentions.") && take_index(s, l))
            return "input_blocks." + idx(1 + b * (lpb + 1) + l) + ".1." + std::string(s);
        if (take(s, "downsamplers.0.conv."))
            return "input_blocks." + idx(1 + b * (lpb + 1) + lpb) + ".0.op." + std::string(s);
        return std::nullopt;
    }
    s = key;
    if (take(s, "mid_block.")) {
        if (take(s, "resnets.") && take_index(s, l)) {
            auto r = resnet_to_ldm(s);
            if (!r || l > 1) return std::nullopt;
            return "middle_block." + idx(l * 2) + "." + *r;
        }
        if (take(s, "attentions.0.")) return "middle_block.1." + std::string(s);
        return std::nullopt;
    }
    s = key;
    if (take(s, "up_blocks.") && take_index(s, b)) {
        if (b >= n) return std::nullopt;
        if (take(s, "resnets.") && take_index(s, l)) {
            auto r = resnet_to_ldm(s);
            if (!r || l > lpb) return std::nullopt;
            return "output_blocks." + idx(b * (lpb + 1) + l) + ".0." + *r;
        }
        if (take(s, "attentions.") && take_index(s, l))
            return "output_blocks." + idx(b * (lpb + 1) + l) + ".1." + std::string(s);
        if (take(s, "upsamplers.0.conv."))
            return "output_blocks." + idx(b * (lpb + 1) + lpb) + (c.up_block_attention[b] ? ".2" : ".1") + ".conv." +
                   std::string(s);
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<std::string> vae_diffusers_to_ldm(const std::string& key, int64_t levels, bool* conv1x1) {
    if (conv1x1) *conv1x1 = false;
    std::string_view s = key;
    if (starts_with(s, "quant_conv.") || starts_with(s, "post_quant_conv.")) return key;
    std::string side;
    if (take(s, "encoder."))
        side = "encoder.";
    else if (take(s, "decoder."))
        side = "decoder.";
    else
        return std::nullopt;
    auto resnet = [](std::string_view r) {
        if (take(r, "conv_shortcut.")) return "nin_shortcut." + std::string(r);
        return std::string(r);
    };
    if (starts_with(s, "conv_in.") || starts_with(s, "conv_out.")) return side + std::string(s);
    if (take(s, "conv_norm_out.")) return side + "norm_out." + std::string(s);
    int64_t i = 0, j = 0;
    if (take(s, "mid_block.")) {
        if (take(s, "resnets.") && take_index(s, j) && j <= 1)
            return side + "mid.block_" + idx(j + 1) + "." + resnet(s);
        if (take(s, "attentions.0.")) {
            static const std::pair<std::string_view, std::string_view> names[] = {{"group_norm.", "norm."},
                                                                                  {"to_q.", "q."},
                                                                                  {"to_k.", "k."},
                                                                                  {"to_v.", "v."},
                                                                                  {"to_out.0.", "proj_out."}};
            for (const auto& [from, to] : names)
                if (take(s, from)) {
                    if (conv1x1 && from != "group_norm.") *conv1x1 = s == "weight";
                    return side + "mid.attn_1." + std::string(to) + std::string(s);
                }
        }
        return std::nullopt;
    }
    if (side == "encoder." && take(s, "down_blocks.") && take_index(s, i)) {
        if (take(s, "resnets.") && take_index(s, j))
            return side + "down." + idx(i) + ".block." + idx(j) + "." + resnet(s);
        if (take(s, "downsamplers.0.conv.")) return side + "down." + idx(i) + ".downsample.conv." + std::string(s);
        return std::nullopt;
    }
    if (side == "decoder." && take(s, "up_blocks.") && take_index(s, i)) {
        const int64_t u = levels - 1 - i;
        if (u < 0) return std::nullopt;
        if (take(s, "resnets.") && take_index(s, j))
            return side + "up." + idx(u) + ".block." + idx(j) + "." + resnet(s);
        if (take(s, "upsamplers.0.conv.")) return side + "up." + idx(u) + ".upsample.conv." + std::string(s);
        return std::nullopt;
    }
    return std::nullopt;
}

CheckpointModules make_random_modules(ModelFamily family, const UNetConfig& unet, const VaeConfig& vae,
                                      const ClipTextConfig& text, const ClipTextConfig& text_2, uint64_t seed,
                                      bool channels_last) {
    c10::NoGradGuard no_grad;
    CheckpointModules m;
    m.family = family;
    m.unet_config = unet;
    m.vae_config = vae;
    m.text_config = text;
    m.text_2_config = text_2;
    at::manual_seed(seed);
    m.unet = UNet2DConditionModel(unet, channels_last);
    m.vae = AutoencoderKL(vae);
    std::vector<torch::nn::Module*> mods = {m.unet.get(), m.vae.get()};
    if (family != ModelFamily::SDXLRefiner) {
        m.text_encoder = ClipTextModel(text);
        mods.push_back(m.text_encoder.get());
    }
    if (family == ModelFamily::SDXL || family == ModelFamily::SDXLRefiner) {
        m.text_encoder_2 = ClipTextModel(text_2);
        mods.push_back(m.text_encoder_2.get());
    }
    // Default initialisation leaves norms at 1/0; perturb them too, so a wrong mapping of any
    // tensor changes the outputs.
    for (torch::nn::Module* mod : mods) {
        for (auto& p : mod->named_parameters(true))
            if (p.value().dim() == 1 && p.key().find("norm") != std::string::npos)
                p.value().add_(at::randn_like(p.value()), 0.1);
        mod->eval();
    }
    return m;
}

CheckpointModules make_random_sd1_modules(const UNetConfig& unet, const VaeConfig& vae, const ClipTextConfig& text,
                                          uint64_t seed, bool channels_last) {
    return make_random_modules(ModelFamily::SD1, unet, vae, text, {}, seed, channels_last);
}

void write_a1111_checkpoint(const std::string& path, const CheckpointModules& m, at::ScalarType dt,
                            const std::map<std::string, std::string>& extra_metadata) {
    std::vector<Entry> entries;
    for (auto& [name, t] : named_tensors(*m.unet)) {
        auto ldm = unet_diffusers_to_ldm(name, m.unet_config);
        if (!ldm) throw PipelineError("invalid_argument", "No CompVis name for the UNet weight '" + name + "'.");
        entries.push_back(copy_entry(std::string(kLdmUNetPrefix) + *ldm, t, dt));
    }
    const int64_t levels = static_cast<int64_t>(m.vae_config.block_out_channels.size());
    for (auto& [name, t] : named_tensors(*m.vae)) {
        bool conv = false;
        auto ldm = vae_diffusers_to_ldm(name, levels, &conv);
        if (!ldm) throw PipelineError("invalid_argument", "No CompVis name for the VAE weight '" + name + "'.");
        std::vector<int64_t> shape = t.sizes().vec();
        if (conv && shape.size() == 2) shape = {shape[0], shape[1], 1, 1};
        entries.push_back(copy_entry("first_stage_model." + *ldm, t, dt, shape));
    }
    std::map<std::string, std::string> meta = extra_metadata;
    switch (m.family) {
    case ModelFamily::SD1:
        add_hf_text(entries, "cond_stage_model.transformer.", m.text_encoder, dt);
        meta["reference.kind"] = "sd1";
        break;
    case ModelFamily::SD2:
        add_open_clip_text(entries, "cond_stage_model.model.", m.text_encoder, dt);
        meta["reference.kind"] = "sd2";
        break;
    case ModelFamily::SDXL:
        add_hf_text(entries, "conditioner.embedders.0.transformer.", m.text_encoder, dt);
        add_open_clip_text(entries, "conditioner.embedders.1.model.", m.text_encoder_2, dt);
        meta["reference.kind"] = "sdxl";
        break;
    case ModelFamily::SDXLRefiner:
        add_open_clip_text(entries, "conditioner.embedders.0.model.", m.text_encoder_2, dt);
        meta["reference.kind"] = "sdxl_refiner";
        break;
    default:
        throw PipelineError("invalid_argument", "Only SD 1.x, 2.x, XL and XL refiner checkpoints can be written.");
    }
    meta["reference.unet_config"] = unet_config_to_json(m.unet_config).dump();
    meta["reference.vae_config"] = vae_config_to_json(m.vae_config).dump();
    if (m.text_encoder) meta["reference.text_encoder_config"] = clip_text_config_to_json(m.text_config).dump();
    if (m.text_encoder_2) meta["reference.text_encoder_2_config"] = clip_text_config_to_json(m.text_2_config).dump();
    write_entries(path, entries, meta);
}

void write_diffusers_folder(const std::string& dir, const CheckpointModules& m, at::ScalarType dt) {
    std::error_code ec;
    const fs::path root(dir);
    if (fs::exists(root, ec) && !fs::is_empty(root, ec))
        throw PipelineError("output_exists", "The folder '" + dir + "' already exists and is not empty.");
    std::vector<std::pair<std::string, const ClipTextModel*>> texts;
    if (m.text_encoder) texts.push_back({"text_encoder", &m.text_encoder});
    if (m.text_encoder_2) texts.push_back({"text_encoder_2", &m.text_encoder_2});
    std::vector<std::string> subs = {"unet", "vae", "scheduler"};
    for (const auto& t : texts) subs.push_back(t.first);
    for (const auto& sub : subs) {
        fs::create_directories(root / sub, ec);
        if (ec) throw PipelineError("write_failed", "Cannot create '" + (root / sub).string() + "': " + ec.message());
    }
    auto component = [&](const torch::nn::Module& mod) {
        std::vector<Entry> e;
        for (auto& [name, t] : named_tensors(mod)) e.push_back(copy_entry(name, t, dt));
        return e;
    };
    write_entries((root / "unet" / "diffusion_pytorch_model.safetensors").string(), component(*m.unet),
                  {{"format", "pt"}});
    write_entries((root / "vae" / "diffusion_pytorch_model.safetensors").string(), component(*m.vae),
                  {{"format", "pt"}});
    nlohmann::json unet = unet_config_to_json(m.unet_config);
    unet["_class_name"] = "UNet2DConditionModel";
    write_json(root / "unet" / "config.json", unet);
    nlohmann::json vae = vae_config_to_json(m.vae_config);
    vae["_class_name"] = "AutoencoderKL";
    write_json(root / "vae" / "config.json", vae);
    nlohmann::json index = {{"scheduler", {"diffusers", "EulerDiscreteScheduler"}},
                            {"unet", {"diffusers", "UNet2DConditionModel"}},
                            {"vae", {"diffusers", "AutoencoderKL"}}};
    for (const auto& [name, te] : texts) {
        write_entries((root / name / "model.safetensors").string(), component(**te), {{"format", "pt"}});
        nlohmann::json cfg = clip_text_config_to_json((*te)->config());
        const bool proj = (*te)->config().with_projection;
        cfg["architectures"] = {proj ? "CLIPTextModelWithProjection" : "CLIPTextModel"};
        write_json(root / name / "config.json", cfg);
        index[name] = {"transformers", proj ? "CLIPTextModelWithProjection" : "CLIPTextModel"};
        index[name == "text_encoder" ? "tokenizer" : "tokenizer_2"] = {"transformers", "CLIPTokenizer"};
    }
    const bool xl = m.family == ModelFamily::SDXL || m.family == ModelFamily::SDXLRefiner;
    index["_class_name"] = m.family == ModelFamily::SDXLRefiner ? "StableDiffusionXLImg2ImgPipeline"
                           : xl                                 ? "StableDiffusionXLPipeline"
                                                                : "StableDiffusionPipeline";
    write_json(root / "scheduler" / "scheduler_config.json", scheduler_config());
    write_json(root / "model_index.json", index);
}

} // namespace latent
