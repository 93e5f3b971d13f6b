// libFuzzer harness: a network file's tensor names and shapes -> A1111's module grouping, module
// type and kind, and the delta the module makes on a layer (pipeline/networks/network_module.cpp).
// LoRA / LyCORIS files come from anyone; their names and shapes are outside input. The contract:
// a module that does not fit its layer is refused with PipelineError, never an unchecked tensor
// error (c10::Error), a crash, a sanitizer report or an endless loop.
//
// Input (text, one tensor per line): `NAME DIM,DIM,...` (0-4 dims, each 0-12; a scalar with no
// dims). The first byte picks the layer (Linear 8x6, Conv2d 8x4x3x3, Conv2d 8x4x1x1, GroupNorm 8,
// LayerNorm 6), the second the multiplier and `dyn=`.
#include "pipeline/core/error.h"
#include "pipeline/networks/network_module.h"

#include <ATen/ATen.h>
#include <c10/util/Exception.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

using namespace latent;

namespace {

struct Layer {
    NetworkTargetKind kind;
    std::vector<int64_t> shape;
    NetworkComponent component;
};

const Layer kLayers[] = {
    {NetworkTargetKind::Linear, {8, 6}, NetworkComponent::UNet},
    {NetworkTargetKind::Conv2d, {8, 4, 3, 3}, NetworkComponent::UNet},
    {NetworkTargetKind::Conv2d, {8, 4, 1, 1}, NetworkComponent::UNet},
    {NetworkTargetKind::GroupNorm, {8}, NetworkComponent::UNet},
    {NetworkTargetKind::LayerNorm, {6}, NetworkComponent::TextEncoder1},
    {NetworkTargetKind::Linear, {6, 6}, NetworkComponent::TextEncoder2},
};

std::vector<int64_t> parseShape(const std::string& text, bool* ok) {
    std::vector<int64_t> dims;
    *ok = true;
    std::string cur;
    auto flush = [&] {
        if (cur.empty()) return;
        if (cur.size() > 3) {
            *ok = false;
            return;
        }
        const long v = std::strtol(cur.c_str(), nullptr, 10);
        if (v < 0 || v > 12) *ok = false;
        dims.push_back(v);
        cur.clear();
    };
    for (char c : text) {
        if (c >= '0' && c <= '9')
            cur += c;
        else if (c == ',' || c == 'x')
            flush();
        else {
            *ok = false;
            return dims;
        }
    }
    flush();
    if (dims.size() > 4) *ok = false;
    return dims;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 2 || size > 4096) return 0;
    static const bool init = [] {
        at::set_num_threads(1);
        at::manual_seed(0);
        return true;
    }();
    (void)init;
    const Layer& layer = kLayers[data[0] % (sizeof(kLayers) / sizeof(kLayers[0]))];
    NetworkDeltaOptions options;
    options.multiplier = (data[1] & 0x0f) / 4.0 - 1.0;
    if (data[1] & 0x10) options.dyn_dim = (data[1] >> 5) & 0x07;
    options.allow_low_rank = (data[1] & 0x80) == 0;

    // Lines "NAME SHAPE" -> tensors, grouped into modules by A1111's key split.
    std::map<std::string, NetworkModuleWeights> modules;
    const std::string text(reinterpret_cast<const char*>(data + 2), size - 2);
    size_t pos = 0;
    int tensors = 0;
    while (pos < text.size() && tensors < 16) {
        size_t end = text.find('\n', pos);
        if (end == std::string::npos) end = text.size();
        const std::string line = text.substr(pos, end - pos);
        pos = end + 1;
        const size_t space = line.find(' ');
        const std::string name = line.substr(0, space);
        bool ok = true;
        const std::vector<int64_t> shape =
            parseShape(space == std::string::npos ? std::string() : line.substr(space + 1), &ok);
        if (!ok || name.empty()) continue;
        std::string module, part;
        if (!split_network_key(name, &module, &part)) continue;
        if (module.empty() || part.empty()) std::abort(); // a split always names both
        at::Tensor t = shape.empty() ? at::scalar_tensor(1.5) : at::randn(shape);
        NetworkModuleWeights& m = modules[module];
        if (m.first_key.empty()) m.first_key = name;
        m.w[part] = t;
        ++tensors;
    }

    NetworkTarget target;
    target.kind = layer.kind;
    target.component = layer.component;
    target.name = "layer";
    target.a1111_name = "layer";
    target.weight_shape = layer.shape;
    const at::Tensor weight = at::randn(layer.shape);
    for (const auto& [name, m] : modules) {
        (void)network_module_type(m);
        (void)network_module_kind(m, target);
        (void)network_module_needs_weight(m);
        try {
            const NetworkDelta d = compute_network_delta(m, target, weight, options);
            // What the runtime does with it: a dense delta of the layer's shape, or up · down.
            if (d.dense.defined()) {
                if (d.dense.sizes() != at::IntArrayRef(layer.shape)) {
                    std::fprintf(stderr, "dense delta of the wrong shape for %s\n", name.c_str());
                    std::abort();
                }
            } else if (d.up.defined() && d.down.defined()) {
                if (d.up.size(0) != layer.shape[0]) {
                    std::fprintf(stderr, "low-rank delta of the wrong rows for %s\n", name.c_str());
                    std::abort();
                }
            }
        } catch (const PipelineError&) {
            // refused with a message: the contract
        } catch (const c10::Error& e) {
            std::fprintf(stderr, "unchecked tensor error for module %s: %s\n", name.c_str(),
                         e.what_without_backtrace());
            std::abort();
        } catch (const std::exception& e) { // ATen's shape inference throws std::runtime_error
            std::fprintf(stderr, "unchecked error for module %s: %s\n", name.c_str(), e.what());
            std::abort();
        }
    }
    return 0;
}
