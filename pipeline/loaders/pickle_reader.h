// Restricted, fail-closed reader for the pickle inside PyTorch checkpoints (`archive/data.pkl`).
// It is NOT an unpickler: it interprets only the opcodes a state dict needs and builds plain
// data (dicts, tuples, numbers, strings, tensor references). The only callables it knows are
// collections.OrderedDict, torch._utils._rebuild_tensor_v2 / _rebuild_tensor /
// _rebuild_parameter, and torch.*Storage types as storage dtypes in persistent ids. Anything
// else (other globals, INST/OBJ/NEWOBJ, unknown opcodes, malformed streams) throws
// PipelineError("cannot_verify", "cannot verify this file, not loaded: ..."). Nothing is ever
// executed. Pure std (fuzzable without libtorch).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace latent {

struct PickleStorage {
    std::string key;       // zip member "<root>/data/<key>"
    std::string type;      // "FloatStorage", "HalfStorage", ...
    int element_size = 0;  // bytes per element
    uint64_t numel = 0;    // declared number of elements
    std::string location;  // "cpu", "cuda:0", ... (informational)
};

struct PickleTensor {
    std::string name;  // dotted name in the flattened state dict
    std::string storage_key;
    uint64_t storage_offset = 0;  // in elements
    std::vector<int64_t> sizes, strides;
    uint64_t numel() const;
};

struct PickleStateDict {
    std::vector<PickleTensor> tensors;              // in pickle order
    std::map<std::string, PickleStorage> storages;  // every storage referenced by the pickle
    std::vector<std::string> skipped;               // non-tensor entries ("global_step", ...)
    std::string root_key;                           // "state_dict" when the tensors were nested there
};

inline constexpr std::size_t kPickleMaxBytes = 256ull << 20;
inline constexpr int kPickleMaxDepth = 32;

// Interprets a pickle stream (protocol 2-5) restricted as described above, validates every tensor
// against its storage's declared size (overflow-checked), and flattens the result: if the root
// dict has a "state_dict" dict, that one is used; nested dicts become dotted names.
PickleStateDict parse_state_dict_pickle(const uint8_t* data, std::size_t len);

// Element size of an allowed torch storage type ("FloatStorage" -> 4), 0 if not allowed.
int pickle_storage_element_size(std::string_view type);

} // namespace latent
