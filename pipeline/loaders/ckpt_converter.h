// Safe conversion of PyTorch zip checkpoints (.ckpt/.pt/.pth/.bin) to safetensors, without ever
// unpickling them: the container is checked by our ZIP reader, `data.pkl` is interpreted by the
// restricted pickle reader (pickle_reader.h), storages are read with bounded reads, and the
// output is written atomically and re-read with the strict safetensors reader. Anything the
// readers cannot verify throws PipelineError("cannot_verify", "cannot verify this file, not
// loaded: ...") and nothing is written. Never calls torch::pickle_load / torch::jit::load.
//
// Run it out of process in the app (latentstudio-cli convert): a crash there cannot take the
// GUI down, and the output is checked again when it is loaded.
#pragma once

#include "pipeline/loaders/pickle_reader.h"
#include "pipeline/loaders/zip_reader.h"

#include <ATen/core/Tensor.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace latent {

// A verified PyTorch zip checkpoint: allowed members only (`<root>/data.pkl` once,
// `<root>/data/<key>` for exactly the storages the pickle references, `version`, `byteorder`
// (must be "little"), `.data/version`, `.data/serialization_id`, `.format_version`,
// `.storage_alignment`), every storage's size equal to its declared numel × element size.
class TorchZipCheckpoint {
public:
    static TorchZipCheckpoint open(const std::string& path);  // throws PipelineError
    const PickleStateDict& state() const { return state_; }
    const ZipArchive& archive() const { return zip_; }
    // Materialises one tensor (contiguous CPU tensor of its stored dtype, optionally converted).
    at::Tensor load(const PickleTensor& t, std::optional<at::ScalarType> to = std::nullopt) const;

private:
    ZipArchive zip_;
    std::string root_;
    PickleStateDict state_;
};

struct ConvertOptions {
    bool overwrite = false;                   // replace an existing output file
    std::optional<at::ScalarType> dtype;      // convert floating tensors (e.g. at::kHalf); ints kept
    std::map<std::string, std::string> metadata;  // extra __metadata__ entries
};

struct ConvertReport {
    std::string input, output;
    std::size_t tensors = 0;
    std::vector<std::string> skipped;  // non-tensor entries dropped ("global_step", ...)
    uint64_t output_bytes = 0;
};

// Converts `in` (a PyTorch zip checkpoint, detected by its bytes) to safetensors at `out`.
// Errors: "cannot_verify" (refused by the restricted readers), "wrong_format" (not a PyTorch
// checkpoint: LFS pointer, HTML page, ...), "already_safetensors", "output_exists",
// "convert_verify_failed", I/O errors. On error no output file exists.
ConvertReport convert_checkpoint(const std::string& in, const std::string& out, const ConvertOptions& opts = {});

} // namespace latent
