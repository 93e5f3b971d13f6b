#include "pipeline/bench/bench_lora.h"

#include "pipeline/bench/bench.h"
#include "pipeline/core/error.h"
#include "pipeline/core/system_info.h"
#include "pipeline/models/layers.h"
#include "pipeline/networks/network_runtime.h"
#include "pipeline/networks/network_targets.h"
#include "pipeline/pipelines/diffusion_model.h"
#include "pipeline/tensors/safetensors.h"

#include <ATen/ATen.h>
#include <c10/core/GradMode.h>
#include <c10/core/InferenceMode.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <numeric>

#include <unistd.h>

namespace latent {

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }
double mib(uint64_t b) { return double(b) / (1024.0 * 1024.0); }

// Linux: resets VmHWM to the current RSS so a later peak can be measured from here.
void reset_peak_rss() {
    std::ofstream f("/proc/self/clear_refs");
    if (f) f << "5";
}

// Seeded uniform init of every Linear / Conv2d weight, held as fp16 (no fp32 copy).
void init_half(torch::nn::Module& m, bool channels_last, uint64_t seed) {
    c10::NoGradGuard no_grad;
    at::Generator gen = at::detail::createCPUGenerator(seed);
    const auto params = m.named_parameters(true);
    for (const std::string& name : nn::widening_parameter_names(m)) {
        at::Tensor p = params[name];
        const int64_t fan_in = p.dim() > 1 ? p.numel() / p.size(0) : p.numel();
        const double bound = 1.0 / std::sqrt(double(std::max<int64_t>(fan_in, 1)));
        const auto format = p.dim() == 4 && channels_last ? at::MemoryFormat::ChannelsLast : at::MemoryFormat::Contiguous;
        at::Tensor held = at::empty(p.sizes(), at::TensorOptions().dtype(at::kHalf).memory_format(format));
        held.uniform_(-bound, bound, gen);
        p.set_data(held);
    }
}

bool bench_target(const NetworkTarget& t) {
    if (t.kind != NetworkTargetKind::Linear && t.kind != NetworkTargetKind::Conv2d) return false;
    if (t.text_encoder()) return t.name.find("encoder.layers.") != std::string::npos;
    const std::string& n = t.name;
    const bool attention = n.find(".attentions.") != std::string::npos;
    const bool resnet = n.find(".resnets.") != std::string::npos;
    return attention || resnet;
}

std::string underscored(std::string s) {
    for (char& c : s)
        if (c == '.') c = '_';
    return s;
}

// A rank-r kohya LoRA over `targets`, streamed to `path` (fp16), module by module.
uint64_t write_bench_lora(const std::string& path, const NetworkTargets& targets, int64_t rank, uint64_t seed) {
    std::vector<SafetensorsTensorSpec> specs;
    struct Source {
        int64_t rows, cols;
        bool alpha;
    };
    std::vector<Source> sources;
    for (const NetworkTarget& t : targets.targets()) {
        if (!bench_target(t)) continue;
        const std::string key = (t.text_encoder() ? "lora_te_" : "lora_unet_") + underscored(t.name);
        const auto& s = t.weight_shape;
        const int64_t out = s[0], in = s.size() == 4 ? s[1] : s[1];
        std::vector<int64_t> down = s.size() == 4 ? std::vector<int64_t>{rank, in, s[2], s[3]} : std::vector<int64_t>{rank, in};
        std::vector<int64_t> up = s.size() == 4 ? std::vector<int64_t>{out, rank, 1, 1} : std::vector<int64_t>{out, rank};
        specs.push_back({key + ".lora_down.weight", at::kHalf, down});
        sources.push_back({rank, std::accumulate(down.begin() + 1, down.end(), int64_t{1}, std::multiplies<>()), false});
        specs.push_back({key + ".lora_up.weight", at::kHalf, up});
        sources.push_back({out, rank, false});
        specs.push_back({key + ".alpha", at::kHalf, {}});
        sources.push_back({0, 0, true});
    }
    at::Generator gen = at::detail::createCPUGenerator(seed);
    write_safetensors_streamed(path, specs, [&](std::size_t i) {
        const Source& s = sources[i];
        if (s.alpha) return at::scalar_tensor(double(rank) / 2.0, at::kHalf);
        return (at::randn({s.rows, s.cols}, gen) * (0.5 / std::sqrt(double(s.cols)))).to(at::kHalf).reshape(specs[i].shape);
    }, {{"ss_network_dim", std::to_string(rank)}, {"ss_base_model_version", "sd_v1"}});
    return std::filesystem::file_size(path);
}

} // namespace

nlohmann::json bench_lora(const std::string& family, int64_t rank, int64_t width, int64_t height, int steps,
                          int threads, const std::string& dir_in) {
    if (family != "sd1") throw PipelineError("invalid_argument", "bench lora supports --family sd1.");
    if (rank < 1 || rank > 1024 || steps < 1 || width < 64 || height < 64 || width % 8 || height % 8)
        throw PipelineError("invalid_argument", "Rank must be 1-1024, steps at least 1, sizes multiples of 8 from 64.");
    nlohmann::json j;
    j["family"] = family;
    j["rank"] = rank;
    j["width"] = width;
    j["height"] = height;
    j["threads"] = configure_threads(threads);
    at::globalContext().setFlushDenormal(true);

    // 1. The real-size model, fp16 weights (compute fp32).
    auto t0 = Clock::now();
    DiffusionModel model;
    model.family = "sd1";
    {
        nn::DeferInit defer;
        ClipTextModel te(ClipTextConfig{});
        model.text = std::make_shared<TextConditioner>(TextConditioningKind::SD1, te);
        model.unet = UNet2DConditionModel(unet_config_sd1(), true);
    }
    init_half(*model.unet, true, 1);
    init_half(*model.text->encoder(0), false, 2);
    {
        c10::NoGradGuard no_grad;
        at::Generator gen = at::detail::createCPUGenerator(3);
        for (auto* m : {static_cast<torch::nn::Module*>(model.unet.get()), static_cast<torch::nn::Module*>(model.text->encoder(0).get())})
            for (auto& p : m->parameters())
                if (p.scalar_type() == at::kFloat) p.uniform_(-0.1, 0.1, gen);
    }
    model.unet->eval();
    j["build_seconds"] = seconds_since(t0);

    // 2. Two LoRAs written by the real streaming writer.
    namespace fs = std::filesystem;
    const fs::path dir = dir_in.empty() ? fs::temp_directory_path() / ("latent-bench-lora-" + std::to_string(::getpid()))
                                        : fs::path(dir_in);
    fs::create_directories(dir);
    NetworkRuntime runtime(model);
    std::size_t modules = 0;
    for (const NetworkTarget& t : runtime.targets().targets()) modules += bench_target(t);
    const std::string a = (dir / "bench_a.safetensors").string(), b = (dir / "bench_b.safetensors").string();
    t0 = Clock::now();
    const uint64_t bytes = write_bench_lora(a, runtime.targets(), rank, 11);
    write_bench_lora(b, runtime.targets(), rank, 12);
    j["lora_file_bytes"] = bytes;
    j["lora_file_mib"] = mib(bytes);
    j["lora_modules"] = modules;
    j["write_seconds"] = seconds_since(t0);

    // 3. One UNet step (CFG batch of 2, as a txt2img step).
    c10::InferenceMode guard;
    const int64_t h = height / 8, w = width / 8;
    at::Generator gen = at::detail::createCPUGenerator(42);
    const at::Tensor x = at::randn({2, 4, h, w}, gen);
    const at::Tensor ctx = at::randn({2, 77, 768}, gen);
    const at::Tensor t = at::full({2}, 500.5);
    auto step = [&](const char* label) {
        std::vector<double> times;
        model.unet->forward(x, t, ctx);  // warm-up
        for (int i = 0; i < steps; ++i) {
            const auto s0 = Clock::now();
            model.unet->forward(x, t, ctx);
            times.push_back(seconds_since(s0));
        }
        const double mean = std::accumulate(times.begin(), times.end(), 0.0) / double(times.size());
        std::fprintf(stderr, "bench lora: %s step %.2f s\n", label, mean);
        return mean;
    };
    const at::Tensor ids = at::randint(1, 49405, {2, 77}, gen, at::TensorOptions().dtype(at::kLong));
    const double base_step = step("base");
    const uint64_t rss_base = current_rss_bytes();
    reset_peak_rss();
    model.text->encoder(0)->forward(ids);
    step("base (peak)");
    const uint64_t peak_base = peak_rss_bytes();

    // 4. Apply, switch, release.
    reset_peak_rss();
    NetworkRequest ra{"bench_a", a, 1.0, 1.0, std::nullopt}, rb{"bench_b", b, 1.0, 1.0, std::nullopt};
    t0 = Clock::now();
    const NetworkActivation act = runtime.activate({ra});
    const double apply = seconds_since(t0);
    const uint64_t rss_applied = current_rss_bytes();
    t0 = Clock::now();
    runtime.activate({rb});
    const double switch_seconds = seconds_since(t0);
    t0 = Clock::now();
    runtime.activate({ra});
    const double switch_back = seconds_since(t0);
    if (!act.warnings.empty()) j["warnings"] = act.warnings;
    if (!act.applied.empty()) {
        j["applied_text_modules"] = act.applied[0].text_modules;
        j["applied_unet_modules"] = act.applied[0].unet_modules;
    }
    model.text->encoder(0)->forward(ids);
    nn::set_delta_policy(nn::DeltaPolicy::Auto);
    const double auto_step = step("lora auto");
    const uint64_t peak_lora = peak_rss_bytes();
    nn::set_delta_policy(nn::DeltaPolicy::Merge);
    const double merge_step = step("lora merge");
    nn::set_delta_policy(nn::DeltaPolicy::PerCall);
    const double percall_step = step("lora per-call");
    nn::set_delta_policy(nn::DeltaPolicy::Auto);
    t0 = Clock::now();
    runtime.deactivate();
    const double release = seconds_since(t0);
    const double base_again = step("base again");

    j["apply_seconds"] = apply;
    j["switch_seconds"] = switch_seconds;
    j["switch_back_seconds"] = switch_back;
    j["release_seconds"] = release;
    j["step_seconds"] = {{"base", base_step},       {"lora_auto", auto_step},     {"lora_merge", merge_step},
                         {"lora_per_call", percall_step}, {"base_after_release", base_again}};
    const double base_ref = std::min(base_step, base_again);
    j["step_overhead_percent"] = {{"auto", 100.0 * (auto_step / base_ref - 1.0)},
                                  {"merge", 100.0 * (merge_step / base_ref - 1.0)},
                                  {"per_call", 100.0 * (percall_step / base_ref - 1.0)}};
    j["rss_base_mib"] = mib(rss_base);
    j["rss_after_apply_mib"] = mib(rss_applied);
    j["extra_rss_after_apply_mib"] = mib(rss_applied > rss_base ? rss_applied - rss_base : 0);
    j["peak_rss_base_step_mib"] = mib(peak_base);
    j["peak_rss_with_lora_mib"] = mib(peak_lora);
    j["extra_peak_rss_mib"] = mib(peak_lora > peak_base ? peak_lora - peak_base : 0);
    std::error_code ec;
    if (dir_in.empty()) fs::remove_all(dir, ec);
    return j;
}

} // namespace latent
