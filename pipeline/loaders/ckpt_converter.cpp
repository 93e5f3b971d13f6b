#include "pipeline/loaders/ckpt_converter.h"

#include "pipeline/core/error.h"
#include "pipeline/loaders/format_sniff.h"
#include "pipeline/tensors/safetensors.h"

#include <ATen/ATen.h>

#include <cstring>
#include <filesystem>
#include <set>

namespace latent {

namespace {

[[noreturn]] void refuse(const std::string& why) {
    throw PipelineError("cannot_verify", "cannot verify this file, not loaded: " + why + ".");
}

at::ScalarType storage_scalar(const std::string& type) {
    if (type == "FloatStorage") return at::kFloat;
    if (type == "HalfStorage") return at::kHalf;
    if (type == "BFloat16Storage") return at::kBFloat16;
    if (type == "DoubleStorage") return at::kDouble;
    if (type == "LongStorage") return at::kLong;
    if (type == "IntStorage") return at::kInt;
    if (type == "ShortStorage") return at::kShort;
    if (type == "CharStorage") return at::kChar;
    if (type == "ByteStorage") return at::kByte;
    if (type == "BoolStorage") return at::kBool;
    if (type == "ComplexFloatStorage") return at::kComplexFloat;
    refuse("unsupported storage type '" + type + "'");
}

} // namespace

TorchZipCheckpoint TorchZipCheckpoint::open(const std::string& path) {
    TorchZipCheckpoint c;
    c.zip_ = ZipArchive::open(path);
    const auto& entries = c.zip_.entries();
    if (entries.empty()) refuse("the zip archive is empty");
    // One top-level folder holds everything ("archive/" or the file's stem).
    const std::string& first = entries.front().name;
    const auto slash = first.find('/');
    if (slash == std::string::npos || slash == 0) refuse("the archive has no top-level folder");
    c.root_ = first.substr(0, slash + 1);
    const ZipEntry* pkl = nullptr;
    std::set<std::string> storage_members;
    for (const auto& e : entries) {
        if (e.name.compare(0, c.root_.size(), c.root_) != 0) refuse("the archive mixes several top-level folders");
        const std::string rel = e.name.substr(c.root_.size());
        if (rel == "data.pkl") {
            pkl = &e;
        } else if (rel.compare(0, 5, "data/") == 0 && rel.size() > 5 && rel.find('/', 5) == std::string::npos) {
            storage_members.insert(rel.substr(5));
        } else if (rel == "version" || rel == ".data/version" || rel == ".data/serialization_id" ||
                   rel == ".format_version" || rel == ".storage_alignment" || rel == "byteorder") {
            if (e.size > 64) refuse("the archive member '" + rel + "' is unexpectedly large");
            if (rel == "byteorder") {
                const auto b = c.zip_.read_all(e, 64);
                if (std::string(b.begin(), b.end()) != "little") refuse("the checkpoint was written big-endian");
            }
        } else {
            refuse("the archive contains an unexpected member '" + e.name.substr(0, 120) + "'");
        }
    }
    if (!pkl) refuse("the archive has no data.pkl (not a PyTorch checkpoint)");
    const auto bytes = c.zip_.read_all(*pkl, kPickleMaxBytes);
    c.state_ = parse_state_dict_pickle(bytes.data(), bytes.size());
    // Storages: exactly the referenced ones, each with exactly its declared size.
    for (const auto& [key, s] : c.state_.storages) {
        const ZipEntry* e = c.zip_.find(c.root_ + "data/" + key);
        if (!e) refuse("the storage '" + key + "' is missing from the archive");
        uint64_t expect;
        if (__builtin_mul_overflow(s.numel, static_cast<uint64_t>(s.element_size), &expect) || e->size != expect)
            refuse("the storage '" + key + "' has " + std::to_string(e->size) + " bytes but declares " +
                   std::to_string(s.numel) + " elements of " + s.type);
        storage_members.erase(key);
    }
    if (!storage_members.empty()) refuse("the archive contains unreferenced data '" + storage_members.begin()->substr(0, 60) + "'");
    return c;
}

at::Tensor TorchZipCheckpoint::load(const PickleTensor& t, std::optional<at::ScalarType> to) const {
    const auto it = state_.storages.find(t.storage_key);
    if (it == state_.storages.end()) refuse("tensor refers to an unknown storage");
    const PickleStorage& s = it->second;
    const ZipEntry* e = zip_.find(root_ + "data/" + s.key);
    if (!e) refuse("missing storage");
    const at::ScalarType st = storage_scalar(s.type);
    at::Tensor storage;
    if (st == at::kBool) {
        at::Tensor raw = at::empty({static_cast<int64_t>(s.numel)}, at::kByte);
        zip_.read_all(*e, raw.data_ptr());
        storage = raw.ne(0);
    } else {
        storage = at::empty({static_cast<int64_t>(s.numel)}, st);
        if (static_cast<uint64_t>(storage.nbytes()) != e->size) refuse("storage size mismatch");
        zip_.read_all(*e, storage.data_ptr());
    }
    // Extents were validated by the pickle reader (offset + Σ(size-1)·stride < numel).
    at::Tensor out = t.sizes.empty() && t.numel() == 1
                         ? storage.narrow(0, static_cast<int64_t>(t.storage_offset), 1).reshape({})
                         : storage.as_strided(t.sizes, t.strides, static_cast<int64_t>(t.storage_offset));
    out = out.contiguous().clone();
    if (to && *to != out.scalar_type()) out = out.to(*to);
    return out;
}

ConvertReport convert_checkpoint(const std::string& in, const std::string& out, const ConvertOptions& opts) {
    const FileFormat f = sniff_format(in);
    switch (f) {
    case FileFormat::PyTorchZip: break;
    case FileFormat::Safetensors:
        throw PipelineError("already_safetensors", "'" + in + "' is already a safetensors file; no conversion needed.");
    case FileFormat::Pickle:
        refuse("this is a legacy (non-zip) pickle checkpoint, which the safe converter does not read");
    case FileFormat::Zip: refuse("this zip archive is not a PyTorch checkpoint (no data.pkl)");
    case FileFormat::SevenZip: refuse("this is a 7z archive, not a PyTorch checkpoint");
    default:
        throw PipelineError("wrong_format", "'" + std::filesystem::path(in).filename().string() +
                                                "' is not a PyTorch checkpoint. " + format_explanation(f));
    }
    std::error_code ec;
    if (!opts.overwrite && std::filesystem::exists(out, ec))
        throw PipelineError("output_exists", "The output file '" + out + "' already exists.");

    const TorchZipCheckpoint ckpt = TorchZipCheckpoint::open(in);
    const auto& st = ckpt.state();
    if (st.tensors.empty()) refuse("the checkpoint holds no tensors");
    for (const auto& t : st.tensors)
        if (!is_valid_utf8(t.name)) refuse("a tensor name is not valid UTF-8");

    // Streamed: the header comes from the pickle's tensor descriptions, then each tensor is read
    // from its storage, converted and written before the next one is touched (never the whole
    // model in memory).
    auto file_type = [&](const PickleTensor& t) {
        const auto it = st.storages.find(t.storage_key);
        if (it == st.storages.end()) refuse("a tensor refers to an unknown storage");
        const at::ScalarType s = storage_scalar(it->second.type);
        return (opts.dtype && at::isFloatingType(s)) ? *opts.dtype : s;
    };
    std::vector<SafetensorsTensorSpec> specs;
    specs.reserve(st.tensors.size());
    for (const auto& t : st.tensors) specs.push_back({t.name, file_type(t), t.sizes});
    auto produce = [&](std::size_t i) {
        at::Tensor x = ckpt.load(st.tensors[i]);
        if (x.scalar_type() != specs[i].dtype) x = x.to(specs[i].dtype);
        return x;
    };
    std::map<std::string, std::string> meta = opts.metadata;
    meta.emplace("format", "pt");
    meta.emplace("converted_from", std::filesystem::path(in).filename().string());
    write_safetensors_streamed(out, specs, produce, meta);

    // Re-read strictly and compare every tensor with a fresh read of the checkpoint, one at a time.
    try {
        const SafetensorsFile check = SafetensorsFile::open(out);
        if (check.tensors().size() != specs.size())
            throw PipelineError("convert_verify_failed", "The converted file does not hold every tensor.");
        for (std::size_t i = 0; i < specs.size(); ++i) {
            const TensorInfo* ti = check.find(specs[i].name);
            if (!ti) throw PipelineError("convert_verify_failed", "The converted file lacks a tensor.");
            const at::Tensor back = check.load(*ti);
            const at::Tensor tc = produce(i).contiguous();
            // Byte comparison (NaN-safe): both tensors are contiguous CPU tensors of one dtype.
            if (back.scalar_type() != tc.scalar_type() || !back.sizes().equals(tc.sizes()) ||
                back.nbytes() != tc.nbytes() ||
                (tc.nbytes() && std::memcmp(back.data_ptr(), tc.data_ptr(), tc.nbytes()) != 0))
                throw PipelineError("convert_verify_failed", "A converted tensor differs from the checkpoint.");
        }
    } catch (...) {
        std::filesystem::remove(out, ec);
        throw;
    }
    ConvertReport r;
    r.input = in;
    r.output = out;
    r.tensors = specs.size();
    r.skipped = st.skipped;
    r.output_bytes = std::filesystem::file_size(out, ec);
    return r;
}

} // namespace latent
