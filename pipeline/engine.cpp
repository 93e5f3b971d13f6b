#include "pipeline/engine.h"

#include "pipeline/control/control_prepare.h"
#include "pipeline/core/error.h"
#include "pipeline/core/precision.h"
#include "pipeline/loaders/checkpoint_loader.h"
#include "pipeline/models/compute_precision.h"
#include "pipeline/pipelines/diffusion_model.h"
#include "pipeline/pipelines/hires_fix.h"
#include "pipeline/pipelines/image_prep.h"
#include "pipeline/pipelines/img2img.h"
#include "pipeline/pipelines/inpaint.h"
#include "pipeline/pipelines/txt2img.h"
#include "pipeline/schedulers/sampler_registry.h"
#include "pipeline/schedulers/sigma_schedule.h"
#include "pipeline/tensors/safetensors.h"
#include "pipeline/upscalers/image_upscaler.h"
#include "pipeline/upscalers/upscaler_model.h"

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
    // Hires fix: a second checkpoint (hr_checkpoint_name) and upscaler models, cached by path.
    std::string hr_model_path, hr_vae_path;
    std::unique_ptr<DiffusionModel> hr_model;
    std::vector<std::pair<std::string, std::shared_ptr<UpscalerModel>>> upscalers;  // most recent last

    std::shared_ptr<UpscalerModel> upscaler(const std::string& path) {
        for (auto it = upscalers.begin(); it != upscalers.end(); ++it)
            if (it->first == path) {
                auto entry = *it;
                upscalers.erase(it);
                upscalers.push_back(entry);
                return entry.second;
            }
        auto m = load_upscaler(path, device);
        upscalers.emplace_back(path, m);
        while (upscalers.size() > 2) upscalers.erase(upscalers.begin());
        return m;
    }
    ImageUpscaler image_upscaler(const std::string& name, const std::string& path) {
        ImageUpscaler up;
        up.name = name;
        if (const auto kind = builtin_image_upscaler(name)) {
            up.kind = *kind;
            return up;
        }
        if (path.empty()) throw PipelineError("unknown_upscaler", "Could not find the upscaler \"" + name + "\".");
        up.kind = ImageUpscaler::Kind::Model;
        up.model = upscaler(path);
        return up;
    }
};

std::unique_ptr<DiffusionModel> load_diffusion_model(const std::string& path, const std::string& vae_path,
                                                     at::Device device, std::vector<std::string>* warnings,
                                                     double* vae_scale) {
    LoadOptions options;
    options.device = device;
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
    m->device = device;
    m->dtype = options.dtype.value_or(device.is_cuda() ? at::kHalf : at::kFloat);
    if (warnings) *warnings = ckpt.warnings;
    if (vae_scale) *vae_scale = ckpt.vae_scale;
    return m;
}

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
    impl_->hr_model.reset();
    impl_->hr_model_path.clear();
    impl_->upscalers.clear();
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
    std::vector<std::string> warnings;
    double vae_scale = 0.18215;
    auto m = load_diffusion_model(path, vae_path, impl_->device, &warnings, &vae_scale);
    impl_->model = std::move(m);
    impl_->model_path = path;
    impl_->vae_path = vae_path;
    impl_->vae_scale = vae_scale;

    ModelLoadResult r;
    r.path = path;
    r.family = impl_->model->family;
    r.inpainting = impl_->model->inpainting;
    r.prediction = impl_->model->prediction == Prediction::V ? "v" : "epsilon";
    r.warnings = warnings;
    r.vae_path = vae_path;
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    impl_->last = r;
    return r;
}

namespace {

// The UNet's compute dtype for a request (precision.h): none for fp32 (the model's own), bf16 when
// asked for and the CPU runs it natively. Throws PipelineError otherwise.
std::optional<at::ScalarType> unet_dtype_for(const GenerationRequest& request, const std::string& device) {
    const Precision p = check_precision_supported(request.precision, device);
    if (p == Precision::Bf16) return at::kBFloat16;
    return std::nullopt;
}

// The infotext records the precision when it is not fp32 ("Precision: bf16").
void note_precision(const std::optional<at::ScalarType>& dtype, GenerationResult& result) {
    if (dtype) result.extra_params.emplace_back("Precision", precision_name(Precision::Bf16));
}

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
    const std::optional<at::ScalarType> unet_dtype = unet_dtype_for(request, impl_->device_name);
    ComputeDtypeScope precision_scope(unet_dtype);
    LatentRecorder recorder;
    std::vector<std::string> warnings;
    std::unique_ptr<ControlSet> control, hr_control;
    if (!request.controlnet.empty() && !request.hires.enable) {
        c10::InferenceMode guard;
        control = build_control_set(request, *impl_->model, impl_->controlnets, nullptr, &warnings);
    }
    GenerationResult result;
    if (request.hires.enable) {
        // Hires fix: the image-space upscaler and the second checkpoint are loaded (or reused) here.
        Engine::check_request(request);
        HiresModels models;
        models.control = control.get();
        const std::string& up = request.hires.upscaler;
        if (!up.empty() && !find_latent_upscale_mode(up))
            models.upscaler = impl_->image_upscaler(up, request.hires.upscaler_path);
        const std::string& hr_path = request.hires.checkpoint_path;
        if (!hr_path.empty() && hr_path != impl_->model_path) {
            if (!impl_->hr_model || impl_->hr_model_path != hr_path || impl_->hr_vae_path != impl_->vae_path) {
                impl_->hr_model.reset();
                c10::InferenceMode guard;
                impl_->hr_model = load_diffusion_model(hr_path, impl_->vae_path, impl_->device);
                impl_->hr_model_path = hr_path;
                impl_->hr_vae_path = impl_->vae_path;
            }
            models.second_pass = impl_->hr_model.get();
        }
        if (!request.controlnet.empty()) {
            // Both passes' sets at once: each unit's preprocessor runs once.
            c10::InferenceMode guard;
            const HiresTarget target = hires_target(request);
            HiresControlTarget hr;
            hr.model = models.second_pass ? models.second_pass : impl_->model.get();
            hr.width = target.width;
            hr.height = target.height;
            hr.out = &hr_control;
            control = build_control_set(request, *impl_->model, impl_->controlnets, nullptr, &warnings, &hr);
            models.control = control.get();
            models.hr_control = hr_control.get();
        }
        result = txt2img_hires(*impl_->model, request, models, callbacks, save_latents_dir.empty() ? nullptr : &recorder);
    } else {
        result = latent::txt2img(*impl_->model, request, callbacks, save_latents_dir.empty() ? nullptr : &recorder,
                                 control.get());
    }
    // The final images have the last pass's size: its set pastes inpaint_only's colours back.
    if (ControlSet* last = hr_control ? hr_control.get() : control.get()) last->postprocess_images(result.images);
    note_precision(unet_dtype, result);
    result.warnings.insert(result.warnings.end(), warnings.begin(), warnings.end());
    if (!save_latents_dir.empty()) write_recorder(save_latents_dir, recorder);
    return result;
}

GenerationResult Engine::img2img(const GenerationRequest& request, const InitImages& images,
                                 const GenerationCallbacks& callbacks, const std::string& save_latents_dir) {
    if (!impl_->model) throw PipelineError("no_model", "No model is loaded.");
    const std::optional<at::ScalarType> unet_dtype = unet_dtype_for(request, impl_->device_name);
    ComputeDtypeScope precision_scope(unet_dtype);
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
    note_precision(unet_dtype, result);
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
    validate_hires(r);
    if (r.denoising_strength && !(*r.denoising_strength >= 0.0 && *r.denoising_strength <= 1.0))
        throw PipelineError("bad_request", "Denoising strength must be between 0 and 1.");
    const std::string rng = r.rng;
    if (rng != "cpu" && rng != "gpu" && rng != "nv")
        throw PipelineError("bad_request", "The RNG source must be cpu, gpu or nv.");
    validate_control_units(r.controlnet, /*init_image_fallback=*/true);
    check_precision_supported(r.precision);  // the engine checks its device again when it runs
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

void Engine::check_upscale(const UpscaleRequest& r, const ImageU8& image) {
    auto bad = [](const std::string& msg) { throw PipelineError("bad_request", msg); };
    if (!image.valid()) throw PipelineError("bad_image", "The image to upscale is empty or unreadable.");
    if (r.upscaler.empty()) bad("Choose an upscaler.");
    const bool scale_to = r.width > 0 || r.height > 0;
    if (scale_to && (r.width <= 0 || r.height <= 0)) bad("Give both the width and the height to scale to.");
    if (!scale_to && !(r.scale > 0.0 && r.scale <= 16.0)) bad("The upscale factor must be above 0 and at most 16.");
    const double by = scale_to ? std::max(double(r.width) / double(image.width), double(r.height) / double(image.height))
                               : r.scale;
    const double w = image.width * by, h = image.height * by;
    if (w > double(kMaxUpscaleSide) || h > double(kMaxUpscaleSide) || r.width > kMaxUpscaleSide ||
        r.height > kMaxUpscaleSide)
        bad("The upscaled image would be larger than " + std::to_string(kMaxUpscaleSide) + " pixels on a side.");
    if (std::floor(w / 8.0) < 1.0 || std::floor(h / 8.0) < 1.0) bad("The upscaled image would be smaller than 8 pixels.");
    if (!(r.visibility >= 0.0 && r.visibility <= 1.0)) bad("The second upscaler's visibility must be between 0 and 1.");
    if (r.tile < 0 || r.tile_overlap < 0 || (r.tile > 0 && r.tile_overlap >= r.tile))
        bad("The tile overlap must be smaller than the tile size.");
    for (const auto& [name, path] : {std::pair{r.upscaler, r.upscaler_path}, std::pair{r.upscaler_2, r.upscaler_2_path}})
        if (!name.empty() && !builtin_image_upscaler(name) && path.empty())
            throw PipelineError("unknown_upscaler", "Could not find the upscaler \"" + name + "\".");
}

ImageU8 Engine::upscale(const ImageU8& image, const UpscaleRequest& r, const GenerationCallbacks& callbacks) {
    check_upscale(r, image);
    c10::InferenceMode guard;
    const ImageUpscaler up1 = impl_->image_upscaler(r.upscaler, r.upscaler_path);
    std::optional<ImageUpscaler> up2;
    if (!r.upscaler_2.empty() && r.upscaler_2 != "None" && r.visibility > 0)
        up2 = impl_->image_upscaler(r.upscaler_2, r.upscaler_2_path);
    UpscaleContext ctx;
    ctx.tile = r.tile;
    ctx.tile_overlap = r.tile_overlap;
    ctx.cancelled = callbacks.cancelled;
    const auto t0 = std::chrono::steady_clock::now();
    ctx.on_tile = [&](int64_t done, int64_t total) {
        if (!callbacks.on_progress) return;
        GenerationProgress p;
        p.step = done;
        p.total = total;
        p.seconds_elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        p.iterations_per_second = p.seconds_elapsed > 0 ? done / p.seconds_elapsed : 0;
        p.eta_seconds = p.iterations_per_second > 0 ? (total - done) / p.iterations_per_second : 0;
        callbacks.on_progress(p);
    };
    if (up1.kind == ImageUpscaler::Kind::None) return image;  // A1111 Extras: upscaler "None" does nothing
    ExtrasUpscaleOptions o;
    o.scale = r.scale;
    o.scale_to_width = r.width;
    o.scale_to_height = r.height;
    o.crop = r.crop;
    o.visibility = r.visibility;
    return extras_upscale(image, up1, up2 ? &*up2 : nullptr, o, ctx);
}

std::string Engine::samplers_json() { return sampler_catalog_json().dump(); }
std::string Engine::schedules_json() { return schedule_catalog_json().dump(); }

} // namespace latent
