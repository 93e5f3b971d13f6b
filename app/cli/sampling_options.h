// A1111's sampler parameters on the way in: the request fields of /sdapi/v1/txt2img|img2img
// (s_churn, s_tmin, s_tmax, s_noise, s_min_uncond, seed_resize_from_w/h), the settings of
// `override_settings` (eta_ancestral, eta_ddim, s_churn, ..., pad_cond_uncond, UniPC options,
// legacy k_sched_type) and their infotext keys ("Eta", "Sigma churn", "Pad conds", ...), read
// the way A1111's infotext_to_setting_name_mapping reads them.
#pragma once

#include "pipeline/pipelines/generation.h"

#include <QJsonObject>
#include <QString>

namespace latent {

class GenerationParams;

// Request fields of an A1111 API body. Returns an error sentence, or an empty string.
QString applySamplerRequestFields(const QJsonObject& body, GenerationRequest& request);
// `override_settings` entries that change sampling. Unknown keys are ignored (as A1111 does for
// settings it does not know); known keys with a wrong type or value give an error sentence.
QString applySamplingOverrides(const QJsonObject& overrideSettings, GenerationRequest& request);
// The infotext keys that map to sampling settings (and "Seed resize from").
void applyInfotextSamplingSettings(const GenerationParams& params, GenerationRequest& request);
// The same keys as A1111 `override_settings` (plus "RNG" -> randn_source and "ENSD" ->
// eta_noise_seed_delta), for job parameters built from a pasted infotext.
QJsonObject samplingOverridesFromInfotext(const GenerationParams& params);
// The other way: the request's sampling settings that differ from A1111's defaults, as
// `override_settings` entries (plus "precision" when not fp32), so that a server reading them
// with applySamplingOverrides samples as this request does.
QJsonObject samplingOverridesOf(const GenerationRequest& request);

} // namespace latent
