#include "pipeline/bench/bench_generation.h"

#include "pipeline/bench/bench.h"
#include "pipeline/core/error.h"
#include "pipeline/engine.h"

#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace latent {

GenerationRequest golden_tiny_request() {
    GenerationRequest r;
    r.prompt = "a photo of an astronaut riding a horse on mars";
    r.negative_prompt = "blurry, low quality";
    r.seed = 42;
    r.steps = 10;
    r.cfg_scale = 7.0;
    r.width = 128;
    r.height = 128;
    r.sampler = "Euler";
    r.rng = "cpu";
    return r;
}

nlohmann::json bench_generate(const std::string& model_path, const GenerationRequest& request, int repeats) {
    if (repeats < 1) throw PipelineError("invalid_argument", "Repeats must be at least 1.");
    Engine::check_request(request);
    nlohmann::json j;
    j["model"] = model_path;
    j["threads"] = at::get_num_threads();
    j["width"] = request.width;
    j["height"] = request.height;
    j["steps"] = request.steps;
    j["sampler"] = request.sampler;
    c10::InferenceMode guard;
    Engine engine("cpu");
    const auto t0 = std::chrono::steady_clock::now();
    const ModelLoadResult loaded = engine.load_model(model_path);
    j["load_seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    j["family"] = loaded.family;
    j["peak_rss_bytes_after_load"] = peak_rss_bytes();
    auto runs = nlohmann::json::array();
    for (int i = 0; i < repeats; ++i) {
        const GenerationResult r = engine.txt2img(request);
        double steps_total = 0;
        for (double s : r.timings.step_seconds) steps_total += s;
        runs.push_back({{"text_seconds", r.timings.text_seconds},
                        {"step_seconds", r.timings.step_seconds},
                        {"steps_seconds", steps_total},
                        {"vae_seconds", r.timings.vae_seconds},
                        {"total_seconds", r.timings.total_seconds}});
    }
    j["runs"] = runs;
    j["total_seconds"] = runs.front()["total_seconds"];
    j["peak_rss_bytes"] = peak_rss_bytes();
    j["peak_rss_mib"] = double(peak_rss_bytes()) / (1024.0 * 1024.0);
    return j;
}

ImageDifference image_difference(const GeneratedImage& a, const GeneratedImage& b) {
    if (a.width != b.width || a.height != b.height || a.rgb.size() != b.rgb.size() || a.rgb.empty())
        throw PipelineError("invalid_argument", "The images to compare differ in size.");
    double sum_sq = 0, sum_abs = 0;
    int max_abs = 0;
    for (size_t i = 0; i < a.rgb.size(); ++i) {
        const int d = std::abs(int(a.rgb[i]) - int(b.rgb[i]));
        sum_sq += double(d) * d;
        sum_abs += d;
        max_abs = std::max(max_abs, d);
    }
    ImageDifference r;
    const double mse = sum_sq / double(a.rgb.size());
    r.psnr_db = mse > 0 ? 10.0 * std::log10(255.0 * 255.0 / mse) : std::numeric_limits<double>::infinity();
    r.max_abs = max_abs;
    r.mean_abs = sum_abs / double(a.rgb.size());
    return r;
}

nlohmann::json bench_precision_images(const std::string& model_path, const GenerationRequest& request) {
    GenerationRequest fp32 = request, bf16 = request;
    fp32.precision = "fp32";
    bf16.precision = "bf16";
    Engine::check_request(bf16);  // refuses bf16 without hardware support
    c10::InferenceMode guard;
    Engine engine("cpu");
    engine.load_model(model_path);
    const GenerationResult a = engine.txt2img(fp32);
    const GenerationResult b = engine.txt2img(bf16);
    nlohmann::json j;
    j["model"] = model_path;
    j["width"] = request.width;
    j["height"] = request.height;
    j["steps"] = request.steps;
    j["sampler"] = request.sampler;
    j["seed"] = request.seed;
    j["fp32_total_seconds"] = a.timings.total_seconds;
    j["bf16_total_seconds"] = b.timings.total_seconds;
    double worst_psnr = std::numeric_limits<double>::infinity(), mean_abs = 0;
    int worst_max = 0;
    for (size_t i = 0; i < a.images.size() && i < b.images.size(); ++i) {
        const ImageDifference d = image_difference(a.images[i], b.images[i]);
        worst_psnr = std::min(worst_psnr, d.psnr_db);
        worst_max = std::max(worst_max, d.max_abs);
        mean_abs += d.mean_abs / double(a.images.size());
    }
    // JSON has no infinity: identical images give a null PSNR.
    j["psnr_db"] = std::isfinite(worst_psnr) ? nlohmann::json(worst_psnr) : nlohmann::json(nullptr);
    j["max_abs_diff"] = worst_max;
    j["mean_abs_diff"] = mean_abs;
    return j;
}

} // namespace latent
