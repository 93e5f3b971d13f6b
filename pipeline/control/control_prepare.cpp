#include "pipeline/control/control_prepare.h"

#include "pipeline/control/preprocessors.h"
#include "pipeline/core/error.h"
#include "pipeline/imaging/composite.h"
#include "pipeline/imaging/resample.h"
#include "pipeline/pipelines/image_prep.h"

#include <ATen/ATen.h>

#include <filesystem>

namespace latent {

std::shared_ptr<LoadedControlNet> ControlNetCache::get(const std::string& path, const LoadOptions& options) {
    for (auto it = entries_.begin(); it != entries_.end(); ++it)
        if (it->first == path) {
            entries_.splice(entries_.begin(), entries_, it);
            return entries_.front().second;
        }
    while (!entries_.empty() && entries_.size() >= capacity_) entries_.pop_back();  // free before loading
    auto loaded = std::make_shared<LoadedControlNet>(load_controlnet(path, options));
    entries_.emplace_front(path, loaded);
    return loaded;
}

void validate_control_units(const std::vector<ControlUnit>& units, bool init_image_fallback) {
    auto bad = [](size_t i, const std::string& m) {
        throw PipelineError("bad_request", "ControlNet unit " + std::to_string(i) + ": " + m);
    };
    for (size_t i = 0; i < units.size(); ++i) {
        const ControlUnit& u = units[i];
        if (!u.enabled) continue;
        if (!(u.weight >= 0.0 && u.weight <= 2.0)) bad(i, "the weight must be between 0 and 2.");
        if (!(u.guidance_start >= 0.0 && u.guidance_start <= 1.0))
            bad(i, "the guidance start must be between 0 and 1.");
        if (!(u.guidance_end >= 0.0 && u.guidance_end <= 1.0)) bad(i, "the guidance end must be between 0 and 1.");
        if (u.guidance_start > u.guidance_end) bad(i, "the guidance start is after the guidance end.");
        const PreprocessorInfo* p = find_preprocessor(u.module);
        if (!p)
            throw PipelineError("unknown_preprocessor",
                                "ControlNet unit " + std::to_string(i) + ": unknown preprocessor \"" + u.module + "\".");
        if (p->needs_model)
            throw PipelineError("preprocessor_needs_model", "ControlNet unit " + std::to_string(i) +
                                                                ": the preprocessor \"" + p->name +
                                                                "\" needs its own model (" + p->model_file +
                                                                "), which is not available.");
        if (u.model_path.empty()) bad(i, "no ControlNet model was chosen.");
        if (!u.image.valid() && !init_image_fallback) bad(i, "no control image was given.");
        if (u.image.valid() && (u.image.width > 16384 || u.image.height > 16384))
            bad(i, "the control image is larger than 16384 pixels on a side.");
    }
}

namespace {

// sd-webui-controlnet's try_crop_image_with_a1111_mask: on "Only masked" inpainting the control
// image (and its mask) is fitted to the canvas by the unit's resize mode, cropped to A1111's crop
// region, then resized into the processing size by "Resize and Fill". Returns nullopt when the
// job is not an "only masked" inpaint.
std::optional<CropRegion> inpaint_crop_region(const GenerationRequest& r, const InitImages* init) {
    if (!init || !init->init.valid() || !init->mask.valid() || !r.img2img.inpaint_full_res) return std::nullopt;
    const auto& op = r.img2img.outpaint;
    if (op[0] || op[1] || op[2] || op[3]) return std::nullopt;
    ImageU8 m = create_binary_mask(init->mask, r.img2img.mask_round);
    if (m.width != init->init.width || m.height != init->init.height)
        m = pillow_resize(m, init->init.width, init->init.height, ResampleFilter::Lanczos);
    if (r.img2img.inpainting_mask_invert) m = invert(m);
    m = blur_mask(m, r.img2img.mask_blur_x, r.img2img.mask_blur_y);
    std::optional<CropRegion> region = get_crop_region(m, r.img2img.inpaint_full_res_padding);
    if (region) *region = expand_crop_region(*region, r.width, r.height, m.width, m.height);
    return region;
}

ImageU8 crop_for_inpaint(const ImageU8& image, ControlResizeMode mode, const CropRegion& c, int64_t canvas_w,
                         int64_t canvas_h, int64_t width, int64_t height) {
    const int a1111_mode = mode == ControlResizeMode::JustResize ? 0 : mode == ControlResizeMode::CropAndResize ? 1 : 2;
    ImageU8 fitted = a1111_resize_image(a1111_mode, image.channels == 1 ? image : hwc3(image), canvas_w, canvas_h);
    return a1111_resize_image(2, crop(fitted, c.x1, c.y1, c.x2, c.y2), width, height);
}

} // namespace

namespace {

// One unit's prepared data for a pass of width x height from its detected map.
PreparedControlUnit prepare_unit(const ControlUnit& unit, const std::string& name, const LoadedControlNet& net,
                                 const ImageU8& detected, bool inpaint_map, DiffusionModel& model, int64_t width,
                                 int64_t height, bool a1111_mask) {
    const ImageU8 map = fit_control_map(detected, unit.resize_mode, width, height, inpaint_map);
    PreparedControlUnit p;
    p.name = name;
    p.model = net.model;
    p.hint = control_hint_tensor(map);
    // inpaint_only restores the control image outside its mask, unless A1111 inpaints too
    // (then the extension falls back to inpaint_global_harmonious: the hint alone).
    if (unit.module == "inpaint_only" && !a1111_mask && map.channels == 4) {
        const at::Tensor rgba = at::from_blob(const_cast<uint8_t*>(map.data.data()), {map.height, map.width, 4}, at::kByte)
                                    .to(at::kFloat)
                                    .div(255.0)
                                    .permute({2, 0, 1})
                                    .unsqueeze(0);
        const at::Tensor colours = rgba.narrow(1, 0, 3).contiguous();
        p.restore_latent =
            model.vae->encode_to_latents((colours * 2.0 - 1.0).to(model.device, model.dtype)).to(at::kFloat).cpu();
        p.restore_mask = at::max_pool2d(rgba.narrow(1, 3, 1).contiguous(), {10, 10}, {8, 8}, {1, 1});
        p.paste_map = map;
    }
    p.weight = unit.weight;
    p.guidance_start = unit.guidance_start;
    p.guidance_end = unit.guidance_end;
    p.mode = unit.control_mode;
    return p;
}

} // namespace

std::unique_ptr<ControlSet> build_control_set(const GenerationRequest& request, DiffusionModel& model,
                                              ControlNetCache& cache, const InitImages* init,
                                              std::vector<std::string>* warnings, const HiresControlTarget* hires) {
    const bool fallback = init && init->init.valid();
    validate_control_units(request.controlnet, fallback);
    auto set = std::make_unique<ControlSet>();
    set->set_alphas_cumprod(model.schedule->alphas_cumprod());
    std::unique_ptr<ControlSet> hr_set;
    if (hires) {
        if (!hires->model || !hires->out || hires->width < 8 || hires->height < 8)
            throw PipelineError("bad_request", "The hires fix's ControlNet target is incomplete.");
        hr_set = std::make_unique<ControlSet>();
        hr_set->set_alphas_cumprod(hires->model->schedule->alphas_cumprod());
    }
    const ModelFamily model_family = family_from_name(model.family).value_or(ModelFamily::Unknown);
    const std::optional<CropRegion> crop_region = inpaint_crop_region(request, init);
    for (size_t i = 0; i < request.controlnet.size(); ++i) {
        ControlUnit unit = request.controlnet[i];
        if (!unit.enabled) continue;
        LoadOptions opt;
        opt.device = model.device;
        opt.dtype = model.dtype;
        std::shared_ptr<LoadedControlNet> net = cache.get(unit.model_path, opt);
        const std::string name =
            unit.model_title.empty() ? std::filesystem::path(unit.model_path).filename().string() : unit.model_title;
        check_controlnet_fits(net->config, net->base_family, model.unet->config(), model_family, name);
        if (hires && hires->model != &model)
            check_controlnet_fits(net->config, net->base_family, hires->model->unet->config(),
                                  family_from_name(hires->model->family).value_or(ModelFamily::Unknown), name);
        if (warnings)
            for (const auto& w : net->warnings) warnings->push_back(name + ": " + w);
        if (!unit.image.valid()) {
            // The extension's fallback: img2img's init image with img2img's resize mode; inpaint
            // modules take the img2img mask as their mask.
            unit.image = init->init;
            const int rm = request.img2img.resize_mode;
            unit.resize_mode = rm == 1   ? ControlResizeMode::CropAndResize
                               : rm == 2 ? ControlResizeMode::ResizeAndFill
                                         : ControlResizeMode::JustResize;
            if (is_inpaint_module(unit.module) && !unit.mask.valid()) unit.mask = init->mask;
        }
        if (unit.mask.valid() && (unit.mask.width != unit.image.width || unit.mask.height != unit.image.height))
            throw PipelineError("bad_request", "ControlNet unit " + std::to_string(i) + ": the mask is " +
                                                   std::to_string(unit.mask.width) + "x" +
                                                   std::to_string(unit.mask.height) + ", its image " +
                                                   std::to_string(unit.image.width) + "x" +
                                                   std::to_string(unit.image.height) + ".");
        if (crop_region) {
            const int64_t cw = init->init.width, ch = init->init.height;
            unit.image = crop_for_inpaint(unit.image, unit.resize_mode, *crop_region, cw, ch, request.width, request.height);
            if (unit.mask.valid())
                unit.mask = crop_for_inpaint(unit.mask, unit.resize_mode, *crop_region, cw, ch, request.width, request.height);
        }
        if (net->config.conditioning_channels != 3)
            throw PipelineError("controlnet_mismatch", "The ControlNet '" + name + "' takes " +
                                                           std::to_string(net->config.conditioning_channels) +
                                                           "-channel control images; only RGB ones are supported.");
        // The module runs once (pixel perfect for the first pass's size); each pass fits its map.
        const PreprocessorInfo* pre = find_preprocessor(unit.module);
        if (!pre) throw PipelineError("unknown_preprocessor", "Unknown ControlNet preprocessor \"" + unit.module + "\".");
        int res = unit.processor_res;
        if (unit.pixel_perfect)
            res = pixel_perfect_resolution(unit.image.width, unit.image.height, request.width, request.height,
                                           unit.resize_mode);
        const ImageU8 detected =
            run_preprocessor(pre->name, unit.image, unit.mask, res, unit.threshold_a, unit.threshold_b);
        const bool inpaint_map = is_inpaint_module(pre->name);
        const bool a1111_mask = init && init->mask.valid();
        PreparedControlUnit p =
            prepare_unit(unit, name, *net, detected, inpaint_map, model, request.width, request.height, a1111_mask);
        if (hires) {
            p.pass_disabled = unit.hr_option == ControlHiresOption::HighResOnly;
            PreparedControlUnit q = prepare_unit(unit, name, *net, detected, inpaint_map, *hires->model, hires->width,
                                                 hires->height, a1111_mask);
            q.pass_disabled = unit.hr_option == ControlHiresOption::LowResOnly;
            q.forced_soft = pre->name.find("canny") != std::string::npos || pre->name.find("mlsd") != std::string::npos;
            hr_set->add(std::move(q));
        }
        set->add(std::move(p));
    }
    if (hires) *hires->out = std::move(hr_set);
    return set;
}

} // namespace latent
