// Writes small PyTorch zip checkpoints (what torch.save produces) for tests: a nested dict of
// tensors, integers and strings, pickled with the opcodes torch.save emits and stored in the zip
// layout the restricted reader accepts. No Python needed.
#pragma once

#include "common/torch_zip_builder.h"

#include <ATen/ATen.h>

#include <QFile>
#include <QString>

#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace latent::test {

struct PtValue;
using PtDict = std::vector<std::pair<std::string, PtValue>>;
struct PtValue {
    std::variant<at::Tensor, int64_t, std::string, std::shared_ptr<PtDict>> v;
    PtValue(at::Tensor t) : v(std::move(t)) {}
    PtValue(int64_t i) : v(i) {}
    PtValue(int i) : v(static_cast<int64_t>(i)) {}
    PtValue(const char* s) : v(std::string(s)) {}
    PtValue(std::string s) : v(std::move(s)) {}
    PtValue(PtDict d) : v(std::make_shared<PtDict>(std::move(d))) {}
};

inline std::string ptStorageType(at::ScalarType t) {
    switch (t) {
    case at::kFloat: return "FloatStorage";
    case at::kHalf: return "HalfStorage";
    case at::kBFloat16: return "BFloat16Storage";
    case at::kLong: return "LongStorage";
    default: return "FloatStorage";
    }
}

namespace detail {
inline void pickleValue(Pk& p, const PtValue& value, std::vector<ZipMember>& members, const std::string& root) {
    if (auto* t = std::get_if<at::Tensor>(&value.v)) {
        const at::Tensor c = t->contiguous();
        const std::string key = std::to_string(members.size());
        std::vector<int64_t> stride;
        for (int64_t i = 0; i < c.dim(); ++i) stride.push_back(c.stride(i));
        p.tensor(key, ptStorageType(c.scalar_type()), c.numel(), 0, c.sizes().vec(), stride);
        members.push_back({root + "/data/" + key, std::string(static_cast<const char*>(c.data_ptr()), c.nbytes())});
    } else if (auto* i = std::get_if<int64_t>(&value.v)) {
        p.integer(*i);
    } else if (auto* s = std::get_if<std::string>(&value.v)) {
        p.str(*s);
    } else {
        const auto& d = *std::get<std::shared_ptr<PtDict>>(value.v);
        p.op('}');
        if (d.empty()) return;
        p.mark();
        for (const auto& [k, v] : d) {
            p.str(k);
            pickleValue(p, v, members, root);
        }
        p.op('u');
    }
}
} // namespace detail

// The bytes of torch.save(dict) in the zip format.
inline std::string torchSaveBytes(const PtDict& dict, const std::string& root = "archive") {
    std::vector<ZipMember> storages;
    Pk p;
    p.proto();
    detail::pickleValue(p, PtValue(dict), storages, root);
    p.stop();
    std::vector<ZipMember> members{{root + "/data.pkl", p.b}};
    members.insert(members.end(), storages.begin(), storages.end());
    members.push_back({root + "/byteorder", "little"});
    members.push_back({root + "/version", "3\n"});
    return makeZip(members);
}

inline void torchSave(const QString& path, const PtDict& dict) {
    const std::string bytes = torchSaveBytes(dict);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) qFatal("cannot write %s", qPrintable(path));
    f.write(bytes.data(), static_cast<qint64>(bytes.size()));
}

} // namespace latent::test
