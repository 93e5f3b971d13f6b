#include "pipeline/loaders/controlnet_writer.h"

#include "pipeline/core/error.h"
#include "pipeline/loaders/key_map_controlnet.h"
#include "pipeline/tensors/safetensors.h"

#include <ATen/ATen.h>
#include <c10/core/GradMode.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

namespace latent {

namespace fs = std::filesystem;

ControlNetModel make_random_controlnet(const ControlNetConfig& config, uint64_t seed, bool channels_last) {
    c10::NoGradGuard no_grad;
    at::manual_seed(seed);
    ControlNetModel m(config, channels_last);
    for (auto& p : m->named_parameters(true))
        if (p.value().dim() == 1 && p.key().find("norm") != std::string::npos) p.value().add_(at::randn_like(p.value()), 0.1);
    m->eval();
    return m;
}

void copy_unet_into_controlnet(UNet2DConditionModelImpl& unet, ControlNetModelImpl& cn) {
    c10::NoGradGuard no_grad;
    auto src = unet.named_parameters(true);
    for (auto& p : cn.named_parameters(true)) {
        const std::string& k = p.key();
        const bool shared = k.rfind("conv_in.", 0) == 0 || k.rfind("time_embedding.", 0) == 0 ||
                            k.rfind("add_embedding.", 0) == 0 || k.rfind("down_blocks.", 0) == 0 ||
                            k.rfind("mid_block.", 0) == 0;
        if (!shared) continue;
        const at::Tensor* s = src.find(k);
        if (!s || s->sizes() != p.value().sizes())
            throw PipelineError("invalid_argument", "The UNet has no weight matching the ControlNet's '" + k + "'.");
        p.value().copy_(*s);
    }
}

namespace {

std::vector<std::pair<std::string, at::Tensor>> file_tensors(ControlNetModelImpl& m, const std::string& layout) {
    std::vector<std::pair<std::string, at::Tensor>> out;
    for (auto& p : m.named_parameters(true)) {
        std::string name = p.key();
        if (layout == "ldm") {
            auto ldm = controlnet_diffusers_to_ldm(name, m.config());
            if (!ldm) throw PipelineError("invalid_argument", "No CompVis name for the ControlNet weight '" + name + "'.");
            name = std::string(kLdmControlNetPrefix) + *ldm;
        } else if (layout != "diffusers") {
            throw PipelineError("invalid_argument", "Unknown ControlNet layout \"" + layout + "\".");
        }
        out.emplace_back(name, p.value());
    }
    return out;
}

void write_tensors(const std::string& path, const std::vector<std::pair<std::string, at::Tensor>>& tensors,
                   at::ScalarType dt, const std::map<std::string, std::string>& metadata) {
    std::vector<SafetensorsTensorSpec> specs;
    for (const auto& [name, t] : tensors)
        specs.push_back({name, at::isFloatingType(t.scalar_type()) ? dt : t.scalar_type(), t.sizes().vec()});
    write_safetensors_streamed(
        path, specs,
        [&](std::size_t i) {
            const at::Tensor& t = tensors[i].second;
            return t.detach().to(at::kCPU, specs[i].dtype).contiguous();
        },
        metadata);
}

} // namespace

void write_controlnet_file(const std::string& path, ControlNetModelImpl& model, const std::string& layout,
                           at::ScalarType dt, const std::map<std::string, std::string>& extra_metadata) {
    c10::NoGradGuard no_grad;
    std::map<std::string, std::string> meta = extra_metadata;
    meta["reference.unet_config"] = controlnet_config_to_json(model.config()).dump();
    write_tensors(path, file_tensors(model, layout), dt, meta);
}

void write_controlnet_folder(const std::string& dir, ControlNetModelImpl& model, at::ScalarType dt) {
    c10::NoGradGuard no_grad;
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw PipelineError("write_failed", "Cannot create '" + dir + "'.");
    {
        std::ofstream out(fs::path(dir) / "config.json", std::ios::binary | std::ios::trunc);
        out << controlnet_config_to_json(model.config()).dump(2) << "\n";
        if (!out) throw PipelineError("write_failed", "Cannot write '" + dir + "/config.json'.");
    }
    write_tensors((fs::path(dir) / "diffusion_pytorch_model.safetensors").string(), file_tensors(model, "diffusers"), dt,
                  {});
}

} // namespace latent
