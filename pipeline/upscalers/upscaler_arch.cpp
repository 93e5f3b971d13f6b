#include "pipeline/upscalers/upscaler_arch.h"

#include "pipeline/core/error.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

namespace latent {

namespace {

bool starts_with(const std::string& s, const std::string& p) {
    return s.compare(0, p.size(), p) == 0;
}

[[noreturn]] void refuse(const std::string& why, const TensorShapes& shapes) {
    std::string seen;
    int n = 0;
    for (const auto& [name, shape] : shapes) {
        if (n == 8) {
            seen += ", ...";
            break;
        }
        seen += (n++ ? ", " : "") + name;
    }
    throw PipelineError("unknown_upscaler",
                        "Not a supported upscaler model (ESRGAN, Real-ESRGAN or SRVGGNetCompact): " + why +
                            " The file has " + std::to_string(shapes.size()) +
                            " tensors: " + (seen.empty() ? std::string("none") : seen) + ".");
}

// "params_ema." / "params." (Real-ESRGAN training checkpoints) and "module." (DataParallel).
TensorShapes strip_prefixes(const TensorShapes& in, std::map<std::string, std::string>* original) {
    std::string prefix;
    for (const char* p : {"params_ema.", "params."}) {
        const bool any = std::any_of(in.begin(), in.end(), [&](const auto& kv) { return starts_with(kv.first, p); });
        if (any) {
            prefix = p;
            break;
        }
    }
    TensorShapes out;
    for (const auto& [name, shape] : in) {
        if (!prefix.empty() && !starts_with(name, prefix)) continue;
        std::string n = name.substr(prefix.size());
        if (starts_with(n, "module.")) n = n.substr(7);
        out[n] = shape;
        (*original)[n] = name;
    }
    return out;
}

std::optional<int64_t> parse_index(const std::string& s) {
    if (s.empty() || s.size() > 6 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    return std::stoll(s);
}

const std::vector<int64_t>& shape_of(const TensorShapes& shapes, const std::string& key) {
    auto it = shapes.find(key);
    if (it == shapes.end()) refuse("the tensor \"" + key + "\" is missing.", shapes);
    return it->second;
}

void need_conv(const TensorShapes& shapes, const std::string& key) {
    const auto& s = shape_of(shapes, key);
    if (s.size() != 4 || s[2] != 3 || s[3] != 3) refuse("\"" + key + "\" is not a 3×3 convolution weight.", shapes);
}

// Every key of `shapes` must be used (unknown extras mean an architecture variant we do not run).
void check_all_used(const TensorShapes& shapes, const std::map<std::string, std::string>& used_sources) {
    std::set<std::string> used;
    for (const auto& kv : used_sources) used.insert(kv.second);
    std::vector<std::string> extra;
    for (const auto& kv : shapes)
        if (!used.count(kv.first)) extra.push_back(kv.first);
    if (!extra.empty()) {
        std::string list;
        for (size_t i = 0; i < extra.size() && i < 5; ++i) list += (i ? ", " : "") + extra[i];
        refuse("it has tensors this architecture does not use (" + list + (extra.size() > 5 ? ", ..." : "") +
                   "), so it is a variant we cannot run.",
               shapes);
    }
}

DetectedUpscaler detect_rrdb(const TensorShapes& shapes, const std::string& layout) {
    DetectedUpscaler d;
    d.info.arch = UpscalerArch::RRDBNet;
    d.info.layout = layout;
    auto& keys = d.keys; // canonical -> source (stripped names for now)
    auto map_wb = [&](const std::string& canonical, const std::string& source) {
        keys[canonical + ".weight"] = source + ".weight";
        keys[canonical + ".bias"] = source + ".bias";
    };

    // Blocks: count consecutive indices from 0.
    auto block_key = [&](int64_t i, int k, int j) -> std::string {
        const std::string si = std::to_string(i), sk = std::to_string(k), sj = std::to_string(j);
        if (layout == "esrgan-old") return "model.1.sub." + si + ".RDB" + sk + ".conv" + sj + ".0";
        if (layout == "esrgan-2019") return "RRDB_trunk." + si + ".RDB" + sk + ".conv" + sj;
        return "body." + si + ".rdb" + sk + ".conv" + sj;
    };
    int64_t nb = 0;
    while (shapes.count(block_key(nb, 1, 1) + ".weight")) ++nb;
    if (nb == 0) refuse("it has no residual-in-residual dense blocks.", shapes);
    for (int64_t i = 0; i < nb; ++i)
        for (int k = 1; k <= 3; ++k)
            for (int j = 1; j <= 5; ++j)
                map_wb("body." + std::to_string(i) + ".rdb" + std::to_string(k) + ".conv" + std::to_string(j),
                       block_key(i, k, j));

    int64_t n_up = 0;
    if (layout == "esrgan-old") {
        map_wb("conv_first", "model.0");
        map_wb("conv_body", "model.1.sub." + std::to_string(nb));
        // The last top-level module index L = 3n + 4 gives n, the number of ×2 upsampling stages.
        int64_t last = -1;
        for (const auto& kv : shapes) {
            const std::string& n = kv.first;
            if (!starts_with(n, "model.")) continue;
            const auto dot = n.find('.', 6);
            if (dot == std::string::npos) continue;
            const auto idx = parse_index(n.substr(6, dot - 6));
            if (idx && *idx != 1 && n.substr(dot) == ".weight") last = std::max(last, *idx);
        }
        if (last < 4 || (last - 4) % 3 != 0)
            refuse("its top-level layers do not follow the ESRGAN upsampling layout (upconv ×2 stages).", shapes);
        n_up = (last - 4) / 3;
        for (int64_t u = 1; u <= n_up; ++u) map_wb("conv_up" + std::to_string(u), "model." + std::to_string(3 * u));
        map_wb("conv_hr", "model." + std::to_string(3 * n_up + 2));
        map_wb("conv_last", "model." + std::to_string(3 * n_up + 4));
    } else {
        const bool v2019 = layout == "esrgan-2019";
        map_wb("conv_first", "conv_first");
        map_wb("conv_body", v2019 ? "trunk_conv" : "conv_body");
        const std::string up = v2019 ? "upconv" : "conv_up";
        while (shapes.count(up + std::to_string(n_up + 1) + ".weight")) ++n_up;
        for (int64_t u = 1; u <= n_up; ++u) map_wb("conv_up" + std::to_string(u), up + std::to_string(u));
        map_wb("conv_hr", v2019 ? "HRconv" : "conv_hr");
        map_wb("conv_last", "conv_last");
    }
    for (const auto& kv : keys)
        if (kv.first.size() > 7 && kv.first.compare(kv.first.size() - 7, 7, ".weight") == 0)
            need_conv(shapes, kv.second);
        else
            shape_of(shapes, kv.second);
    check_all_used(shapes, keys);
    if (n_up > 3) refuse("it has more than three ×2 upsampling stages.", shapes);

    const auto& first = shape_of(shapes, keys["conv_first.weight"]);
    const auto& last = shape_of(shapes, keys["conv_last.weight"]);
    const auto& rdb = shape_of(shapes, keys["body.0.rdb1.conv1.weight"]);
    d.info.num_feat = first[0];
    d.info.num_grow_ch = rdb[0];
    d.info.num_block = nb;
    d.info.num_upsample = n_up;
    d.info.out_nc = last[0];
    const int64_t in_ch = first[1];
    if (in_ch == d.info.out_nc)
        d.info.unshuffle = 1;
    else if (in_ch == d.info.out_nc * 4)
        d.info.unshuffle = 2;
    else if (in_ch == d.info.out_nc * 16)
        d.info.unshuffle = 4;
    else
        refuse("its first layer takes " + std::to_string(in_ch) + " channels for " + std::to_string(d.info.out_nc) +
                   " output channels.",
               shapes);
    d.info.in_nc = d.info.out_nc;
    const int64_t up = int64_t{1} << n_up;
    if (up % d.info.unshuffle != 0) refuse("its pixel-unshuffle factor does not divide its upsampling factor.", shapes);
    d.info.scale = up / d.info.unshuffle;
    if (d.info.out_nc != 3 && d.info.out_nc != 1)
        refuse("it has " + std::to_string(d.info.out_nc) + " output channels.", shapes);
    return d;
}

DetectedUpscaler detect_srvgg(const TensorShapes& shapes) {
    DetectedUpscaler d;
    d.info.arch = UpscalerArch::SRVGGNetCompact;
    d.info.layout = "srvgg";
    int64_t highest = -1;
    for (const auto& kv : shapes) {
        if (!starts_with(kv.first, "body.")) continue;
        const auto dot = kv.first.find('.', 5);
        if (dot == std::string::npos) continue;
        const auto idx = parse_index(kv.first.substr(5, dot - 5));
        if (idx) highest = std::max(highest, *idx);
    }
    if (highest < 2 || highest % 2 != 0) refuse("its body layers do not follow the SRVGGNetCompact layout.", shapes);
    const std::string first = "body.0.weight";
    need_conv(shapes, first);
    const int64_t nf = shape_of(shapes, first)[0];
    for (int64_t i = 0; i <= highest; ++i) {
        const std::string base = "body." + std::to_string(i);
        if (i % 2 == 0) {
            need_conv(shapes, base + ".weight");
            shape_of(shapes, base + ".bias");
            d.keys[base + ".weight"] = base + ".weight";
            d.keys[base + ".bias"] = base + ".bias";
        } else {
            const auto& s = shape_of(shapes, base + ".weight");
            if (s.size() != 1 || s[0] != nf)
                refuse("\"" + base + ".weight\" is not a PReLU weight (only PReLU activations are supported).", shapes);
            d.keys[base + ".weight"] = base + ".weight";
        }
    }
    check_all_used(shapes, d.keys);
    d.info.num_feat = nf;
    d.info.in_nc = shape_of(shapes, first)[1];
    d.info.out_nc = d.info.in_nc;
    d.info.num_conv = (highest - 2) / 2;
    const int64_t out_ch = shape_of(shapes, "body." + std::to_string(highest) + ".weight")[0];
    const int64_t s =
        static_cast<int64_t>(std::llround(std::sqrt(static_cast<double>(out_ch) / double(d.info.out_nc))));
    if (s < 1 || s * s * d.info.out_nc != out_ch)
        refuse("its last layer's " + std::to_string(out_ch) +
                   " channels are not the output channels times a square scale.",
               shapes);
    d.info.scale = s;
    return d;
}

} // namespace

std::string UpscalerArchInfo::describe() const {
    if (arch == UpscalerArch::SRVGGNetCompact)
        return "SRVGGNetCompact " + std::to_string(scale) + "x, " + std::to_string(num_conv) + " convolutions, " +
               std::to_string(num_feat) + " features";
    return "RRDBNet " + std::to_string(scale) + "x, " + std::to_string(num_block) + " blocks, " +
           std::to_string(num_feat) + " features (" + layout + " layout)";
}

DetectedUpscaler detect_upscaler(const TensorShapes& raw) {
    if (raw.empty()) refuse("it holds no tensors.", raw);
    std::map<std::string, std::string> original;
    const TensorShapes shapes = strip_prefixes(raw, &original);
    DetectedUpscaler d;
    if (shapes.count("model.0.weight"))
        d = detect_rrdb(shapes, "esrgan-old");
    else if (shapes.count("conv_first.weight") && shapes.count("RRDB_trunk.0.RDB1.conv1.weight"))
        d = detect_rrdb(shapes, "esrgan-2019");
    else if (shapes.count("conv_first.weight") && shapes.count("body.0.rdb1.conv1.weight"))
        d = detect_rrdb(shapes, "real-esrgan");
    else if (shapes.count("body.0.weight") && !shapes.count("conv_first.weight"))
        d = detect_srvgg(shapes);
    else
        refuse("none of the known key layouts matches.", raw);
    for (auto& kv : d.keys) kv.second = original.at(kv.second);
    return d;
}

} // namespace latent
