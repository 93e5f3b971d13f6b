// Pure-std part of the strict safetensors reader: dtypes and header validation (rules R1-R14)
// over a memory buffer. No libtorch, so fuzz harnesses can build it alone. Most code includes
// "pipeline/tensors/safetensors.h" instead, which includes this file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace latent {

enum class SafeDType { BOOL, U8, I8, I16, U16, I32, U32, I64, U64, F16, BF16, F32, F64, C64,
                       F8_E5M2, F8_E4M3, F8_E8M0, F8_E4M3FNUZ, F8_E5M2FNUZ, F4, F6_E2M3, F6_E3M2 };

struct TensorInfo {
    std::string name;
    SafeDType dtype = SafeDType::F32;
    std::vector<int64_t> shape;
    uint64_t begin = 0, end = 0;  // relative to the data section
};

// "F16", "BF16", ... exactly as in the file format.
std::string_view safe_dtype_name(SafeDType t);
std::optional<SafeDType> safe_dtype_from_name(std::string_view name);
int safe_dtype_bits(SafeDType t);

// Limits of the strict reader.
inline constexpr uint64_t kSafetensorsMaxHeader = 100'000'000;  // R2
inline constexpr std::size_t kSafetensorsMaxTensors = 200'000;  // R12
inline constexpr std::size_t kSafetensorsMaxRank = 16;          // R12
inline constexpr int kSafetensorsMaxDepth = 8;                  // R4

struct SafetensorsHeader {
    std::vector<TensorInfo> tensors;             // header order
    std::map<std::string, std::string> metadata; // "__metadata__"
    uint64_t header_size = 0;                    // N
    uint64_t data_size = 0;                      // file size - 8 - N
};

// Pure validation of the N header bytes (the JSON text after the 8-byte length) of a file of
// `file_size` bytes (rules R3-R12). Throws PipelineError. Never allocates more than a small
// multiple of `header_len` (bounded by the tensor cap). Safe to fuzz.
SafetensorsHeader parse_safetensors_header(const uint8_t* header, std::size_t header_len,
                                           uint64_t file_size);
// Same, starting from the first bytes of a whole file (applies R1/R2 too). `data` may be a
// prefix of the file as long as it holds the 8 + N header bytes; `file_size` is the full size.
SafetensorsHeader parse_safetensors_prefix(const uint8_t* data, std::size_t len, uint64_t file_size);

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool is_valid_utf8(std::string_view s);

// Tensor names are opaque bytes (R14): escaped control bytes and shortened, for messages.
std::string printable_tensor_name(std::string_view name, std::size_t max = 80);

} // namespace latent
