// `latentstudio-cli bench upscale`: a real-size 4x RRDBNet (ESRGAN / Real-ESRGAN x4plus shape:
// 23 blocks, 64 features, growth 32) with seeded random weights written to a .safetensors file
// by the bench, loaded with the real loader, then one A1111-tiled upscale (ESRGAN_tile 192,
// overlap 8) of a width×height image, and a second run cancelled from another thread part-way
// to measure how fast a cancel takes effect (it is checked before every tile).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace latent {

// Writes the random real-size model to `path` (float16 in the file unless `fp32`). JSON: path,
// bytes, parameters, seconds.
nlohmann::json bench_create_esrgan(const std::string& path, bool fp32 = false, uint64_t seed = 4321);

// `model_path` empty: the model is created in a temporary file and removed afterwards.
nlohmann::json bench_upscale(const std::string& model_path, int64_t width, int64_t height, int64_t tile = 192,
                             int64_t overlap = 8, bool measure_cancel = true, int threads = 0);

} // namespace latent
