#include "pipeline/engine.h"

#include "pipeline/control/control_prepare.h"
#include "pipeline/core/error.h"
#include "pipeline/loaders/checkpoint_loader.h"
#include "pipeline/pipelines/diffusion_model.h"
#include "pipeline/pipelines/image_prep.h"
#include "pipeline/pipelines/img2img.h"
#include "pipeline/pipelines/inpaint.h"
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
    ControlNetCache controlnets;
    double vae_scale = 0.18215;  // the checkpoint family's (A1111 uses it for any VAE)
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
    impl_->controlnets.clear();
    impl_->model_path.clear();
    impl_->vae_path.clear();
}

ModelLoadResult Engine::load_model(const std::string& path, const std::string& vae_path) {
    if (impl_->model && impl_->model_path == path && impl_->vae_path == vae_path) {
        ModelLoadResult r = impl_->last;
        r.cached = true;
        r.vae_swapped = false;
        r.seconds = 0;
        return r;
    }
    if (impl_->model && impl_->model_path == path) {
        // Only the VAE changes: load it first, then swap (the old one stays on failure).
        const auto t0 = std::chrono::steady_clock::now();
        c10::InferenceMode guard;
        LoadOptions options;
        options.device = impl_->device;
        std::vector<std::string> warnings;
        AutoencoderKL vae{nullptr};
        if (vae_path.empty()) {
            options.load_text_encoders = false;
            options.load_unet = false;
            LoadedCheckpoint own = load_checkpoint(path, options);
            vae = own.vae;
            warnings = own.warnings;
        } else {
            vae = load_vae_file(vae_path, options, impl_->vae_scale, &warnings);
        }
        impl_->model->vae = vae;
        impl_->vae_path = vae_path;
        ModelLoadResult r = impl_->last;
        r.cached = true;
        r.vae_swapped = true;
        r.vae_path = vae_path;
        r.warnings = warnings;
        r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        impl_->last = r;
        impl_->last.vae_swapped = false;
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
    impl_->vae_scale = ckpt.vae_scale;

    ModelLoadResult r;
    r.path = path;
    r.family = impl_->model->family;
    r.inpainting = impl_->model->inpainting;
    r.prediction = ckpt.prediction == Prediction::V ? "v" : "epsilon";
    r.warnings = ckpt.warnings;
    r.vae_path = vae_path;
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    impl_->last = r;
    return r;
}

namespace {

void write_recorder(const std::string& dir, const LatentRecorder& recorder) {
    std::filesystem::create_directories(dir);
    auto write = [&](const std::string& name, const std::map<std::string, at::Tensor>& tensors) {
        std::vector<std::pair<std::string, at::Tensor>> list(tensors.begin(), tensors.end());
        write_safetensors((std::filesystem::path(dir) / name).string(), list);
    };
    write("latents.safetensors", recorder.latents);
    write("cond.safetensors", recorder.cond);
}

} // namespace

GenerationResult Engine::txt2img(const GenerationRequest& request, const GenerationCallbacks& callbacks,
                                 const std::string& save_latents_dir) {
    if (!impl_->model) throw PipelineError("no_model", "No model is loaded.");
    LatentRecorder recorder;
    std::vector<std::string> warnings;
    std::unique_ptr<ControlSet> control;
    if (!request.controlnet.empty()) {
        c10::InferenceMode guard;
        control = build_control_set(request, *impl_->model, impl_->controlnets, nullptr, &warnings);
    }
    GenerationResult result = latent::txt2img(*impl_->model, request, callbacks,
                                              save_latents_dir.empty() ? nullptr : &recorder, control.get());
    if (control) control->postprocess_images(result.images);
    result.warnings.insert(result.warnings.end(), warnings.begin(), warnings.end());
    if (!save_latents_dir.empty()) write_recorder(save_latents_dir, recorder);
    return result;
}

GenerationResult Engine::img2img(const GenerationRequest& request, const InitImages& images,
                                 const GenerationCallbacks& callbacks, const std::string& save_latents_dir) {
    if (!impl_->model) throw PipelineError("no_model", "No model is loaded.");
    LatentRecorder recorder;
    LatentRecorder* rec = save_latents_dir.empty() ? nullptr : &recorder;
    const auto& op = request.img2img.outpaint;
    const bool masked =
        images.mask.valid() || request.img2img.mask_from_init_alpha || op[0] || op[1] || op[2] || op[3];
    std::vector<std::string> warnings;
    std::unique_ptr<ControlSet> control;
    if (!request.controlnet.empty()) {
        c10::InferenceMode guard;
        control = build_control_set(request, *impl_->model, impl_->controlnets, &images, &warnings);
    }
    GenerationResult result = masked ? latent::inpaint(*impl_->model, request, images, callbacks, rec, control.get())
                                     : latent::img2img(*impl_->model, request, images, callbacks, rec, control.get());
    if (control) control->postprocess_images(result.images);
    result.warnings.insert(result.warnings.end(), warnings.begin(), warnings.end());
    if (rec) write_recorder(save_latents_dir, recorder);
    return result;
}

bool Engine::is_inpainting_model() const {
    return impl_->model && impl_->model->unet->config().in_channels == 9;
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
    validate_control_units(r.controlnet, /*init_image_fallback=*/true);
}

void Engine::check_img2img(const GenerationRequest& request, const InitImages& images) {
    check_request(request);
    validate_img2img(request, images.init);
    const auto& op = request.img2img.outpaint;
    const bool outpainting = op[0] || op[1] || op[2] || op[3];
    if (!images.more_inits.empty()) {
        for (const ImageU8& more : images.more_inits) validate_img2img(request, more);
        const int64_t n = 1 + static_cast<int64_t>(images.more_inits.size());
        if (n > request.batch_size)
            throw PipelineError("bad_request", "There are " + std::to_string(n) +
                                                   " init images but the batch size is " +
                                                   std::to_string(request.batch_size) +
                                                   "; give at most one init image per image of the batch.");
        if (images.mask.valid() || request.img2img.mask_from_init_alpha || outpainting)
            throw PipelineError("bad_request",
                                "Several init images work for img2img only, not with a mask or outpainting.");
    }
    if (images.mask.valid() && !outpainting) {
        const ImageU8 m = create_binary_mask(images.mask, request.img2img.mask_round);
        bool any = false;
        for (uint8_t v : m.data) any = any || (request.img2img.inpainting_mask_invert ? v != 255 : v != 0);
        if (!any)
            throw PipelineError("bad_request", request.img2img.inpainting_mask_invert
                                                   ? "The inverted mask is completely black, so there is nothing to inpaint."
                                                   : "The mask is completely black, so there is nothing to inpaint "
                                                     "(white marks the area to repaint).");
    }
}

std::string Engine::samplers_json() { return sampler_catalog_json().dump(); }
std::string Engine::schedules_json() { return schedule_catalog_json().dump(); }

} // namespace latent
