#include "pipeline/pipelines/hires_fix.h"

#include "pipeline/core/error.h"
#include "pipeline/pipelines/image_tensor.h"
#include "pipeline/pipelines/img2img.h"
#include "pipeline/schedulers/sampler_registry.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <charconv>
#include <chrono>
#include <cmath>

namespace latent {

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

// Python repr() of a float for the values the hires keys hold (scale, CFG).
std::string python_float(double v) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    std::string s(buf, r.ptr);
    if (s.find_first_of(".ein") == std::string::npos) s += ".0";
    return s;
}

int64_t hr_steps_of(const GenerationRequest& r) {
    return r.hires.second_pass_steps > 0 ? r.hires.second_pass_steps : r.steps;
}

std::string hr_sampler_of(const GenerationRequest& r) {
    const std::string& s = r.hires.sampler;
    return s.empty() || s == "Use same sampler" ? r.sampler : s;
}

std::string hr_schedule_of(const GenerationRequest& r) {
    const std::string& s = r.hires.schedule;
    return s.empty() || s == "Use same scheduler" ? r.schedule : s;
}

// A1111 writes "Schedule type" / "Hires schedule type" extras only when a schedule function ran
// (not for the model's own uniform get_sigmas under "Automatic", nor for timestep samplers).
std::string schedule_extra(const SamplingPlan& plan) {
    if (plan.sampler->kind == SamplerKind::Timesteps) return {};
    return plan.infotext_schedule == "Automatic" ? std::string() : plan.infotext_schedule;
}

} // namespace

const std::vector<LatentUpscaleMode>& latent_upscale_modes() {
    static const std::vector<LatentUpscaleMode> modes = {
        {"Latent", "bilinear", false},          {"Latent (antialiased)", "bilinear", true},
        {"Latent (bicubic)", "bicubic", false}, {"Latent (bicubic antialiased)", "bicubic", true},
        {"Latent (nearest)", "nearest", false}, {"Latent (nearest-exact)", "nearest-exact", false},
    };
    return modes;
}

const LatentUpscaleMode* find_latent_upscale_mode(std::string_view name) {
    for (const auto& m : latent_upscale_modes())
        if (m.name == name) return &m;
    return nullptr;
}

std::optional<ImageUpscaler::Kind> builtin_image_upscaler(std::string_view name) {
    if (name == "None") return ImageUpscaler::Kind::None;
    if (name == "Lanczos") return ImageUpscaler::Kind::Lanczos;
    if (name == "Nearest") return ImageUpscaler::Kind::Nearest;
    return std::nullopt;
}

at::Tensor latent_upscale(const at::Tensor& samples, int64_t h, int64_t w, const LatentUpscaleMode& m) {
    // torch.nn.functional.interpolate(samples, size=(h, w), mode=m.mode, antialias=m.antialias)
    const std::vector<int64_t> size{h, w};
    const at::OptionalIntArrayRef out(size);
    if (m.mode == "bilinear")
        return m.antialias ? at::_upsample_bilinear2d_aa(samples, out, false, c10::nullopt)
                           : at::upsample_bilinear2d(samples, out, false, c10::nullopt);
    if (m.mode == "bicubic")
        return m.antialias ? at::_upsample_bicubic2d_aa(samples, out, false, c10::nullopt)
                           : at::upsample_bicubic2d(samples, out, false, c10::nullopt);
    if (m.mode == "nearest") return at::upsample_nearest2d(samples, out, c10::nullopt);
    if (m.mode == "nearest-exact") return at::_upsample_nearest_exact2d(samples, out, c10::nullopt);
    throw PipelineError("unknown_upscaler", "Unknown latent upscale mode \"" + m.mode + "\".");
}

HiresTarget hires_target(const GenerationRequest& r) {
    const HiresOptions& o = r.hires;
    const int64_t W = r.width, H = r.height;
    HiresTarget t;
    if (o.resize_x == 0 && o.resize_y == 0) {
        t.upscale_to_x = static_cast<int64_t>(static_cast<double>(W) * o.scale);
        t.upscale_to_y = static_cast<int64_t>(static_cast<double>(H) * o.scale);
    } else if (o.resize_y == 0) {
        t.upscale_to_x = o.resize_x;
        t.upscale_to_y = o.resize_x * H / W;
    } else if (o.resize_x == 0) {
        t.upscale_to_x = o.resize_y * W / H;
        t.upscale_to_y = o.resize_y;
    } else {
        const double src_ratio = double(W) / double(H), dst_ratio = double(o.resize_x) / double(o.resize_y);
        if (src_ratio < dst_ratio) {
            t.upscale_to_x = o.resize_x;
            t.upscale_to_y = o.resize_x * H / W;
        } else {
            t.upscale_to_x = o.resize_y * W / H;
            t.upscale_to_y = o.resize_y;
        }
        auto floordiv8 = [](int64_t v) { return v >= 0 ? v / 8 : -((-v + 7) / 8); };
        t.truncate_x = floordiv8(t.upscale_to_x - o.resize_x);
        t.truncate_y = floordiv8(t.upscale_to_y - o.resize_y);
    }
    t.width = (t.upscale_to_x / 8 - t.truncate_x) * 8;
    t.height = (t.upscale_to_y / 8 - t.truncate_y) * 8;
    return t;
}

void validate_hires(const GenerationRequest& r) {
    const HiresOptions& o = r.hires;
    if (!o.enable) return;
    auto bad = [](const std::string& msg) { throw PipelineError("bad_request", msg); };
    if (o.resize_x < 0 || o.resize_y < 0 || o.resize_x > 8192 || o.resize_y > 8192)
        bad("Hires resize width and height must be between 0 and 8192 pixels.");
    if (o.resize_x == 0 && o.resize_y == 0 && !(o.scale > 0.0 && o.scale <= 16.0))
        bad("Hires upscale must be above 0 and at most 16.");
    const HiresTarget t = hires_target(r);
    if (t.upscale_to_x > 8192 || t.upscale_to_y > 8192 || t.width > 8192 || t.height > 8192)
        bad("The hires fix size " + std::to_string(t.upscale_to_x) + "x" + std::to_string(t.upscale_to_y) +
            " is larger than 8192 pixels on a side.");
    if (t.width < 64 || t.height < 64)
        bad("The hires fix size " + std::to_string(t.width) + "x" + std::to_string(t.height) +
            " is smaller than 64 pixels on a side.");
    if (o.second_pass_steps < 0 || o.second_pass_steps > 1000) bad("Hires steps must be between 0 and 1000.");
    const double strength = r.denoising_strength.value_or(0.75);
    if (!(strength >= 0.0 && strength <= 1.0)) bad("Denoising strength must be between 0 and 1.");
    if (o.cfg_scale && !(*o.cfg_scale >= 0.0 && *o.cfg_scale <= 100.0))
        bad("Hires CFG scale must be between 0 and 100.");
    resolve_sampler(hr_sampler_of(r), hr_schedule_of(r));
    if (!o.upscaler.empty() && !find_latent_upscale_mode(o.upscaler) && !builtin_image_upscaler(o.upscaler) &&
        o.upscaler_path.empty())
        throw PipelineError("unknown_upscaler", "Could not find the upscaler \"" + o.upscaler + "\".");
    if (!o.checkpoint.empty() && o.checkpoint_path.empty())
        throw PipelineError("bad_request", "Could not find the hires checkpoint \"" + o.checkpoint + "\".");
}

std::vector<std::pair<std::string, std::string>> hires_infotext_params(const GenerationRequest& r,
                                                                       const DiscreteSchedule& schedule) {
    std::vector<std::pair<std::string, std::string>> out;
    const HiresOptions& o = r.hires;
    if (!o.enable) return out;
    if (!o.checkpoint.empty()) out.emplace_back("Hires checkpoint", o.checkpoint);
    const std::string hr_sampler = hr_sampler_of(r);
    if (hr_sampler != r.sampler) out.emplace_back("Hires sampler", hr_sampler);
    if (!o.prompt.empty() && o.prompt != r.prompt) out.emplace_back("Hires prompt", o.prompt);
    if (!o.negative_prompt.empty() && o.negative_prompt != r.negative_prompt)
        out.emplace_back("Hires negative prompt", o.negative_prompt);
    if (o.cfg_scale) out.emplace_back("Hires CFG Scale", python_float(*o.cfg_scale));
    {
        SamplerSpec first, second;
        first.sampler = r.sampler;
        first.schedule = r.schedule;
        second.sampler = hr_sampler;
        second.schedule = hr_schedule_of(r);
        const std::string a = schedule_extra(plan_sampling(first, schedule, 1));
        const std::string b = schedule_extra(plan_sampling(second, schedule, 1));
        if (!b.empty() && b != a) out.emplace_back("Hires schedule type", b);
    }
    if (o.resize_x == 0 && o.resize_y == 0)
        out.emplace_back("Hires upscale", python_float(o.scale));
    else
        out.emplace_back("Hires resize", std::to_string(o.resize_x) + "x" + std::to_string(o.resize_y));
    if (o.second_pass_steps > 0) out.emplace_back("Hires steps", std::to_string(o.second_pass_steps));
    if (!o.upscaler.empty()) out.emplace_back("Hires upscaler", o.upscaler);
    return out;
}

GenerationResult txt2img_hires(DiffusionModel& model, const GenerationRequest& request, const HiresModels& models,
                               const GenerationCallbacks& callbacks, LatentRecorder* recorder) {
    const auto t_total = Clock::now();
    c10::InferenceMode inference_guard;
    validate_request(request);
    validate_hires(request);
    DiffusionModel& model2 = models.second_pass ? *models.second_pass : model;
    auto cancelled = [&] { return callbacks.cancelled && callbacks.cancelled(); };

    const HiresOptions& o = request.hires;
    const HiresTarget target = hires_target(request);
    const LatentUpscaleMode* latent_mode = find_latent_upscale_mode(o.upscaler.empty() ? "Latent" : o.upscaler);
    if (!latent_mode && o.upscaler.empty()) latent_mode = &latent_upscale_modes().front();
    const double strength = request.denoising_strength.value_or(0.75);
    const int64_t hr_steps = hr_steps_of(request);
    const int64_t B = request.batch_size;

    // The second pass's request: hires sampler, schedule, prompts, CFG; size set per batch.
    GenerationRequest second = request;
    second.n_iter = 1;
    second.steps = hr_steps;
    second.sampler = hr_sampler_of(request);
    second.schedule = hr_schedule_of(request);
    if (!o.prompt.empty()) second.prompt = o.prompt;
    if (!o.negative_prompt.empty()) second.negative_prompt = o.negative_prompt;
    if (o.cfg_scale) second.cfg_scale = *o.cfg_scale;
    second.denoising_strength = strength;
    second.width = target.width;
    second.height = target.height;
    second.hires = HiresOptions{};

    // A1111's prompt timeline for the hires pass counts from the first pass's total steps.
    SamplerSpec first_spec;
    first_spec.sampler = request.sampler;
    first_spec.schedule = request.schedule;
    const SamplingPlan first_plan = plan_sampling(first_spec, *model.schedule, request.steps);
    const int first_total = static_cast<int>(request.steps * (first_plan.sampler->second_order ? 2 : 1));

    GenerationResult result;
    result.extra_params = hires_infotext_params(request, *model.schedule);
    for (int64_t iteration = 0; iteration < request.n_iter; ++iteration) {
        if (interrupted_before_batch(callbacks, iteration)) break;
        GenerationRequest first = request;
        first.n_iter = 1;
        first.seed = request.seed + iteration * B;
        if (request.subseed >= 0) first.subseed = request.subseed + iteration * B;
        first.hires = HiresOptions{};

        // Progress of both passes as one run: [first pass steps][second pass steps].
        int64_t first_steps_seen = request.steps;
        auto wrap = [&](bool second_pass) {
            GenerationCallbacks cb = callbacks;
            cb.on_progress = [&, second_pass](const GenerationProgress& p_in) {
                if (!callbacks.on_progress) return;
                GenerationProgress p = p_in;
                if (second_pass) {
                    p.step += first_steps_seen;
                    p.total += first_steps_seen;
                } else {
                    first_steps_seen = p_in.total;
                    p.total += hr_steps;
                }
                p.eta_seconds = p.iterations_per_second > 0 ? (p.total - p.step) / p.iterations_per_second : 0;
                callbacks.on_progress(p);
            };
            return cb;
        };

        // 1. First pass, latents kept.
        at::Tensor samples;
        LatentInputs in1;
        in1.samples_out = &samples;
        in1.control = models.control;
        GenerationResult r1 = run_diffusion(model, first, wrap(false), recorder, &in1);
        if (iteration == 0) {
            result.sampler_name = r1.sampler_name;
            result.schedule_type = r1.schedule_type;
            result.steps = r1.steps;
            result.conditional_mask_weight = r1.conditional_mask_weight;
        }
        result.warnings.insert(result.warnings.end(), r1.warnings.begin(), r1.warnings.end());
        result.timings.text_seconds += r1.timings.text_seconds;
        result.timings.step_seconds.insert(result.timings.step_seconds.end(), r1.timings.step_seconds.begin(),
                                           r1.timings.step_seconds.end());
        if (cancelled()) throw CancelledError();
        result.skipped = result.skipped || r1.skipped;
        if (r1.interrupted) {
            // A1111 sample_hr_pass: interrupted -> the first pass's latents, decoded at their size.
            result.interrupted = true;
            const auto t_dec = Clock::now();
            const at::Tensor images =
                model.vae->decode_latents(samples, request.width * request.height > 1024 * 1024, callbacks.cancelled)
                    .to(at::kCPU, at::kFloat);
            result.timings.vae_seconds += seconds_since(t_dec);
            for (int64_t i = 0; i < B; ++i) {
                GeneratedImage img = tensor_to_image(images[i]);
                img.seed = first.seed + i;
                img.subseed = request.subseed >= 0 ? first.subseed + i : 0;
                img.batch_index = iteration * B + i;
                result.images.push_back(std::move(img));
            }
            continue;
        }

        // 2. Upscale (latent mode, or decode → image upscaler → encode).
        LatentInputs in2;
        at::Tensor upscaled;
        const auto t_vae = Clock::now();
        if (latent_mode) {
            upscaled = latent_upscale(samples, target.upscale_to_y / 8, target.upscale_to_x / 8, *latent_mode);
            if (model2.unet->config().in_channels == 9 && request.img2img.inpainting_mask_weight < 1.0) {
                const at::Tensor decoded = model2.vae->decode_latents(
                    upscaled, target.upscale_to_x * target.upscale_to_y > 1024 * 1024, callbacks.cancelled);
                in2.image_cond =
                    inpainting_image_conditioning(model2, decoded, at::Tensor(), request.img2img.inpainting_mask_weight,
                                                  request.img2img.mask_round, B, upscaled.size(2), upscaled.size(3));
            }
        } else {
            std::vector<at::Tensor> latents, images01;
            const bool tiled_decode = request.width * request.height > 1024 * 1024;
            for (int64_t i = 0; i < B; ++i) {
                const at::Tensor decoded =
                    model.vae->decode_latents(samples.narrow(0, i, 1), tiled_decode, callbacks.cancelled);
                const GeneratedImage low = tensor_to_image(decoded[0].to(at::kCPU, at::kFloat));
                ImageU8 img(low.width, low.height, 3);
                img.data = low.rgb;
                ImageUpscaler up = models.upscaler;
                if (up.kind != ImageUpscaler::Kind::Model) {
                    const auto kind = builtin_image_upscaler(o.upscaler);
                    up.kind = kind ? *kind : ImageUpscaler::Kind::None;
                    up.name = o.upscaler;
                } else if (!up.model) {
                    throw PipelineError("unknown_upscaler", "The upscaler \"" + o.upscaler + "\" is not loaded.");
                }
                UpscaleContext uctx;
                uctx.cancelled = callbacks.cancelled;
                const ImageU8 big =
                    a1111_resize_with_upscaler(img, target.upscale_to_x, target.upscale_to_y, &up, uctx);
                const at::Tensor x01 = image_to_unit_tensor(big);
                images01.push_back(x01);
                latents.push_back(encode_init(model2, x01, 1, 0, 0, false, callbacks));
            }
            upscaled = at::cat(latents, 0);
            if (model2.unet->config().in_channels == 9)
                in2.image_cond = inpainting_image_conditioning(
                    model2, at::cat(images01, 0), at::Tensor(), request.img2img.inpainting_mask_weight,
                    request.img2img.mask_round, B, upscaled.size(2), upscaled.size(3));
        }
        result.timings.vae_seconds += seconds_since(t_vae);
        if (cancelled()) throw CancelledError();

        // 3. Crop the aspect-ratio overhang of hr_resize_x/y (samples[:, :, ty//2 : h-(ty+1)//2, ...]).
        {
            const int64_t ty = target.truncate_y, tx = target.truncate_x;
            const int64_t h = upscaled.size(2), w = upscaled.size(3);
            upscaled = upscaled.slice(2, ty / 2, h - (ty + 1) / 2).slice(3, tx / 2, w - (tx + 1) / 2).contiguous();
            if (in2.image_cond.defined())
                in2.image_cond =
                    in2.image_cond.slice(2, ty / 2, h - (ty + 1) / 2).slice(3, tx / 2, w - (tx + 1) / 2).contiguous();
        }
        if (upscaled.size(2) * 8 != target.height || upscaled.size(3) * 8 != target.width)
            throw PipelineError("bad_request", "The upscaled latent does not have the hires fix size.");

        // 4. Second pass: same seeds, a fresh generator per image, fixed steps from the upscaled latent.
        GenerationRequest r2 = second;
        r2.seed = first.seed;
        r2.subseed = first.subseed;
        in2.init_latent = upscaled;
        in2.control = models.hr_control;  // guidance start/end count the second pass's steps
        in2.fixed_steps = true;
        in2.first_pass_steps = first_total;
        in2.cond_width = target.upscale_to_x;
        in2.cond_height = target.upscale_to_y;
        LatentRecorder rec2;
        GenerationResult r2res;
        if (strength > 0.0) {
            r2res = run_diffusion(model2, r2, wrap(true), recorder ? &rec2 : nullptr, &in2);
        } else {
            // A1111 with strength 0: an empty schedule, so the upscaled latent is decoded as it is.
            const at::Tensor images =
                model2.vae->decode_latents(upscaled.to(model2.device, model2.dtype),
                                           target.width * target.height > 1024 * 1024, callbacks.cancelled);
            for (int64_t i = 0; i < B; ++i) {
                GeneratedImage img = tensor_to_image(images[i].to(at::kCPU, at::kFloat));
                img.seed = r2.seed + i;
                img.subseed = r2.subseed >= 0 ? r2.subseed + i : 0;
                r2res.images.push_back(std::move(img));
            }
        }
        if (recorder) {
            recorder->latents["hr.init_latent"] = upscaled.to(at::kCPU, at::kFloat).clone();
            for (auto& [k, v] : rec2.latents) recorder->latents["hr." + k] = v;
            for (auto& [k, v] : rec2.cond) recorder->cond["hr." + k] = v;
        }
        result.warnings.insert(result.warnings.end(), r2res.warnings.begin(), r2res.warnings.end());
        result.interrupted = result.interrupted || r2res.interrupted;
        result.skipped = result.skipped || r2res.skipped;
        result.timings.text_seconds += r2res.timings.text_seconds;
        result.timings.vae_seconds += r2res.timings.vae_seconds;
        result.timings.step_seconds.insert(result.timings.step_seconds.end(), r2res.timings.step_seconds.begin(),
                                           r2res.timings.step_seconds.end());
        for (int64_t i = 0; i < static_cast<int64_t>(r2res.images.size()); ++i) {
            GeneratedImage img = std::move(r2res.images[static_cast<size_t>(i)]);
            img.seed = first.seed + i;
            img.subseed = request.subseed >= 0 ? first.subseed + i : 0;
            img.batch_index = iteration * B + i;
            result.images.push_back(std::move(img));
        }
    }
    result.timings.total_seconds = seconds_since(t_total);
    return result;
}

} // namespace latent
