// The network parts of a job (an A1111 request body plus the studio's own keys):
//   "lora_dirs", "embedding_dirs", "vae_dirs"   folders to look networks up in (JSON arrays)
//   "model_roots"                              A1111 model roots; their Lora/LyCORIS/VAE/
//                                              embeddings folders are added to the lists above
//   override_settings.sd_vae                   A1111's VAE choice ("Automatic", "None", a name),
//                                              used when the job has no "vae_path"
// and the hashes A1111 writes for them ("Lora hashes", "TI hashes").
#pragma once

#include "app/jobs/generation_runner.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace latent {

class GenerationParams;

// Fills spec.request.lora_dirs / embedding_dirs and (when spec.vaePath is empty) spec.vaePath.
// Returns an error sentence (unknown VAE name, wrong types), else an empty string.
QString applyNetworkParams(const QJsonObject& params, GenerationJobSpec& spec);

// A1111's short hash of a LoRA file (first 12 hex): the `sshs_model_hash` metadata when given,
// else the addnet hash of a .safetensors file, else the SHA-256 of the whole file. Cached by
// path, size and modification time. Empty when the file cannot be read.
QString loraShortHash(const QString& path, const QString& metadataHash = {});
// A1111's textual-inversion hash (first 12 hex of the file's SHA-256), cached likewise.
QString embeddingShortHash(const QString& path);

// Sets "Lora hashes" and "TI hashes" of `p` from what the job used, exactly as A1111 writes them
// (names without ':' and ','; LoRAs by the name the prompt used, each once; the prompt's
// embeddings, then the negative prompt's).
void addNetworkHashes(GenerationParams& p, const GenerationResult& result);

} // namespace latent
