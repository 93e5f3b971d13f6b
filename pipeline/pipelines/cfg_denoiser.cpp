#include "pipeline/pipelines/cfg_denoiser.h"

#include "pipeline/core/error.h"
#include "pipeline/pipelines/conditioning.h"

#include <ATen/ATen.h>

namespace latent {

at::Tensor stack_conds(const std::vector<at::Tensor>& tensors) {
    if (tensors.empty()) throw PipelineError("no_conditioning", "There is no conditioning to stack.");
    int64_t longest = 0;
    for (const auto& t : tensors) longest = std::max(longest, t.size(0));
    std::vector<at::Tensor> rows;
    rows.reserve(tensors.size());
    for (const auto& t : tensors) {
        if (t.size(0) == longest) {
            rows.push_back(t);
        } else {
            const at::Tensor last = t.narrow(0, t.size(0) - 1, 1);
            rows.push_back(at::cat({t, last.repeat({longest - t.size(0), 1})}, 0));
        }
    }
    return at::stack(rows);
}

CfgConditioning step_conditioning(const PromptConditioning& cond, const PromptConditioning& uncond, int step,
                                  int64_t batch_size, bool pooled) {
    CfgConditioning c;
    std::vector<at::Tensor> tensors, pooled_rows;
    for (int64_t i = 0; i < batch_size; ++i) {
        std::vector<std::pair<int64_t, double>> conds;
        for (const auto& part : cond.parts) {
            const ScheduledConditioning& e = part.at_step(step);
            conds.emplace_back(static_cast<int64_t>(tensors.size()), part.weight);
            tensors.push_back(e.cond.crossattn[0]);
            if (pooled) pooled_rows.push_back(e.cond.pooled[0]);
        }
        c.conds_list.push_back(std::move(conds));
    }
    c.cond = stack_conds(tensors);
    if (pooled) c.cond_pooled = at::stack(pooled_rows);
    std::vector<at::Tensor> un, un_pooled;
    const ScheduledConditioning& u = uncond.parts.front().at_step(step);
    for (int64_t i = 0; i < batch_size; ++i) {
        un.push_back(u.cond.crossattn[0]);
        if (pooled) un_pooled.push_back(u.cond.pooled[0]);
    }
    c.uncond = stack_conds(un);
    if (pooled) c.uncond_pooled = at::stack(un_pooled);
    return c;
}

namespace {

at::Tensor rows_of(const at::Tensor& t, int64_t a, int64_t b) {
    if (!t.defined()) return t;
    return t.narrow(0, a, b - a);
}

// pad_cond: append `repeats` empty-prompt chunks to every row.
at::Tensor pad_with_empty(const at::Tensor& t, int64_t repeats, const at::Tensor& empty) {
    const at::Tensor e = empty.to(t.device(), t.scalar_type()).repeat({t.size(0), repeats, 1});
    return at::cat({t, e}, 1);
}

} // namespace

CfgPlan plan_cfg_calls(const CfgConditioning& c, const at::Tensor& x, const at::Tensor& sigma,
                       const at::Tensor& image_cond, const CfgOptions& options, int64_t step, int64_t total_steps,
                       const at::Tensor& empty_chunk, bool use_uncond) {
    CfgPlan plan;
    const int64_t B = x.size(0);
    if (static_cast<int64_t>(c.conds_list.size()) != B)
        throw PipelineError("conditioning_batch", "The conditioning does not match the batch size.");
    plan.batch_size = B;
    plan.conds_list = c.conds_list;

    // x_in / sigma_in / image_cond_in: each image repeated once per sub-prompt, then the batch.
    std::vector<int64_t> index;
    for (int64_t i = 0; i < B; ++i)
        for (size_t k = 0; k < c.conds_list[i].size(); ++k) index.push_back(i);
    plan.cond_rows = static_cast<int64_t>(index.size());
    if (plan.cond_rows != c.cond.size(0))
        throw PipelineError("conditioning_batch", "The conditioning rows do not match the sub-prompts.");
    const bool with_uncond_rows = use_uncond;
    if (with_uncond_rows)
        for (int64_t i = 0; i < B; ++i) index.push_back(i);
    const at::Tensor idx = at::tensor(index, at::TensorOptions().dtype(at::kLong)).to(x.device());
    plan.x_in = x.index_select(0, idx);
    plan.sigma_in = sigma.index_select(0, idx.to(sigma.device()));
    if (image_cond.defined()) plan.image_cond_in = image_cond.index_select(0, idx.to(image_cond.device()));

    at::Tensor cond = c.cond, cond_pooled = c.cond_pooled;
    at::Tensor uncond = c.uncond, uncond_pooled = c.uncond_pooled;

    bool skip_uncond = !use_uncond;
    if (use_uncond && options.skip_early_cond != 0.0 && total_steps > 0 &&
        static_cast<double>(step) / static_cast<double>(total_steps) <= options.skip_early_cond) {
        skip_uncond = true;
        plan.skipped_early = true;
    } else if (use_uncond && (step % 2 != 0 || options.s_min_uncond_all) && options.s_min_uncond > 0 &&
               sigma[0].item<double>() < options.s_min_uncond) {
        skip_uncond = true;
        plan.skipped_ngms = true;
    }
    if (skip_uncond && use_uncond) {
        plan.x_in = plan.x_in.narrow(0, 0, plan.cond_rows);
        plan.sigma_in = plan.sigma_in.narrow(0, 0, plan.cond_rows);
        if (plan.image_cond_in.defined()) plan.image_cond_in = plan.image_cond_in.narrow(0, 0, plan.cond_rows);
    }
    plan.skip_uncond = skip_uncond;

    if (use_uncond && cond.size(1) != uncond.size(1)) {
        if (options.pad_cond_uncond_v0) {
            if (uncond.size(1) < cond.size(1)) {
                const at::Tensor last = uncond.narrow(1, uncond.size(1) - 1, 1);
                uncond = at::cat({uncond, last.repeat({1, cond.size(1) - uncond.size(1), 1})}, 1);
            } else {
                uncond = uncond.narrow(1, 0, cond.size(1));
            }
            plan.padded_cond_uncond_v0 = true;
        } else if (options.pad_cond_uncond) {
            if (!empty_chunk.defined())
                throw PipelineError("no_empty_prompt", "Padding the prompts needs the empty-prompt encoding.");
            const int64_t len = empty_chunk.size(1);
            const int64_t diff = cond.size(1) - uncond.size(1);
            // Python floor division.
            const int64_t repeats = diff >= 0 ? diff / len : -((-diff + len - 1) / len);
            if (repeats < 0) {
                cond = pad_with_empty(cond, -repeats, empty_chunk);
                plan.padded_cond_uncond = true;
            } else if (repeats > 0) {
                uncond = pad_with_empty(uncond, repeats, empty_chunk);
                plan.padded_cond_uncond = true;
            }
        }
    }

    const int64_t rows = plan.x_in.size(0);
    if (!use_uncond || skip_uncond || cond.size(1) == uncond.size(1)) {
        at::Tensor context = cond, pooled = cond_pooled;
        if (!skip_uncond) {
            context = at::cat({cond, uncond.to(cond.scalar_type())}, 0);
            if (cond_pooled.defined()) pooled = at::cat({cond_pooled, uncond_pooled.to(cond_pooled.scalar_type())}, 0);
        }
        const int64_t step_rows = options.batch_cond_uncond ? rows : B;
        for (int64_t a = 0; a < rows; a += step_rows) {
            const int64_t b = std::min(a + step_rows, rows);
            plan.calls.push_back({a, b, rows_of(context, a, b), rows_of(pooled, a, b)});
        }
    } else {
        const int64_t step_rows = options.batch_cond_uncond ? 2 * B : B;
        for (int64_t a = 0; a < plan.cond_rows; a += step_rows) {
            const int64_t b = std::min(a + step_rows, plan.cond_rows);
            plan.calls.push_back({a, b, rows_of(cond, a, b), rows_of(cond_pooled, a, b)});
        }
        plan.calls.push_back({rows - B, rows, uncond, uncond_pooled});
    }
    return plan;
}

at::Tensor run_cfg_plan(const CfgPlan& plan, const CfgModelFn& model, const CfgOptions& options,
                        at::Tensor* uncond_out, at::Tensor* cond_out) {
    std::vector<at::Tensor> outs;
    std::vector<int64_t> begins;
    for (const UNetCall& call : plan.calls) {
        const at::Tensor ic =
            plan.image_cond_in.defined() ? rows_of(plan.image_cond_in, call.begin, call.end) : at::Tensor();
        outs.push_back(model(rows_of(plan.x_in, call.begin, call.end), rows_of(plan.sigma_in, call.begin, call.end), ic,
                             call.context, call.pooled));
    }
    at::Tensor x_out = outs.size() == 1 ? outs.front() : at::cat(outs, 0);
    const int64_t B = plan.batch_size;

    double scale = options.cfg_scale;
    at::Tensor d_uncond;
    if (plan.skip_uncond) {
        // The first sub-prompt's output stands in for the uncond one, combined with scale 1
        // (A1111 also does this when CFG is off entirely, where the scale does not matter).
        std::vector<at::Tensor> fake;
        for (const auto& conds : plan.conds_list) fake.push_back(x_out.narrow(0, conds.front().first, 1));
        d_uncond = at::cat(fake, 0);
        scale = 1.0;
    } else {
        d_uncond = x_out.narrow(0, x_out.size(0) - B, B);
    }
    if (uncond_out) *uncond_out = d_uncond;
    if (cond_out) {
        std::vector<at::Tensor> first;
        for (const auto& conds : plan.conds_list) first.push_back(x_out.narrow(0, conds.front().first, 1));
        *cond_out = at::cat(first, 0);
    }
    at::Tensor denoised = d_uncond.clone();
    for (int64_t i = 0; i < B; ++i) {
        at::Tensor di = denoised[i];
        for (const auto& [row, weight] : plan.conds_list[i]) di += (x_out[row] - d_uncond[i]) * (weight * scale);
    }
    return denoised;
}

} // namespace latent
