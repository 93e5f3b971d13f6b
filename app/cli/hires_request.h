// The hires fix fields of an A1111 /sdapi/v1/txt2img body, its infotext keys and the CLI's --hr-*
// flags, onto GenerationRequest::hires (A1111 v1.10.1 names and defaults; "hr_cfg" as Forge).
#pragma once

#include <QJsonObject>
#include <QString>

namespace latent {

struct GenerationRequest;
class GenerationParams;

// enable_hr, hr_scale, hr_upscaler, hr_second_pass_steps, hr_resize_x, hr_resize_y,
// hr_sampler_name, hr_scheduler, hr_prompt, hr_negative_prompt, hr_checkpoint_name, hr_cfg,
// firstphase_width / firstphase_height (legacy). Returns an error sentence or an empty string.
QString applyHiresApiRequest(const QJsonObject& body, GenerationRequest& request);

// A1111's paste rules: hires is on when the infotext has "Denoising strength" and one of "Hires
// upscale", "Hires upscaler", "Hires resize"; "Hires sampler" / "Hires schedule type" / prompts /
// "Hires CFG Scale" / "Hires checkpoint" / "Hires steps" restore their fields; the legacy "First
// pass size" becomes the first pass size with "Hires resize" = Size (restore_old_hires_fix_params).
void applyHiresInfotext(const GenerationParams& params, GenerationRequest& request);

// The CLI flags: --hires (switch), --hr-scale F, --hr-upscaler NAME, --hr-steps N,
// --hr-resize WxH, --hr-sampler NAME, --hr-schedule NAME, --hr-prompt TEXT, --hr-negative TEXT,
// --hr-cfg F, --hr-checkpoint NAME, --denoising-strength F. Any --hr-* flag turns hires on.
// Returns false when `flag` is not one of them (the value is then untouched); on a bad value it
// returns true and sets *error.
bool parseHiresFlag(const QString& flag, const QString& value, GenerationRequest& request, QString* error);

} // namespace latent
