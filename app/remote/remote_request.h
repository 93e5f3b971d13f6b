// What a job's parameters become on the wire of each backend kind, and the infotext of images
// from backends that send none (RunPod, OpenAI-style APIs). Pure functions; the ones that read
// init images and masks from disk are meant for a pool thread.
#pragma once

#include "app/metadata/generation_params.h"
#include "app/remote/backend_config.h"
#include "pipeline/pipelines/generation.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace latent {

// An A1111 /sdapi/v1/txt2img (or, with `img2img`, /img2img without images) body that
// applyApiRequest / applyImg2ImgApiRequest read back into the same request. A random seed stays
// -1 (the server draws it; its infotext tells which).
QJsonObject toApiRequest(const GenerationRequest& request, bool img2img);

// Keys of a job's parameters that are ours, not A1111's (paths on this machine, the target).
bool isLocalParameterKey(const QString& key);

// The checkpoint to ask a backend for: the backend's configured model, else the job's
// "remote_model" (picked from the backend's list), else the job's
// override_settings.sd_model_checkpoint (the local model's name). "" = the server's current one.
QString remoteCheckpoint(const QJsonObject& params, const BackendConfig& config);

// The A1111 /sdapi/v1/txt2img or /img2img body: the job's A1111 fields as the local engine reads
// them, local keys removed, the checkpoint (and a local VAE file's name as sd_vae) in
// override_settings, and for img2img the init image and mask files as base64 (`init_images`,
// `mask`). Empty object + *error when a file cannot be read.
QJsonObject a1111Body(const QString& kind, const QJsonObject& params, const BackendConfig& config, QString* error);

// RunPod seed-worker input: prompt, negative_prompt, width, height, num_inference_steps,
// guidance_scale, seed (omitted when random), num_images, scheduler, and for img2img image +
// strength (+ mask); the backend's extras merged in last.
QJsonObject runPodInput(const QString& kind, const QJsonObject& params, const BackendConfig& config, QString* error);
// A1111 sampler (+ schedule type) → the seed workers' diffusers scheduler name ("" = leave the
// worker's default).
QString runPodScheduler(const QString& sampler, const QString& schedule);

// OpenAI-style /v1/images/generations body: model, prompt, n, size "WxH", response_format
// b64_json, the backend's extras merged in last. Text to image only (*error otherwise).
QJsonObject openAiBody(const QString& kind, const QJsonObject& params, const BackendConfig& config, QString* error);

// The infotext of image `index` built from the request, for backends that return bare images:
// A1111's fields as far as they were asked for, the actual size, and "Remote backend: NAME (kind)".
// `seed`: the seed the server reported for this image, if any.
GenerationParams remoteInfotext(const QString& kind, const QJsonObject& params, const BackendConfig& config, int index,
                                int width, int height, std::optional<qint64> seed);

} // namespace latent
