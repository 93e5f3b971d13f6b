// Loading named weights into a module tree whose registered names are the canonical
// (diffusers) weight keys. Tensors are fetched lazily one by one and converted into the
// parameter's dtype/device in place, so a model is never held twice in memory.
#pragma once

#include <ATen/core/Tensor.h>

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace torch::nn {
class Module;
}

namespace latent {

struct LoadReport {
    std::vector<std::string> missing;     // module expects it, source lacks it
    std::vector<std::string> unexpected;  // source has it, module does not
    std::vector<std::string> mismatched;  // "name: file [a,b] vs model [c,d]"
    bool ok() const { return missing.empty() && mismatched.empty(); }
    // "3 missing (first: a, b, c); 2 unexpected (first: x, y)" — empty string when clean.
    std::string summary(std::size_t first_n = 3) const;
};

// Canonical key -> function producing that tensor (any dtype, CPU). Called at most once per key.
using WeightMap = std::map<std::string, std::function<at::Tensor()>>;

// Copies every weight into `module`'s parameters and buffers (matched by full dotted name).
// With `strict`, a missing or mismatched tensor throws PipelineError("missing_weights", ...)
// naming the first ones. Buffers listed in `optional_buffers` (e.g. position_ids) may be absent.
// Parameters named in `keep_narrow` whose source is fp16/bf16 while the model holds fp32 take the
// source tensor itself (in the parameter's memory format) instead of a widened copy; the layer
// widens it per call (latent::nn::Linear / Conv2d).
LoadReport load_weights(torch::nn::Module& module, const WeightMap& weights, bool strict,
                        const std::vector<std::string>& optional_suffixes = {"position_ids"},
                        const std::set<std::string>* keep_narrow = nullptr);

} // namespace latent
