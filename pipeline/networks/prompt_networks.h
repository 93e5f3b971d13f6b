// From a prompt's `<lora:...>` / `<lyco:...>` tags to applied networks, and from the embedding
// folders to the textual-inversion database, for one generation (the step A1111 calls
// extra_networks.activate, run before the prompt is encoded).
//
// Tag arguments as A1111's ExtraNetworkLora reads them: `<lora:NAME>` (weight 1),
// `<lora:NAME:W>` (text encoder and UNet), `<lora:NAME:TE_W:UNET_W>`, `<lora:NAME:TE_W:UNET_W:DYN>`
// and the named forms `te=`, `unet=`, `dyn=` in any position after the name. `<lyco:...>` is the
// same network type (A1111 registers it as an alias; unlike A1111, a prompt mixing both applies
// both). A weight that is not a number fails the job, naming the tag.
#pragma once

#include "pipeline/networks/network_runtime.h"
#include "pipeline/pipelines/generation.h"
#include "pipeline/tokenizers/prompt_parser.h"

#include <string>
#include <vector>

namespace latent {

struct PromptNetworkCalls {
    std::vector<NetworkRequest> requests;  // found files, prompt order (lora tags, then lyco tags)
    std::vector<std::string> not_found;    // names without a file
};

// Throws PipelineError("bad_network_args") for a weight that is not a number.
PromptNetworkCalls resolve_prompt_networks(const ExtraNetworks& extra, const std::vector<std::string>& lora_dirs);

// Applies the prompt's networks to `model` (replacing the previous job's set, or releasing it when
// the prompt has none) and refreshes the model's embedding database from `request.embedding_dirs`.
// Fills result.networks / networks_not_applied / warnings. Returns the database (null when there
// are no embedding folders).
const EmbeddingDatabase* prepare_networks(DiffusionModel& model, const GenerationRequest& request,
                                          GenerationResult& result);

} // namespace latent
