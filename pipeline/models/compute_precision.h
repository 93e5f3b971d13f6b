// The dtype the UNet computes in for the duration of a scope on this thread (issue 19, item 3).
//
// Without a scope the UNet computes in the dtype of its norms (float32 on the CPU), exactly as
// before. Inside a ComputeDtypeScope(at::kBFloat16) it converts its input, timestep embedding and
// context to bf16; its Linear/Conv2d layers widen (or narrow) their stored weights to bf16 per
// call as they widen fp16 to fp32 otherwise, its norms convert their (tiny) parameters per call,
// and the output is converted back to the input's dtype, so the samplers keep working in fp32.
// The stored weights are never changed: switching back to fp32 is bit-identical to never having
// left it.
#pragma once

#include <c10/core/ScalarType.h>

#include <optional>

namespace latent {

// The UNet compute dtype set by the innermost scope on this thread, if any.
std::optional<at::ScalarType> unet_compute_dtype_override();

class ComputeDtypeScope {
public:
    // nullopt (or float32 on a float32 model) leaves the UNet as it is.
    explicit ComputeDtypeScope(std::optional<at::ScalarType> unet_dtype);
    ~ComputeDtypeScope();
    ComputeDtypeScope(const ComputeDtypeScope&) = delete;
    ComputeDtypeScope& operator=(const ComputeDtypeScope&) = delete;

private:
    std::optional<at::ScalarType> previous_;
};

} // namespace latent
