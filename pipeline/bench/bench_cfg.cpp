#include "pipeline/bench/bench_cfg.h"

#include "pipeline/bench/bench.h"
#include "pipeline/core/error.h"
#include "pipeline/core/system_info.h"
#include "pipeline/models/unet2d_condition.h"
#include "pipeline/pipelines/cfg_denoiser.h"
#include "pipeline/schedulers/denoiser.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <chrono>
#include <numeric>

namespace latent {

nlohmann::json bench_cfg(const std::string& family, int64_t width, int64_t height, int64_t batch, int steps, int warmup,
                         int threads) {
    UNetConfig config;
    if (family == "sd1")
        config = unet_config_sd1();
    else if (family == "sd2")
        config = unet_config_sd2();
    else if (family == "sdxl")
        config = unet_config_sdxl();
    else
        throw PipelineError("invalid_argument", "Unknown model family '" + family + "' (use sd1, sd2 or sdxl).");
    if (width < 64 || height < 64 || width % 8 != 0 || height % 8 != 0 || width > 4096 || height > 4096 || batch < 1 ||
        batch > 8 || steps < 1 || warmup < 0)
        throw PipelineError("invalid_argument",
                            "Width and height must be multiples of 8 between 64 and 4096, batch 1-8, steps at least 1.");
    nlohmann::json out;
    out["family"] = family;
    out["width"] = width;
    out["height"] = height;
    out["batch"] = batch;
    out["steps"] = steps;
    out["threads"] = configure_threads(threads);
    at::globalContext().setFlushDenormal(true);
    at::manual_seed(20240501);
    UNet2DConditionModel unet(config, /*channels_last=*/true);
    unet->eval();
    c10::InferenceMode guard;
    const CompVisDenoiser denoiser(DiscreteSchedule::stable_diffusion(), Prediction::Epsilon);
    at::Generator gen = at::detail::createCPUGenerator(42);
    const auto opts = at::TensorOptions().dtype(at::kFloat);
    const int64_t C = config.cross_attention_dim;
    const at::Tensor x = at::randn({batch, 4, height / 8, width / 8}, gen, opts);
    const at::Tensor sigma = at::full({batch}, 3.0, opts);
    const at::Tensor empty = at::randn({1, 77, C}, gen, opts);
    at::Tensor pooled;
    if (config.addition_embed_type == "text_time")
        pooled = at::randn({batch, config.projection_class_embeddings_input_dim}, gen, opts);

    struct Mode {
        const char* name;
        int64_t cond_tokens;
        bool pad;
    };
    for (const Mode& m : {Mode{"equal", 77, false}, Mode{"default", 154, false}, Mode{"padded", 154, true}}) {
        CfgConditioning c;
        for (int64_t i = 0; i < batch; ++i) c.conds_list.push_back({{i, 1.0}});
        c.cond = at::randn({batch, m.cond_tokens, C}, gen, opts);
        c.uncond = at::randn({batch, 77, C}, gen, opts);
        CfgOptions o;
        o.pad_cond_uncond = m.pad;
        const CfgModelFn model = [&](const at::Tensor& xs, const at::Tensor& sig, const at::Tensor&,
                                     const at::Tensor& context, const at::Tensor&) {
            const ModelFn fn = [&](const at::Tensor& xin, const at::Tensor& t) {
                if (pooled.defined())
                    return unet->forward_with_vector(xin, t, context, pooled.narrow(0, 0, 1).expand({xin.size(0), -1}));
                return unet->forward(xin, t, context);
            };
            return denoiser(xs, sig, fn);
        };
        const CfgPlan plan = plan_cfg_calls(c, x, sigma, {}, o, 0, steps, empty);
        for (int i = 0; i < warmup; ++i) run_cfg_plan(plan, model, o);
        std::vector<double> secs;
        for (int i = 0; i < steps; ++i) {
            const auto t0 = std::chrono::steady_clock::now();
            run_cfg_plan(plan, model, o);
            secs.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
        }
        nlohmann::json j;
        j["unet_calls"] = plan.calls.size();
        j["context_tokens"] = nlohmann::json::array();
        for (const UNetCall& u : plan.calls) j["context_tokens"].push_back(u.context.size(1));
        j["seconds_per_evaluation"] = std::accumulate(secs.begin(), secs.end(), 0.0) / double(secs.size());
        j["best_seconds"] = *std::min_element(secs.begin(), secs.end());
        out[m.name] = j;
    }
    out["peak_rss_mib"] = static_cast<double>(peak_rss_bytes()) / (1024.0 * 1024.0);
    return out;
}

} // namespace latent
