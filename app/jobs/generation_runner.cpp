#include "app/jobs/generation_runner.h"

#include "app/imaging/image_loader.h"
#include "app/jobs/network_params.h"
#include "app/library/model_hashes.h"
#include "app/metadata/generation_params.h"
#include "app/storage/image_writer.h"
#include "pipeline/core/error.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QRandomGenerator>

namespace latent {

namespace {
QString rngLabel(const std::string& rng) {
    if (rng == "cpu") return QStringLiteral("CPU");
    if (rng == "nv") return QStringLiteral("NV");
    return {};  // "GPU" is A1111's default and is not written
}
} // namespace

QString cachedSha256(const QString& path) {
    static QMutex mutex;
    static QHash<QString, QString> cache;
    const QFileInfo fi(path);
    if (!fi.isFile()) return {};
    const QString key = fi.absoluteFilePath() + QLatin1Char('|') + QString::number(fi.size()) + QLatin1Char('|') +
                        QString::number(fi.lastModified().toMSecsSinceEpoch());
    {
        QMutexLocker lock(&mutex);
        auto it = cache.constFind(key);
        if (it != cache.constEnd()) return *it;
    }
    const QString sha = ModelHashes::sha256File(path);
    if (!sha.isEmpty()) {
        QMutexLocker lock(&mutex);
        cache.insert(key, sha);
    }
    return sha;
}

GenerationRequest resolveSeeds(GenerationRequest r) {
    // A1111: -1 means a random seed in [0, 2^32 - 2].
    if (r.seed < 0) r.seed = QRandomGenerator::global()->bounded(Q_INT64_C(4294967294));
    if (r.subseed < 0 && r.subseed_strength > 0) r.subseed = QRandomGenerator::global()->bounded(Q_INT64_C(4294967294));
    return r;
}

GenerationParams infotextFor(const GenerationJobSpec& spec, const GenerationResult& result, int index) {
    const GenerationRequest& r = spec.request;
    GenerationParams p;
    p.prompt = QString::fromStdString(r.prompt);
    p.negativePrompt = QString::fromStdString(r.negative_prompt);
    p.steps = static_cast<int>(r.steps);
    p.sampler = QString::fromStdString(result.sampler_name);
    p.scheduleType = QString::fromStdString(result.schedule_type);
    p.cfgScale = r.cfg_scale;
    const GeneratedImage& img = result.images.at(index);
    p.seed = img.seed;
    // A1111 writes the processing size (inpainting pastes back into the original canvas).
    p.width = static_cast<int>(r.width);
    p.height = static_cast<int>(r.height);
    const QFileInfo model(spec.modelPath);
    if (model.isFile()) {
        const QString sha = cachedSha256(spec.modelPath);
        if (!sha.isEmpty()) p.modelHash = sha.left(10);
        p.modelName = model.completeBaseName();
    } else {
        p.modelName = model.fileName();
    }
    if (!spec.vaePath.isEmpty()) {
        const QFileInfo vae(spec.vaePath);
        if (vae.isFile()) p.vaeHash = cachedSha256(spec.vaePath).left(10);
        p.vaeName = vae.fileName();
    }
    if (r.subseed_strength > 0) {
        p.subseed = img.subseed;
        p.subseedStrength = r.subseed_strength;
    }
    if (r.seed_resize_from_w > 0 && r.seed_resize_from_h > 0) {
        p.seedResizeFromW = static_cast<int>(r.seed_resize_from_w);
        p.seedResizeFromH = static_cast<int>(r.seed_resize_from_h);
    }
    if (!spec.initImagePath.isEmpty()) p.denoisingStrength = r.denoising_strength.value_or(0.75);  // A1111's img2img default
    else if (r.hires.enable) p.denoisingStrength = r.denoising_strength.value_or(0.75);  // txt2img: only with hires
    if (result.conditional_mask_weight) p.conditionalMaskWeight = *result.conditional_mask_weight;
    if (r.clip_skip > 1) p.clipSkip = r.clip_skip;
    if (r.eta_noise_seed_delta != 0 && result.uses_ensd) p.ensd = r.eta_noise_seed_delta;
    p.rng = rngLabel(r.rng);
    for (const auto& [key, value] : result.extra_params) {
        const QString v = QString::fromStdString(value);
        if (key == "Mask mode") p.maskMode = v;
        else if (key == "Mask blur") p.maskBlur = v.toInt();
        else if (key == "Inpaint area") p.inpaintArea = v;
        else if (key == "Masked area padding") p.maskedAreaPadding = v.toInt();
        else if (key == "Masked content") p.maskedContent = v;
        else p.setExtra(QString::fromStdString(key), v);
    }
    addControlNetInfotext(r.controlnet, p, r.hires.enable);
    addNetworkHashes(p, result);
    p.version = GenerationParams::defaultVersion();
    return p;
}

QString generationMode(const GenerationJobSpec& spec) {
    if (spec.initImagePath.isEmpty()) return QStringLiteral("txt2img");
    const auto& o = spec.request.img2img.outpaint;
    if (!spec.maskPath.isEmpty() || spec.request.img2img.mask_from_init_alpha || o[0] || o[1] || o[2] || o[3])
        return QStringLiteral("inpaint");
    return QStringLiteral("img2img");
}

GenerationOutcome runGeneration(Engine& engine, const GenerationJobSpec& spec, const GenerationCallbacks& callbacks) {
    if (spec.request.seed < 0)
        throw PipelineError("bad_request", "The seed must be resolved before the job runs.");
    // Inputs first, so bad images fail before a model is loaded.
    InitImages images;
    if (!spec.initImagePath.isEmpty()) {
        const ImageLoadResult init = ImageLoader::loadFile(spec.initImagePath);
        if (!init.ok()) throw PipelineError("bad_image", init.error.toStdString());
        images.init = init.image;
        for (const QString& path : spec.moreInitImagePaths) {
            const ImageLoadResult more = ImageLoader::loadFile(path);
            if (!more.ok()) throw PipelineError("bad_image", more.error.toStdString());
            images.more_inits.push_back(more.image);
        }
        if (!spec.maskPath.isEmpty()) {
            const ImageLoadResult mask = ImageLoader::loadFile(spec.maskPath);
            if (!mask.ok()) throw PipelineError("bad_image", mask.error.toStdString());
            images.mask = mask.image;
        }
        Engine::check_img2img(spec.request, images);
    }
    // ControlNet units: their images, and pickle models converted out of process.
    GenerationRequest request = spec.request;
    if (!request.controlnet.empty()) {
        const QString error = loadControlInputs(request, spec.controlInputs);
        if (!error.isEmpty()) throw PipelineError("bad_request", error.toStdString());
    }
    GenerationOutcome outcome;
    outcome.model = engine.load_model(spec.modelPath.toStdString(), spec.vaePath.toStdString());
    if (callbacks.cancelled && callbacks.cancelled()) throw CancelledError();
    if (spec.initImagePath.isEmpty())
        outcome.result = engine.txt2img(request, callbacks, spec.latentsDir.toStdString());
    else
        outcome.result = engine.img2img(request, images, callbacks, spec.latentsDir.toStdString());

    ImageWriter writer;
    for (int i = 0; i < static_cast<int>(outcome.result.images.size()); ++i) {
        const GeneratedImage& img = outcome.result.images[i];
        ImageSaveRequest save;
        save.image.width = static_cast<int>(img.width);
        save.image.height = static_cast<int>(img.height);
        save.image.channels = 3;
        save.image.data = QByteArray(reinterpret_cast<const char*>(img.rgb.data()), static_cast<qsizetype>(img.rgb.size()));
        save.params = infotextFor(spec, outcome.result, i);
        save.infotext = save.params.toInfotext();
        save.outputDir = spec.outputDir;
        qDebug("latent: writing image %d of %d to %s", i + 1, int(outcome.result.images.size()),
               qPrintable(spec.outputDir));
        const ImageSaveResult saved = writer.save(save);
        if (saved.ok)
            qInfo("latent: image saved: %s%s", qPrintable(saved.path),
                  saved.recovered ? qPrintable(QStringLiteral(" (recovery folder: ") + saved.reason + QLatin1Char(')'))
                                  : "");
        if (!saved.ok)
            throw std::runtime_error(QCoreApplication::translate("GenerationRunner", "Could not save the image: %1")
                                         .arg(saved.error)
                                         .toStdString());
        outcome.images.append(SavedImage{saved.path, img.seed, save.infotext, saved.recovered, saved.reason});
    }
    return outcome;
}

} // namespace latent
