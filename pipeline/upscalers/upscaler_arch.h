// The ESRGAN family of image upscalers A1111 runs (through spandrel since v1.8): RRDBNet in its
// three key layouts and Real-ESRGAN's compact SRVGGNet. Architecture, scale and widths come from
// the tensor names and shapes only, never from the file name.
//
// Layouts (all mapped onto basicsr's names, which are the canonical keys here):
//   * "esrgan-old"   original ESRGAN / BasicSR-old sequential: model.0 (first conv),
//                    model.1.sub.{i}.RDB{k}.conv{j}.0 (blocks), model.1.sub.{nb} (trunk conv),
//                    model.{3u} (u-th upsampling conv), model.{3n+2} (HR conv), model.{3n+4} (last)
//   * "esrgan-2019"  xinntao/ESRGAN RRDBNet_arch: conv_first, RRDB_trunk.{i}.RDB{k}.conv{j},
//                    trunk_conv, upconv{u}, HRconv, conv_last
//   * "real-esrgan"  basicsr RRDBNet (Real-ESRGAN x4plus / x2plus / anime_6B, 4x-UltraSharp, ...):
//                    conv_first, body.{i}.rdb{k}.conv{j}, conv_body, conv_up{u}, conv_hr, conv_last;
//                    a first conv taking 4× or 16× the output channels means the input is
//                    pixel-unshuffled by 2 or 4 (Real-ESRGAN x2plus / x1)
//   * "srvgg"        SRVGGNetCompact (realesr-general-x4v3, realesr-animevideov3): body.0 conv,
//                    body.1 PReLU, (conv, PReLU) × num_conv, last conv to out·scale² channels,
//                    pixel shuffle, plus the nearest-upsampled input
// Real-ESRGAN .pth files nest their weights under "params_ema" (or "params"); DataParallel
// saves prefix "module."; both are stripped.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace latent {

enum class UpscalerArch { RRDBNet, SRVGGNetCompact };

struct UpscalerArchInfo {
    UpscalerArch arch = UpscalerArch::RRDBNet;
    std::string layout; // "esrgan-old", "esrgan-2019", "real-esrgan", "srvgg"
    int64_t scale = 4;  // output size / input size
    int64_t in_nc = 3;  // image channels in and out
    int64_t out_nc = 3;
    int64_t num_feat = 64;
    // RRDBNet
    int64_t num_block = 23;
    int64_t num_grow_ch = 32;
    int64_t num_upsample = 2; // nearest ×2 + conv stages
    int64_t unshuffle = 1;    // pixel-unshuffle factor applied to the input (1, 2 or 4)
    // SRVGGNetCompact
    int64_t num_conv = 16;
    // "RRDBNet 4x, 23 blocks, 64 features (real-esrgan layout)".
    std::string describe() const;
};

struct DetectedUpscaler {
    UpscalerArchInfo info;
    // canonical (basicsr) key -> key in the file, for every tensor the model uses.
    std::map<std::string, std::string> keys;
};

// Tensor name -> shape of a state dict.
using TensorShapes = std::map<std::string, std::vector<int64_t>>;

// Detects the architecture from names and shapes. Throws PipelineError("unknown_upscaler", ...)
// naming the first keys it saw when no supported layout matches or the shapes are inconsistent.
DetectedUpscaler detect_upscaler(const TensorShapes& shapes);

// Architecture of an upscaler file from its safetensors header or restricted-read pickle only (no
// weights read). Throws like load_upscaler (upscaler_model.h).
UpscalerArchInfo inspect_upscaler(const std::string& path);

} // namespace latent
