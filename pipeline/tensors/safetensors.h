// Strict safetensors reader and atomic writer (SAFETY.md §1, rules R1-R15).
//
// The reader validates the whole header (size bounds, UTF-8, JSON grammar, duplicate keys,
// dtypes, shapes, overflow-checked byte counts, contiguous offsets, no trailing bytes) before
// allocating anything sized by it, and reads tensor data with bounded pread() calls (no mmap,
// so a truncated file or a removed drive gives an error instead of SIGBUS).
//
// Error codes (PipelineError::code()):
//   safetensors_too_short        file shorter than 8 bytes
//   safetensors_header_too_large N > 100,000,000 or 8 + N > file size
//   wrong_format                 the bytes are another known format (LFS pointer, HTML, pickle, zip ...)
//   safetensors_invalid_header   not UTF-8, not one JSON object, bad number, depth > 8, bad entry
//   safetensors_duplicate_key    a tensor name (or __metadata__) appears twice
//   safetensors_invalid_metadata __metadata__ is not an object of string -> string
//   safetensors_unknown_dtype    dtype string not in the safetensors list
//   safetensors_size_overflow    element count x bits overflows 64 bits
//   safetensors_size_mismatch    data_offsets span != shape x dtype size, or sub-byte misalignment
//   safetensors_bad_offsets      first begin != 0, gap, overlap, end < begin
//   safetensors_trailing_data    bytes after the last tensor (or data section not fully used)
//   safetensors_too_many_tensors more than 200,000 tensors (our cap)
//   safetensors_rank_too_large   rank > 16 (our cap)
//   unsupported_dtype            known dtype that this build cannot turn into a tensor
//   io_error / truncated         read errors, file shorter than its header says
//   not_found                    tensor name absent (load by name)
#pragma once

#include "pipeline/tensors/safetensors_header.h"

#include <ATen/core/Tensor.h>
#include <c10/core/ScalarType.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace latent {

// The libtorch scalar type for a file dtype, or nullopt when this build cannot represent it.
std::optional<at::ScalarType> safe_dtype_to_scalar(SafeDType t);
// The file dtype for a libtorch scalar type, or nullopt when safetensors has no equivalent.
std::optional<SafeDType> safe_dtype_from_scalar(at::ScalarType t);

class SafetensorsFile {  // strict reader, rules R1-R15; cheap to copy and move (shared handle)
public:
    static SafetensorsFile open(const std::string& path);  // throws PipelineError
    SafetensorsFile() = default;

    const std::string& path() const;
    const std::vector<TensorInfo>& tensors() const;  // header order not guaranteed
    const TensorInfo* find(std::string_view name) const;  // nullptr if absent
    bool contains(std::string_view name) const;
    const std::map<std::string, std::string>& metadata() const;  // "__metadata__"
    uint64_t data_offset() const;  // 8 + N
    uint64_t file_size() const;
    bool is_open() const { return static_cast<bool>(impl_); }

    // Reads one tensor with bounded reads into a new CPU tensor of its own dtype, optionally
    // converted to `to` (e.g. at::kFloat). Throws on I/O errors / truncation / unsupported dtype.
    at::Tensor load(const TensorInfo& t, std::optional<at::ScalarType> to = std::nullopt) const;
    at::Tensor load(std::string_view name, std::optional<at::ScalarType> to = std::nullopt) const;

    // Reads `len` raw bytes at `offset` relative to the data section (bounded, checked).
    void read_data(uint64_t offset, void* dst, uint64_t len) const;

    struct Impl;

private:
    std::shared_ptr<const Impl> impl_;
};

// Writes atomically (temp file `path.tmp-XXXXXX` in the same folder, fsync, rename). Tensors are
// written contiguous, little-endian, in the given order; header padded with spaces to a multiple
// of 8; `metadata` becomes "__metadata__". Throws PipelineError("write_failed" / "invalid_argument").
void write_safetensors(const std::string& path,
                       const std::vector<std::pair<std::string, at::Tensor>>& tensors,
                       const std::map<std::string, std::string>& metadata = {});

// Streaming writer: the header is built from `specs` (name, dtype, shape) first, then each
// tensor's bytes are asked for one at a time (`produce(i)` must return a CPU or device tensor of
// exactly specs[i]'s dtype and shape; it may be freed right after), so a model can be written
// without holding it whole in memory. Same atomic temp-file + rename as write_safetensors; on any
// error (including one thrown by `produce`) nothing is left behind.
struct SafetensorsTensorSpec {
    std::string name;
    at::ScalarType dtype = at::kFloat;
    std::vector<int64_t> shape;
};
using SafetensorsTensorProducer = std::function<at::Tensor(std::size_t index)>;
void write_safetensors_streamed(const std::string& path, const std::vector<SafetensorsTensorSpec>& specs,
                                const SafetensorsTensorProducer& produce,
                                const std::map<std::string, std::string>& metadata = {});

// Serialises the header that write_safetensors would write (JSON text already padded). Exposed
// for tests and tools.
std::string build_safetensors_header(const std::vector<std::pair<std::string, at::Tensor>>& tensors,
                                     const std::map<std::string, std::string>& metadata);
std::string build_safetensors_header(const std::vector<SafetensorsTensorSpec>& specs,
                                     const std::map<std::string, std::string>& metadata);


} // namespace latent
