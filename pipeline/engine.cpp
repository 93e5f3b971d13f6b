#include "pipeline/engine.h"

#include "pipeline/core/error.h"
#include "pipeline/loaders/checkpoint_loader.h"
#include "pipeline/pipelines/diffusion_model.h"
#include "pipeline/pipelines/txt2img.h"
#include "pipeline/schedulers/sampler_registry.h"
#include "pipeline/schedulers/sigma_schedule.h"
#include "pipeline/tensors/safetensors.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <chrono>
#include <filesystem>

namespace latent {

struct Engine::Impl {
    std::string device_name;
    at::Device device = at::kCPU;
    std::string model_path, vae_path;
    std::unique_ptr<DiffusionModel> model;
    ModelLoadResult last;
};

Engine::Engine(const std::string& device) : impl_(std::make_unique<Impl>()) {
    impl_->device_name = device;
    try {
        impl_->device = at::Device(device);
    } catch (const std::exception&) {
        throw PipelineError("bad_device", "Unknown device \"" + device + "\" (use cpu or cuda).");
    }
    if (impl_->device.is_cuda() && !at::hasCUDA())
        throw PipelineError("no_cuda", "CUDA was requested but this build or machine has no CUDA device.");
}

Engine::~Engine() = default;

const std::string& Engine::device() const { return impl_->device_name; }
bool Engine::has_model() const { return impl_->model != nullptr; }
void Engine::unload() {
    impl_->model.reset();
    impl_->model_path.clear();
    impl_->vae_path.clear();
}

ModelLoadResult Engine::load_model(const std::string& path, const std::string& vae_path) {
    if (impl_->model && impl_->model_path == path && impl_->vae_path == vae_path) {
        ModelLoadResult r = impl_->last;
        r.cached = true;
        r.seconds = 0;
        return r;
    }
    impl_->model.reset();  // free the old model before loading the new one
    const auto t0 = std::chrono::steady_clock::now();
    c10::InferenceMode guard;
    LoadOptions options;
    options.device = impl_->device;
    options.vae_override_path = vae_path;
    LoadedCheckpoint ckpt = load_checkpoint(path, options);

    auto m = std::make_unique<DiffusionModel>();
    m->family = family_name(ckpt.detection.family);
    m->is_sdxl = ckpt.detection.family == ModelFamily::SDXL;
    m->inpainting = ckpt.detection.inpainting;
    m->prediction = ckpt.prediction;
    m->text = std::make_shared<TextConditioner>(ckpt.make_conditioner(1));
    m->unet = ckpt.unet;
    m->vae = ckpt.vae;
    m->schedule = std::make_shared<DiscreteSchedule>(DiscreteSchedule::stable_diffusion());
    m->device = impl_->device;
    m->dtype = options.dtype.value_or(impl_->device.is_cuda() ? at::kHalf : at::kFloat);
    impl_->model = std::move(m);
    impl_->model_path = path;
    impl_->vae_path = vae_path;

    ModelLoadResult r;
    r.path = path;
    r.family = impl_->model->family;
    r.inpainting = impl_->model->inpainting;
    r.prediction = ckpt.prediction == Prediction::V ? "v" : "epsilon";
    r.warnings = ckpt.warnings;
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    impl_->last = r;
    return r;
}

GenerationResult Engine::txt2img(const GenerationRequest& request, const GenerationCallbacks& callbacks,
                                 const std::string& save_latents_dir) {
    if (!impl_->model) throw PipelineError("no_model", "No model is loaded.");
    LatentRecorder recorder;
    GenerationResult result = latent::txt2img(*impl_->model, request, callbacks,
                                              save_latents_dir.empty() ? nullptr : &recorder);
    if (!save_latents_dir.empty()) {
        std::filesystem::create_directories(save_latents_dir);
        auto write = [&](const std::string& name, const std::map<std::string, at::Tensor>& tensors) {
            std::vector<std::pair<std::string, at::Tensor>> list(tensors.begin(), tensors.end());
            write_safetensors((std::filesystem::path(save_latents_dir) / name).string(), list);
        };
        write("latents.safetensors", recorder.latents);
        write("cond.safetensors", recorder.cond);
    }
    return result;
}

} // namespace latent

namespace latent {

void Engine::check_request(const GenerationRequest& request) {
    GenerationRequest r = request;
    if (r.seed < 0) r.seed = 0;  // resolved later
    validate_request(r);
    resolve_sampler(r.sampler, r.schedule);
    if (r.denoising_strength && !(*r.denoising_strength >= 0.0 && *r.denoising_strength <= 1.0))
        throw PipelineError("bad_request", "Denoising strength must be between 0 and 1.");
    const std::string rng = r.rng;
    if (rng != "cpu" && rng != "gpu" && rng != "nv")
        throw PipelineError("bad_request", "The RNG source must be cpu, gpu or nv.");
}

std::string Engine::samplers_json() { return sampler_catalog_json().dump(); }
std::string Engine::schedules_json() { return schedule_catalog_json().dump(); }

} // namespace latent
