// One generation job from request to saved PNGs: load (or reuse) the model, run the engine,
// write every image atomically with its A1111 infotext. Shared by the CLI, the inference worker
// and the HTTP API so they produce identical files.
#pragma once

#include "app/jobs/control_units.h"
#include "pipeline/engine.h"
#include "pipeline/pipelines/generation.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace latent {

class GenerationParams;

struct GenerationJobSpec {
    GenerationRequest request;   // seed must be resolved (>= 0)
    QString modelPath;
    QString vaePath;
    QString outputDir;
    QString latentsDir;          // non-empty: also write latents.safetensors / cond.safetensors
    // img2img / inpainting: files (queued jobs persist), read with OpenImageIO when the job runs.
    // Empty initImagePath = txt2img. A mask (white = repaint) or request.img2img.outpaint makes
    // it an inpainting job; options in request.img2img and request.denoising_strength.
    QString initImagePath;
    QString maskPath;
    // ControlNet units' pixels (index-aligned with request.controlnet; model paths resolved).
    QList<ControlInputFiles> controlInputs;
    // A1111 init_images[1:] (img2img only): image i of every batch starts from init image i.
    QStringList moreInitImagePaths;
};

// "txt2img", "img2img" or "inpaint" for a spec.
QString generationMode(const GenerationJobSpec& spec);

struct SavedImage {
    QString path;
    qint64 seed = 0;
    QString infotext;
    bool recovered = false;      // saved to the recovery folder
    QString reason;              // why the output folder was not used
};

struct GenerationOutcome {
    QList<SavedImage> images;
    GenerationResult result;
    ModelLoadResult model;
};

// Resolves A1111's random seed (-1) and variation seed. Returns the request with both set.
GenerationRequest resolveSeeds(GenerationRequest request);

// The infotext parameters of image `index` of a finished job.
GenerationParams infotextFor(const GenerationJobSpec& spec, const GenerationResult& result, int index);

// Throws PipelineError (bad input, cancelled) or std::exception (runtime failures). Images that
// cannot be written to the output folder go to the recovery folder (SavedImage::recovered).
GenerationOutcome runGeneration(Engine& engine, const GenerationJobSpec& spec, const GenerationCallbacks& callbacks);

// SHA-256 of a model file, cached by path + size + mtime for this process.
QString cachedSha256(const QString& path);

} // namespace latent
