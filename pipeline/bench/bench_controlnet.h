// `latentstudio-cli bench unet --controlnet`: the cost of one ControlNet unit on top of a UNet
// step at real size (SD 1.5 / 2.x / XL shapes, random weights, fp16 storage by default as an
// fp16 file gets): per-step time of the UNet alone and with the unit, the ControlNet's own time,
// analytic FLOPs of both, and the extra peak RSS the unit adds. Figures only, never assertions.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace latent {

struct ControlNetConfig;

// FLOPs of one ControlNet call (conv_in, the down path, the mid block, the 1x1 zero
// convolutions; the hint embedding is counted apart in `hint_flops`, it runs once per job).
double controlnet_flops(const ControlNetConfig& config, int64_t latent_height, int64_t latent_width, int64_t batch,
                        int64_t context_length = 77, double* hint_flops = nullptr);

nlohmann::json bench_unet_controlnet(const std::string& family, int64_t width, int64_t height, int64_t batch,
                                     int steps, int warmup = 1, int threads = 0, const std::string& weights = "fp16");

} // namespace latent
