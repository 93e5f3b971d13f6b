// One "upscale" job (A1111's Extras tab, single image) from file to saved PNG: read the image,
// upscale it with the engine, write it atomically. The PNG keeps the source's `parameters`
// chunk unchanged and gets A1111's `extras` chunk ("Postprocess upscale by: 2.0, Postprocess
// upscaler: R-ESRGAN 4x+"), as A1111 saves extras images. Shared by the CLI and the worker.
#pragma once

#include "app/jobs/generation_runner.h"
#include "pipeline/engine.h"
#include "pipeline/upscalers/upscale_request.h"

#include <QJsonObject>
#include <QString>

namespace latent {

struct UpscaleJobSpec {
    QString inputPath;
    UpscaleRequest request; // names resolved (UpscalerCatalog::resolveUpscale)
    QString outputDir;
};

struct UpscaleOutcome {
    SavedImage image;
    int width = 0, height = 0; // of the result
    QString postprocess;       // the `extras` chunk text
    QString sourceParameters;  // the source's `parameters` chunk (null when it had none)
    ImageU8 pixels;            // the result (RGB)
    double seconds = 0;
};

// A1111 /sdapi/v1/extra-single-image fields (resize_mode 0 = scale by, 1 = scale to;
// upscaling_resize, upscaling_resize_w/_h, upscaling_crop, upscaler_1, upscaler_2,
// extras_upscaler_2_visibility) onto `request`. Returns an error sentence or an empty string.
QString applyUpscaleApiRequest(const QJsonObject& body, UpscaleRequest& request);
// The A1111 extras infotext of a request ("Postprocess upscale by: 2.0, Postprocess upscaler: Lanczos").
QString postprocessInfotext(const UpscaleRequest& request);

// Throws PipelineError (bad input, cancelled) or std::exception. The image goes to the recovery
// folder when the output folder fails (SavedImage::recovered).
UpscaleOutcome runUpscale(Engine& engine, const UpscaleJobSpec& spec, const GenerationCallbacks& callbacks);

} // namespace latent
