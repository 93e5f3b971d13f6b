#include "pipeline/models/compute_precision.h"

namespace latent {

namespace {
thread_local std::optional<at::ScalarType> t_unet_dtype;
} // namespace

std::optional<at::ScalarType> unet_compute_dtype_override() { return t_unet_dtype; }

ComputeDtypeScope::ComputeDtypeScope(std::optional<at::ScalarType> unet_dtype) : previous_(t_unet_dtype) {
    t_unet_dtype = unet_dtype;
}

ComputeDtypeScope::~ComputeDtypeScope() { t_unet_dtype = previous_; }

} // namespace latent
