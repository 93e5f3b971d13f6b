// Shared scaled-dot-product attention kernel: softmax(q·kᵀ·scale + mask)·v in the input dtype.
//
// Layouts (heads already split):
//   3-D: q [BH, N, d], k [BH, M, d], v [BH, M, dv]        -> [BH, N, dv]
//   4-D: q [B, H, N, d], k [B, H, M, d], v [B, H, M, dv]  -> [B, H, N, dv]
// Inputs may be non-contiguous views (e.g. permuted projections); the result is contiguous.
// `mask` (optional) is broadcastable to [.., N, M]: bool (true = may attend) or floating
// (added to the scores). `scale` defaults to 1/√d.
//
// With libtorch >= 2 this calls at::scaled_dot_product_attention. With libtorch 1.x the scores
// are computed in query slices so the temporary score matrix never exceeds the slice budget
// (SD 1.x at 1024×1024 has 16384 tokens: a full 16384² matrix per head would not fit in RAM).
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <optional>

namespace latent {

at::Tensor attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                     const std::optional<at::Tensor>& mask = std::nullopt,
                     std::optional<double> scale = std::nullopt);

// Plain, unsliced reference implementation (tests and debugging only: memory grows as N·M).
at::Tensor attention_reference(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                               const std::optional<at::Tensor>& mask = std::nullopt,
                               std::optional<double> scale = std::nullopt);

// Upper bound, in bytes, of one temporary score slice of the sliced kernel (process-wide;
// default 256 MiB). Values below 64 KiB are raised to 64 KiB. Returns the previous value.
int64_t set_attention_slice_budget(int64_t bytes);
int64_t attention_slice_budget();

// Preferred size, in bytes, of one score block (default 2 MiB: small enough to stay in the CPU
// cache between the two matrix products and the softmax). The kernel uses
// min(preferred block, budget). Returns the previous value. Mostly for benchmarks.
int64_t set_attention_block_bytes(int64_t bytes);

} // namespace latent
