#include "pipeline/loaders/state_dict.h"

#include "pipeline/core/error.h"

#include <ATen/ATen.h>
#include <c10/core/GradMode.h>
#include <torch/nn/module.h>

#include <set>
#include <sstream>

namespace latent {

namespace {

std::string shape_string(at::IntArrayRef s) {
    std::ostringstream o;
    o << '[';
    for (size_t i = 0; i < s.size(); ++i) o << (i ? "," : "") << s[i];
    o << ']';
    return o.str();
}

bool ends_with_any(const std::string& name, const std::vector<std::string>& suffixes) {
    for (const auto& s : suffixes)
        if (name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0) return true;
    return false;
}

std::string join_first(const std::vector<std::string>& v, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < v.size() && i < n; ++i) out += (i ? ", " : "") + v[i];
    if (v.size() > n) out += ", ...";
    return out;
}

} // namespace

std::string LoadReport::summary(std::size_t first_n) const {
    std::string out;
    auto add = [&](const std::vector<std::string>& v, const char* what) {
        if (v.empty()) return;
        if (!out.empty()) out += "; ";
        out += std::to_string(v.size()) + " " + what + " (first: " + join_first(v, first_n) + ")";
    };
    add(missing, "missing");
    add(mismatched, "mismatched");
    add(unexpected, "unexpected");
    return out;
}

LoadReport load_weights(torch::nn::Module& module, const WeightMap& weights, bool strict,
                        const std::vector<std::string>& optional_suffixes, const std::set<std::string>* keep_narrow) {
    LoadReport report;
    c10::NoGradGuard no_grad;
    std::set<std::string> used;

    auto assign = [&](const std::string& name, at::Tensor& target) {
        auto it = weights.find(name);
        if (it == weights.end()) {
            if (!ends_with_any(name, optional_suffixes)) report.missing.push_back(name);
            return;
        }
        used.insert(name);
        at::Tensor src = it->second();
        if (!src.sizes().equals(target.sizes())) {
            // Allow [out,in,1,1] conv <-> [out,in] linear equivalence (SD2/SDXL proj_in/out,
            // VAE attention in older checkpoints).
            if (src.numel() == target.numel() &&
                ((src.dim() == 4 && target.dim() == 2) || (src.dim() == 2 && target.dim() == 4))) {
                src = src.reshape(target.sizes());
            } else {
                report.mismatched.push_back(name + ": file " + shape_string(src.sizes()) + " vs model " +
                                            shape_string(target.sizes()));
                return;
            }
        }
        const bool narrow_source = src.scalar_type() == at::kHalf || src.scalar_type() == at::kBFloat16;
        if (keep_narrow && narrow_source && target.scalar_type() == at::kFloat && target.device().is_cpu() &&
            src.device().is_cpu() && keep_narrow->count(name)) {
            const auto format = target.dim() == 4 && !target.is_contiguous() &&
                                        target.is_contiguous(at::MemoryFormat::ChannelsLast)
                                    ? at::MemoryFormat::ChannelsLast
                                    : at::MemoryFormat::Contiguous;
            at::Tensor held = src.contiguous(format);
            // A view into a larger tensor (a chunk of a fused qkv) would keep all of it alive.
            if (held.storage().nbytes() != held.nbytes() || held.storage_offset() != 0) held = held.clone(format);
            target.set_data(held);
            return;
        }
        target.copy_(src.to(target.device(), target.scalar_type()));
    };

    for (auto& p : module.named_parameters(/*recurse=*/true)) assign(p.key(), p.value());
    for (auto& b : module.named_buffers(/*recurse=*/true)) assign(b.key(), b.value());

    for (const auto& kv : weights)
        if (!used.count(kv.first)) report.unexpected.push_back(kv.first);

    if (strict && !report.ok()) {
        throw PipelineError("missing_weights",
                            "The model file does not match the expected architecture: " + report.summary() + ".");
    }
    return report;
}

} // namespace latent
