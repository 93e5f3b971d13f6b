#include "pipeline/bench/bench_controlnet.h"

#include "pipeline/bench/bench.h"
#include "pipeline/core/error.h"
#include "pipeline/core/system_info.h"
#include "pipeline/models/controlnet.h"
#include "pipeline/models/unet2d_condition.h"

#include <ATen/ATen.h>
#include <ATen/Context.h>
#include <c10/core/GradMode.h>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

namespace latent {

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// Random weights held in `weights` dtype without an fp32 copy (as the loader keeps an fp16
// file's weights); norms and embeddings keep libtorch's fp32 init.
template <typename Model, typename Config>
Model build_random(const Config& config, const std::string& weights, uint64_t seed) {
    if (weights == "fp32") {
        at::manual_seed(seed);
        Model m(config, true);
        m->eval();
        return m;
    }
    const at::ScalarType dtype = weights == "fp16" ? at::kHalf : at::kBFloat16;
    Model m{nullptr};
    {
        nn::DeferInit defer;
        m = Model(config, true);
    }
    c10::NoGradGuard no_grad;
    at::Generator gen = at::detail::createCPUGenerator(seed);
    const auto params = m->named_parameters(true);
    const auto narrow = nn::widening_parameter_names(*m);
    for (const auto& item : params) {
        at::Tensor p = item.value();
        const bool is_narrow = std::find(narrow.begin(), narrow.end(), item.key()) != narrow.end();
        if (!is_narrow) {  // norms: weight 1, bias 0 (deferred init left them unwritten)
            if (item.key().size() >= 6 && item.key().compare(item.key().size() - 6, 6, "weight") == 0) p.fill_(1.0);
            else p.zero_();
            continue;
        }
        const int64_t fan_in = p.dim() > 1 ? p.numel() / p.size(0) : p.numel();
        const double bound = 1.0 / std::sqrt(double(std::max<int64_t>(fan_in, 1)));
        const auto format = p.dim() == 4 ? at::MemoryFormat::ChannelsLast : at::MemoryFormat::Contiguous;
        at::Tensor held = at::empty(p.sizes(), at::TensorOptions().dtype(dtype).memory_format(format));
        held.uniform_(-bound, bound, gen);
        p.set_data(held);
    }
    m->eval();
    return m;
}

uint64_t bytes_of(torch::nn::Module& m) {
    uint64_t b = 0;
    for (const auto& p : m.parameters()) b += static_cast<uint64_t>(p.nbytes());
    return b;
}

double mean(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0) / double(v.size()); }

} // namespace

double controlnet_flops(const ControlNetConfig& cn, int64_t h, int64_t w, int64_t batch, int64_t S, double* hint_flops) {
    const UNetConfig& c = cn.unet;
    const double B = static_cast<double>(batch);
    const int64_t temb = c.time_embed_dim();
    const int64_t D = c.cross_attention_dim;
    double f = 0;
    auto conv = [&](int64_t cin, int64_t cout, int64_t k, int64_t H, int64_t W) {
        f += 2.0 * B * double(cin) * double(cout) * double(k * k) * double(H) * double(W);
    };
    auto linear = [&](int64_t in, int64_t out, int64_t tokens) { f += 2.0 * B * double(tokens) * double(in) * double(out); };
    auto attn = [&](int64_t inner, int64_t N, int64_t M) { f += 4.0 * B * double(N) * double(M) * double(inner); };
    auto resnet = [&](int64_t cin, int64_t cout, int64_t H, int64_t W) {
        conv(cin, cout, 3, H, W);
        conv(cout, cout, 3, H, W);
        if (cin != cout) conv(cin, cout, 1, H, W);
        linear(temb, cout, 1);
    };
    auto transformer = [&](int64_t C, int64_t layers, int64_t H, int64_t W) {
        const int64_t N = H * W;
        linear(C, C, N);
        for (int64_t l = 0; l < layers; ++l) {
            linear(C, C, N), linear(C, C, N), linear(C, C, N), attn(C, N, N), linear(C, C, N);
            linear(C, C, N), linear(D, C, S), linear(D, C, S), attn(C, N, S), linear(C, C, N);
            linear(C, 8 * C, N), linear(4 * C, C, N);
        }
        linear(C, C, N);
    };
    // The hint embedding at 8x the latent size (batch 1, once per job).
    {
        const double saved = f;
        f = 0;
        const auto& e = cn.conditioning_embedding_out_channels;
        int64_t H = h * 8, W = w * 8;
        conv(cn.conditioning_channels, e[0], 3, H, W);
        for (size_t i = 0; i + 1 < e.size(); ++i) {
            conv(e[i], e[i], 3, H, W);
            H = (H + 1) / 2, W = (W + 1) / 2;
            conv(e[i], e[i + 1], 3, H, W);
        }
        conv(e.back(), c.block_out_channels[0], 3, H, W);
        if (hint_flops) *hint_flops = f / B;
        f = saved;
    }
    const auto& boc = c.block_out_channels;
    const size_t n = boc.size();
    linear(boc[0], temb, 1), linear(temb, temb, 1);
    if (c.addition_embed_type == "text_time") linear(c.projection_class_embeddings_input_dim, temb, 1), linear(temb, temb, 1);
    int64_t H = h, W = w;
    conv(c.in_channels, boc[0], 3, H, W);
    conv(boc[0], boc[0], 1, H, W);  // zero conv of conv_in's output
    int64_t ch = boc[0];
    for (size_t i = 0; i < n; ++i) {
        for (int64_t l = 0; l < c.layers_per_block; ++l) {
            resnet(ch, boc[i], H, W);
            ch = boc[i];
            if (c.down_block_attention[i]) transformer(ch, c.transformer_layers[i], H, W);
            conv(ch, ch, 1, H, W);
        }
        if (i + 1 < n) {
            H = (H + 1) / 2, W = (W + 1) / 2;
            conv(ch, ch, 3, H, W);
            conv(ch, ch, 1, H, W);
        }
    }
    resnet(ch, ch, H, W);
    transformer(ch, c.mid_transformer_layers(), H, W);
    resnet(ch, ch, H, W);
    conv(ch, ch, 1, H, W);
    return f;
}

nlohmann::json bench_unet_controlnet(const std::string& family, int64_t width, int64_t height, int64_t batch, int steps,
                                     int warmup, int threads, const std::string& weights) {
    UNetConfig config;
    if (family == "sd1") config = unet_config_sd1();
    else if (family == "sd2") config = unet_config_sd2();
    else if (family == "sdxl") config = unet_config_sdxl();
    else throw PipelineError("invalid_argument", "Unknown model family '" + family + "' (use sd1, sd2 or sdxl).");
    if (width < 64 || height < 64 || width % 8 != 0 || height % 8 != 0 || width > 8192 || height > 8192)
        throw PipelineError("invalid_argument", "Width and height must be multiples of 8 between 64 and 8192.");
    if (batch < 1 || batch > 64 || steps < 1 || warmup < 0)
        throw PipelineError("invalid_argument", "Batch must be 1-64, steps at least 1 and warm-up not negative.");
    if (weights != "fp32" && weights != "fp16" && weights != "bf16")
        throw PipelineError("invalid_argument", "Weights must be fp32, fp16 or bf16.");
    const ControlNetConfig cn_config = controlnet_config_for_unet(config);

    nlohmann::json j;
    j["family"] = family;
    j["width"] = width;
    j["height"] = height;
    j["batch"] = batch;
    j["steps"] = steps;
    j["warmup"] = warmup;
    j["weights"] = weights;
    j["threads"] = configure_threads(threads);
    at::globalContext().setFlushDenormal(true);

    const int64_t h = height / 8, w = width / 8;
    double hint_flops = 0;
    const double unet_gflop = unet_flops(config, h, w, batch) / 1e9;
    const double cn_gflop = controlnet_flops(cn_config, h, w, batch, 77, &hint_flops) / 1e9;
    j["unet_gflop_per_step"] = unet_gflop;
    j["controlnet_gflop_per_step"] = cn_gflop;
    j["hint_embedding_gflop_once"] = hint_flops / 1e9;
    j["flop_overhead_percent"] = 100.0 * cn_gflop / unet_gflop;

    UNet2DConditionModel unet = build_random<UNet2DConditionModel>(config, weights, 20240501);
    j["unet_weight_bytes"] = bytes_of(*unet);

    c10::InferenceMode guard;
    at::Generator gen = at::detail::createCPUGenerator(42);
    const auto opts = at::TensorOptions().dtype(at::kFloat);
    const at::Tensor x = at::randn({batch, 4, h, w}, gen, opts);
    const at::Tensor ctx = at::randn({batch, 77, config.cross_attention_dim}, gen, opts);
    const at::Tensor t = at::full({batch}, 500.5, opts);
    at::Tensor y;
    if (config.addition_embed_type == "text_time")
        y = at::randn({batch, config.projection_class_embeddings_input_dim}, gen, opts);
    auto unet_step = [&](const UNetResiduals* r) {
        adapt_threads_to_load();  // between model calls, as the samplers do
        return y.defined() ? unet->forward_with_vector(x, t, ctx, y, r)
                           : unet->forward(x, t, ctx, std::nullopt, std::nullopt, r);
    };
    // As the generation loop does: the UNet takes the residuals over and frees each once added.
    auto unet_step_taking = [&](UNetResiduals&& r) {
        return y.defined() ? unet->forward_with_vector_taking(x, t, ctx, y, std::move(r))
                           : unet->forward_taking(x, t, ctx, std::nullopt, std::nullopt, std::move(r));
    };

    for (int i = 0; i < warmup; ++i) unet_step(nullptr);
    std::vector<double> plain;
    for (int i = 0; i < steps; ++i) {
        const auto s0 = Clock::now();
        unet_step(nullptr);
        plain.push_back(seconds_since(s0));
    }
    const uint64_t peak_before = peak_rss_bytes(), rss_before = current_rss_bytes();

    const auto b0 = Clock::now();
    ControlNetModel cn = build_random<ControlNetModel>(cn_config, weights, 20240502);
    j["controlnet_build_seconds"] = seconds_since(b0);
    j["controlnet_weight_bytes"] = bytes_of(*cn);
    j["controlnet_parameters"] = [&] {
        uint64_t n = 0;
        for (const auto& p : cn->parameters()) n += static_cast<uint64_t>(p.numel());
        return n;
    }();
    // Where the extra peak comes from: the high-water mark above the plain steps' after each stage
    // (weights, hint embedding, first ControlNet call, first UNet call with its residuals).
    auto extra_mib = [&] {
        const uint64_t p = peak_rss_bytes();
        return double(p > peak_before ? p - peak_before : 0) / (1024.0 * 1024.0);
    };
    j["extra_peak_rss_mib_after_weights"] = extra_mib();
    const at::Tensor hint = at::rand({1, 3, height, width}, gen, opts);
    const auto e0 = Clock::now();
    const at::Tensor embedding = cn->embed_hint(hint);
    j["hint_embedding_seconds_once"] = seconds_since(e0);
    j["extra_peak_rss_mib_after_hint"] = extra_mib();

    std::vector<double> with, control_only;
    for (int i = 0; i < warmup + steps; ++i) {
        const auto s0 = Clock::now();
        adapt_threads_to_load();
        UNetResiduals r = cn->forward(x, t, ctx, embedding, y.defined() ? y : at::Tensor());
        const double c = seconds_since(s0);
        if (i == 0) j["extra_peak_rss_mib_after_controlnet_call"] = extra_mib();
        unet_step_taking(std::move(r));
        if (i == 0) j["extra_peak_rss_mib_after_unet_call"] = extra_mib();
        if (i >= warmup) {
            with.push_back(seconds_since(s0));
            control_only.push_back(c);
        }
    }
    const uint64_t peak_after = peak_rss_bytes();
    {
        // For comparison, one more step with the residuals held by the caller through the whole
        // UNet call (the earlier behaviour); measured last, as the high-water mark only rises.
        adapt_threads_to_load();
        UNetResiduals r = cn->forward(x, t, ctx, embedding, y.defined() ? y : at::Tensor());
        unet_step(&r);
        j["extra_peak_rss_mib_residuals_kept"] = extra_mib();
    }
    j["unet_step_seconds"] = plain;
    j["unet_seconds_per_step"] = mean(plain);
    j["with_controlnet_step_seconds"] = with;
    j["with_controlnet_seconds_per_step"] = mean(with);
    j["controlnet_seconds_per_step"] = mean(control_only);
    j["time_overhead_percent"] = 100.0 * (mean(with) / mean(plain) - 1.0);
    j["unet_gflops_achieved"] = unet_gflop / mean(plain);
    j["controlnet_gflops_achieved"] = cn_gflop / mean(control_only);
    j["peak_rss_before_controlnet_bytes"] = peak_before;
    j["rss_before_controlnet_bytes"] = rss_before;
    j["peak_rss_bytes"] = peak_after;
    j["extra_peak_rss_bytes"] = peak_after > peak_before ? peak_after - peak_before : 0;
    j["extra_peak_rss_mib"] = double(peak_after > peak_before ? peak_after - peak_before : 0) / (1024.0 * 1024.0);
    return j;
}

} // namespace latent
