// `latentstudio-cli inspect PATH`, `convert FILE.ckpt --out FILE.safetensors` and the hidden
// `convert-worker` child of convert (see app/library/safe_convert.h).
#pragma once

#include <QStringList>

namespace latent {

// Prints one JSON object describing a model file or diffusers folder (format, family,
// prediction, components, tensors, sha256, hash10, autov1, lora_hash for LoRAs). SD 2.x single
// files without a sidecar get A1111's UNet test for the prediction (only the UNet is loaded;
// `--no-probe` skips it). `--no-hash` skips hashing. 0 on success, 2 on bad input (one line on
// stderr, nothing on stdout).
int runInspectCommand(const QStringList& args);

// Converts a PyTorch checkpoint to safetensors out of process. Prints a JSON report; 0 on
// success, 2 when the file is refused or the arguments are wrong, 1 on I/O failures.
int runConvertCommand(const QStringList& args);

// The child side of convert (not listed in the usage text).
int runConvertWorkerCommand(const QStringList& args);

} // namespace latent
