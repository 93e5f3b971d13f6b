#include "pipeline/bench/bench.h"

#include "pipeline/core/error.h"
#include "pipeline/core/precision.h"
#include "pipeline/models/compute_precision.h"
#include "pipeline/core/system_info.h"
#include "pipeline/models/unet2d_condition.h"

#include <ATen/ATen.h>
#include <ATen/Context.h>
#include <ATen/Parallel.h>
#include <c10/core/GradMode.h>
#include <c10/core/InferenceMode.h>


#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <numeric>

namespace latent {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

uint64_t proc_status_kb(const char* key) {
    std::ifstream in("/proc/self/status");
    std::string line;
    const std::string k = std::string(key) + ":";
    while (std::getline(in, line)) {
        if (line.rfind(k, 0) == 0) {
            try {
                return std::stoull(line.substr(k.size()));
            } catch (...) {
                return 0;
            }
        }
    }
    return 0;
}

} // namespace

static double process_cpu_seconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec) + double(u.ru_utime.tv_usec) * 1e-6 + double(u.ru_stime.tv_sec) +
           double(u.ru_stime.tv_usec) * 1e-6;
}

uint64_t peak_rss_bytes() { return proc_status_kb("VmHWM") * 1024; }
uint64_t current_rss_bytes() { return proc_status_kb("VmRSS") * 1024; }

// ---------------------------------------------------------------------------------------------

nlohmann::json GemmBenchResult::to_json() const {
    nlohmann::json j;
    j["threads"] = threads;
    j["peak_gflops"] = peak_gflops;
    auto arr = nlohmann::json::array();
    for (const auto& e : sizes) arr.push_back({{"n", e.n}, {"best_seconds", e.best_seconds}, {"gflops", e.gflops}});
    j["sizes"] = arr;
    return j;
}

GemmBenchResult bench_gemm(const std::vector<int64_t>& sizes, int repeats) {
    c10::InferenceMode guard;
    GemmBenchResult r;
    r.threads = at::get_num_threads();
    at::Generator gen = at::detail::createCPUGenerator(1234);
    for (int64_t n : sizes) {
        if (n <= 0) throw PipelineError("invalid_argument", "GEMM sizes must be positive.");
        at::Tensor a = at::randn({n, n}, gen, at::TensorOptions().dtype(at::kFloat));
        at::Tensor b = at::randn({n, n}, gen, at::TensorOptions().dtype(at::kFloat));
        at::Tensor c = at::zeros({n, n}, at::kFloat);
        at::mm_out(c, a, b);  // warm-up
        double best = 1e30;
        for (int i = 0; i < std::max(1, repeats); ++i) {
            auto t0 = Clock::now();
            at::mm_out(c, a, b);
            best = std::min(best, seconds_since(t0));
        }
        GemmBenchResult::Entry e;
        e.n = n;
        e.best_seconds = best;
        e.gflops = 2.0 * double(n) * double(n) * double(n) / best / 1e9;
        r.peak_gflops = std::max(r.peak_gflops, e.gflops);
        r.sizes.push_back(e);
    }
    return r;
}

// ---------------------------------------------------------------------------------------------

double unet_flops(const UNetConfig& c, int64_t h, int64_t w, int64_t batch, int64_t S) {
    const double B = static_cast<double>(batch);
    const int64_t temb = c.time_embed_dim();
    const int64_t D = c.cross_attention_dim;
    double f = 0;
    auto conv = [&](int64_t cin, int64_t cout, int64_t k, int64_t H, int64_t W) {
        f += 2.0 * B * double(cin) * double(cout) * double(k * k) * double(H) * double(W);
    };
    auto linear = [&](int64_t in, int64_t out, int64_t tokens) {
        f += 2.0 * B * double(tokens) * double(in) * double(out);
    };
    auto attn = [&](int64_t inner, int64_t N, int64_t M) { f += 2.0 * 2.0 * B * double(N) * double(M) * double(inner); };
    auto resnet = [&](int64_t cin, int64_t cout, int64_t H, int64_t W) {
        conv(cin, cout, 3, H, W);
        conv(cout, cout, 3, H, W);
        if (cin != cout) conv(cin, cout, 1, H, W);
        linear(temb, cout, 1);
    };
    auto transformer = [&](int64_t C, int64_t layers, int64_t H, int64_t W) {
        const int64_t N = H * W;
        linear(C, C, N);  // proj_in
        for (int64_t l = 0; l < layers; ++l) {
            linear(C, C, N), linear(C, C, N), linear(C, C, N), attn(C, N, N), linear(C, C, N);  // attn1
            linear(C, C, N), linear(D, C, S), linear(D, C, S), attn(C, N, S), linear(C, C, N);  // attn2
            linear(C, 8 * C, N), linear(4 * C, C, N);                                           // GEGLU ff
        }
        linear(C, C, N);  // proj_out
    };

    const auto& boc = c.block_out_channels;
    const size_t n = boc.size();
    linear(boc[0], temb, 1), linear(temb, temb, 1);
    if (c.addition_embed_type == "text_time") linear(c.projection_class_embeddings_input_dim, temb, 1), linear(temb, temb, 1);

    int64_t H = h, W = w;
    conv(c.in_channels, boc[0], 3, H, W);
    struct Skip { int64_t ch, H, W; };
    std::vector<Skip> skips{{boc[0], H, W}};
    int64_t ch = boc[0];
    for (size_t i = 0; i < n; ++i) {
        for (int64_t l = 0; l < c.layers_per_block; ++l) {
            resnet(ch, boc[i], H, W);
            ch = boc[i];
            if (c.down_block_attention[i]) transformer(ch, c.transformer_layers[i], H, W);
            skips.push_back({ch, H, W});
        }
        if (i + 1 < n) {
            H = (H + 1) / 2, W = (W + 1) / 2;
            conv(ch, ch, 3, H, W);
            skips.push_back({ch, H, W});
        }
    }
    resnet(ch, ch, H, W);
    transformer(ch, c.mid_transformer_layers(), H, W);
    resnet(ch, ch, H, W);
    for (size_t i = 0; i < n; ++i) {
        const int64_t out = boc[n - 1 - i];
        for (int64_t l = 0; l <= c.layers_per_block; ++l) {
            const Skip s = skips.back();
            skips.pop_back();
            resnet(ch + s.ch, out, H, W);
            ch = out;
            if (c.up_block_attention[i]) transformer(ch, c.up_transformer_layers(i), H, W);
        }
        if (i + 1 < n) {
            H = skips.back().H, W = skips.back().W;
            conv(ch, ch, 3, H, W);
        }
    }
    conv(boc[0], c.out_channels, 3, H, W);
    return f;
}

// ---------------------------------------------------------------------------------------------

nlohmann::json UNetBenchResult::to_json() const {
    nlohmann::json j;
    j["family"] = family;
    j["width"] = width;
    j["height"] = height;
    j["batch"] = batch;
    j["steps"] = steps;
    j["warmup"] = warmup;
    j["threads"] = threads;
    j["channels_last"] = channels_last;
    j["weights"] = weights;
    j["weight_bytes"] = weight_bytes;
    j["parameters"] = parameters;
    j["build_seconds"] = build_seconds;
    j["step_seconds"] = step_seconds;
    j["seconds_per_step"] = seconds_per_step;
    j["best_seconds"] = best_seconds;
    j["cpu_seconds_per_step"] = cpu_seconds_per_step;
    j["gflop_per_step"] = gflop_per_step;
    j["gflops_achieved"] = gflops_achieved;
    j["peak_rss_bytes"] = peak_rss_bytes;
    j["peak_rss_mib"] = double(peak_rss_bytes) / (1024.0 * 1024.0);
    j["precision"] = precision;
    if (precision == "bf16") {
        j["bf16"] = {{"step_seconds", bf16_step_seconds},
                     {"seconds_per_step", bf16_seconds_per_step},
                     {"best_seconds", bf16_best_seconds},
                     {"gflops_achieved", bf16_seconds_per_step > 0 ? gflop_per_step / bf16_seconds_per_step : 0.0},
                     {"speedup_vs_fp32", bf16_speedup},
                     {"output_rel_l2_vs_fp32", bf16_output_rel_l2},
                     {"output_max_abs_vs_fp32", bf16_output_max_abs}};
    }
    return j;
}

UNetBenchResult bench_unet(const std::string& family, int64_t width, int64_t height, int64_t batch, int steps,
                           int warmup, int threads, bool channels_last, const std::string& weights,
                           const std::string& precision) {
    UNetConfig config;
    if (family == "sd1") config = unet_config_sd1();
    else if (family == "sd2") config = unet_config_sd2();
    else if (family == "sdxl") config = unet_config_sdxl();
    else throw PipelineError("invalid_argument", "Unknown model family '" + family + "' (use sd1, sd2 or sdxl).");
    if (width < 8 || height < 8 || width % 8 != 0 || height % 8 != 0 || width > 8192 || height > 8192)
        throw PipelineError("invalid_argument", "Width and height must be multiples of 8 between 8 and 8192.");
    if (batch < 1 || batch > 64 || steps < 1 || warmup < 0)
        throw PipelineError("invalid_argument", "Batch must be 1-64, steps at least 1 and warm-up not negative.");
    if (weights != "fp32" && weights != "fp16" && weights != "bf16")
        throw PipelineError("invalid_argument", "Weights must be fp32, fp16 or bf16.");
    const Precision compute = check_precision_supported(precision);

    UNetBenchResult r;
    r.family = family;
    r.width = width, r.height = height, r.batch = batch, r.steps = steps, r.warmup = warmup;
    r.threads = configure_threads(threads);
    r.channels_last = channels_last;
    r.weights = weights;
    // Random weights can produce denormal activations, which are very slow on x86.
    at::globalContext().setFlushDenormal(true);

    const int64_t h = height / 8, w = width / 8;
    r.gflop_per_step = unet_flops(config, h, w, batch) / 1e9;

    at::manual_seed(20240501);
    auto t0 = Clock::now();
    UNet2DConditionModel unet{nullptr};
    if (weights == "fp32") {
        unet = UNet2DConditionModel(config, channels_last);
    } else {
        // As the loader does with an fp16 file: no fp32 copy, narrow weights widened per call.
        const at::ScalarType dtype = weights == "fp16" ? at::kHalf : at::kBFloat16;
        {
            nn::DeferInit defer;
            unet = UNet2DConditionModel(config, channels_last);
        }
        c10::NoGradGuard no_grad;
        at::Generator init_gen = at::detail::createCPUGenerator(20240501);
        const auto params = unet->named_parameters(true);
        for (const std::string& name : nn::widening_parameter_names(*unet)) {
            at::Tensor p = params[name];
            const int64_t fan_in = p.dim() > 1 ? p.numel() / p.size(0) : p.numel();
            const double bound = 1.0 / std::sqrt(double(std::max<int64_t>(fan_in, 1)));
            const auto format = p.dim() == 4 && channels_last ? at::MemoryFormat::ChannelsLast
                                                               : at::MemoryFormat::Contiguous;
            at::Tensor held = at::empty(p.sizes(), at::TensorOptions().dtype(dtype).memory_format(format));
            held.uniform_(-bound, bound, init_gen);
            p.set_data(held);
        }
    }
    unet->eval();
    r.build_seconds = seconds_since(t0);
    for (const auto& p : unet->parameters()) {
        r.parameters += static_cast<uint64_t>(p.numel());
        r.weight_bytes += static_cast<uint64_t>(p.nbytes());
    }

    c10::InferenceMode guard;
    at::Generator gen = at::detail::createCPUGenerator(42);
    const auto opts = at::TensorOptions().dtype(at::kFloat);
    at::Tensor x = at::randn({batch, config.in_channels, h, w}, gen, opts);
    at::Tensor ctx = at::randn({batch, 77, config.cross_attention_dim}, gen, opts);
    at::Tensor t = at::full({batch}, 500.5, opts);
    at::Tensor y;
    if (config.addition_embed_type == "text_time")
        y = at::randn({batch, config.projection_class_embeddings_input_dim}, gen, opts);

    auto run = [&] {
        adapt_threads_to_load();  // between model calls, as the samplers do
        return y.defined() ? unet->forward_with_vector(x, t, ctx, y) : unet->forward(x, t, ctx);
    };
    for (int i = 0; i < warmup; ++i) run();
    const double cpu0 = process_cpu_seconds();
    at::Tensor out_fp32;
    for (int i = 0; i < steps; ++i) {
        auto s0 = Clock::now();
        out_fp32 = run();
        r.step_seconds.push_back(seconds_since(s0));
    }
    r.cpu_seconds_per_step = (process_cpu_seconds() - cpu0) / double(steps);
    r.threads = at::get_num_threads();  // the count in effect at the end (automatic follows the load)
    r.seconds_per_step = std::accumulate(r.step_seconds.begin(), r.step_seconds.end(), 0.0) / double(steps);
    r.best_seconds = *std::min_element(r.step_seconds.begin(), r.step_seconds.end());
    r.gflops_achieved = r.gflop_per_step / r.seconds_per_step;
    r.precision = precision_name(compute);
    if (compute == Precision::Bf16) {
        // The same model, inputs and step count, computed in bf16.
        ComputeDtypeScope scope(at::kBFloat16);
        for (int i = 0; i < warmup; ++i) run();
        at::Tensor out_bf16;
        for (int i = 0; i < steps; ++i) {
            auto s0 = Clock::now();
            out_bf16 = run();
            r.bf16_step_seconds.push_back(seconds_since(s0));
        }
        r.bf16_seconds_per_step =
            std::accumulate(r.bf16_step_seconds.begin(), r.bf16_step_seconds.end(), 0.0) / double(steps);
        r.bf16_best_seconds = *std::min_element(r.bf16_step_seconds.begin(), r.bf16_step_seconds.end());
        r.bf16_speedup = r.seconds_per_step / r.bf16_seconds_per_step;
        const at::Tensor diff = out_bf16.to(at::kFloat) - out_fp32;
        r.bf16_output_rel_l2 = diff.norm().item<double>() / std::max(out_fp32.norm().item<double>(), 1e-30);
        r.bf16_output_max_abs = diff.abs().max().item<double>();
    }
    r.peak_rss_bytes = peak_rss_bytes();
    return r;
}

} // namespace latent
