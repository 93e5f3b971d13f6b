#include "pipeline/networks/network_module.h"

#include "pipeline/core/error.h"

#include <ATen/ATen.h>
#include <c10/util/Exception.h>

#include <algorithm>
#include <array>
#include <numeric>

namespace latent {

namespace {

bool has(const NetworkModuleWeights& m, const char* part) { return m.w.count(part) != 0; }
at::Tensor get(const NetworkModuleWeights& m, const char* part) {
    auto it = m.w.find(part);
    return it == m.w.end() ? at::Tensor() : it->second.to(at::kFloat);
}

int64_t numel_of(const std::vector<int64_t>& shape) {
    return std::accumulate(shape.begin(), shape.end(), int64_t{1}, std::multiplies<>());
}

std::string shape_text(at::IntArrayRef s) {
    std::string out = "[";
    for (size_t i = 0; i < s.size(); ++i) out += (i ? ", " : "") + std::to_string(s[i]);
    return out + "]";
}

[[noreturn]] void bad_module(const NetworkModuleWeights& m, const std::string& why) {
    throw PipelineError("network_bad_module", "The network module \"" + m.first_key + "\" " + why);
}

double scalar_of(const NetworkModuleWeights& m, const char* part) {
    const at::Tensor t = get(m, part);
    if (t.numel() != 1) bad_module(m, std::string("has a \"") + part + "\" that is not a single number.");
    return t.item<double>();
}

// A1111 calc_scale: the "scale" tensor, else alpha / dim when both exist, else 1.
double calc_scale(const NetworkModuleWeights& m, std::optional<int64_t> dim) {
    if (has(m, "scale")) return scalar_of(m, "scale");
    if (dim && *dim > 0 && has(m, "alpha")) return scalar_of(m, "alpha") / static_cast<double>(*dim);
    return 1.0;
}

// lyco_helpers.make_weight_cp: Tucker core t [r1, r2, k, l] with wa [r1, out], wb [r2, in].
at::Tensor make_weight_cp(const at::Tensor& t, const at::Tensor& wa, const at::Tensor& wb) {
    const at::Tensor temp = at::einsum("ijkl,jr->irkl", {t, wb});
    return at::einsum("ijkl,ir->rjkl", {temp, wa});
}

// lyco_helpers.rebuild_conventional.
at::Tensor rebuild_conventional(const at::Tensor& up, const at::Tensor& down, at::IntArrayRef shape,
                                std::optional<int64_t> dyn_dim = std::nullopt) {
    at::Tensor u = up.reshape({up.size(0), -1});
    at::Tensor d = down.reshape({down.size(0), -1});
    if (dyn_dim) {
        u = u.narrow(1, 0, std::min(*dyn_dim, u.size(1)));
        d = d.narrow(0, 0, std::min(*dyn_dim, d.size(0)));
    }
    return at::mm(u, d).reshape(shape);
}

// lyco_helpers.rebuild_cp_decomposition: Σ up[i,n]·mid[n,m,k,l]·down[m,j].
at::Tensor rebuild_cp(const at::Tensor& up, const at::Tensor& down, const at::Tensor& mid) {
    return at::einsum("nmkl,in,mj->ijkl", {mid, up.reshape({up.size(0), -1}), down.reshape({down.size(0), -1})});
}

// network.py apply_weight_decompose (DoRA): (W + ΔW) · dora_scale / ‖W + ΔW‖ − W, the norm taken
// per input channel over the output and kernel dimensions.
at::Tensor apply_dora(const at::Tensor& updown, const at::Tensor& weight, const at::Tensor& dora_scale,
                      size_t norm_dims) {
    const at::Tensor merged = updown + weight;
    std::vector<int64_t> norm_shape{merged.size(1)};
    for (size_t i = 0; i < norm_dims; ++i) norm_shape.push_back(1);
    const at::Tensor norm = merged.transpose(0, 1)
                                .reshape({merged.size(1), -1})
                                .norm(2, {1}, /*keepdim=*/true)
                                .reshape(norm_shape)
                                .transpose(0, 1);
    return merged * (dora_scale / norm) - weight;
}

// network.py finalize_updown (the ex_bias is multiplied by the caller).
at::Tensor finalize(at::Tensor updown, const NetworkModuleWeights& m, const NetworkTarget& target,
                    const at::Tensor& weight, std::vector<int64_t> output_shape, std::optional<int64_t> dim,
                    double multiplier) {
    if (has(m, "bias")) {
        const at::Tensor bias = get(m, "bias");
        if (bias.numel() != updown.numel()) bad_module(m, "has a \"bias\" of another size than its update.");
        updown = (updown.reshape(bias.sizes()) + bias).reshape(output_shape);
    }
    if (output_shape.size() == 4) updown = updown.reshape(output_shape);
    if (numel_of(target.weight_shape) == updown.numel()) updown = updown.reshape(target.weight_shape);
    updown = updown * calc_scale(m, dim);
    if (has(m, "dora_scale")) {
        if (!weight.defined()) bad_module(m, "needs the layer's weight (DoRA).");
        if (!updown.sizes().equals(weight.sizes()))
            throw PipelineError("network_shape_mismatch", "The network module \"" + m.first_key + "\" has the shape " +
                                                              shape_text(updown.sizes()) + " but its layer has " +
                                                              shape_text(weight.sizes()) + ".");
        updown = apply_dora(updown, weight, get(m, "dora_scale"), target.weight_shape.size() - 1);
    }
    return updown * multiplier;
}

std::vector<int64_t> vec(at::IntArrayRef s) { return s.vec(); }

// The LoRA low-rank fast path: up [out, r] (Conv2d: [out, r, 1, 1]) already × scale × multiplier,
// down [r, in] (Conv2d: [r, in, kh, kw]). Empty tensors when the module does not fit the layer
// that way (the dense path then decides, exactly as A1111 would).
bool lora_low_rank(const NetworkModuleWeights& m, const NetworkTarget& target, const NetworkDeltaOptions& o,
                   NetworkDelta* out) {
    if (has(m, "bias") || has(m, "dora_scale")) return false;
    const at::Tensor up0 = get(m, "lora_up.weight");
    const at::Tensor& down0 = m.w.at("lora_down.weight");
    const auto& ws = target.weight_shape;
    if (down0.dim() < 1) return false;
    const int64_t rank = down0.size(0);
    const double factor = calc_scale(m, rank) * o.multiplier;
    at::Tensor up = up0.reshape({up0.size(0), -1});
    if (target.kind == NetworkTargetKind::Linear) {
        if (has(m, "lora_mid.weight")) return false;
        at::Tensor down = m.w.at("lora_down.weight").reshape({rank, -1});  // file dtype, widened per call
        if (o.dyn_dim) {
            up = up.narrow(1, 0, std::min(*o.dyn_dim, up.size(1)));
            down = down.narrow(0, 0, std::min(*o.dyn_dim, down.size(0)));
        }
        if (ws.size() != 2 || up.size(0) != ws[0] || down.size(1) != ws[1] || up.size(1) != down.size(0)) return false;
        out->up = (up * factor).contiguous();
        out->down = down.contiguous();
        return true;
    }
    if (target.kind != NetworkTargetKind::Conv2d || ws.size() != 4) return false;
    const int64_t in = ws[1], kh = ws[2], kw = ws[3];
    at::Tensor down;
    if (has(m, "lora_mid.weight")) {
        const at::Tensor mid = get(m, "lora_mid.weight");
        if (mid.dim() != 4 || mid.size(2) != kh || mid.size(3) != kw || mid.size(1) != rank) return false;
        down = at::einsum("nmkl,mj->njkl", {mid, down0.to(at::kFloat).reshape({rank, -1})});
    } else {
        // Kept in the file's dtype (an fp16 LoRA stays fp16; the layer widens it per call).
        const at::Tensor raw = m.w.at("lora_down.weight");
        if (raw.numel() == rank * in * kh * kw) down = raw.reshape({rank, in, kh, kw});
        else if (raw.numel() == rank * in && kh * kw == 1) down = raw.reshape({rank, in, 1, 1});
        else if (raw.numel() == rank * 4 * kh * kw && in == 9) down = raw.reshape({rank, 4, kh, kw});
        else return false;
        if (o.dyn_dim) {
            up = up.narrow(1, 0, std::min(*o.dyn_dim, up.size(1)));
            down = down.narrow(0, 0, std::min(*o.dyn_dim, down.size(0)));
        }
    }
    if (down.size(1) == 4 && in == 9)  // inpainting conv_in: the LoRA covers the 4 latent channels
        down = at::constant_pad_nd(down, {0, 0, 0, 0, 0, 5});
    if (up.size(0) != ws[0] || up.size(1) != down.size(0) || down.size(1) != in) return false;
    out->up = (up * factor).reshape({up.size(0), up.size(1), 1, 1}).contiguous();
    out->down = down.contiguous();
    return true;
}

} // namespace

NetworkModuleType network_module_type(const NetworkModuleWeights& m) {
    if (has(m, "lora_up.weight") && has(m, "lora_down.weight")) return NetworkModuleType::LoRA;
    if (has(m, "hada_w1_a") && has(m, "hada_w1_b") && has(m, "hada_w2_a") && has(m, "hada_w2_b"))
        return NetworkModuleType::LoHa;
    if (has(m, "weight")) return NetworkModuleType::IA3;
    const bool w1 = has(m, "lokr_w1") || (has(m, "lokr_w1_a") && has(m, "lokr_w1_b"));
    const bool w2 = has(m, "lokr_w2") || (has(m, "lokr_w2_a") && has(m, "lokr_w2_b"));
    if (w1 && w2) return NetworkModuleType::LoKr;
    if (has(m, "diff")) return NetworkModuleType::Full;
    if (has(m, "w_norm") && has(m, "b_norm")) return NetworkModuleType::Norm;
    return NetworkModuleType::Unsupported;
}

std::string network_module_kind(const NetworkModuleWeights& m, const NetworkTarget& target) {
    if (has(m, "dora_scale")) return "dora";
    switch (network_module_type(m)) {
    case NetworkModuleType::LoRA: return target.kind == NetworkTargetKind::Conv2d && target.weight_shape.size() == 4 &&
                                                 target.weight_shape[2] * target.weight_shape[3] > 1
                                             ? "locon"
                                             : "lora";
    case NetworkModuleType::LoHa: return "loha";
    case NetworkModuleType::LoKr: return "lokr";
    case NetworkModuleType::IA3: return "ia3";
    case NetworkModuleType::Full: return "full";
    case NetworkModuleType::Norm: return "norm";
    case NetworkModuleType::Unsupported: break;
    }
    return "unsupported";
}

bool network_module_needs_weight(const NetworkModuleWeights& m) {
    return has(m, "dora_scale") || network_module_type(m) == NetworkModuleType::IA3;
}

bool split_network_key(const std::string& key, std::string* module, std::string* part) {
    struct PartName {
        const char* written;
        const char* normal;
        bool dotted_ok;  // also recognised after a dotted (diffusers / PEFT) module path
    };
    static const PartName parts[] = {
        {"lora_up.weight", "lora_up.weight", true},
        {"lora_down.weight", "lora_down.weight", true},
        {"lora_mid.weight", "lora_mid.weight", true},
        {"lora_A.weight", "lora_down.weight", true},
        {"lora_B.weight", "lora_up.weight", true},
        {"lora.down.weight", "lora_down.weight", true},
        {"lora.up.weight", "lora_up.weight", true},
        {"lora_linear_layer.down.weight", "lora_down.weight", true},
        {"lora_linear_layer.up.weight", "lora_up.weight", true},
        {"alpha", "alpha", true},
        {"scale", "scale", false},
        {"dora_scale", "dora_scale", true},
        {"lora_magnitude_vector", "dora_scale", true},
        {"hada_w1_a", "hada_w1_a", true},
        {"hada_w1_b", "hada_w1_b", true},
        {"hada_w2_a", "hada_w2_a", true},
        {"hada_w2_b", "hada_w2_b", true},
        {"hada_t1", "hada_t1", true},
        {"hada_t2", "hada_t2", true},
        {"lokr_w1", "lokr_w1", true},
        {"lokr_w1_a", "lokr_w1_a", true},
        {"lokr_w1_b", "lokr_w1_b", true},
        {"lokr_w2", "lokr_w2", true},
        {"lokr_w2_a", "lokr_w2_a", true},
        {"lokr_w2_b", "lokr_w2_b", true},
        {"lokr_t2", "lokr_t2", true},
        {"weight", "weight", false},
        {"on_input", "on_input", false},
        {"diff", "diff", true},
        {"diff_b", "diff_b", true},
        {"w_norm", "w_norm", true},
        {"b_norm", "b_norm", true},
        {"bias", "bias", false},
    };
    // kohya / LyCORIS / A1111 names: "<module without dots>.<part>" (A1111 partitions on the first dot).
    const auto dot = key.find('.');
    if (dot != std::string::npos && dot > 0) {
        const std::string rest = key.substr(dot + 1);
        for (const auto& p : parts)
            if (rest == p.written) {
                *module = key.substr(0, dot);
                *part = p.normal;
                return true;
            }
    }
    // Old diffusers attention processors: "<path>.processor.to_q_lora.down.weight".
    for (const char* proj : {"to_q", "to_k", "to_v", "to_out"}) {
        for (const char* dir : {"down", "up"}) {
            const std::string tail = std::string(".processor.") + proj + "_lora." + dir + ".weight";
            if (key.size() > tail.size() && key.compare(key.size() - tail.size(), tail.size(), tail) == 0) {
                *module = key.substr(0, key.size() - tail.size()) + "." + proj + (std::string(proj) == "to_out" ? ".0" : "");
                *part = std::string("lora_") + dir + ".weight";
                return true;
            }
        }
    }
    // Dotted module paths (diffusers / PEFT): the longest known part at the end.
    const PartName* best = nullptr;
    for (const auto& p : parts) {
        if (!p.dotted_ok) continue;
        const std::string tail = std::string(".") + p.written;
        if (key.size() > tail.size() && key.compare(key.size() - tail.size(), tail.size(), tail) == 0 &&
            (!best || std::string(p.written).size() > std::string(best->written).size()))
            best = &p;
    }
    if (!best) return false;
    *module = key.substr(0, key.size() - std::string(best->written).size() - 1);
    *part = best->normal;
    return true;
}

namespace {
NetworkDelta compute_delta_unchecked(const NetworkModuleWeights& m, const NetworkTarget& target,
                                     const at::Tensor& weight, const NetworkDeltaOptions& o) {
    NetworkDelta out;
    const NetworkModuleType type = network_module_type(m);
    const bool norm_layer = target.kind == NetworkTargetKind::GroupNorm || target.kind == NetworkTargetKind::LayerNorm;
    if (type == NetworkModuleType::Unsupported)
        bad_module(m, "is of a network type that is not supported (OFT, GLoRA or unknown parts).");
    if (norm_layer && type != NetworkModuleType::Norm && type != NetworkModuleType::Full)
        bad_module(m, "targets a normalisation layer, which only \"norm\" and \"full\" networks can change.");
    if (network_module_needs_weight(m) && !weight.defined()) bad_module(m, "needs the layer's weight.");
    const at::Tensor w = weight.defined() ? weight.to(at::kFloat) : at::Tensor();

    at::Tensor updown, ex_bias;
    std::vector<int64_t> output_shape;
    std::optional<int64_t> dim;
    switch (type) {
    case NetworkModuleType::LoRA: {
        if (norm_layer) bad_module(m, "is a LoRA on a normalisation layer.");
        if (o.allow_low_rank && lora_low_rank(m, target, o, &out)) return out;
        const bool linear = target.kind == NetworkTargetKind::Linear;
        at::Tensor up = get(m, "lora_up.weight"), down = get(m, "lora_down.weight");
        dim = down.size(0);
        if (linear) {
            up = up.reshape({up.size(0), -1});
            down = down.reshape({down.size(0), -1});
        } else if (down.dim() == 2) {
            down = down.reshape({down.size(0), -1, 1, 1});
        }
        output_shape = {up.size(0), down.size(1)};
        if (has(m, "lora_mid.weight") && !linear) {
            const at::Tensor mid = get(m, "lora_mid.weight");
            updown = rebuild_cp(up, down, mid);
            for (int64_t i = 2; i < mid.dim(); ++i) output_shape.push_back(mid.size(i));
        } else {
            if (down.dim() == 4)
                for (int64_t i = 2; i < 4; ++i) output_shape.push_back(down.size(i));
            updown = rebuild_conventional(up, down, output_shape, o.dyn_dim);
        }
        break;
    }
    case NetworkModuleType::LoHa: {
        const at::Tensor w1a = get(m, "hada_w1_a"), w1b = get(m, "hada_w1_b");
        const at::Tensor w2a = get(m, "hada_w2_a"), w2b = get(m, "hada_w2_b");
        dim = w1b.size(0);
        output_shape = {w1a.size(0), w1b.size(1)};
        at::Tensor u1, u2;
        if (has(m, "hada_t1")) {
            const at::Tensor t1 = get(m, "hada_t1");
            output_shape = {w1a.size(1), w1b.size(1)};
            u1 = make_weight_cp(t1, w1a, w1b);
            for (int64_t i = 2; i < t1.dim(); ++i) output_shape.push_back(t1.size(i));
        } else {
            if (w1b.dim() == 4)
                for (int64_t i = 2; i < 4; ++i) output_shape.push_back(w1b.size(i));
            u1 = rebuild_conventional(w1a, w1b, output_shape);
        }
        if (has(m, "hada_t2"))
            u2 = make_weight_cp(get(m, "hada_t2"), w2a, w2b);
        else
            u2 = rebuild_conventional(w2a, w2b, output_shape);
        if (!u1.sizes().equals(u2.sizes())) bad_module(m, "has LoHa halves of different shapes.");
        updown = u1 * u2;
        break;
    }
    case NetworkModuleType::LoKr: {
        at::Tensor w1 = has(m, "lokr_w1") ? get(m, "lokr_w1") : at::mm(get(m, "lokr_w1_a"), get(m, "lokr_w1_b"));
        at::Tensor w2;
        if (has(m, "lokr_w2"))
            w2 = get(m, "lokr_w2");
        else if (has(m, "lokr_t2"))
            w2 = make_weight_cp(get(m, "lokr_t2"), get(m, "lokr_w2_a"), get(m, "lokr_w2_b"));
        else
            w2 = at::mm(get(m, "lokr_w2_a"), get(m, "lokr_w2_b"));
        if (has(m, "lokr_w1_b")) dim = get(m, "lokr_w1_b").size(0);
        if (has(m, "lokr_w2_b")) dim = get(m, "lokr_w2_b").size(0);
        if (w1.dim() != 2 || (w2.dim() != 2 && w2.dim() != 4)) bad_module(m, "has LoKr factors of unexpected rank.");
        output_shape = {w1.size(0) * w2.size(0), w1.size(1) * w2.size(1)};
        if (target.weight_shape.size() == 4) output_shape = target.weight_shape;
        if (w2.dim() == 4) w1 = w1.unsqueeze(2).unsqueeze(2);
        const at::Tensor kron = at::kron(w1.contiguous(), w2.contiguous());
        if (kron.numel() != numel_of(output_shape))
            throw PipelineError("network_shape_mismatch", "The network module \"" + m.first_key + "\" has the shape " +
                                                              shape_text(kron.sizes()) + " but its layer has " +
                                                              shape_text(target.weight_shape) + ".");
        updown = kron.reshape(output_shape);
        break;
    }
    case NetworkModuleType::IA3: {
        at::Tensor v = get(m, "weight");
        const bool on_input = has(m, "on_input") && scalar_of(m, "on_input") != 0.0;
        if (w.dim() < 2) bad_module(m, "(IA3) targets a layer without a weight matrix.");
        output_shape = {v.size(0), w.size(1)};
        if (on_input) {
            std::reverse(output_shape.begin(), output_shape.end());
            if (w.dim() == 4) v = v.reshape({1, -1, 1, 1});
        } else {
            std::vector<int64_t> s{-1};
            for (int64_t i = 1; i < w.dim(); ++i) s.push_back(1);
            v = v.reshape(s);
        }
        try {
            updown = w * v;
        } catch (const c10::Error&) {
            throw PipelineError("network_shape_mismatch",
                                "The network module \"" + m.first_key + "\" (IA3) does not fit its layer " +
                                    shape_text(target.weight_shape) + ".");
        }
        break;
    }
    case NetworkModuleType::Full: {
        updown = get(m, "diff");
        output_shape = vec(updown.sizes());
        if (has(m, "diff_b")) ex_bias = get(m, "diff_b");
        break;
    }
    case NetworkModuleType::Norm: {
        updown = get(m, "w_norm");
        output_shape = vec(updown.sizes());
        ex_bias = get(m, "b_norm");
        break;
    }
    case NetworkModuleType::Unsupported:
        break;
    }
    updown = finalize(updown, m, target, w, output_shape, dim, o.multiplier);
    // What A1111's `weight + updown` accepts: the same shape, a broadcastable one, or (9-channel
    // inpainting conv_in) 4 input channels padded with zeros.
    const auto& ws = target.weight_shape;
    if (!updown.sizes().equals(ws)) {
        if (updown.dim() == 4 && ws.size() == 4 && ws[1] == 9 && updown.size(1) == 4 && updown.size(0) == ws[0] &&
            updown.size(2) == ws[2] && updown.size(3) == ws[3]) {
            updown = at::constant_pad_nd(updown, {0, 0, 0, 0, 0, 5});
        } else {
            try {
                updown = updown.expand(ws).contiguous();
            } catch (const c10::Error&) {
                throw PipelineError("network_shape_mismatch", "The network module \"" + m.first_key +
                                                                  "\" has the shape " + shape_text(updown.sizes()) +
                                                                  " but its layer has " + shape_text(ws) + ".");
            }
        }
    }
    out.dense = updown.contiguous();
    if (ex_bias.defined()) {
        if (ex_bias.numel() != ws[0])
            throw PipelineError("network_shape_mismatch", "The network module \"" + m.first_key +
                                                              "\" has a bias of " + std::to_string(ex_bias.numel()) +
                                                              " values for a layer with " + std::to_string(ws[0]) +
                                                              " outputs.");
        out.ex_bias = (ex_bias.reshape({ws[0]}) * o.multiplier).contiguous();
    }
    return out;
}
} // namespace

NetworkDelta compute_network_delta(const NetworkModuleWeights& m, const NetworkTarget& target, const at::Tensor& weight,
                                   const NetworkDeltaOptions& o) {
    // Parts whose shapes do not fit one another (an up of rank 3 with a down of rank 2, halves
    // of different sizes, a Tucker core of the wrong size, ...) make ATen throw c10::Error, or
    // std::runtime_error from its shape inference: the file is malformed. Found by fuzzing
    // (tests/fuzz/fuzz_network_keys.cpp); the runtime skips such a network with a warning.
    const auto refuse = [&](std::string why) {
        why = why.substr(0, why.find('\n'));
        if (why.size() > 200) why = why.substr(0, 200) + "...";
        return PipelineError("network_shape_mismatch",
                             "The network module \"" + m.first_key + "\" has parts that do not fit together (" + why + ").");
    };
    try {
        return compute_delta_unchecked(m, target, weight, o);
    } catch (const PipelineError&) {
        throw;
    } catch (const c10::Error& e) {
        throw refuse(e.what_without_backtrace());
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const std::exception& e) {
        throw refuse(e.what());
    }
}

} // namespace latent
