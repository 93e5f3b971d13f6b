// A1111's CFGDenoiser.forward (modules/sd_samplers_cfg_denoiser.py, v1.10.1): how one denoiser
// evaluation turns the step's conditionings into UNet calls, and how their outputs are combined.
//
//  * Rows: every image i contributes one row per AND sub-prompt (its "conds_list" entries), then
//    one unconditional row per image follows: x_in = [x[0] × n_0, x[1] × n_1, ..., x].
//  * Sub-prompt conditionings of different lengths are stacked by repeating their last vector
//    (prompt_parser.stack_conds).
//  * When cond and uncond have the same length (or the uncond is skipped) one call runs all rows
//    (batch_cond_uncond; otherwise one call per batch_size rows). When they differ, A1111 runs
//    the cond rows in calls of 2·batch_size rows (batch_size without batch_cond_uncond) and the
//    uncond rows in one more call — unless "pad_cond_uncond" (pad the shorter one with encodings
//    of the empty prompt, whole 77-token chunks) or "pad_cond_uncond_v0" (repeat uncond's last
//    vector, or cut uncond to the cond length) is set; v0 wins when both are.
//  * Negative guidance minimum sigma (s_min_uncond, "NGMS") skips the uncond rows on every other
//    step (every step with s_min_uncond_all) once sigma < s_min_uncond; "skip_early_cond" skips
//    them while step / total_steps <= skip_early_cond. Skipped steps combine with scale 1 and the
//    cond output standing in for the uncond one.
//  * denoised[i] = d_uncond[i] + Σ_k (d_cond[row_k] − d_uncond[i]) · (weight_k · cfg_scale).
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

namespace latent {

// The A1111 options that shape the calls.
struct CfgOptions {
    double cfg_scale = 7.0;
    bool pad_cond_uncond = false;    // "Pad conds"
    bool pad_cond_uncond_v0 = false; // "Pad conds v0"
    bool batch_cond_uncond = true;
    double s_min_uncond = 0.0;     // "NGMS"
    bool s_min_uncond_all = false; // "NGMS all steps"
    double skip_early_cond = 0.0;  // "Skip Early CFG"
};

// The conditioning of one step, as reconstruct_multicond_batch / reconstruct_cond_batch give it.
struct CfgConditioning {
    // Per image: (row of `cond`, weight) for each AND sub-prompt.
    std::vector<std::vector<std::pair<int64_t, double>>> conds_list;
    at::Tensor cond;          // [rows, Lc, C]
    at::Tensor cond_pooled;   // [rows, P] (SDXL) or undefined
    at::Tensor uncond;        // [B, Lu, C]
    at::Tensor uncond_pooled; // [B, P] (SDXL) or undefined
};

struct PromptConditioning;

// reconstruct_multicond_batch / reconstruct_cond_batch for one denoiser call: every image of the
// batch gets the schedule entry of `step` of each sub-prompt of `cond` (same prompt for all
// images) and of `uncond`; `pooled`: also the SDXL pooled vectors.
CfgConditioning step_conditioning(const PromptConditioning& cond, const PromptConditioning& uncond, int step,
                                  int64_t batch_size, bool pooled);

// prompt_parser.stack_conds: [L_i, C] tensors padded to the longest by repeating their last row.
at::Tensor stack_conds(const std::vector<at::Tensor>& tensors);

// One UNet evaluation: rows [begin, end) of x_in / sigma_in / image_cond_in with this context.
struct UNetCall {
    int64_t begin = 0, end = 0;
    at::Tensor context; // [end - begin, L, C]
    at::Tensor pooled;  // [end - begin, P] or undefined
};

struct CfgPlan {
    at::Tensor x_in, sigma_in, image_cond_in; // all rows (cond rows, then uncond rows unless skipped)
    std::vector<UNetCall> calls;
    int64_t batch_size = 0; // images
    int64_t cond_rows = 0;
    bool skip_uncond = false;
    bool skipped_early = false; // by skip_early_cond ("Skip Early CFG")
    bool skipped_ngms = false;  // by s_min_uncond ("NGMS")
    bool padded_cond_uncond = false;
    bool padded_cond_uncond_v0 = false;
    std::vector<std::vector<std::pair<int64_t, double>>> conds_list;
};

// Builds the calls of one denoiser evaluation. x: [B,...]; sigma: [B]; image_cond: [B,...] or
// undefined; step: the denoiser's call counter (CFGDenoiser.step); total_steps: the calls
// expected (steps, ×2 for second-order samplers); empty_chunk: encoding of "" ([1,77,C]) for
// pad_cond_uncond; use_uncond: false skips the uncond rows entirely (no CFG).
CfgPlan plan_cfg_calls(const CfgConditioning& c, const at::Tensor& x, const at::Tensor& sigma,
                       const at::Tensor& image_cond, const CfgOptions& options, int64_t step, int64_t total_steps,
                       const at::Tensor& empty_chunk, bool use_uncond = true);

// Runs the plan: `model` evaluates one call's rows (x rows, sigma rows, image_cond rows or
// undefined, context, pooled) and returns their denoised x0. Returns the CFG-combined denoised
// [B,...] (without any inpainting blend).
using CfgModelFn = std::function<at::Tensor(const at::Tensor& x, const at::Tensor& sigma, const at::Tensor& image_cond,
                                            const at::Tensor& context, const at::Tensor& pooled)>;
// `uncond_out` (optional) receives the unconditional rows' output (the cond output standing in
// when the uncond was skipped): A1111's last_noise_uncond for DDIM CFG++. `cond_out` (optional)
// receives each image's first conditional row's output, before CFG: A1111's sampler.last_latent,
// what an interrupted job's images are made from.
at::Tensor run_cfg_plan(const CfgPlan& plan, const CfgModelFn& model, const CfgOptions& options,
                        at::Tensor* uncond_out = nullptr, at::Tensor* cond_out = nullptr);

} // namespace latent
