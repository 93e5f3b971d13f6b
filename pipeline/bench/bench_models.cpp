#include "pipeline/bench/bench_models.h"

#include "pipeline/bench/bench.h"
#include "pipeline/core/error.h"
#include "pipeline/core/system_info.h"
#include "pipeline/loaders/checkpoint_loader.h"
#include "pipeline/loaders/checkpoint_writer.h"
#include "pipeline/models/autoencoder_kl.h"
#include "pipeline/models/clip_text.h"
#include "pipeline/models/unet_config.h"
#include "pipeline/tensors/safetensors.h"

#include <ATen/ATen.h>
#include <ATen/Context.h>
#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <numeric>

namespace latent {

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

struct Timing {
    std::vector<double> seconds;
    double mean() const {
        return seconds.empty() ? 0 : std::accumulate(seconds.begin(), seconds.end(), 0.0) / double(seconds.size());
    }
    double best() const { return seconds.empty() ? 0 : *std::min_element(seconds.begin(), seconds.end()); }
};

template <class F> Timing time_runs(int warmup, int steps, F&& f) {
    for (int i = 0; i < warmup; ++i) f();
    Timing t;
    for (int i = 0; i < steps; ++i) {
        const auto t0 = Clock::now();
        f();
        t.seconds.push_back(seconds_since(t0));
    }
    return t;
}

nlohmann::json timing_json(const Timing& t, double flops) {
    return {{"seconds", t.seconds},
            {"seconds_mean", t.mean()},
            {"seconds_best", t.best()},
            {"gflop", flops / 1e9},
            {"gflops_achieved", t.mean() > 0 ? flops / 1e9 / t.mean() : 0.0}};
}

uint64_t parameter_count(const torch::nn::Module& m) {
    uint64_t n = 0;
    for (const auto& p : m.parameters()) n += static_cast<uint64_t>(p.numel());
    return n;
}

uint64_t tensor_bytes(const torch::nn::Module& m) {
    uint64_t n = 0;
    for (const auto& p : m.parameters()) n += static_cast<uint64_t>(p.nbytes());
    for (const auto& b : m.buffers()) n += static_cast<uint64_t>(b.nbytes());
    return n;
}

double mib(uint64_t b) {
    return double(b) / (1024.0 * 1024.0);
}

// FLOP counting helpers (2 per multiply-add).
struct Flops {
    double f = 0, batch = 1;
    void conv(int64_t cin, int64_t cout, int64_t k, int64_t h, int64_t w) {
        f += 2.0 * batch * double(cin) * double(cout) * double(k * k) * double(h) * double(w);
    }
    void linear(int64_t in, int64_t out, int64_t tokens) {
        f += 2.0 * batch * double(tokens) * double(in) * double(out);
    }
    void attn(int64_t width, int64_t n, int64_t m) { f += 2.0 * 2.0 * batch * double(n) * double(m) * double(width); }
    void resnet(int64_t cin, int64_t cout, int64_t h, int64_t w) {
        conv(cin, cout, 3, h, w);
        conv(cout, cout, 3, h, w);
        if (cin != cout) conv(cin, cout, 1, h, w);
    }
    void vae_attention(int64_t c, int64_t h, int64_t w) {
        for (int i = 0; i < 4; ++i) linear(c, c, h * w);
        attn(c, h * w, h * w);
    }
};

void check_threads(int threads) {
    if (threads < 0) throw PipelineError("invalid_argument", "The thread count cannot be negative.");
}

} // namespace

double vae_decode_flops(const VaeConfig& c, int64_t h, int64_t w, int64_t batch) {
    Flops F;
    F.batch = double(batch);
    const auto& ch = c.block_out_channels;
    const size_t n = ch.size();
    if (c.use_post_quant_conv) F.conv(c.latent_channels, c.latent_channels, 1, h, w);
    F.conv(c.latent_channels, ch.back(), 3, h, w);
    F.resnet(ch.back(), ch.back(), h, w);
    if (c.mid_block_add_attention) F.vae_attention(ch.back(), h, w);
    F.resnet(ch.back(), ch.back(), h, w);
    int64_t prev = ch.back(), H = h, W = w;
    for (size_t i = 0; i < n; ++i) {
        const int64_t out = ch[n - 1 - i];
        for (int64_t l = 0; l <= c.layers_per_block; ++l) {
            F.resnet(prev, out, H, W);
            prev = out;
        }
        if (i + 1 < n) {
            H *= 2, W *= 2;
            F.conv(out, out, 3, H, W);
        }
    }
    F.conv(ch.front(), c.out_channels, 3, H, W);
    return F.f;
}

double vae_encode_flops(const VaeConfig& c, int64_t h, int64_t w, int64_t batch) {
    Flops F;
    F.batch = double(batch);
    const auto& ch = c.block_out_channels;
    const size_t n = ch.size();
    int64_t H = h << (n - 1), W = w << (n - 1);
    F.conv(c.in_channels, ch.front(), 3, H, W);
    int64_t prev = ch.front();
    for (size_t i = 0; i < n; ++i) {
        for (int64_t l = 0; l < c.layers_per_block; ++l) {
            F.resnet(prev, ch[i], H, W);
            prev = ch[i];
        }
        if (i + 1 < n) {
            H /= 2, W /= 2;
            F.conv(prev, prev, 3, H, W);
        }
    }
    F.resnet(prev, prev, H, W);
    if (c.mid_block_add_attention) F.vae_attention(prev, H, W);
    F.resnet(prev, prev, H, W);
    F.conv(prev, 2 * c.latent_channels, 3, H, W);
    if (c.use_quant_conv) F.conv(2 * c.latent_channels, 2 * c.latent_channels, 1, H, W);
    return F.f;
}

double clip_text_flops(const ClipTextConfig& c, int64_t tokens, int64_t batch) {
    Flops F;
    F.batch = double(batch);
    for (int64_t l = 0; l < c.num_hidden_layers; ++l) {
        for (int i = 0; i < 4; ++i) F.linear(c.hidden_size, c.hidden_size, tokens);
        F.attn(c.hidden_size, tokens, tokens);
        F.linear(c.hidden_size, c.intermediate_size, tokens);
        F.linear(c.intermediate_size, c.hidden_size, tokens);
    }
    if (c.with_projection) F.linear(c.hidden_size, c.projection_dim, 1);
    return F.f;
}

nlohmann::json bench_vae(int64_t width, int64_t height, int steps, int warmup, int threads, bool tiled) {
    check_threads(threads);
    if (width < 8 || height < 8 || width % 8 != 0 || height % 8 != 0 || width > 8192 || height > 8192)
        throw PipelineError("invalid_argument", "Width and height must be multiples of 8 between 8 and 8192.");
    if (steps < 1 || warmup < 0)
        throw PipelineError("invalid_argument", "Steps must be at least 1 and warm-up not negative.");
    nlohmann::json j;
    j["threads"] = configure_threads(threads);
    at::globalContext().setFlushDenormal(true);
    const VaeConfig cfg; // SD 1.x / 2.x / XL share this layout
    const int64_t h = height / 8, w = width / 8;
    at::manual_seed(20240502);
    auto t0 = Clock::now();
    AutoencoderKL vae(cfg);
    vae->eval();
    j["build_seconds"] = seconds_since(t0);
    j["parameters"] = parameter_count(*vae);
    j["width"] = width;
    j["height"] = height;
    j["tiled"] = tiled;
    c10::InferenceMode guard;
    at::Generator gen = at::detail::createCPUGenerator(7);
    const at::Tensor z = at::randn({1, cfg.latent_channels, h, w}, gen, at::TensorOptions().dtype(at::kFloat));
    const at::Tensor x = at::rand({1, 3, height, width}, gen, at::TensorOptions().dtype(at::kFloat)) * 2 - 1;
    const Timing dec = time_runs(warmup, steps, [&] { return tiled ? vae->decode_tiled(z) : vae->decode(z); });
    j["decode"] = timing_json(dec, vae_decode_flops(cfg, h, w));
    const uint64_t peak_after_decode = peak_rss_bytes();
    const Timing enc =
        time_runs(warmup, steps, [&] { return tiled ? vae->encode_tiled(x).mean : vae->encode(x).mean; });
    j["encode"] = timing_json(enc, vae_encode_flops(cfg, h, w));
    j["peak_rss_bytes_after_decode"] = peak_after_decode;
    j["peak_rss_bytes"] = peak_rss_bytes();
    j["peak_rss_mib"] = mib(peak_rss_bytes());
    return j;
}

nlohmann::json bench_text(const std::string& family, int64_t batch, int steps, int warmup, int threads) {
    check_threads(threads);
    std::vector<std::pair<std::string, ClipTextConfig>> encoders;
    ClipTextConfig clip_l; // ViT-L/14: the defaults
    ClipTextConfig open_h;
    open_h.hidden_size = 1024, open_h.intermediate_size = 4096, open_h.num_hidden_layers = 24;
    open_h.num_attention_heads = 16, open_h.hidden_act = "gelu", open_h.projection_dim = 1024;
    ClipTextConfig big_g;
    big_g.hidden_size = 1280, big_g.intermediate_size = 5120, big_g.num_hidden_layers = 32;
    big_g.num_attention_heads = 20, big_g.hidden_act = "gelu", big_g.with_projection = true,
    big_g.projection_dim = 1280;
    if (family == "sd1")
        encoders = {{"clip_l", clip_l}};
    else if (family == "sd2")
        encoders = {{"open_clip_h", open_h}};
    else if (family == "sdxl")
        encoders = {{"clip_l", clip_l}, {"open_clip_bigg", big_g}};
    else
        throw PipelineError("invalid_argument", "Unknown model family '" + family + "' (use sd1, sd2 or sdxl).");
    if (batch < 1 || batch > 64 || steps < 1 || warmup < 0)
        throw PipelineError("invalid_argument", "Batch must be 1-64, steps at least 1 and warm-up not negative.");
    nlohmann::json j;
    j["family"] = family;
    j["batch"] = batch;
    j["tokens"] = 77;
    j["threads"] = configure_threads(threads);
    at::globalContext().setFlushDenormal(true);
    at::manual_seed(20240503);
    at::Generator gen = at::detail::createCPUGenerator(11);
    const at::Tensor ids = at::randint(1, 49405, {batch, 77}, gen, at::TensorOptions().dtype(at::kLong));
    double total = 0, total_flops = 0;
    nlohmann::json parts = nlohmann::json::object();
    for (const auto& [name, cfg] : encoders) {
        auto t0 = Clock::now();
        ClipTextModel te(cfg);
        te->eval();
        const double build = seconds_since(t0);
        c10::InferenceMode guard;
        const Timing t = time_runs(warmup, steps, [&] { return te->forward(ids).last_hidden_state; });
        nlohmann::json p = timing_json(t, clip_text_flops(cfg, 77, batch));
        p["build_seconds"] = build;
        p["parameters"] = parameter_count(*te);
        parts[name] = p;
        total += t.mean();
        total_flops += clip_text_flops(cfg, 77, batch);
    }
    j["encoders"] = parts;
    j["seconds_per_encode"] = total;
    j["gflop"] = total_flops / 1e9;
    j["gflops_achieved"] = total > 0 ? total_flops / 1e9 / total : 0.0;
    j["peak_rss_bytes"] = peak_rss_bytes();
    j["peak_rss_mib"] = mib(peak_rss_bytes());
    return j;
}

nlohmann::json bench_create_sd15_checkpoint(const std::string& path, uint64_t seed) {
    nlohmann::json j;
    auto t0 = Clock::now();
    Sd1Modules m =
        make_random_sd1_modules(unet_config_sd1(), VaeConfig{}, ClipTextConfig{}, seed, /*channels_last=*/false);
    j["build_seconds"] = seconds_since(t0);
    uint64_t params = parameter_count(*m.unet) + parameter_count(*m.vae) + parameter_count(*m.text_encoder);
    t0 = Clock::now();
    write_a1111_sd1_checkpoint(path, m, at::kHalf, {{"latent.bench", "random SD 1.5 weights (benchmark)"}});
    j["write_seconds"] = seconds_since(t0);
    const SafetensorsFile f = SafetensorsFile::open(path);
    j["path"] = path;
    j["bytes"] = f.file_size();
    j["tensors"] = f.tensors().size();
    j["parameters"] = params;
    j["file_dtype"] = "F16";
    j["peak_rss_bytes"] = peak_rss_bytes();
    return j;
}

nlohmann::json bench_load_checkpoint(const std::string& path, int threads) {
    check_threads(threads);
    nlohmann::json j;
    j["threads"] = configure_threads(threads);
    j["path"] = path;
    std::error_code ec;
    j["file_bytes"] = std::filesystem::file_size(path, ec);
    const uint64_t rss_before = current_rss_bytes();
    const uint64_t peak_before = peak_rss_bytes();
    auto t0 = Clock::now();
    LoadedCheckpoint ck = load_checkpoint(path);
    const double seconds = seconds_since(t0);
    const uint64_t peak = peak_rss_bytes();
    const uint64_t bytes =
        tensor_bytes(*ck.unet) + tensor_bytes(*ck.vae) + tensor_bytes(*ck.te1) + (ck.te2 ? tensor_bytes(**ck.te2) : 0);
    const uint64_t params = parameter_count(*ck.unet) + parameter_count(*ck.vae) + parameter_count(*ck.te1) +
                            (ck.te2 ? parameter_count(**ck.te2) : 0);
    j["family"] = family_name(ck.detection.family);
    j["compute_dtype"] = std::string(c10::toString(ck.unet->conv_norm_out->weight.scalar_type()));
    j["unet_weight_dtype"] = std::string(c10::toString(ck.unet->conv_in->weight.scalar_type()));
    j["load_seconds"] = seconds;
    j["parameters"] = params;
    j["components"] = {{"unet", parameter_count(*ck.unet)},
                       {"vae", parameter_count(*ck.vae)},
                       {"text_encoder", parameter_count(*ck.te1)}};
    j["model_bytes"] = bytes; // module tensors as held (fp16 files stay fp16 on a CPU fp32 run)
    j["fp32_model_bytes"] = params * 4;
    j["rss_before_bytes"] = rss_before;
    j["peak_rss_before_bytes"] = peak_before;
    j["peak_rss_bytes"] = peak;
    j["peak_rss_mib"] = mib(peak);
    j["rss_after_bytes"] = current_rss_bytes();
    j["peak_over_model_bytes"] = bytes ? double(peak) / double(bytes) : 0.0;
    j["peak_over_fp32_size"] = params ? double(peak) / double(params * 4) : 0.0;
    j["goal_peak_over_fp32_size"] = 1.2;
    j["warnings"] = ck.warnings;
    return j;
}

} // namespace latent
