#include "pipeline/pipelines/diffusion_loop.h"

#include "pipeline/control/control_set.h"
#include "pipeline/core/error.h"
#include "pipeline/networks/embeddings.h"
#include "pipeline/networks/prompt_networks.h"
#include "pipeline/core/python_format.h"
#include "pipeline/pipelines/cfg_denoiser.h"
#include "pipeline/pipelines/conditioning.h"
#include "pipeline/pipelines/image_tensor.h"
#include "pipeline/pipelines/sampler_setup.h"
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

// The textual inversions a prompt used (for "TI hashes") and those it named that do not fit
// the model.
void note_embeddings(const PromptConditioning& pc, const EmbeddingDatabase* db, std::vector<UsedNetwork>& used,
                     std::vector<std::string>& warnings) {
    for (const auto& name : pc.used_embeddings) {
        const TextualInversion* ti = db ? db->get(name) : nullptr;
        UsedNetwork u;
        u.name = name;
        u.path = ti ? ti->path : std::string();
        u.type = "embedding";
        used.push_back(std::move(u));
    }
    for (const auto& name : pc.skipped_embeddings) {
        std::string why;
        if (db) {
            auto it = db->skipped().find(name);
            if (it != db->skipped().end())
                why = " (its vectors are " + std::to_string(it->second.width) + " wide; this model needs " +
                      std::to_string(db->expected_width()) + ")";
        }
        warnings.push_back("Embedding \"" + name + "\" was skipped: it is made for another model family" + why + ".");
    }
}

} // namespace

int64_t image_seed(const GenerationRequest& r, int64_t index) {
    return r.seed + (r.subseed_strength == 0.0 ? index : 0);
}

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

bool interrupted_before_batch(const GenerationCallbacks& callbacks, int64_t iteration) {
    if (iteration > 0 && callbacks.skipped && callbacks.skipped() && callbacks.skip_handled) callbacks.skip_handled();
    return callbacks.interrupted && callbacks.interrupted();
}

GenerationResult run_diffusion(DiffusionModel& model, const GenerationRequest& request,
                               const GenerationCallbacks& callbacks, LatentRecorder* recorder,
                               const LatentInputs* inputs) {
    const auto t_total = Clock::now();
    c10::InferenceMode inference_guard;
    validate_request(request);
    auto cancelled = [&] { return callbacks.cancelled && callbacks.cancelled(); };
    // Interrupt / Skip: stop sampling and keep the estimate so far (GenerationCallbacks).
    auto interrupted = [&] { return callbacks.interrupted && callbacks.interrupted(); };
    auto stop_early = [&] { return interrupted() || (callbacks.skipped && callbacks.skipped()); };

    GenerationResult result;

    // 1. Sampler and sigma schedule (A1111 sampler × schedule type), with A1111's rules for the
    //    sampler parameters (eta, s_churn, ..., schedule overrides).
    const bool img2img = inputs && inputs->init_latent.defined();
    const SamplerSetup setup = setup_sampler(request, model.is_sdxl, *model.schedule, img2img);
    std::optional<double> strength;
    if (img2img) strength = request.denoising_strength.value_or(0.75);
    const SamplingPlan plan = img2img && inputs->fixed_steps
                                  ? plan_img2img_fixed_steps(setup.spec, *model.schedule, request.steps, *strength)
                                  : plan_sampling(setup.spec, *model.schedule, request.steps, strength);
    result.sampler_name = plan.sampler->name;
    result.schedule_type = plan.infotext_schedule;
    result.steps = request.steps;
    result.uses_ensd = setup.uses_ensd;
    // img2img "Noise multiplier" (A1111 StableDiffusionProcessingImg2Img.sample, before the sampler's keys).
    const double noise_multiplier =
        img2img ? request.initial_noise_multiplier.value_or(request.settings.initial_noise_multiplier) : 1.0;
    if (noise_multiplier != 1.0)
        result.extra_params.emplace_back("Noise multiplier", python_float_repr(noise_multiplier));
    for (const auto& kv : setup.infotext) result.extra_params.push_back(kv);
    const int step_multiplier = plan.sampler->second_order ? 2 : 1;

    // 2. Text conditioning: prompt (with AND and schedules) and negative prompt.
    const auto t_text = Clock::now();
    model.text->set_clip_skip(request.clip_skip);
    // Networks of the prompt and the textual-inversion database, before any text is encoded.
    const EmbeddingDatabase* embeddings = prepare_networks(model, request, result);
    const PromptChunker chunker(ClipTokenizer::shared(), PromptChunker::Options{}, embeddings);
    ConditioningOptions cond_opts;
    cond_opts.steps = static_cast<int>(request.steps * step_multiplier);
    cond_opts.embeddings = embeddings;
    cond_opts.sdxl = model.is_sdxl;
    if (inputs && inputs->first_pass_steps > 0) cond_opts.first_pass_steps = inputs->first_pass_steps;
    PromptConditioning cond = encode_prompt(*model.text, chunker, request.prompt, cond_opts);
    ConditioningOptions uncond_opts = cond_opts;
    uncond_opts.multicond = false;
    uncond_opts.zero_if_empty = model.is_sdxl;
    PromptConditioning uncond = encode_prompt(*model.text, chunker, request.negative_prompt, uncond_opts);
    // The empty prompt's encoding (A1111 cond_stage_model_empty_prompt), for "Pad conds".
    at::Tensor empty_chunk;
    if (request.settings.pad_cond_uncond && !request.settings.pad_cond_uncond_v0) {
        const PromptChunk empty = chunker.empty_chunk();
        empty_chunk = model.text
                          ->encode(std::vector<std::array<int, 77>>{empty.tokens},
                                   std::vector<std::array<float, 77>>{empty.multipliers})
                          .crossattn;
    }
    result.timings.text_seconds = seconds_since(t_text);
    note_embeddings(cond, embeddings, result.embeddings, result.warnings);
    note_embeddings(uncond, embeddings, result.negative_embeddings, result.warnings);
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
    // CFG scale 1 with one sub-prompt: the uncond rows cannot change the result (except for DDIM
    // CFG++, which needs them), so they are not evaluated.
    const bool use_uncond = request.cfg_scale != 1.0 || cond.parts.size() > 1 || plan.sampler->name == "DDIM CFG++";
    CfgOptions cfg;
    // DDIM CFG++ maps the CFG scale from [0, 12.5] to [0, 1] (A1111 cond_scale_miltiplier).
    cfg.cfg_scale = plan.sampler->name == "DDIM CFG++" ? request.cfg_scale * (1.0 / 12.5) : request.cfg_scale;
    cfg.pad_cond_uncond = request.settings.pad_cond_uncond;
    cfg.pad_cond_uncond_v0 = request.settings.pad_cond_uncond_v0;
    cfg.batch_cond_uncond = request.settings.batch_cond_uncond;
    cfg.s_min_uncond = setup.s_min_uncond;
    cfg.s_min_uncond_all = request.settings.s_min_uncond_all;
    cfg.skip_early_cond = request.settings.skip_early_cond;
    bool skip_early_used = false, ngms_used = false;

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

    // ControlNet units (sd-webui-controlnet): consulted on every model call with A1111's step
    // counter (state.sampling_step / state.sampling_steps: the last completed step's index, of
    // `steps`, or of t_enc + 1 for img2img).
    ControlSet* control = inputs && inputs->control && !inputs->control->empty() ? inputs->control : nullptr;
    const int64_t control_total = plan.t_enc ? *plan.t_enc + 1 : request.steps;
    int64_t control_step = 0;
    if (recorder && control)
        for (size_t u = 0; u < control->units().size(); ++u)
            recorder->latents[u == 0 ? std::string("control.hint") : "control." + std::to_string(u) + ".hint"] =
                control->units()[u].hint.to(at::kCPU, at::kFloat).clone();
    if (recorder && image_cond.defined()) recorder->latents["image_cond"] = image_cond.to(at::kCPU, at::kFloat).clone();

    for (int64_t iteration = 0; iteration < request.n_iter; ++iteration) {
        if (interrupted_before_batch(callbacks, iteration)) break;
        // 3. Per-image generators and the initial noise. A1111: image i has seed + i, or the
        //    same seed for every image when variation seeds are on (subseed + i vary instead).
        BatchNoiseOptions noise_opts;
        noise_opts.source = request.rng;
        noise_opts.subseed_strength = request.subseed_strength;
        noise_opts.eta_noise_seed_delta = request.eta_noise_seed_delta;
        noise_opts.seed_resize_from_h = request.seed_resize_from_h;
        noise_opts.seed_resize_from_w = request.seed_resize_from_w;
        for (int64_t i = 0; i < B; ++i) {
            const int64_t index = iteration * B + i;
            noise_opts.seeds.push_back(static_cast<uint64_t>(image_seed(request, index)));
            if (request.subseed >= 0) noise_opts.subseeds.push_back(static_cast<uint64_t>(request.subseed + index));
        }
        BatchNoise noise(noise_opts, {4, h, w});
        std::vector<at::Tensor> draws;
        const at::Tensor first_noise = noise.next().to(model.device, model.dtype);
        if (recorder) draws.push_back(first_noise.to(at::kCPU, at::kFloat).clone());
        RecordingNoise recording(noise, recorder ? &draws : nullptr);
        control_step = 0;

        at::Tensor x =
            img2img ? initial_latent(plan, noise_multiplier != 1.0 ? first_noise * noise_multiplier : first_noise,
                                     *model.schedule, init_latent)
                    : initial_latent(plan, first_noise, *model.schedule);
        if (!img2img && setup.sgm_noise_multiplier && !plan.run_sigmas.empty()) {
            // A1111 "SGM noise multiplier": x = noise · sqrt(1 + sigma_0²) (float32 arithmetic).
            const float s0 = static_cast<float>(plan.run_sigmas.front());
            x = first_noise * static_cast<double>(std::sqrt(1.0f + s0 * s0));
        }
        if (recorder) {
            recorder->latents["noise"] = first_noise.to(at::kCPU, at::kFloat).clone();
            recorder->latents["x_start"] = x.to(at::kCPU, at::kFloat).clone();
        }

        // 4. The CFG denoiser (A1111 CFGDenoiser.forward): the step's conditionings become one or
        //    more UNet calls (cfg_denoiser.h), combined with the CFG scale, then the mask blend.
        int call_index = 0;
        const int64_t expected_calls = (plan.run_sigmas.empty() ? static_cast<int64_t>(plan.run_timesteps.size())
                                                                : static_cast<int64_t>(plan.run_sigmas.size()) - 1) *
                                       step_multiplier;
        std::vector<double> call_sigmas;
        std::vector<int64_t> unet_calls;
        bool padded = false, padded_v0 = false;
        at::Tensor last_uncond;
        at::Tensor last_latent = x;  // A1111's sampler.last_latent (see GenerationCallbacks)
        auto denoise = [&](const at::Tensor& xin, const at::Tensor& sigma) -> at::Tensor {
            const int step = call_index++;
            const CfgConditioning c = step_conditioning(cond, uncond, step, B, model.is_sdxl);
            const at::Tensor sig = sigma.dim() == 0 ? sigma.expand({B}) : sigma;
            const CfgPlan calls =
                plan_cfg_calls(c, xin, sig, image_cond, cfg, step, expected_calls, empty_chunk, use_uncond);
            padded = calls.padded_cond_uncond;
            padded_v0 = calls.padded_cond_uncond_v0;
            if (calls.skipped_early) skip_early_used = true;
            if (calls.skipped_ngms) ngms_used = true;
            if (recorder) {
                call_sigmas.push_back(sig[0].item<double>());
                for (const UNetCall& u : calls.calls) {
                    unet_calls.insert(unet_calls.end(),
                                      {static_cast<int64_t>(step), u.begin, u.end - u.begin, u.context.size(1)});
                }
            }
            std::size_t call_no = 0;
            const CfgModelFn run = [&](const at::Tensor& xs_in, const at::Tensor& sig_in, const at::Tensor& concat,
                                       const at::Tensor& context, const at::Tensor& pooled) {
                const UNetCall& this_call = calls.calls.at(call_no++);
                const at::Tensor ctx_in = context.to(model.dtype);
                const at::Tensor embeds = model.is_sdxl ? pooled.to(model.dtype) : at::Tensor();
                const at::Tensor ids = model.is_sdxl ? time_ids.expand({xs_in.size(0), -1}) : at::Tensor();
                ModelFn fn = [&](const at::Tensor& xs, const at::Tensor& t) {
                    const at::Tensor in = concat.defined() ? at::cat({xs, concat}, 1) : xs;
                    // ControlNet: residuals for this call's rows; unconditional rows (those from
                    // cond_rows on) are marked 0 for "ControlNet is more important".
                    UNetResiduals control_res;
                    if (control) {
                        at::Tensor mark = at::ones({xs.size(0)}, at::kFloat);
                        if (!calls.skip_uncond) {
                            const int64_t first_uncond = std::max<int64_t>(calls.cond_rows - this_call.begin, 0);
                            if (first_uncond < xs.size(0)) mark.narrow(0, first_uncond, xs.size(0) - first_uncond).zero_();
                        }
                        control_res = control->residuals(xs, t, ctx_in, embeds, ids, mark, control_step, control_total);
                    }
                    // The UNet takes the residuals over and frees each once added: the up path
                    // runs without them in memory.
                    const at::Tensor out =
                        control_res.empty()
                            ? (model.is_sdxl ? model.unet->forward(in, t, ctx_in, embeds, ids)
                                             : model.unet->forward(in, t, ctx_in, std::nullopt, std::nullopt))
                            : (model.is_sdxl ? model.unet->forward_taking(in, t, ctx_in, embeds, ids, std::move(control_res))
                                             : model.unet->forward_taking(in, t, ctx_in, std::nullopt, std::nullopt,
                                                                          std::move(control_res)));
                    return control && control->has_restore() ? control->after_unet(xs, t, out) : out;
                };
                return denoiser(xs_in, sig_in, fn);
            };
            return apply_blend(run_cfg_plan(calls, run, cfg, &last_uncond, &last_latent));
        };

        // 5. Sample, reporting progress per step.
        std::vector<at::Tensor> steps_x, steps_denoised;
        SamplerContext ctx;
        ctx.denoise = denoise;
        ctx.noise = &recording;
        ctx.cancelled = [&] { return cancelled() || stop_early(); };
        ctx.seeds = noise_opts.seeds;
        ctx.rng_source = canonical_rng_source(request.rng);
        ctx.last_uncond_denoised = [&] { return last_uncond; };
        const int64_t total_steps =
            static_cast<int64_t>(plan.run_sigmas.empty() ? plan.run_timesteps.size() : plan.run_sigmas.size() - 1);
        auto t_step = Clock::now();
        const auto t_sampling = Clock::now();
        int64_t steps_done = 0;
        ctx.on_step = [&](const StepInfo& info) {
            control_step = info.i;  // A1111's state.sampling_step (callback_state)
            steps_done = info.i + 1;
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
        at::Tensor samples;
        try {
            samples = run_sampler(plan, x, ctx, *model.schedule);
        } catch (const CancelledError&) {
            if (cancelled() || !stop_early()) throw;
            // A1111 launch_sampling: InterruptedException -> the last latent.
            samples = last_latent;
            const bool interrupt = interrupted();
            (interrupt ? result.interrupted : result.skipped) = true;
            std::string note = (interrupt ? "Interrupted" : "Skipped") + std::string(" at step ") +
                               std::to_string(steps_done) + " of " + std::to_string(total_steps);
            if (request.n_iter > 1) note += " of batch " + std::to_string(iteration + 1) + " of " + std::to_string(request.n_iter);
            result.warnings.push_back(note + ": the images show the estimate at that step.");
        }
        if (cancelled()) throw CancelledError();
        if (blend) samples = apply_blend(samples);
        // A1111 add_infotext: the padding of the last denoiser call, and the uncond skips.
        auto add_param = [&](const std::string& key, const std::string& value) {
            for (const auto& kv : result.extra_params)
                if (kv.first == key) return;
            result.extra_params.emplace_back(key, value);
        };
        if (skip_early_used) add_param("Skip Early CFG", python_float_repr(cfg.skip_early_cond));
        if (ngms_used) {
            add_param("NGMS", python_float_repr(cfg.s_min_uncond));
            if (cfg.s_min_uncond_all) add_param("NGMS all steps", "True");
        }
        if (padded) add_param("Pad conds", "True");
        if (padded_v0) add_param("Pad conds v0", "True");

        if (recorder) {
            recorder->latents["samples"] = samples.to(at::kCPU, at::kFloat).clone();
            recorder->latents["denoiser_call_sigmas"] = at::tensor(call_sigmas, at::TensorOptions().dtype(at::kDouble));
            recorder->latents["unet_calls"] =
                at::tensor(unet_calls, at::TensorOptions().dtype(at::kLong)).reshape({-1, 4});
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
            img.seed = image_seed(request, iteration * B + i);
            img.subseed = request.subseed >= 0 ? request.subseed + iteration * B + i : 0;
            img.batch_index = iteration * B + i;
            result.images.push_back(std::move(img));
        }
    }
    result.timings.total_seconds = seconds_since(t_total);
    return result;
}

} // namespace latent
