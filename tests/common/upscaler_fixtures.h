// Tiny ESRGAN-family upscaler files for tests, written with seeded random weights in every key
// layout A1111 meets (see pipeline/upscalers/upscaler_arch.h), as .safetensors or as a PyTorch
// zip .pth built by hand (no Python, no torch.save).
#pragma once

#include "common/torch_zip_builder.h"
#include "pipeline/tensors/safetensors.h"

#include <ATen/ATen.h>

#include <fstream>
#include <map>
#include <string>

namespace latent::test {

using TensorMap = std::map<std::string, at::Tensor>;

inline at::Tensor smallRandn(at::IntArrayRef shape, double stdev) {
    return at::randn(shape) * stdev;
}

// basicsr RRDBNet ("real-esrgan" names). inCh = 3 (plain), 12 (x2plus: unshuffle 2), 48 (x1).
inline TensorMap rrdbWeights(int64_t nf, int64_t gc, int64_t nb, int64_t nUp, int64_t inCh, uint64_t seed) {
    at::manual_seed(static_cast<int64_t>(seed));
    TensorMap m;
    auto conv = [&](const std::string& name, int64_t in, int64_t out, double s = 0.08) {
        m[name + ".weight"] = smallRandn({out, in, 3, 3}, s);
        m[name + ".bias"] = smallRandn({out}, 0.02);
    };
    conv("conv_first", inCh, nf);
    for (int64_t i = 0; i < nb; ++i)
        for (int k = 1; k <= 3; ++k)
            for (int j = 1; j <= 5; ++j)
                conv("body." + std::to_string(i) + ".rdb" + std::to_string(k) + ".conv" + std::to_string(j),
                     nf + (j - 1) * gc, j == 5 ? nf : gc);
    conv("conv_body", nf, nf);
    for (int64_t u = 1; u <= nUp; ++u) conv("conv_up" + std::to_string(u), nf, nf);
    conv("conv_hr", nf, nf);
    conv("conv_last", nf, 3, 0.1);
    return m;
}

// SRVGGNetCompact (PReLU). zeroBody: every conv weight and bias 0, so the output is exactly the
// nearest-upsampled input (pixel shuffle of zeros + base).
inline TensorMap srvggWeights(int64_t nf, int64_t numConv, int64_t scale, uint64_t seed, bool zeroBody = false) {
    at::manual_seed(static_cast<int64_t>(seed));
    TensorMap m;
    int64_t idx = 0;
    auto conv = [&](int64_t in, int64_t out) {
        const std::string b = "body." + std::to_string(idx++);
        m[b + ".weight"] = zeroBody ? at::zeros({out, in, 3, 3}) : smallRandn({out, in, 3, 3}, 0.1);
        m[b + ".bias"] = zeroBody ? at::zeros({out}) : smallRandn({out}, 0.02);
    };
    auto prelu = [&] { m["body." + std::to_string(idx++) + ".weight"] = at::rand({nf}) * 0.3; };
    conv(3, nf);
    prelu();
    for (int64_t i = 0; i < numConv; ++i) {
        conv(nf, nf);
        prelu();
    }
    conv(nf, 3 * scale * scale);
    return m;
}

// Renames basicsr RRDBNet keys to another layout: "real-esrgan" (unchanged), "esrgan-2019"
// (RRDB_trunk/trunk_conv/upconv/HRconv) or "esrgan-old" (model.N sequential).
inline TensorMap toRrdbLayout(const TensorMap& canonical, const std::string& layout, int64_t nb, int64_t nUp) {
    if (layout == "real-esrgan") return canonical;
    TensorMap out;
    for (const auto& [key, t] : canonical) {
        const auto dot = key.rfind('.');
        const std::string base = key.substr(0, dot), leaf = key.substr(dot); // ".weight" / ".bias"
        std::string n;
        if (base.rfind("body.", 0) == 0) {
            // body.I.rdbK.convJ
            const auto p1 = base.find('.', 5), p2 = base.find('.', p1 + 1);
            const std::string i = base.substr(5, p1 - 5), k = base.substr(p1 + 4, p2 - p1 - 4), j = base.substr(p2 + 5);
            n = layout == "esrgan-old" ? "model.1.sub." + i + ".RDB" + k + ".conv" + j + ".0"
                                       : "RRDB_trunk." + i + ".RDB" + k + ".conv" + j;
        } else if (layout == "esrgan-old") {
            if (base == "conv_first")
                n = "model.0";
            else if (base == "conv_body")
                n = "model.1.sub." + std::to_string(nb);
            else if (base.rfind("conv_up", 0) == 0)
                n = "model." + std::to_string(3 * std::stoll(base.substr(7)));
            else if (base == "conv_hr")
                n = "model." + std::to_string(3 * nUp + 2);
            else if (base == "conv_last")
                n = "model." + std::to_string(3 * nUp + 4);
        } else {
            if (base == "conv_first" || base == "conv_last")
                n = base;
            else if (base == "conv_body")
                n = "trunk_conv";
            else if (base.rfind("conv_up", 0) == 0)
                n = "upconv" + base.substr(7);
            else if (base == "conv_hr")
                n = "HRconv";
        }
        out[n + leaf] = t;
    }
    return out;
}

inline void writeUpscalerSafetensors(const std::string& path, const TensorMap& m, at::ScalarType dtype = at::kFloat) {
    std::vector<std::pair<std::string, at::Tensor>> list;
    for (const auto& [k, t] : m) list.emplace_back(k, t.to(dtype).contiguous());
    write_safetensors(path, list);
}

// torch.save({nest: state_dict}) (nest empty: the state dict itself) as a zip .pth.
inline std::string upscalerPthBytes(const TensorMap& m, const std::string& nest, at::ScalarType dtype = at::kFloat) {
    const std::string stype = dtype == at::kHalf ? "HalfStorage" : "FloatStorage";
    Pk p;
    p.proto().op('}');
    if (!nest.empty()) p.mark().str(nest).op('}');
    p.mark();
    std::vector<ZipMember> members;
    int key = 0;
    for (const auto& [name, t0] : m) {
        const at::Tensor t = t0.to(dtype).contiguous();
        std::vector<int64_t> sizes(t.sizes().begin(), t.sizes().end()), strides(t.strides().begin(), t.strides().end());
        const std::string k = std::to_string(key++);
        p.str(name).tensor(k, stype, t.numel(), 0, sizes, strides);
        members.push_back({"archive/data/" + k, std::string(static_cast<const char*>(t.data_ptr()), t.nbytes())});
    }
    p.op('u');
    if (!nest.empty()) p.op('u');
    p.stop();
    members.insert(members.begin(), ZipMember{"archive/data.pkl", p.b});
    members.push_back({"archive/byteorder", "little"});
    members.push_back({"archive/version", "3\n"});
    return makeZip(members);
}

inline void writeBytes(const std::string& path, const std::string& bytes) {
    std::ofstream f(path, std::ios::binary);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

} // namespace latent::test
