// ControlNet units in the app: sd-webui-controlnet's API body (`alwayson_scripts.controlnet.args`),
// its infotext entries (`ControlNet 0: "Module: canny, Model: name [hash8], Weight: 1.0, ..."`)
// in both directions, model names resolved from a models root (`<root>/models/ControlNet`, A1111's
// layout) as "name [hash8]" (the extension's titles: file stem + A1111's legacy model hash), and
// pickle ControlNets (.pth) converted out of process to a cached safetensors file before use.
#pragma once

#include "pipeline/pipelines/generation.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace latent {

class GenerationParams;

// Where a unit's pixels come from: base64 (API bodies) or files (the CLI, queued studio jobs).
// Index-aligned with GenerationRequest::controlnet.
struct ControlInputFiles {
    QString imagePath, maskPath;
    QString imageBase64, maskBase64;
};

// Applies `alwayson_scripts.controlnet.args` (or `alwayson_scripts.ControlNet.args`) of an A1111
// request body: enabled, module, model (name, "name [hash8]" or path), weight, image / input_image
// (base64, or {"image": ..., "mask": ...}), mask / mask_image, resize_mode (name or 0-2), control_mode
// (name or 0-2), processor_res, threshold_a / threshold_b, guidance_start / guidance_end (legacy
// "guidance"), pixel_perfect, hr_option ("Both", "Low res only", "High res only", the enum's
// "HiResFixOption.LOW_RES_ONLY" or 0-2). Disabled units are skipped. With `allowLocalPaths` (the studio's own
// queued jobs only, never bodies from outside) a unit may also give `image_path` / `mask_path` and
// `model_path`. Appends to request.controlnet and *inputs. Returns an error sentence or "".
QString applyControlNetApiArgs(const QJsonObject& body, GenerationRequest& request, QList<ControlInputFiles>* inputs,
                               bool allowLocalPaths = false);

// The args array of a request's units (for queued studio jobs: file paths, no pixels).
QJsonArray controlNetApiArgs(const std::vector<ControlUnit>& units, const QList<ControlInputFiles>& inputs);

// The extension's infotext value of one unit ("Module: canny, Model: ..., Control Mode: Balanced"),
// with processor_res / thresholds resolved to the module's defaults as the extension's bound check
// does. With `hires` (the job ran the hires fix) ", Hr Option: Low res only" follows: the
// extension's current infotext_fields leave hr_option out, its earlier releases wrote every field
// (incl. "Hr Option"); both parsers accept the key, and without it the pass choice is lost.
QString controlUnitInfotext(const ControlUnit& unit, bool hires = false);
// Adds "ControlNet i" entries for the enabled units.
void addControlNetInfotext(const std::vector<ControlUnit>& units, GenerationParams& params, bool hires = false);
// Units restored from an infotext's "ControlNet i" entries (images aside; `model` holds the
// title, model_path stays empty). Unparseable entries are reported in *warnings.
std::vector<ControlUnit> controlUnitsFromInfotext(const GenerationParams& params, QStringList* warnings = nullptr);

// Resolves a unit's `model`: an existing file or folder path, else a name looked up in
// `<modelsRoot>/models/ControlNet` (or `<modelsRoot>/ControlNet` when modelsRoot is the models
// folder itself): exact "name [hash8]" title, file stem (case-insensitive), then the shortest
// stem containing the name, as the extension does. Sets model_path and model_title. Returns an
// error sentence or "".
QString resolveControlNetModel(ControlUnit& unit, const QString& modelsRoot);
// "stem [hash8]" for a file (folders: "name").
QString controlNetTitle(const QString& path);
// The ControlNet files of a models root (sorted by name).
QStringList controlNetFiles(const QString& modelsRoot);

// Gives every unit its pixels (ControlInputFiles: files or base64, index-aligned with
// request.controlnet) and a loadable model file (usableControlNetFile). Returns an error sentence
// ("ControlNet unit 1: ...") or "".
QString loadControlInputs(GenerationRequest& request, const QList<ControlInputFiles>& inputs);

// A pickle ControlNet (.pth/.ckpt/.pt/.bin, decided by its bytes) converted out of process to a
// cached safetensors file (app cache folder, keyed by path, size and mtime); other files are
// returned as they are. Throws PipelineError("cannot_verify", ...) etc. when conversion fails.
QString usableControlNetFile(const QString& path);

} // namespace latent
