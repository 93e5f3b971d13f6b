#include "pipeline/networks/network_runtime.h"

#include "pipeline/core/error.h"
#include "pipeline/loaders/model_family.h"
#include "pipeline/models/layers.h"
#include "pipeline/networks/network_file.h"
#include "pipeline/networks/network_module.h"
#include "pipeline/tensors/safetensors.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>
#include <torch/nn/modules/normalization.h>

#include <filesystem>
#include <set>
#include <sstream>

namespace latent {

namespace {

struct ParsedNetwork {
    std::string base_family;
    std::vector<std::pair<std::size_t, NetworkModuleWeights>> modules;  // target index -> weights
    std::vector<std::string> unmatched;
    std::size_t partial_attention = 0;  // OpenCLIP attention modules without all of q, k, v, out
};

std::string base_family_of(const NetworkTensors& file) {
    std::vector<TensorInfo> infos;
    infos.reserve(file.tensors.size());
    for (const auto& [name, t] : file.tensors) {
        TensorInfo info;
        info.name = name;
        if (auto d = safe_dtype_from_scalar(t.scalar_type())) info.dtype = *d;
        info.shape = t.sizes().vec();
        infos.push_back(std::move(info));
    }
    const ModelDetection d = detect_model(infos, file.metadata);
    if (d.base_family != ModelFamily::Unknown) return family_name(d.base_family);
    auto it = file.metadata.find("ss_base_model_version");
    if (it != file.metadata.end()) {
        if (it->second.rfind("sdxl_", 0) == 0) return "sdxl";
        if (it->second.rfind("sd_v2", 0) == 0) return "sd2";
        if (it->second.rfind("sd_v1", 0) == 0) return "sd1";
    }
    it = file.metadata.find("ss_v2");
    if (it != file.metadata.end() && it->second == "True") return "sd2";
    return {};
}

ParsedNetwork parse_network(NetworkTensors& file, const NetworkTargets& targets) {
    ParsedNetwork out;
    out.base_family = base_family_of(file);
    std::map<std::size_t, NetworkModuleWeights> by_target;
    const NetworkTarget* first = targets.targets().data();
    for (auto& [key, tensor] : file.tensors) {
        std::string module, part;
        const NetworkTarget* target = nullptr;
        if (split_network_key(key, &module, &part)) target = targets.find(module);
        if (!target) {
            out.unmatched.push_back(key);
            continue;
        }
        NetworkModuleWeights& m = by_target[static_cast<std::size_t>(target - first)];
        if (m.first_key.empty()) m.first_key = key;
        m.w[part] = std::move(tensor);
    }
    file.tensors.clear();
    // A1111 patches OpenCLIP's fused self-attention only with all four of q, k, v and out.
    std::map<std::string, std::size_t> group_size;
    for (const auto& [index, m] : by_target) {
        const NetworkTarget& t = targets.targets()[index];
        if (!t.mha_group.empty()) ++group_size[t.mha_group];
    }
    for (auto& [index, m] : by_target) {
        const NetworkTarget& t = targets.targets()[index];
        if (!t.mha_group.empty() && group_size[t.mha_group] != 4) {
            ++out.partial_attention;
            continue;
        }
        out.modules.emplace_back(index, std::move(m));
    }
    return out;
}

std::string join_first(const std::vector<std::string>& v, std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < v.size() && i < n; ++i) s += (i ? ", " : "") + v[i];
    if (v.size() > n) s += ", ...";
    return s;
}

std::string quote_name(const std::string& s) { return "\"" + s + "\""; }

std::string file_signature(const std::string& path) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    const auto mtime = std::filesystem::last_write_time(path, ec);
    std::ostringstream os;
    os << path << '|' << size << '|' << mtime.time_since_epoch().count();
    return os.str();
}

struct Accumulated {
    std::vector<at::Tensor> ups, downs;
    at::Tensor dense, ex_bias;
};

at::Tensor add_or_set(const at::Tensor& a, const at::Tensor& b) { return a.defined() ? a + b : b; }

// The layer's current weight as A1111 sees it: base (float32, CPU) plus what earlier networks added.
at::Tensor current_weight(const NetworkTarget& t, const Accumulated* acc) {
    at::Tensor w;
    if (auto* l = dynamic_cast<nn::LinearImpl*>(t.module)) w = l->weight;
    else if (auto* c = dynamic_cast<nn::Conv2dImpl*>(t.module)) w = c->weight;
    else if (auto* g = dynamic_cast<torch::nn::GroupNormImpl*>(t.module)) w = g->weight;
    else if (auto* n = dynamic_cast<torch::nn::LayerNormImpl*>(t.module)) w = n->weight;
    w = w.to(at::kCPU, at::kFloat).contiguous();
    if (!acc) return w;
    if (acc->dense.defined()) w = w + acc->dense;
    for (std::size_t i = 0; i < acc->ups.size(); ++i) {
        const at::Tensor up = acc->ups[i].to(at::kFloat).reshape({acc->ups[i].size(0), -1});
        const at::Tensor down = acc->downs[i].to(at::kFloat).reshape({acc->downs[i].size(0), -1});
        w = w + at::mm(up, down).view(w.sizes());
    }
    return w;
}

} // namespace

std::string family_display_name(const std::string& f) {
    if (f == "sd1") return "SD 1.x";
    if (f == "sd2") return "SD 2.x";
    if (f == "sdxl") return "SDXL";
    if (f == "sdxl_refiner") return "SDXL refiner";
    return f;
}

struct NetworkRuntime::Impl {
    DiffusionModel& model;
    std::optional<NetworkTargets> targets;
    std::vector<std::string> active_key;
    NetworkActivation active;
    std::vector<nn::DeltaSlot*> patched;
    struct NormBackup {
        torch::nn::Module* module;
        at::Tensor weight, bias;
    };
    std::vector<NormBackup> norms;

    explicit Impl(DiffusionModel& m) : model(m) {}

    const NetworkTargets& table() {
        if (!targets) targets = NetworkTargets::build(model);
        return *targets;
    }

    void release() {
        for (nn::DeltaSlot* slot : patched) slot->set_delta(nullptr);
        patched.clear();
        for (auto& b : norms) {
            if (auto* g = dynamic_cast<torch::nn::GroupNormImpl*>(b.module)) {
                g->weight = b.weight;
                g->bias = b.bias;
            } else if (auto* n = dynamic_cast<torch::nn::LayerNormImpl*>(b.module)) {
                n->weight = b.weight;
                n->bias = b.bias;
            }
        }
        norms.clear();
        active_key.clear();
        active = {};
    }

    // Reads, matches and checks one network; the deltas of all its modules, or a PipelineError.
    std::vector<std::pair<std::size_t, NetworkDelta>> deltas_of(const NetworkRequest& r, AppliedNetwork& info,
                                                                std::map<std::size_t, Accumulated>& acc,
                                                                std::vector<std::string>& notes) {
        NetworkTensors file = read_network_file(r.path);
        info.format = file.format;
        info.metadata = file.metadata;
        const std::size_t tensors = file.tensors.size();
        ParsedNetwork parsed = parse_network(file, table());
        info.base_family = parsed.base_family;
        info.unmatched = parsed.unmatched.size();
        for (std::size_t i = 0; i < parsed.unmatched.size() && i < 5; ++i) info.unmatched_first.push_back(parsed.unmatched[i]);
        const std::string& family = model.family;
        if (!parsed.base_family.empty() && parsed.base_family != family)
            throw PipelineError("network_wrong_family", "it is made for " + family_display_name(parsed.base_family) +
                                                            " but the loaded model is " + family_display_name(family) +
                                                            ".");
        if (parsed.modules.empty())
            throw PipelineError("network_no_match", "none of its " + std::to_string(tensors) +
                                                        " tensors names a layer of this " +
                                                        family_display_name(family) + " model (first: " +
                                                        join_first(parsed.unmatched, 3) + ").");
        if (parsed.partial_attention)
            notes.push_back("Lora " + quote_name(r.name) + ": " + std::to_string(parsed.partial_attention) +
                            " text-encoder attention modules skipped (as A1111, they apply only with all of q, k, v "
                            "and out).");
        if (!parsed.unmatched.empty())
            notes.push_back("Lora " + quote_name(r.name) + ": " + std::to_string(parsed.unmatched.size()) +
                            " tensors match no layer of this model (first: " + join_first(parsed.unmatched, 3) + ").");
        std::map<std::string, std::size_t> kinds;
        std::vector<std::pair<std::size_t, NetworkDelta>> out;
        for (auto& [index, m] : parsed.modules) {
            const NetworkTarget& t = table().targets()[index];
            NetworkDeltaOptions o;
            o.multiplier = t.text_encoder() ? r.te_multiplier : r.unet_multiplier;
            o.dyn_dim = r.dyn_dim;
            at::Tensor weight;
            if (network_module_needs_weight(m)) {
                auto it = acc.find(index);
                weight = current_weight(t, it == acc.end() ? nullptr : &it->second);
            }
            try {
                out.emplace_back(index, compute_network_delta(m, t, weight, o));
            } catch (const c10::Error& e) {
                throw PipelineError("network_bad_module", "the module " + quote_name(m.first_key) +
                                                              " cannot be computed: " + e.what_without_backtrace());
            }
            ++kinds[network_module_kind(m, t)];
            (t.text_encoder() ? info.text_modules : info.unet_modules) += 1;
            m.w.clear();  // release the file's tensors as we go
        }
        std::size_t best = 0;
        for (const auto& [k, n] : kinds)
            if (n > best) {
                best = n;
                info.kind = k;
            }
        if (kinds.count("locon") && info.kind == "lora") info.kind = "locon";
        return out;
    }

    void install(std::map<std::size_t, Accumulated>& acc) {
        const at::ScalarType dtype = model.dtype;
        const at::Device device = model.device;
        for (auto& [index, a] : acc) {
            const NetworkTarget& t = table().targets()[index];
            if (t.kind == NetworkTargetKind::Linear || t.kind == NetworkTargetKind::Conv2d) {
                auto d = std::make_shared<nn::WeightDelta>();
                if (!a.ups.empty()) {
                    bool same = true;
                    for (const auto& x : a.downs) same = same && x.scalar_type() == a.downs.front().scalar_type();
                    std::vector<at::Tensor> downs;
                    for (const auto& x : a.downs) downs.push_back(same ? x : x.to(at::kFloat));
                    d->up = at::cat(a.ups, 1).to(device, dtype);
                    at::Tensor down = at::cat(downs, 0);
                    // Narrow file dtypes stay narrow (the layer widens per call); others take the compute dtype.
                    const bool keep = down.is_floating_point() && c10::elementSize(down.scalar_type()) < c10::elementSize(dtype);
                    d->down = keep ? down.to(device) : down.to(device, dtype);
                }
                if (a.dense.defined()) d->dense = a.dense.to(device, dtype);
                if (a.ex_bias.defined()) d->bias = a.ex_bias.to(device, dtype);
                nn::DeltaSlot* slot = t.kind == NetworkTargetKind::Linear
                                          ? static_cast<nn::DeltaSlot*>(dynamic_cast<nn::LinearImpl*>(t.module))
                                          : static_cast<nn::DeltaSlot*>(dynamic_cast<nn::Conv2dImpl*>(t.module));
                slot->set_delta(std::move(d));
                patched.push_back(slot);
            } else {
                at::Tensor* weight = nullptr;
                at::Tensor* bias = nullptr;
                if (auto* g = dynamic_cast<torch::nn::GroupNormImpl*>(t.module)) {
                    weight = &g->weight;
                    bias = &g->bias;
                } else if (auto* n = dynamic_cast<torch::nn::LayerNormImpl*>(t.module)) {
                    weight = &n->weight;
                    bias = &n->bias;
                }
                if (!weight) continue;
                norms.push_back({t.module, *weight, *bias});
                at::Tensor w = weight->to(at::kFloat);
                if (a.dense.defined()) w = w + a.dense.to(w.device());
                *weight = w.to(weight->scalar_type());
                if (a.ex_bias.defined()) {
                    const at::Tensor b = bias->defined() ? bias->to(at::kFloat) + a.ex_bias.to(bias->device())
                                                         : a.ex_bias.to(weight->device());
                    *bias = b.to(weight->scalar_type());
                }
            }
        }
    }
};

NetworkRuntime::NetworkRuntime(DiffusionModel& model) : impl_(std::make_unique<Impl>(model)) {}
NetworkRuntime::~NetworkRuntime() { impl_->release(); }

const NetworkTargets& NetworkRuntime::targets() { return impl_->table(); }

void NetworkRuntime::deactivate() { impl_->release(); }

NetworkActivation NetworkRuntime::activate(const std::vector<NetworkRequest>& requests) {
    std::vector<std::string> key;
    for (const auto& r : requests) {
        std::ostringstream os;
        os.precision(17);
        os << file_signature(r.path) << '|' << r.te_multiplier << '|' << r.unet_multiplier << '|'
           << (r.dyn_dim ? std::to_string(*r.dyn_dim) : std::string("-"));
        key.push_back(os.str());
    }
    if (key == impl_->active_key) {
        NetworkActivation same = impl_->active;
        same.changed = false;
        return same;
    }
    const bool had = !impl_->active_key.empty() || !impl_->patched.empty() || !impl_->norms.empty();
    impl_->release();
    c10::InferenceMode guard;
    NetworkActivation result;
    result.changed = had;
    std::map<std::size_t, Accumulated> acc;
    for (const auto& r : requests) {
        AppliedNetwork info;
        info.name = r.name;
        info.path = r.path;
        info.te_multiplier = r.te_multiplier;
        info.unet_multiplier = r.unet_multiplier;
        std::vector<std::string> notes;
        std::vector<std::pair<std::size_t, NetworkDelta>> deltas;
        try {
            deltas = impl_->deltas_of(r, info, acc, notes);
        } catch (const PipelineError& e) {
            result.warnings.push_back("Lora " + quote_name(r.name) + " was not applied: " + e.what());
            continue;
        }
        for (auto& [index, d] : deltas) {
            Accumulated& a = acc[index];
            if (d.up.defined()) {
                a.ups.push_back(d.up);
                a.downs.push_back(d.down);
            }
            if (d.dense.defined()) a.dense = add_or_set(a.dense, d.dense);
            if (d.ex_bias.defined()) a.ex_bias = add_or_set(a.ex_bias, d.ex_bias);
        }
        result.warnings.insert(result.warnings.end(), notes.begin(), notes.end());
        result.applied.push_back(std::move(info));
    }
    impl_->install(acc);
    result.changed = result.changed || !acc.empty();
    impl_->active = result;
    impl_->active_key = key;
    return result;
}

NetworkMatch NetworkRuntime::match(const std::string& path) {
    NetworkMatch out;
    NetworkTensors file = read_network_file(path);
    out.info.path = path;
    out.info.format = file.format;
    out.info.metadata = file.metadata;
    ParsedNetwork parsed = parse_network(file, impl_->table());
    out.info.base_family = parsed.base_family;
    out.info.unmatched = parsed.unmatched.size() + parsed.partial_attention;
    for (std::size_t i = 0; i < parsed.unmatched.size() && i < 5; ++i) out.info.unmatched_first.push_back(parsed.unmatched[i]);
    out.modules = parsed.modules.size();
    std::map<int64_t, std::size_t> ranks;
    std::map<double, std::size_t> alphas;
    for (const auto& [index, m] : parsed.modules) {
        const NetworkTarget& t = impl_->table().targets()[index];
        ++out.kinds[network_module_kind(m, t)];
        (t.text_encoder() ? out.info.text_modules : out.info.unet_modules) += 1;
        for (const char* part : {"lora_down.weight", "hada_w1_b", "lokr_w1_b", "lokr_w2_b"}) {
            auto it = m.w.find(part);
            if (it != m.w.end() && it->second.dim() >= 1) {
                ++ranks[it->second.size(0)];
                break;
            }
        }
        auto a = m.w.find("alpha");
        if (a != m.w.end() && a->second.numel() == 1) ++alphas[a->second.to(at::kDouble).item<double>()];
    }
    std::size_t best = 0;
    for (const auto& [k, n] : out.kinds)
        if (n > best) {
            best = n;
            out.info.kind = k;
        }
    if (out.kinds.count("locon") && out.info.kind == "lora") out.info.kind = "locon";
    best = 0;
    for (const auto& [r, n] : ranks)
        if (n > best) {
            best = n;
            out.rank = r;
        }
    best = 0;
    for (const auto& [a, n] : alphas)
        if (n > best) {
            best = n;
            out.alpha = a;
        }
    return out;
}

} // namespace latent
