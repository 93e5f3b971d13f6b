#include "pipeline/pipelines/diffusion_loop.h"

#include "pipeline/core/error.h"
#include "pipeline/pipelines/conditioning.h"
#include "pipeline/pipelines/image_tensor.h"
#include "pipeline/schedulers/sampler_registry.h"
#include "pipeline/tensors/rng.h"
#include "pipeline/tokenizers/clip_tokenizer.h"
#include "pipeline/tokenizers/prompt_chunker.h"

#include <ATen/ATen.h>

#include <limits>
#include <c10/core/InferenceMode.h>

#include <chrono>

namespace latent {

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

// Records every draw the sampler takes from the per-image generators.
class RecordingNoise : public NoiseSource {
public:
    RecordingNoise(BatchNoise& inner, std::vector<at::Tensor>* draws) : inner_(inner), draws_(draws) {}
    at::Tensor randn_like(const at::Tensor& x) override {
        at::Tensor n = inner_.randn_like(x);
        if (draws_) draws_->push_back(n.to(at::kCPU, at::kFloat).clone());
        return n;
    }

private:
    BatchNoise& inner_;
    std::vector<at::Tensor>* draws_;
};

} // namespace

void validate_request(const GenerationRequest& r) {
    auto bad = [](const std::string& msg) { throw PipelineError("bad_request", msg); };
    if (r.width < 64 || r.height < 64 || r.width > 8192 || r.height > 8192)
        bad("Width and height must be between 64 and 8192 pixels.");
    if (r.width % 8 != 0 || r.height % 8 != 0) bad("Width and height must be multiples of 8.");
    if (r.steps < 1 || r.steps > 1000) bad("Steps must be between 1 and 1000.");
    if (r.batch_size < 1 || r.batch_size > 64) bad("Batch size must be between 1 and 64.");
    if (r.n_iter < 1 || r.n_iter > 10000) bad("Batch count must be between 1 and 10000.");
    if (!(r.cfg_scale >= 0.0 && r.cfg_scale <= 100.0)) bad("CFG scale must be between 0 and 100.");
    if (r.seed < 0) bad("The seed must be resolved (non-negative) before generation.");
    // Image i of the job uses seed + i (and subseed + i): keep that inside int64.
    const int64_t images = static_cast<int64_t>(r.batch_size) * static_cast<int64_t>(r.n_iter);
    if (r.seed > std::numeric_limits<int64_t>::max() - images)
        bad("The seed is too large: seed + image number must stay below 9223372036854775807.");
    if (r.subseed > std::numeric_limits<int64_t>::max() - images)
        bad("The variation seed is too large: variation seed + image number must stay below 9223372036854775807.");
    if (!(r.subseed_strength >= 0.0 && r.subseed_strength <= 1.0)) bad("Variation strength must be between 0 and 1.");
    if (r.clip_skip < 1 || r.clip_skip > 12) bad("Clip skip must be between 1 and 12.");
}

GenerationResult run_diffusion(DiffusionModel& model, const GenerationRequest& request,
                               const GenerationCallbacks& callbacks, LatentRecorder* recorder,
                               const LatentInputs* inputs) {
    const auto t_total = Clock::now();
    c10::InferenceMode inference_guard;
    validate_request(request);
    auto cancelled = [&] { return callbacks.cancelled && callbacks.cancelled(); };

    GenerationResult result;

    // 1. Sampler and sigma schedule (A1111 sampler × schedule type).
    SamplerSpec spec;
    spec.sampler = request.sampler;
    spec.schedule = request.schedule;
    if (request.eta) spec.options.eta = request.eta;
    const bool img2img = inputs && inputs->init_latent.defined();
    std::optional<double> strength;
    if (img2img) strength = request.denoising_strength.value_or(0.75);
    const SamplingPlan plan = img2img && inputs->fixed_steps
                                  ? plan_img2img_fixed_steps(spec, *model.schedule, request.steps, *strength)
                                  : plan_sampling(spec, *model.schedule, request.steps, strength);
    result.sampler_name = plan.sampler->name;
    result.schedule_type = plan.infotext_schedule;
    result.steps = request.steps;
    const int step_multiplier = plan.sampler->second_order ? 2 : 1;

    // 2. Text conditioning: prompt (with AND and schedules) and negative prompt.
    const auto t_text = Clock::now();
    model.text->set_clip_skip(request.clip_skip);
    const PromptChunker chunker(ClipTokenizer::shared());
    ConditioningOptions cond_opts;
    cond_opts.steps = static_cast<int>(request.steps * step_multiplier);
    if (inputs && inputs->first_pass_steps > 0) cond_opts.first_pass_steps = inputs->first_pass_steps;
    PromptConditioning cond = encode_prompt(*model.text, chunker, request.prompt, cond_opts);
    ConditioningOptions uncond_opts = cond_opts;
    uncond_opts.multicond = false;
    uncond_opts.zero_if_empty = model.is_sdxl;
    PromptConditioning uncond = encode_prompt(*model.text, chunker, request.negative_prompt, uncond_opts);
    {
        const PromptChunk empty = chunker.empty_chunk();
        const TextConditioning e = model.text->encode(std::vector<std::array<int, 77>>{empty.tokens},
                                                      std::vector<std::array<float, 77>>{empty.multipliers});
        pad_conditionings({&cond, &uncond}, e.crossattn);
    }
    result.timings.text_seconds = seconds_since(t_text);
    if (recorder) {
        const auto& c0 = cond.parts.front().at_step(0);
        const auto& u0 = uncond.parts.front().at_step(0);
        const int64_t B = request.batch_size;
        recorder->cond["cond.crossattn"] = c0.cond.crossattn.expand({B, -1, -1}).to(at::kFloat).contiguous();
        recorder->cond["uncond.crossattn"] = u0.cond.crossattn.expand({B, -1, -1}).to(at::kFloat).contiguous();
        recorder->cond["cond.tokens"] = c0.tokens;
        recorder->cond["uncond.tokens"] = u0.tokens;
        recorder->cond["cond.multipliers"] = c0.multipliers;
        recorder->cond["uncond.multipliers"] = u0.multipliers;
    }

    const int64_t H = request.height, W = request.width;
    const int64_t h = H / 8, w = W / 8;
    const int64_t B = request.batch_size;
    const bool use_uncond = request.cfg_scale != 1.0 || cond.parts.size() > 1;

    // SDXL added conditioning: pooled text embedding and size/crop ids (orig h,w; crop 0,0; target h,w).
    at::Tensor time_ids;
    if (model.is_sdxl) {
        const double ch = inputs && inputs->cond_height > 0 ? double(inputs->cond_height) : double(H);
        const double cw = inputs && inputs->cond_width > 0 ? double(inputs->cond_width) : double(W);
        time_ids = at::tensor({ch, cw, 0.0, 0.0, ch, cw}, at::kFloat)
                       .to(model.device, model.dtype)
                       .unsqueeze(0);
        if (recorder) {
            const auto& c0 = cond.parts.front().at_step(0).cond;
            const auto& u0 = uncond.parts.front().at_step(0).cond;
            recorder->cond["cond.time_ids"] = time_ids.expand({B, -1}).to(at::kCPU, at::kFloat).contiguous();
            recorder->cond["uncond.time_ids"] = recorder->cond["cond.time_ids"];
            recorder->cond["cond.vector"] = model.unet->text_time_vector(c0.pooled.to(model.dtype), time_ids)
                                                .expand({B, -1})
                                                .to(at::kCPU, at::kFloat)
                                                .contiguous();
            recorder->cond["uncond.vector"] = model.unet->text_time_vector(u0.pooled.to(model.dtype), time_ids)
                                                  .expand({B, -1})
                                                  .to(at::kCPU, at::kFloat)
                                                  .contiguous();
        }
    }

    CompVisDenoiser denoiser(*model.schedule, model.prediction);

    // Latent-mask blending (inpainting): x0 <- init_latent·mask + nmask·x0 after every model call.
    const bool blend = img2img && inputs->mask.defined() && inputs->nmask.defined();
    at::Tensor init_latent, mask, nmask;
    if (img2img) init_latent = inputs->init_latent.to(model.device, model.dtype);
    if (blend) {
        mask = inputs->mask.to(model.device, model.dtype);
        nmask = inputs->nmask.to(model.device, model.dtype);
    }
    auto apply_blend = [&](const at::Tensor& x0) { return blend ? init_latent * mask + nmask * x0 : x0; };

    // Inpainting (9-channel) UNets take [x·c_in, mask, masked-image latent]. txt2img on such a
    // model uses A1111's txt2img_image_conditioning: mask 1 and the latent of a 0.5-grey image.
    at::Tensor image_cond;
    if (model.unet->config().in_channels == 9) {
        if (inputs && inputs->image_cond.defined()) {
            image_cond = inputs->image_cond.to(model.device, model.dtype);
        } else {
            const at::Tensor grey =
                at::zeros({1, 3, H, W}, at::TensorOptions().device(model.device).dtype(model.dtype));
            const at::Tensor z = model.vae->encode_to_latents(grey);
            image_cond = at::cat({at::ones({1, 1, h, w}, z.options()), z}, 1);
        }
        if (image_cond.size(0) != B) image_cond = image_cond.expand({B, -1, -1, -1}).contiguous();
    }
    if (image_cond.defined()) result.conditional_mask_weight = request.img2img.inpainting_mask_weight;
    if (recorder && image_cond.defined()) recorder->latents["image_cond"] = image_cond.to(at::kCPU, at::kFloat).clone();

    for (int64_t iteration = 0; iteration < request.n_iter; ++iteration) {
        // 3. Per-image generators (seed + i) and the initial noise.
        BatchNoiseOptions noise_opts;
        noise_opts.source = request.rng;
        noise_opts.subseed_strength = request.subseed_strength;
        noise_opts.eta_noise_seed_delta = request.eta_noise_seed_delta;
        for (int64_t i = 0; i < B; ++i) {
            const int64_t index = iteration * B + i;
            noise_opts.seeds.push_back(static_cast<uint64_t>(request.seed + index));
            if (request.subseed >= 0) noise_opts.subseeds.push_back(static_cast<uint64_t>(request.subseed + index));
        }
        BatchNoise noise(noise_opts, {4, h, w});
        std::vector<at::Tensor> draws;
        const at::Tensor first_noise = noise.next().to(model.device, model.dtype);
        if (recorder) draws.push_back(first_noise.to(at::kCPU, at::kFloat).clone());
        RecordingNoise recording(noise, recorder ? &draws : nullptr);

        at::Tensor x = img2img ? initial_latent(plan, first_noise, *model.schedule, init_latent)
                               : initial_latent(plan, first_noise, *model.schedule);
        if (recorder) {
            recorder->latents["noise"] = first_noise.to(at::kCPU, at::kFloat).clone();
            recorder->latents["x_start"] = x.to(at::kCPU, at::kFloat).clone();
        }

        // 4. The CFG denoiser: [cond parts..., uncond] as one UNet batch.
        int call_index = 0;
        auto denoise = [&](const at::Tensor& xin, const at::Tensor& sigma) -> at::Tensor {
            const int step = call_index++;
            std::vector<at::Tensor> contexts, pooled;
            std::vector<double> weights;
            for (const auto& part : cond.parts) {
                const auto& e = part.at_step(step);
                contexts.push_back(e.cond.crossattn.expand({B, -1, -1}));
                if (model.is_sdxl) pooled.push_back(e.cond.pooled.expand({B, -1}));
                weights.push_back(part.weight);
            }
            if (use_uncond) {
                const auto& e = uncond.parts.front().at_step(step);
                contexts.push_back(e.cond.crossattn.expand({B, -1, -1}));
                if (model.is_sdxl) pooled.push_back(e.cond.pooled.expand({B, -1}));
            }
            const int64_t n = static_cast<int64_t>(contexts.size());
            at::Tensor x_in = xin.repeat({n, 1, 1, 1});
            at::Tensor sigma_in = sigma.dim() == 0 ? sigma.expand({B}).repeat({n}) : sigma.repeat({n});
            at::Tensor context = at::cat(contexts, 0).to(model.dtype);
            at::Tensor text_embeds = model.is_sdxl ? at::cat(pooled, 0).to(model.dtype) : at::Tensor();
            at::Tensor ids = model.is_sdxl ? time_ids.expand({n * B, -1}) : at::Tensor();
            const at::Tensor concat = image_cond.defined() ? image_cond.repeat({n, 1, 1, 1}) : at::Tensor();
            ModelFn fn = [&](const at::Tensor& xs_in, const at::Tensor& t) {
                const at::Tensor xs = concat.defined() ? at::cat({xs_in, concat}, 1) : xs_in;
                if (model.is_sdxl) return model.unet->forward(xs, t, context, text_embeds, ids);
                return model.unet->forward(xs, t, context);
            };
            at::Tensor out = denoiser(x_in, sigma_in, fn);
            if (!use_uncond) {
                at::Tensor d = out.narrow(0, 0, B) * weights[0];
                for (int64_t k = 1; k < static_cast<int64_t>(weights.size()); ++k)
                    d = d + out.narrow(0, k * B, B) * weights[k];
                return apply_blend(d);
            }
            const int64_t parts = n - 1;
            at::Tensor d_uncond = out.narrow(0, parts * B, B);
            at::Tensor d = d_uncond.clone();
            for (int64_t k = 0; k < parts; ++k)
                d = d + (out.narrow(0, k * B, B) - d_uncond) * (weights[k] * request.cfg_scale);
            return apply_blend(d);
        };

        // 5. Sample, reporting progress per step.
        std::vector<at::Tensor> steps_x, steps_denoised;
        SamplerContext ctx;
        ctx.denoise = denoise;
        ctx.noise = &recording;
        ctx.cancelled = cancelled;
        ctx.seeds = noise_opts.seeds;
        const int64_t total_steps =
            static_cast<int64_t>(plan.run_sigmas.empty() ? plan.run_timesteps.size() : plan.run_sigmas.size() - 1);
        auto t_step = Clock::now();
        const auto t_sampling = Clock::now();
        ctx.on_step = [&](const StepInfo& info) {
            result.timings.step_seconds.push_back(seconds_since(t_step));
            t_step = Clock::now();
            if (recorder) {
                steps_x.push_back(info.x.to(at::kCPU, at::kFloat).clone());
                steps_denoised.push_back(info.denoised.to(at::kCPU, at::kFloat).clone());
            }
            if (callbacks.on_progress) {
                GenerationProgress p;
                p.step = info.i + 1;
                p.total = info.total > 0 ? info.total : total_steps;
                p.seconds_elapsed = seconds_since(t_sampling);
                p.iterations_per_second = p.seconds_elapsed > 0 ? p.step / p.seconds_elapsed : 0;
                p.eta_seconds = p.iterations_per_second > 0 ? (p.total - p.step) / p.iterations_per_second : 0;
                if (callbacks.preview_every > 0 && (p.step % callbacks.preview_every == 0))
                    p.preview = latent_preview(info.denoised, model.is_sdxl);
                callbacks.on_progress(p);
            }
        };
        at::Tensor samples = run_sampler(plan, x, ctx, *model.schedule);
        if (cancelled()) throw CancelledError();
        if (blend) samples = apply_blend(samples);

        if (recorder) {
            recorder->latents["samples"] = samples.to(at::kCPU, at::kFloat).clone();
            if (!steps_x.empty()) {
                recorder->latents["steps.x"] = at::stack(steps_x);
                recorder->latents["steps.denoised"] = at::stack(steps_denoised);
            }
            recorder->latents["rng_draws"] = at::stack(draws);
        }

        // Hires fix first pass: the second pass upscales and decodes these latents.
        if (inputs && inputs->samples_out) {
            *inputs->samples_out = samples;
            continue;
        }

        // 6. Decode and convert to 8-bit.
        const auto t_vae = Clock::now();
        at::Tensor images = model.vae->decode_latents(samples, /*tiled=*/H * W > 1024 * 1024, cancelled);
        result.timings.vae_seconds += seconds_since(t_vae);
        images = images.to(at::kCPU, at::kFloat);
        for (int64_t i = 0; i < B; ++i) {
            GeneratedImage img = tensor_to_image(images[i]);
            img.seed = request.seed + iteration * B + i;
            img.subseed = request.subseed >= 0 ? request.subseed + iteration * B + i : 0;
            img.batch_index = iteration * B + i;
            result.images.push_back(std::move(img));
        }
    }
    result.timings.total_seconds = seconds_since(t_total);
    return result;
}

} // namespace latent
