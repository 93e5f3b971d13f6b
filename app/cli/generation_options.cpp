#include "app/cli/generation_options.h"

#include "app/cli/sampling_options.h"
#include "app/cli/hires_request.h"
#include "app/metadata/generation_params.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

#include <algorithm>
#include <cmath>
#include <limits>

namespace latent {

std::string rngFromA1111(const QString& value) {
    const QString v = value.trimmed().toLower();
    if (v == QLatin1String("cpu")) return "cpu";
    if (v == QLatin1String("nv")) return "nv";
    return "gpu";
}

namespace {

bool readInt(const QJsonObject& o, const char* key, int64_t* out, QString* error) {
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) return true;
    // Qt 6 keeps JSON integers as qint64 (QJsonValue(qint64), and fromJson for integer literals),
    // so a seed such as 2^53 + 1 arrives exactly; toInteger() does not go through double. A whole
    // number written as a float ("20.0", 1e3) is accepted when it is exactly representable.
    constexpr qint64 kSentinel = std::numeric_limits<qint64>::min();
    const qint64 n = v.isDouble() ? v.toInteger(kSentinel) : kSentinel;
    if (n == kSentinel) {
        *error = QCoreApplication::translate("Cli", "\"%1\" must be a whole number.").arg(QLatin1String(key));
        return false;
    }
    *out = n;
    return true;
}

bool readDouble(const QJsonObject& o, const char* key, double* out, QString* error) {
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) return true;
    if (!v.isDouble() || !std::isfinite(v.toDouble())) {
        *error = QCoreApplication::translate("Cli", "\"%1\" must be a number.").arg(QLatin1String(key));
        return false;
    }
    *out = v.toDouble();
    return true;
}

bool readString(const QJsonObject& o, const char* key, std::string* out, QString* error) {
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) return true;
    if (!v.isString()) {
        *error = QCoreApplication::translate("Cli", "\"%1\" must be a string.").arg(QLatin1String(key));
        return false;
    }
    *out = v.toString().toStdString();
    return true;
}

} // namespace

QString applyApiRequest(const QJsonObject& body, GenerationRequest& r) {
    QString e;
    int64_t clipSkip = r.clip_skip;
    double strength = r.denoising_strength.value_or(0.75);
    const bool hasStrength = body.contains(QStringLiteral("denoising_strength"));
    if (!readString(body, "prompt", &r.prompt, &e) || !readString(body, "negative_prompt", &r.negative_prompt, &e) ||
        !readInt(body, "seed", &r.seed, &e) || !readInt(body, "subseed", &r.subseed, &e) ||
        !readDouble(body, "subseed_strength", &r.subseed_strength, &e) || !readInt(body, "steps", &r.steps, &e) ||
        !readDouble(body, "cfg_scale", &r.cfg_scale, &e) || !readInt(body, "width", &r.width, &e) ||
        !readInt(body, "height", &r.height, &e) || !readString(body, "sampler_name", &r.sampler, &e) ||
        !readString(body, "scheduler", &r.schedule, &e) || !readInt(body, "batch_size", &r.batch_size, &e) ||
        !readInt(body, "n_iter", &r.n_iter, &e) || !readDouble(body, "denoising_strength", &strength, &e))
        return e;
    if (hasStrength) r.denoising_strength = strength;
    if (body.contains(QStringLiteral("sampler_index")) && !body.contains(QStringLiteral("sampler_name")) &&
        !readString(body, "sampler_index", &r.sampler, &e))
        return e;
    double eta = 0;
    if (body.contains(QStringLiteral("eta"))) {
        if (!readDouble(body, "eta", &eta, &e)) return e;
        r.eta = eta;
    }
    const QJsonObject settings = body.value(QStringLiteral("override_settings")).toObject();
    if (!readInt(settings, "CLIP_stop_at_last_layers", &clipSkip, &e)) return e;
    r.clip_skip = static_cast<int>(clipSkip);
    if (settings.contains(QStringLiteral("randn_source")))
        r.rng = rngFromA1111(settings.value(QStringLiteral("randn_source")).toString());
    if (!readInt(settings, "eta_noise_seed_delta", &r.eta_noise_seed_delta, &e)) return e;
    if (const QString se = applySamplerRequestFields(body, r); !se.isEmpty()) return se;
    if (const QString se = applySamplingOverrides(settings, r); !se.isEmpty()) return se;
    if (const QString he = applyHiresApiRequest(body, r); !he.isEmpty()) return he;
    return {};
}

QString applyImg2ImgApiRequest(const QJsonObject& body, GenerationRequest& r, QString* init, QString* mask,
                               QStringList* moreInits) {
    QString e;
    Img2ImgOptions& o = r.img2img;
    int64_t resize = o.resize_mode, bx = o.mask_blur_x, by = o.mask_blur_y, fill = o.inpainting_fill,
            pad = o.inpaint_full_res_padding;
    if (!readInt(body, "resize_mode", &resize, &e) || !readInt(body, "mask_blur_x", &bx, &e) ||
        !readInt(body, "mask_blur_y", &by, &e) || !readInt(body, "inpainting_fill", &fill, &e) ||
        !readInt(body, "inpaint_full_res_padding", &pad, &e))
        return e;
    int64_t blur = -1;
    if (!readInt(body, "mask_blur", &blur, &e)) return e;
    if (blur >= 0) bx = by = blur;  // A1111's mask_blur setter
    auto readFlag = [&](const char* key, bool* out) {
        const QJsonValue v = body.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) return true;
        if (v.isBool()) *out = v.toBool();
        else if (v.isDouble()) *out = v.toDouble() != 0;
        else {
            e = QCoreApplication::translate("Cli", "\"%1\" must be true/false or 0/1.").arg(QLatin1String(key));
            return false;
        }
        return true;
    };
    if (!readFlag("inpaint_full_res", &o.inpaint_full_res) || !readFlag("inpainting_mask_invert", &o.inpainting_mask_invert) ||
        !readFlag("mask_round", &o.mask_round))
        return e;
    o.resize_mode = static_cast<int>(std::clamp<int64_t>(resize, -1, 4));
    o.mask_blur_x = static_cast<int>(std::clamp<int64_t>(bx, -1, 1000));
    o.mask_blur_y = static_cast<int>(std::clamp<int64_t>(by, -1, 1000));
    o.inpainting_fill = static_cast<int>(std::clamp<int64_t>(fill, -1, 4));
    o.inpaint_full_res_padding = static_cast<int>(std::clamp<int64_t>(pad, -1, 100000));
    const QJsonObject settings = body.value(QStringLiteral("override_settings")).toObject();
    if (!readDouble(settings, "inpainting_mask_weight", &o.inpainting_mask_weight, &e)) return e;
    const QJsonValue images = body.value(QStringLiteral("init_images"));
    if (!images.isUndefined() && !images.isNull()) {
        if (!images.isArray() || images.toArray().isEmpty())
            return QCoreApplication::translate("Cli", "\"init_images\" must be a list of base64 images.");
        for (const QJsonValue& v : images.toArray())
            if (!v.isString())
                return QCoreApplication::translate("Cli", "\"init_images\" must be a list of base64 images.");
        if (images.toArray().size() > 1 && !moreInits)
            return QCoreApplication::translate("Cli", "Only one init image is supported (\"init_images\" has %1).").arg(images.toArray().size());
        if (init) *init = images.toArray().first().toString();
        if (moreInits)
            for (qsizetype i = 1; i < images.toArray().size(); ++i)
                moreInits->append(images.toArray().at(i).toString());
    }
    const QJsonValue m = body.value(QStringLiteral("mask"));
    if (!m.isUndefined() && !m.isNull()) {
        if (!m.isString()) return QCoreApplication::translate("Cli", "\"mask\" must be a base64 image.");
        if (mask) *mask = m.toString();
    }
    return {};
}

} // namespace latent
