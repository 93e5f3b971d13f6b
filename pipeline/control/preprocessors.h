// ControlNet preprocessors ("modules") and control-map preparation with sd-webui-controlnet's
// semantics (scripts/processor.py, controlnet.py detectmap_proc, external_code.py), on 8-bit
// images with OpenCV (core + imgproc) so results equal what the extension's users get.
// Torch-free: the studio calls it for the preview, the engine before a job.
//
// Model-free modules: none, canny, invert, tile_resample, inpaint_only (and inpaint),
// scribble_xdog, threshold, blur_gaussian. Modules that need their own network (depth, openpose,
// lineart, ...) are listed with `needs_model` and the file to download; running one throws.
#pragma once

#include "pipeline/control/control_unit.h"
#include "pipeline/imaging/image_u8.h"

#include <string>
#include <vector>

namespace latent {

struct PreprocessorSlider {
    std::string name;  // "Preprocessor Resolution", "Canny Low Threshold", ...; empty = unused
    double minimum = 0, maximum = 0, value = 0, step = 1;
    bool used() const { return !name.empty(); }
};

struct PreprocessorInfo {
    std::string name;         // "canny"
    std::string label;        // "Canny" (display)
    bool needs_model = false; // runs a network we do not ship
    std::string model_file;   // what to download for it (needs_model)
    PreprocessorSlider resolution, slider_a, slider_b;  // processor_res, threshold_a, threshold_b
};

// Every module the studio lists, model-free first.
const std::vector<PreprocessorInfo>& control_preprocessors();
// By name or the extension's aliases ("none", "canny", "invert (from white bg & black line)",
// "tile_resample", "inpaint_only", "scribble_xdog", "threshold", "blur_gaussian", ...); nullptr
// if unknown.
const PreprocessorInfo* find_preprocessor(const std::string& name);

// HWC3: L -> RGB, RGB as is, RGBA composited over white (A·c + 255·(1 − A), truncated).
ImageU8 hwc3(const ImageU8& image);

// The module's detected map for `image` (RGB/L/RGBA; `mask` L or RGB, white = masked, only used
// by inpaint modules: the result is then RGBA with the mask in alpha). `res`, `a`, `b` are
// processor_res, threshold_a, threshold_b; values < 0 (or outside the slider range) take the
// module's defaults, as the extension's bound check does. Throws PipelineError
// ("unknown_preprocessor", "preprocessor_needs_model", "bad_image").
ImageU8 run_preprocessor(const std::string& module, const ImageU8& image, const ImageU8& mask = {}, int res = -1,
                         double a = -1, double b = -1);

// sd-webui-controlnet's pixel-perfect processor resolution for a raw image and the target size.
int pixel_perfect_resolution(int64_t raw_width, int64_t raw_height, int64_t target_width, int64_t target_height,
                             ControlResizeMode mode);

// detectmap_proc: fits a detected map to width x height by resize mode with the extension's
// high-quality resize (nearest for few colours, area when shrinking, cubic when growing; binary
// maps re-thresholded with Otsu and one-pixel edges re-thinned). Inpaint maps (RGBA) keep the
// mask in alpha, binarised at 127.
ImageU8 fit_control_map(const ImageU8& map, ControlResizeMode mode, int64_t width, int64_t height, bool inpaint);

// The whole preparation of one unit for a width x height generation: pixel perfect, the module,
// the fit. Returns the map the ControlNet is fed (RGB, or RGBA for inpaint modules).
ImageU8 prepare_control_map(const ControlUnit& unit, int64_t width, int64_t height);

// True for modules whose map carries an inpaint mask (RGBA, masked pixels fed as −1).
bool is_inpaint_module(const std::string& module);

} // namespace latent
