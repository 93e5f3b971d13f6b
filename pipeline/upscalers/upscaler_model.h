// A loaded ESRGAN-family upscaler network (RRDBNet or SRVGGNetCompact, see upscaler_arch.h).
// Files: .safetensors (strict reader) or a PyTorch zip .pth/.pt read by the restricted,
// fail-closed pickle + zip readers (loaders/ckpt_converter.h: nothing is ever unpickled or
// executed). Weights are computed in float32 on the engine's device.
#pragma once

#include "pipeline/upscalers/upscaler_arch.h"

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <map>
#include <memory>
#include <string>

namespace latent {

class UpscalerModel {
public:
    virtual ~UpscalerModel() = default;
    const UpscalerArchInfo& info() const { return info_; }
    const std::string& path() const { return path_; }
    at::Device device() const { return device_; }
    // x: [N, in_nc, H, W] float in [0, 1] (A1111 feeds BGR) -> [N, out_nc, H·scale, W·scale].
    virtual at::Tensor forward(const at::Tensor& x) = 0;

protected:
    UpscalerArchInfo info_;
    std::string path_;
    at::Device device_ = at::kCPU;
};

// Builds the network for `info` and fills it from `weights` (canonical basicsr key -> tensor);
// every weight must be present with the right shape (PipelineError("missing_weights") otherwise).
std::shared_ptr<UpscalerModel> build_upscaler(const UpscalerArchInfo& info,
                                              const std::map<std::string, at::Tensor>& weights,
                                              at::Device device = at::kCPU);

// Loads an upscaler file, deciding the format from its bytes. Errors (PipelineError): the
// safetensors reader's codes, "cannot_verify" (a .pth the restricted readers refuse),
// "wrong_format" (legacy pickle, LFS pointer, HTML page, ...), "unknown_upscaler".
std::shared_ptr<UpscalerModel> load_upscaler(const std::string& path, at::Device device = at::kCPU);

} // namespace latent
