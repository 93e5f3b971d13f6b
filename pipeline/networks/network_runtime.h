// Applies a set of networks (LoRA / LyCORIS files) to a loaded model without modifying its
// weights: every touched Linear / Conv2d gets a latent::nn::WeightDelta (low-rank factors, or a
// dense delta for LoHa / LoKr / IA3 / full / DoRA), every touched GroupNorm / LayerNorm points to
// a merged copy of its weight and bias while the set is active. The active set is cached: a job
// with the same networks and weights costs nothing, a job with another set releases the old
// deltas first. Several networks on one layer add up, in prompt order, as in A1111.
#pragma once

#include "pipeline/networks/network_targets.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace latent {

// One `<lora:NAME:...>` call, with its file already found.
struct NetworkRequest {
    std::string name;  // as written in the prompt
    std::string path;
    double te_multiplier = 1.0;
    double unet_multiplier = 1.0;
    std::optional<int64_t> dyn_dim;
};

struct AppliedNetwork {
    std::string name, path;
    double te_multiplier = 1.0, unet_multiplier = 1.0;
    std::string kind;         // "lora", "locon", "loha", "lokr", "ia3", "full", "norm", "dora" (most common)
    std::string base_family;  // "sd1", "sd2", "sdxl", ... or "" when the file does not tell
    std::size_t text_modules = 0, unet_modules = 0;
    std::size_t unmatched = 0;               // tensors that name no layer of this model
    std::vector<std::string> unmatched_first;  // the first few of them
    std::map<std::string, std::string> metadata;  // safetensors __metadata__
    std::string format;                      // "safetensors" / "pytorch_zip"
};

struct NetworkActivation {
    std::vector<AppliedNetwork> applied;
    std::vector<std::string> warnings;  // networks refused (bad file, other family, ...) and notes
    bool changed = false;               // layers were patched or released for this call
};

// How a network file matches a model, without applying it (for `inspect` and the checks).
struct NetworkMatch {
    AppliedNetwork info;
    std::size_t modules = 0;
    std::map<std::string, std::size_t> kinds;  // module kind -> count
    std::optional<int64_t> rank;               // LoRA / LoCon down rank (most common) when there is one
    std::optional<double> alpha;               // most common alpha
};

class NetworkRuntime {
public:
    explicit NetworkRuntime(DiffusionModel& model);
    ~NetworkRuntime();
    NetworkRuntime(const NetworkRuntime&) = delete;
    NetworkRuntime& operator=(const NetworkRuntime&) = delete;

    // Makes exactly `requests` active (in order). A network that cannot be applied (unreadable or
    // hostile file, another model family, no layer of this model, shapes that do not fit) is
    // left out entirely with a warning naming it; the others apply.
    NetworkActivation activate(const std::vector<NetworkRequest>& requests);
    // Removes every delta; the model computes with its own weights again.
    void deactivate();

    // Reads and matches one file against this model (throws PipelineError when unreadable).
    NetworkMatch match(const std::string& path);

    const NetworkTargets& targets();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// "SD 1.x", "SD 2.x", "SDXL", "SDXL refiner" for family names ("sd1", ...); the name otherwise.
std::string family_display_name(const std::string& family);

} // namespace latent
