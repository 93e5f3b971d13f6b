// What A1111's handling of prompt / negative prompt lengths costs (issue 14 item 1): one CFG
// denoiser evaluation of the real-size UNet, seeded random weights, for
//   "equal":   77-token prompt and negative prompt, one UNet call of 2·batch rows;
//   "default": 154-token prompt against a 77-token negative prompt, A1111's default: two calls
//              (the cond rows, then the uncond rows);
//   "padded":  the same prompts with "Pad conds": one call of 2·batch rows, both 154 tokens.
// Figures only (`latentstudio-cli bench cfg`), never assertions.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace latent {

nlohmann::json bench_cfg(const std::string& family, int64_t width, int64_t height, int64_t batch, int steps,
                         int warmup = 1, int threads = 0);

} // namespace latent
