// Decides what a model file really is from its first bytes (never from its extension), and
// explains each format in plain language.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace latent {

enum class FileFormat {
    Safetensors,
    PyTorchZip,      // torch.save zip container (archive/data.pkl + storages): pickle inside
    Pickle,          // bare pickle (legacy torch.save, .ckpt/.pt/.bin)
    GitLfsPointer,   // "version https://git-lfs.github.com/spec/v1 ..." text file
    Html,            // a web page (login / error page) saved under a model's name
    Json,            // a JSON document (API error body) saved under a model's name
    Gguf,            // GGUF (llama.cpp / stable-diffusion.cpp quantised weights)
    Empty,           // 0 bytes
    Unknown,
    DiffusersFolder, // a directory holding model_index.json
    Directory,       // a directory without model_index.json
    Zip,             // another zip archive (not a PyTorch checkpoint)
    SevenZip,        // 7z archive
};

// Sniffs `path` (file or directory). Throws PipelineError("not_found"/"io_error") when the path
// cannot be read.
FileFormat sniff_format(const std::string& path);

// Sniffs the first `len` bytes of a file of `file_size` bytes (`len` may be smaller than the
// file; 4 KiB is plenty). Pure function, safe to fuzz.
FileFormat sniff_format_bytes(const uint8_t* data, std::size_t len, uint64_t file_size);

// Stable names: "safetensors", "pytorch_zip", "pickle", "git_lfs_pointer", "html", "json",
// "gguf", "empty", "unknown", "diffusers_folder", "directory", "zip", "7z".
std::string format_name(FileFormat f);

// One or two plain-English sentences telling the user what the file is and what to do.
std::string format_explanation(FileFormat f);

// True for formats that hold pickle bytecode (PyTorchZip, Pickle): never load them directly.
bool format_is_pickle(FileFormat f);

} // namespace latent
