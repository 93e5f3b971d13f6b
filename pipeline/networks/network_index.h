// Finds network and embedding files by the names a prompt uses, as A1111 does:
//   LoRA folders (`models/Lora`, `models/LyCORIS`, subfolders included): `.safetensors`, `.pt`,
//   `.ckpt`; the name is the file name without extension; a LoRA also answers to its alias, the
//   `ss_output_name` of its safetensors metadata, unless two files claim the same alias (or the
//   alias is "none"), in which case only file names work.
//   Embedding folders (`embeddings/`, subfolders included): `.safetensors`, `.pt`, `.bin`.
// Scans are cached per folder set and repeated when a name is not found (files added since).
#pragma once

#include <string>
#include <vector>

namespace latent {

struct NetworkFileEntry {
    std::string name;   // file name without extension
    std::string alias;  // ss_output_name (LoRA), else the name
    std::string path;
};

// All LoRA / LyCORIS files under `dirs` (missing folders are skipped).
std::vector<NetworkFileEntry> list_network_files(const std::vector<std::string>& dirs);
// All embedding files under `dirs`.
std::vector<NetworkFileEntry> list_embedding_files(const std::vector<std::string>& dirs);

// The LoRA file `name` refers to (A1111's available_network_aliases rules), or "" when none.
std::string find_network_file(const std::string& name, const std::vector<std::string>& dirs);

} // namespace latent
