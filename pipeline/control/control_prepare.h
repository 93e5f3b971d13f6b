// Turning the ControlNet units of a request into a ControlSet for one generation: validate the
// units, load (or reuse) their ControlNets, refuse one made for another model family, fall back
// to img2img's init image (and mask, for inpaint modules) when a unit has no image, run the
// preprocessor, fit the map to the generation size and build the hint tensor.
#pragma once

#include "pipeline/control/control_set.h"
#include "pipeline/loaders/controlnet_loader.h"
#include "pipeline/pipelines/diffusion_model.h"
#include "pipeline/pipelines/generation.h"

#include <list>
#include <memory>
#include <string>

namespace latent {

// Loaded ControlNets by path, most recently used first (a few are kept: ~0.7 GB each at SD 1.5
// size in fp16).
class ControlNetCache {
public:
    explicit ControlNetCache(size_t capacity = 2) : capacity_(capacity) {}
    std::shared_ptr<LoadedControlNet> get(const std::string& path, const LoadOptions& options);
    void clear() { entries_.clear(); }
    size_t size() const { return entries_.size(); }

private:
    size_t capacity_;
    std::list<std::pair<std::string, std::shared_ptr<LoadedControlNet>>> entries_;
};

// Model-free checks of the enabled units (weights 0..2, guidance 0 <= start <= end <= 1, a known
// model-free module, a model path, an image unless `init_image_fallback`). Throws
// PipelineError("bad_request" / "unknown_preprocessor" / "preprocessor_needs_model").
void validate_control_units(const std::vector<ControlUnit>& units, bool init_image_fallback);

// The hires fix's second pass (txt2img): its set is built from the same detected maps (the
// preprocessor runs once, pixel perfect from the first pass's size, as the extension's
// get_control), fitted by each unit's resize mode to width x height (the second pass's size),
// with `model` (the hires checkpoint or the same model) for the family check and inpaint_only's
// restore latent. hr_option decides per pass whether a unit adds residuals.
struct HiresControlTarget {
    DiffusionModel* model = nullptr;
    int64_t width = 0, height = 0;
    std::unique_ptr<ControlSet>* out = nullptr;  // receives the second pass's set
};

// Builds the set for `request.controlnet` (enabled units only). `init` (img2img / inpaint) gives
// the fallback image; its resize mode comes from request.img2img.resize_mode as in the
// extension. Warnings (unused tensors, ...) are appended to `warnings`. With `hires` the returned
// set is the first pass's and *hires->out the second pass's.
std::unique_ptr<ControlSet> build_control_set(const GenerationRequest& request, DiffusionModel& model,
                                              ControlNetCache& cache, const InitImages* init,
                                              std::vector<std::string>* warnings,
                                              const HiresControlTarget* hires = nullptr);

} // namespace latent
