#include "app/jobs/upscale_runner.h"

#include "app/imaging/image_loader.h"
#include "app/metadata/generation_params.h"
#include "app/metadata/png_text.h"
#include "app/storage/image_writer.h"
#include "pipeline/core/error.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonValue>

#include <cmath>

namespace latent {

QString applyUpscaleApiRequest(const QJsonObject& body, UpscaleRequest& r) {
    auto absent = [](const QJsonValue& v) { return v.isUndefined() || v.isNull(); };
    auto number = [&](const char* key, double* out) -> QString {
        const QJsonValue v = body.value(QLatin1String(key));
        if (absent(v)) return {};
        if (!v.isDouble() || !std::isfinite(v.toDouble()))
            return QCoreApplication::translate("Cli", "\"%1\" must be a number.").arg(QLatin1String(key));
        *out = v.toDouble();
        return {};
    };
    auto text = [&](const char* key, std::string* out) -> QString {
        const QJsonValue v = body.value(QLatin1String(key));
        if (absent(v)) return {};
        if (!v.isString())
            return QCoreApplication::translate("Cli", "\"%1\" must be a string.").arg(QLatin1String(key));
        *out = v.toString().toStdString();
        return {};
    };
    double mode = 0, w = 0, h = 0;
    QString e;
    if (!(e = number("resize_mode", &mode)).isEmpty() || !(e = number("upscaling_resize", &r.scale)).isEmpty() ||
        !(e = number("upscaling_resize_w", &w)).isEmpty() || !(e = number("upscaling_resize_h", &h)).isEmpty() ||
        !(e = text("upscaler_1", &r.upscaler)).isEmpty() || !(e = text("upscaler_2", &r.upscaler_2)).isEmpty() ||
        !(e = number("extras_upscaler_2_visibility", &r.visibility)).isEmpty())
        return e;
    const QJsonValue crop = body.value(QStringLiteral("upscaling_crop"));
    if (!absent(crop)) {
        if (!crop.isBool()) return QCoreApplication::translate("Cli", "\"upscaling_crop\" must be true or false.");
        r.crop = crop.toBool();
    }
    if (mode == 1) {
        // A1111's API defaults for "Scale to" are 512 x 512.
        r.width = w > 0 ? int64_t(w) : 512;
        r.height = h > 0 ? int64_t(h) : 512;
    } else if (mode != 0) {
        return QCoreApplication::translate("Cli", "\"resize_mode\" must be 0 (scale by) or 1 (scale to).");
    } else {
        r.width = r.height = 0;
    }
    if (r.upscaler_2 == "None") r.upscaler_2.clear();
    return {};
}

QString postprocessInfotext(const UpscaleRequest& r) {
    QList<QPair<QString, QString>> info;
    if (r.width > 0 && r.height > 0) {
        info.append({QStringLiteral("Postprocess upscale to"), QStringLiteral("%1x%2").arg(r.width).arg(r.height)});
        if (r.crop)
            info.append({QStringLiteral("Postprocess crop to"), QStringLiteral("%1x%2").arg(r.width).arg(r.height)});
    } else {
        info.append({QStringLiteral("Postprocess upscale by"), GenerationParams::formatFloat(r.scale)});
    }
    info.append({QStringLiteral("Postprocess upscaler"), QString::fromStdString(r.upscaler)});
    if (!r.upscaler_2.empty() && r.upscaler_2 != "None" && r.visibility > 0)
        info.append({QStringLiteral("Postprocess upscaler 2"), QString::fromStdString(r.upscaler_2)});
    QStringList parts;
    for (const auto& [k, v] : info) parts.append(k + QStringLiteral(": ") + GenerationParams::quote(v));
    return parts.join(QStringLiteral(", "));
}

UpscaleOutcome runUpscale(Engine& engine, const UpscaleJobSpec& spec, const GenerationCallbacks& callbacks) {
    QElapsedTimer timer;
    timer.start();
    const ImageLoadResult loaded = ImageLoader::loadFile(spec.inputPath);
    if (!loaded.ok()) throw PipelineError("bad_image", loaded.error.toStdString());
    Engine::check_upscale(spec.request, loaded.image);
    UpscaleOutcome out;
    const PngTextReadResult text = PngText::readFile(spec.inputPath);
    if (text.ok) out.sourceParameters = text.value(QStringLiteral("parameters"));

    out.pixels = engine.upscale(loaded.image, spec.request, callbacks);
    if (callbacks.cancelled && callbacks.cancelled()) throw CancelledError();
    out.width = int(out.pixels.width);
    out.height = int(out.pixels.height);
    out.postprocess = postprocessInfotext(spec.request);

    ImageSaveRequest save;
    save.image.width = out.width;
    save.image.height = out.height;
    save.image.channels = out.pixels.channels;
    save.image.data = QByteArray(reinterpret_cast<const char*>(out.pixels.data.data()),
                                 static_cast<qsizetype>(out.pixels.data.size()));
    // A1111 extras: the source's generation parameters stay; the postprocessing goes to `extras`.
    save.infotext = out.sourceParameters.isNull() ? QString(QLatin1String("")) : out.sourceParameters;
    save.extraText.append({QStringLiteral("extras"), out.postprocess});
    save.outputDir = spec.outputDir;
    save.namePattern = QString(); // A1111 extras: "00042.png"
    ImageWriter writer;
    const ImageSaveResult saved = writer.save(save);
    if (!saved.ok)
        throw std::runtime_error(QCoreApplication::translate("GenerationRunner", "Could not save the image: %1")
                                     .arg(saved.error)
                                     .toStdString());
    out.image = SavedImage{saved.path, 0, out.sourceParameters, saved.recovered, saved.reason};
    out.seconds = timer.elapsed() / 1000.0;
    return out;
}

} // namespace latent
