// Reads the tensors of a network file (LoRA / LyCORIS / textual-inversion embedding): a
// .safetensors file through the strict reader, or a PyTorch zip file (.pt / .ckpt / .bin) through
// the restricted pickle + zip readers (never unpickled, never executed). The format is decided by
// the file's bytes. Tensors come back on the CPU in the dtype the file stores.
#pragma once

#include <ATen/core/Tensor.h>

#include <map>
#include <string>

namespace latent {

struct NetworkTensors {
    std::string path;
    std::string format;                          // "safetensors" or "pytorch_zip"
    std::map<std::string, at::Tensor> tensors;   // nested pickle dicts flattened to dotted names
    std::map<std::string, std::string> metadata; // safetensors __metadata__ (empty for .pt)
    uint64_t bytes = 0;                          // file size
};

// Throws PipelineError with a plain-English message naming the file: "not_found", "wrong_format"
// (LFS pointer, HTML page, legacy non-zip pickle, ...), "cannot_verify" (refused by the restricted
// readers), the strict safetensors reader's codes, "io_error" / "truncated".
NetworkTensors read_network_file(const std::string& path);

} // namespace latent
