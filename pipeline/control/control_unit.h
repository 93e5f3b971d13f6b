// One ControlNet unit of a generation request, with sd-webui-controlnet's fields and defaults
// (internal_controlnet/args.py ControlNetUnit). Torch-free: safe for app/ and ui/ headers.
#pragma once

#include "pipeline/imaging/image_u8.h"

#include <optional>
#include <string>
#include <vector>

namespace latent {

// sd-webui-controlnet ControlMode: "Balanced", "My prompt is more important" (soft weights
// 0.825^(12−i)), "ControlNet is more important" (soft weights, control on the conditional half
// of the CFG batch only).
enum class ControlMode { Balanced, Prompt, Control };
// ResizeMode: "Just Resize", "Crop and Resize" (the default), "Resize and Fill".
enum class ControlResizeMode { JustResize, CropAndResize, ResizeAndFill };
// HiResFixOption (with the hires fix only): "Both" (the default) runs the unit in both passes,
// "Low res only" in the first, "High res only" in the second.
enum class ControlHiresOption { Both, LowResOnly, HighResOnly };

struct ControlUnit {
    bool enabled = true;
    std::string model;        // as requested: a path, a file name or "name [hash8]"
    std::string model_path;   // the resolved file or folder (set by the caller before the job)
    std::string model_title;  // "name [hash8]" as the extension prints it in infotexts
    std::string module = "none";
    ImageU8 image;            // control image (L, RGB or RGBA, 8-bit); empty = img2img's init image
    ImageU8 mask;             // optional mask (white = masked), for inpaint modules
    double weight = 1.0;
    double guidance_start = 0.0;
    double guidance_end = 1.0;
    ControlMode control_mode = ControlMode::Balanced;
    ControlResizeMode resize_mode = ControlResizeMode::CropAndResize;
    int processor_res = -1;   // -1 = the module's default
    double threshold_a = -1;  // -1 = the module's default
    double threshold_b = -1;
    bool pixel_perfect = false;
    ControlHiresOption hr_option = ControlHiresOption::Both;
};

// Stable names: "Balanced", "My prompt is more important", "ControlNet is more important".
std::string control_mode_name(ControlMode mode);
// Name, the CLI word ("balanced", "prompt", "controlnet") or the API's 0/1/2 as text.
std::optional<ControlMode> control_mode_from_name(const std::string& name);
// "Just Resize", "Crop and Resize", "Resize and Fill".
std::string control_resize_mode_name(ControlResizeMode mode);
// Name, its aliases ("Inner Fit (Scale to Fit)", ...), the CLI word ("just", "crop", "fill") or
// the API's 0/1/2 (3, "Just Resize (Latent upscale)", means Just Resize as in the extension).
std::optional<ControlResizeMode> control_resize_mode_from_name(const std::string& name);
// "Both", "Low res only", "High res only".
std::string control_hires_option_name(ControlHiresOption option);
// Name (any case), the extension's enum forms ("HiResFixOption.LOW_RES_ONLY", its index 0/1/2 as
// text) or the CLI word ("both", "low", "high").
std::optional<ControlHiresOption> control_hires_option_from_name(const std::string& name);

} // namespace latent
