// Building a GenerationRequest the way A1111 does: API defaults, then an A1111 request body
// (`--request`), then an infotext (`--infotext`), then explicit flags (explicit flags win).
#pragma once

#include "app/jobs/control_units.h"
#include "pipeline/pipelines/generation.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace latent {

struct CliGenerationOptions {
    GenerationRequest request;
    QString modelPath;
    QString vaePath;
    QString outDir;
    QString device = QStringLiteral("cpu");
    bool saveLatents = false;
    QString error;  // non-empty: bad input (exit 2)
    // img2img (parseGenerationOptions(args, true)): --init / --mask files, or base64 images of
    // an A1111 /sdapi/v1/img2img body (`init_images[0]`, `mask`) given with --request.
    QString initPath, maskPath;
    QString initBase64, maskBase64;
    // A1111 init_images[1:] (more --init flags, or more base64 images in the request).
    QStringList moreInitPaths, moreInitBase64;
    bool sizeGiven = false;  // width/height came from a flag, the request or the infotext
    // ControlNet units (request.controlnet) get their pixels from here (index-aligned);
    // The first --models-root resolves their model names from ROOT/models/ControlNet.
    QList<ControlInputFiles> controlInputs;
    // Networks: --models-root (A1111 roots; also where upscaler / hires checkpoint names resolve), --lora-dir / --embeddings-dir (replace the roots'
    // folders), the VAE choice (--vae NAME, override_settings.sd_vae or the infotext's "VAE").
    QStringList modelRoots, loraDirs, embeddingDirs;
    QString sdVae;
    QString infotext;           // the --infotext given (its "Lora hashes" find the networks)
    QStringList warnings;       // networks of the infotext that are missing, renamed tags, ...
};

// A1111's randn_source / "RNG" value ("CPU", "GPU", "NV") as the engine's rng name.
std::string rngFromA1111(const QString& value);

// Applies an A1111 /sdapi/v1/txt2img (or img2img) request body onto `request`.
// Returns an error sentence on wrong types or values, else an empty string.
QString applyApiRequest(const QJsonObject& body, GenerationRequest& request);
// Applies the img2img fields of an A1111 /sdapi/v1/img2img body (resize_mode, mask_blur[_x|_y],
// inpainting_fill, inpaint_full_res, inpaint_full_res_padding, inpainting_mask_invert,
// mask_round, initial base64 images) onto `request`; base64 data goes to *init / *mask.
// `moreInits` receives init_images[1:]; without it, more than one init image is an error.
QString applyImg2ImgApiRequest(const QJsonObject& body, GenerationRequest& request, QString* init, QString* mask,
                               QStringList* moreInits = nullptr);
// Applies the parameters of an A1111 infotext onto `request` (incl. its ControlNet units, without
// images: request.controlnet is replaced when the infotext has "ControlNet N" entries).
QString applyInfotext(const QString& infotext, GenerationRequest& request);

// Parses the txt2img options (see `latentstudio-cli help`); with `img2img` also --init, --mask,
// --resize-mode, --mask-blur, --inpaint-area, --padding, --fill, --invert-mask, --outpaint.
// `requireModel` false: --model may be absent (a remote backend chooses its own model).
CliGenerationOptions parseGenerationOptions(const QStringList& args, bool img2img = false, bool requireModel = true);

} // namespace latent
