// `latentstudio-cli bench lora`: the cost of networks on a real-size model (figures, never
// assertions). Builds the real SD 1.5 UNet and CLIP-L text encoder with random weights held as
// fp16 (as an fp16 checkpoint is held on a CPU run), writes two rank-R LoRAs (kohya names, fp16)
// on every attention and ResNet layer of the UNet and every linear layer of the text encoder,
// then measures: apply (read + prepare + install), switch to the other LoRA, back to none, one
// UNet step at W×H with a CFG batch of 2 without a network and with one (each way of applying a
// low-rank delta: auto, merge into the widened weight, per-call product), and the extra peak RSS.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace latent {

nlohmann::json bench_lora(const std::string& family = "sd1", int64_t rank = 32, int64_t width = 512,
                          int64_t height = 512, int steps = 1, int threads = 0, const std::string& dir = {});

} // namespace latent
