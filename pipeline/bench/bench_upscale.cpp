#include "pipeline/bench/bench_upscale.h"

#include "pipeline/bench/bench.h"
#include "pipeline/core/error.h"
#include "pipeline/core/system_info.h"
#include "pipeline/tensors/safetensors.h"
#include "pipeline/upscalers/image_upscaler.h"
#include "pipeline/upscalers/upscaler_model.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <thread>
#include <unistd.h>

namespace latent {

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

} // namespace

nlohmann::json bench_create_esrgan(const std::string& path, bool fp32, uint64_t seed) {
    const auto t0 = Clock::now();
    c10::InferenceMode guard;
    auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
    const int64_t nf = 64, gc = 32, nb = 23;
    std::vector<SafetensorsTensorSpec> specs;
    auto conv = [&](const std::string& name, int64_t in, int64_t out) {
        specs.push_back({name + ".weight", fp32 ? at::kFloat : at::kHalf, {out, in, 3, 3}});
        specs.push_back({name + ".bias", fp32 ? at::kFloat : at::kHalf, {out}});
    };
    conv("conv_first", 3, nf);
    for (int64_t i = 0; i < nb; ++i)
        for (int k = 1; k <= 3; ++k)
            for (int j = 1; j <= 5; ++j)
                conv("body." + std::to_string(i) + ".rdb" + std::to_string(k) + ".conv" + std::to_string(j),
                     nf + (j - 1) * gc, j == 5 ? nf : gc);
    conv("conv_body", nf, nf);
    conv("conv_up1", nf, nf);
    conv("conv_up2", nf, nf);
    conv("conv_hr", nf, nf);
    conv("conv_last", nf, 3);
    uint64_t params = 0;
    for (const auto& s : specs) {
        uint64_t n = 1;
        for (int64_t d : s.shape) n *= uint64_t(d);
        params += n;
    }
    write_safetensors_streamed(path, specs, [&](std::size_t i) {
        const auto& s = specs[i];
        // Small weights keep the activations in range (the pictures are noise either way).
        const double stdev = s.shape.size() == 4 ? 0.02 : 0.01;
        return (at::randn(s.shape, gen) * stdev).to(s.dtype);
    });
    return {{"path", path},
            {"bytes", std::filesystem::file_size(path)},
            {"parameters", params},
            {"dtype", fp32 ? "F32" : "F16"},
            {"seconds", since(t0)}};
}

nlohmann::json bench_upscale(const std::string& model_path, int64_t width, int64_t height, int64_t tile,
                             int64_t overlap, bool measure_cancel, int threads) {
    if (width < 8 || height < 8 || width > 4096 || height > 4096)
        throw PipelineError("invalid_argument", "bench upscale: width and height must be between 8 and 4096.");
    if (threads > 0) configure_threads(threads);
    nlohmann::json out;
    std::string path = model_path;
    bool remove = false;
    if (path.empty()) {
        path = (std::filesystem::temp_directory_path() /
                ("latentstudio-bench-esrgan-" + std::to_string(::getpid()) + ".safetensors"))
                   .string();
        out["created"] = bench_create_esrgan(path);
        remove = true;
    }
    struct Remove {
        std::string p;
        bool on;
        ~Remove() {
            if (on) std::filesystem::remove(p);
        }
    } cleanup{path, remove};

    const uint64_t rss_before = current_rss_bytes();
    const auto t_load = Clock::now();
    auto model = load_upscaler(path);
    const double load_seconds = since(t_load);
    const UpscalerArchInfo& info = model->info();

    ImageU8 img(width, height, 3);
    {
        auto gen = at::make_generator<at::CPUGeneratorImpl>(7);
        const at::Tensor r = at::randint(0, 256, {height * width * 3}, gen, at::kByte);
        std::memcpy(img.data.data(), r.data_ptr<uint8_t>(), img.data.size());
    }

    c10::InferenceMode guard;
    std::vector<double> tile_seconds;
    auto t_tile = Clock::now();
    UpscaleContext ctx;
    ctx.tile = tile;
    ctx.tile_overlap = overlap;
    ctx.on_tile = [&](int64_t, int64_t) {
        tile_seconds.push_back(since(t_tile));
        t_tile = Clock::now();
    };
    const auto t0 = Clock::now();
    t_tile = t0;
    const ImageU8 result = upscale_with_model(*model, img, ctx);
    const double seconds = since(t0);
    double max_tile = 0, sum = 0;
    for (double s : tile_seconds) {
        max_tile = std::max(max_tile, s);
        sum += s;
    }
    out["model"] = {{"path", path},
                    {"arch", info.describe()},
                    {"scale", info.scale},
                    {"blocks", info.num_block},
                    {"features", info.num_feat},
                    {"load_seconds", load_seconds}};
    out["input"] = {width, height};
    out["output"] = {result.width, result.height};
    out["tile"] = tile;
    out["tile_overlap"] = overlap;
    out["tiles"] = tile_seconds.size();
    out["seconds"] = seconds;
    out["seconds_per_tile"] = tile_seconds.empty() ? 0.0 : sum / double(tile_seconds.size());
    out["max_tile_seconds"] = max_tile;
    out["threads"] = at::get_num_threads();
    out["rss_before_bytes"] = rss_before;
    out["peak_rss_bytes"] = peak_rss_bytes();
    out["peak_rss_mib"] = double(peak_rss_bytes()) / (1024.0 * 1024.0);

    if (measure_cancel && tile_seconds.size() >= 3) {
        // Cancel from another thread half-way through the third tile; the flag is read before
        // every tile, so the run must stop at the end of the tile in flight.
        std::atomic<bool> flag{false};
        std::atomic<int64_t> done{0};
        Clock::time_point requested{};
        const double delay = tile_seconds[0] + tile_seconds[1] + 0.5 * tile_seconds[2];
        UpscaleContext c2;
        c2.tile = tile;
        c2.tile_overlap = overlap;
        c2.cancelled = [&] { return flag.load(); };
        c2.on_tile = [&](int64_t d, int64_t) { done = d; };
        std::thread canceller([&] {
            std::this_thread::sleep_for(std::chrono::duration<double>(delay));
            requested = Clock::now();
            flag = true;
        });
        const auto start = Clock::now();
        bool cancelled = false;
        try {
            upscale_with_model(*model, img, c2);
        } catch (const CancelledError&) {
            cancelled = true;
        }
        const auto stopped = Clock::now();
        canceller.join();
        out["cancel"] = {{"cancelled", cancelled},
                         {"stopped_after_seconds", std::chrono::duration<double>(stopped - start).count()},
                         {"tiles_done", done.load()},
                         {"max_tile_seconds", max_tile}};
        if (cancelled) {
            out["cancel"]["requested_after_seconds"] = std::chrono::duration<double>(requested - start).count();
            out["cancel"]["latency_seconds"] = std::chrono::duration<double>(stopped - requested).count();
        }
    }
    return out;
}

} // namespace latent
