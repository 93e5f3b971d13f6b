// Benchmarks (figures, never assertions). The CLI (`latentstudio-cli bench ...`) prints the JSON.
#pragma once

#include "pipeline/models/unet_config.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace latent {

// Peak resident set size of this process so far (VmHWM), in bytes; 0 if unknown.
uint64_t peak_rss_bytes();
// Current resident set size (VmRSS), in bytes; 0 if unknown.
uint64_t current_rss_bytes();

struct GemmBenchResult {
    struct Entry {
        int64_t n = 0;            // square n×n · n×n, fp32
        double best_seconds = 0;  // best of `repeats`
        double gflops = 0;        // 2n³ / best
    };
    std::vector<Entry> sizes;
    double peak_gflops = 0;  // best over sizes
    int threads = 0;
    nlohmann::json to_json() const;
};

// fp32 matrix-product peak through libtorch (at::mm), best of `repeats` per size.
GemmBenchResult bench_gemm(const std::vector<int64_t>& sizes = {2048, 3072, 4096}, int repeats = 4);

// Analytic FLOP count of one UNet forward (2·MACs of every convolution and linear layer plus the
// two attention matrix products; norms and activations are not counted).
double unet_flops(const UNetConfig& config, int64_t latent_height, int64_t latent_width, int64_t batch,
                  int64_t context_length = 77);

struct UNetBenchResult {
    std::string family;
    int64_t width = 0, height = 0, batch = 0;
    int steps = 0, warmup = 0, threads = 0;
    bool channels_last = false;
    std::string weights = "fp32";       // storage dtype of the Linear/Conv2d weights (compute is fp32)
    uint64_t weight_bytes = 0;          // all parameters as held
    double build_seconds = 0;           // constructing + random init of the real-size model
    std::vector<double> step_seconds;   // each timed forward
    double seconds_per_step = 0;        // mean of step_seconds
    double best_seconds = 0;            // min of step_seconds
    // Process CPU time (user + system) per timed step, all threads together. On an otherwise busy
    // machine this is a steadier figure than wall time: cpu_seconds_per_step / threads estimates
    // the wall time on an idle machine.
    double cpu_seconds_per_step = 0;
    double gflop_per_step = 0;          // analytic
    double gflops_achieved = 0;         // gflop_per_step / seconds_per_step
    uint64_t parameters = 0;
    uint64_t peak_rss_bytes = 0;
    // precision "bf16": the figures above are the fp32 steps; these are the same steps computed in
    // bf16 (compute_precision.h) on the same model and inputs.
    std::string precision = "fp32";
    std::vector<double> bf16_step_seconds;
    double bf16_seconds_per_step = 0;
    double bf16_best_seconds = 0;
    double bf16_speedup = 0;            // seconds_per_step / bf16_seconds_per_step
    double bf16_output_rel_l2 = 0;      // ||out_bf16 - out_fp32|| / ||out_fp32|| of the last step
    double bf16_output_max_abs = 0;
    nlohmann::json to_json() const;
};

// Builds the real-size UNet ("sd1" = SD 1.5, "sd2", "sdxl") with seeded random weights in memory
// and times `steps` forward passes (after `warmup` untimed ones) on random latents
// [batch, 4, height/8, width/8] and a random 77-token context. Uses every core
// (configure_threads(0)) unless `threads` > 0. `channels_last` selects the UNet's memory format.
// `weights` "fp16" / "bf16" holds the Linear/Conv2d weights in that dtype (as a CPU run of an fp16
// checkpoint does) and builds them without an fp32 copy; "fp32" is libtorch's default init.
// Throws PipelineError("invalid_argument") for an
// unknown family or an impossible size.
// `precision` "bf16" (refused with PipelineError("precision_unsupported") where the CPU has no
// native bf16, precision.h) times the steps a second time in bf16 and compares the outputs.
UNetBenchResult bench_unet(const std::string& family, int64_t width, int64_t height, int64_t batch, int steps,
                           int warmup = 1, int threads = 0, bool channels_last = true,
                           const std::string& weights = "fp32", const std::string& precision = "fp32");

} // namespace latent
