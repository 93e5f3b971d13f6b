#include "pipeline/bench/bench_generation.h"

#include "pipeline/bench/bench.h"
#include "pipeline/core/error.h"
#include "pipeline/engine.h"

#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>

#include <chrono>

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

} // namespace latent
