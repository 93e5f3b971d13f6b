// The A1111 models-folder layout shared by the library, the downloader and the importer:
// model kinds, the folder each kind lives in under a model root, and what counts as a model file.
//
//   <root>/Stable-diffusion/   checkpoints (files and diffusers folders)
//   <root>/Lora/, <root>/LyCORIS/   LoRA / LyCORIS networks
//   <root>/VAE/                 VAEs
//   <root>/embeddings/          textual-inversion embeddings
//   <root>/ControlNet/          ControlNets
//   <root>/ESRGAN/, <root>/RealESRGAN/   image upscalers (ESRGAN-family models)
//
// A root may also be an A1111 webui folder (holding models/): normalizeModelRoot() maps it to
// its models/ folder. Files directly in a root (not in a kind folder) are listed by their
// sniffed kind.
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace latent {

enum class ModelKind { Checkpoint, Lora, Vae, Embedding, ControlNet, Unknown, Upscaler };

// Stable names (persisted, JSON, CLI --kind): "checkpoint", "lora", "vae", "embedding",
// "controlnet", "upscaler", "unknown".
QString modelKindName(ModelKind kind);
std::optional<ModelKind> modelKindFromName(const QString& name);
// Translated plural for tabs and messages ("Checkpoints", "LoRA", ...).
QString modelKindDisplayName(ModelKind kind);

// The A1111 folder name of a kind ("Stable-diffusion", "Lora", "VAE", "embeddings",
// "ControlNet", "ESRGAN"); empty for Unknown.
QString modelKindFolder(ModelKind kind);

// Destination folder for `kind` under `root` (root normalised first), e.g.
// modelDestinationFolder("/a1111/models", ModelKind::Lora) == "/a1111/models/Lora".
// Returns an empty string for ModelKind::Unknown. Does not create the folder.
QString modelDestinationFolder(const QString& root, ModelKind kind);

// The kind implied by a folder name directly under a root ("Lora" and "LyCORIS" -> Lora, ...;
// case-insensitive), or nullopt for any other folder.
std::optional<ModelKind> modelKindForFolder(const QString& folderName);

// Every folder name the scanner walks under a root, in display order.
QStringList modelKindFolders();

// A webui folder (containing models/Stable-diffusion or models/Lora) maps to its models/
// folder; anything else is returned cleaned and absolute.
QString normalizeModelRoot(const QString& path);

// True for file names the library lists: .safetensors, .sft, .ckpt, .pt, .pth, .bin, .gguf
// (any case). Never true for in-progress downloads (".part", ".tmp-*") or hidden files.
bool isModelFileName(const QString& fileName);

// The kind a detected family string belongs to ("sd1", "sdxl", ... -> Checkpoint; "lora" ->
// Lora; "vae"; "embedding"; "controlnet"; "upscaler"; anything else -> Unknown).
ModelKind modelKindForFamily(const QString& family);

} // namespace latent
