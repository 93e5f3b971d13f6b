#include "pipeline/control/control_unit.h"

#include <algorithm>
#include <cctype>

namespace latent {

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

} // namespace

std::string control_mode_name(ControlMode m) {
    switch (m) {
    case ControlMode::Balanced: return "Balanced";
    case ControlMode::Prompt: return "My prompt is more important";
    case ControlMode::Control: return "ControlNet is more important";
    }
    return "Balanced";
}

std::optional<ControlMode> control_mode_from_name(const std::string& name) {
    const std::string n = lower(name);
    for (ControlMode m : {ControlMode::Balanced, ControlMode::Prompt, ControlMode::Control})
        if (n == lower(control_mode_name(m))) return m;
    if (n == "balanced" || n == "0") return ControlMode::Balanced;
    if (n == "prompt" || n == "1") return ControlMode::Prompt;
    if (n == "controlnet" || n == "control" || n == "2") return ControlMode::Control;
    return std::nullopt;
}

std::string control_resize_mode_name(ControlResizeMode m) {
    switch (m) {
    case ControlResizeMode::JustResize: return "Just Resize";
    case ControlResizeMode::CropAndResize: return "Crop and Resize";
    case ControlResizeMode::ResizeAndFill: return "Resize and Fill";
    }
    return "Crop and Resize";
}

std::optional<ControlResizeMode> control_resize_mode_from_name(const std::string& name) {
    const std::string n = lower(name);
    for (ControlResizeMode m :
         {ControlResizeMode::JustResize, ControlResizeMode::CropAndResize, ControlResizeMode::ResizeAndFill})
        if (n == lower(control_resize_mode_name(m))) return m;
    if (n == "just" || n == "0" || n == "3" || n == "just resize (latent upscale)") return ControlResizeMode::JustResize;
    if (n == "crop" || n == "1" || n == "inner fit (scale to fit)" || n == "scale to fit (inner fit)")
        return ControlResizeMode::CropAndResize;
    if (n == "fill" || n == "2" || n == "outer fit (shrink to fit)" || n == "envelope (outer fit)")
        return ControlResizeMode::ResizeAndFill;
    return std::nullopt;
}

std::string control_hires_option_name(ControlHiresOption o) {
    switch (o) {
    case ControlHiresOption::Both: return "Both";
    case ControlHiresOption::LowResOnly: return "Low res only";
    case ControlHiresOption::HighResOnly: return "High res only";
    }
    return "Both";
}

std::optional<ControlHiresOption> control_hires_option_from_name(const std::string& name) {
    const std::string n = lower(name);
    for (ControlHiresOption o : {ControlHiresOption::Both, ControlHiresOption::LowResOnly, ControlHiresOption::HighResOnly})
        if (n == lower(control_hires_option_name(o))) return o;
    if (n == "hiresfixoption.both" || n == "both" || n == "0") return ControlHiresOption::Both;
    if (n == "hiresfixoption.low_res_only" || n == "low" || n == "1") return ControlHiresOption::LowResOnly;
    if (n == "hiresfixoption.high_res_only" || n == "high" || n == "2") return ControlHiresOption::HighResOnly;
    return std::nullopt;
}

} // namespace latent
