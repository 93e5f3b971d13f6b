#include "app/cli/cli_img2img.h"

#include "app/cli/cli_txt2img.h"
#include "app/cli/cli_remote.h"
#include "app/cli/generation_options.h"
#include "app/imaging/image_loader.h"
#include "app/jobs/generation_runner.h"
#include "pipeline/core/error.h"
#include "pipeline/engine.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTextStream>

namespace latent {

namespace {


// Writes base64 image data into `dir` under `stem`.<format>; returns the path or sets *error.
QString materialise(const QString& base64, const QTemporaryDir& dir, const QString& stem, QString* error) {
    const QString raw = dir.filePath(stem + QStringLiteral(".bin"));
    *error = ImageLoader::writeBase64Image(base64, raw);
    if (!error->isEmpty()) return {};
    QFile f(raw);
    QByteArray head;
    if (f.open(QIODevice::ReadOnly)) head = f.read(16);
    f.close();
    const QString path = dir.filePath(stem + QLatin1Char('.') + ImageLoader::sniffExtension(head));
    QFile::rename(raw, path);
    return path;
}

int64_t roundTo8(int64_t v) {
    return std::max<int64_t>(64, (v + 4) / 8 * 8);
}

} // namespace

int runImg2ImgCommand(const QStringList& args) {
    if (cliWantsRemote(args)) return runRemoteGenerationCommand(QStringLiteral("img2img"), args);
    CliGenerationOptions o = parseGenerationOptions(args, /*img2img=*/true);
    if (!o.error.isEmpty()) return cliFail(2, o.error);

    // Base64 images of a --request body become files for the job (explicit --init/--mask win).
    QTemporaryDir scratch;
    if (!scratch.isValid()) return cliFail(1, QCoreApplication::translate("Cli", "Cannot create a temporary folder."));
    QString error;
    if (o.initPath.isEmpty() && !o.initBase64.isEmpty()) {
        o.initPath = materialise(o.initBase64, scratch, QStringLiteral("init"), &error);
        if (!error.isEmpty()) return cliFail(2, QCoreApplication::translate("Cli", "init_images[0]: %1").arg(error));
    }
    if (o.moreInitPaths.isEmpty()) {
        for (qsizetype i = 0; i < o.moreInitBase64.size(); ++i) {
            o.moreInitPaths.append(
                materialise(o.moreInitBase64[i], scratch, QStringLiteral("init%1").arg(i + 1), &error));
            if (!error.isEmpty())
                return cliFail(2, QCoreApplication::translate("Cli", "init_images[%1]: %2").arg(i + 1).arg(error));
        }
    }
    if (o.maskPath.isEmpty() && !o.maskBase64.isEmpty()) {
        o.maskPath = materialise(o.maskBase64, scratch, QStringLiteral("mask"), &error);
        if (!error.isEmpty()) return cliFail(2, QCoreApplication::translate("Cli", "mask: %1").arg(error));
    }

    // Read the inputs now so bad images fail with exit 2 before the model loads.
    const ImageLoadResult init = ImageLoader::loadFile(o.initPath);
    if (!init.ok()) return cliFail(2, init.error);
    InitImages images;
    images.init = init.image;
    for (const QString& path : o.moreInitPaths) {
        const ImageLoadResult more = ImageLoader::loadFile(path);
        if (!more.ok()) return cliFail(2, more.error);
        images.more_inits.push_back(more.image);
    }
    if (!o.maskPath.isEmpty()) {
        const ImageLoadResult mask = ImageLoader::loadFile(o.maskPath);
        if (!mask.ok()) return cliFail(2, mask.error);
        images.mask = mask.image;
        if (mask.image.width != init.image.width || mask.image.height != init.image.height)
            QTextStream(stderr) << QCoreApplication::translate("Cli", "latentstudio-cli: warning: the mask is %1x%2 but the image is %3x%4; the mask "
                                      "will be resized to the image (as A1111 does).")
                                       .arg(mask.image.width)
                                       .arg(mask.image.height)
                                       .arg(init.image.width)
                                       .arg(init.image.height)
                                << Qt::endl;
    }
    // Without an explicit size, process at the (outpainted) init size rounded to a multiple of 8.
    if (!o.sizeGiven) {
        const auto& op = o.request.img2img.outpaint;
        o.request.width = roundTo8(init.image.width + op[0] + op[2]);
        o.request.height = roundTo8(init.image.height + op[1] + op[3]);
    }
    if (!o.request.denoising_strength) o.request.denoising_strength = 0.75;

    GenerationJobSpec spec;
    spec.request = resolveSeeds(o.request);
    spec.modelPath = o.modelPath;
    spec.vaePath = o.vaePath;
    spec.outputDir = o.outDir;
    spec.initImagePath = o.initPath;
    spec.maskPath = o.maskPath;
    spec.controlInputs = o.controlInputs;
    spec.moreInitImagePaths = o.moreInitPaths;
    if (o.saveLatents) spec.latentsDir = o.outDir;
    try {
        Engine::check_img2img(spec.request, images);
    } catch (const PipelineError& e) {
        return cliFail(2, QString::fromStdString(e.what()));
    }
    return runGenerationJob(o, spec);
}

} // namespace latent
