// The maths of one network module (the tensors a network file holds for one layer), as A1111
// v1.10.1's built-in Lora extension computes it (`network.py` finalize_updown, `network_lora.py`,
// `network_hada.py`, `network_lokr.py`, `network_ia3.py`, `network_full.py`, `network_norm.py`,
// `lyco_helpers.py`):
//
//   LoRA / LoCon   updown = up · down (CP form with lora_mid: Σ up[i,n]·mid[n,m,k,l]·down[m,j])
//   LoHa           (w1a·w1b) ⊙ (w2a·w2b)          (Tucker form with hada_t1 / hada_t2)
//   LoKr           w1 ⊗ w2 (each full or a·b; w2 may be Tucker with lokr_t2)
//   IA3            W ⊙ w (per output row, or per input column with on_input)
//   full           diff (+ diff_b on the bias)
//   norm           w_norm (+ b_norm on the bias) for GroupNorm / LayerNorm layers
// then finalize: + the module's "bias" tensor, reshape to the layer, × scale (the "scale" tensor,
// else alpha / dim when both exist, else 1), DoRA weight decomposition when dora_scale is present,
// × multiplier (TE_W for text-encoder layers, UNET_W for UNet layers).
#pragma once

#include "pipeline/networks/network_targets.h"

#include <ATen/core/Tensor.h>

#include <map>
#include <optional>
#include <string>

namespace latent {

enum class NetworkModuleType { LoRA, LoHa, LoKr, IA3, Full, Norm, Unsupported };

struct NetworkModuleWeights {
    std::string first_key;                    // one tensor name of the file, for messages
    std::map<std::string, at::Tensor> w;      // part ("lora_up.weight", "alpha", ...) -> tensor
};

// A1111's module type order: lora, hada, ia3, lokr, full, norm (then glora / oft: unsupported).
NetworkModuleType network_module_type(const NetworkModuleWeights& m);
// "lora", "locon" (a LoRA on a convolution), "loha", "lokr", "ia3", "full", "norm", "dora"
// (any type carrying dora_scale), "unsupported".
std::string network_module_kind(const NetworkModuleWeights& m, const NetworkTarget& target);

// Splits a network tensor name into (module name, part) with the part normalised to A1111's
// spelling (lora_A -> lora_down, lora_B -> lora_up, lora.down / lora_linear_layer.down ->
// lora_down, old diffusers `processor.to_q_lora` paths -> `to_q`). Returns false for a name with
// no known part.
bool split_network_key(const std::string& key, std::string* module, std::string* part);

struct NetworkDelta {
    // Low-rank form (plain LoRA / LoCon without bias or DoRA): the delta is up · down, already
    // multiplied by scale and multiplier; shapes as latent::nn::WeightDelta expects.
    at::Tensor up, down;
    at::Tensor dense;    // else the full delta in the layer's weight shape
    at::Tensor ex_bias;  // bias delta (already × multiplier)
};

struct NetworkDeltaOptions {
    double multiplier = 1.0;
    std::optional<int64_t> dyn_dim;  // A1111 `dyn=`: use only the first N ranks
    bool allow_low_rank = true;      // false: always return `dense`
};

// True when the module's delta depends on the values of the layer's weight (IA3, DoRA).
bool network_module_needs_weight(const NetworkModuleWeights& m);

// The delta of one module for `target`. `weight` is the layer's current weight in float32 (the
// base plus earlier networks, as A1111 sees it); it is only read when network_module_needs_weight.
// Throws PipelineError("network_shape_mismatch" / "network_bad_module") naming the module.
NetworkDelta compute_network_delta(const NetworkModuleWeights& m, const NetworkTarget& target,
                                   const at::Tensor& weight, const NetworkDeltaOptions& options);

} // namespace latent
