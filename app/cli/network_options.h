// The network part of the generation options (txt2img / img2img): folders from --models-root,
// --lora-dir and --embeddings-dir, the VAE choice, and the networks of an --infotext.
#pragma once

#include "app/cli/generation_options.h"

namespace latent {

// Completes `o` after parsing: sets request.lora_dirs / embedding_dirs and vaePath, renames the
// infotext's LoRA tags to local files by hash and lists what is missing in o.warnings. Returns an
// error sentence (a named VAE that does not exist), else an empty string.
QString finishNetworkOptions(CliGenerationOptions& o);

} // namespace latent
