#include "app/cli/generation_options.h"

#include "app/metadata/generation_params.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonValue>

#include <cmath>

namespace latent {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("Cli", text); }

std::string rngFromA1111(const QString& value) {
    const QString v = value.trimmed().toLower();
    if (v == QLatin1String("cpu")) return "cpu";
    if (v == QLatin1String("nv")) return "nv";
    return "gpu";
}

bool readInt(const QJsonObject& o, const char* key, int64_t* out, QString* error) {
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) return true;
    if (!v.isDouble() || !std::isfinite(v.toDouble()) || std::floor(v.toDouble()) != v.toDouble() ||
        std::fabs(v.toDouble()) > 9.007199254740992e15) {
        *error = tr("\"%1\" must be a whole number.").arg(QLatin1String(key));
        return false;
    }
    *out = static_cast<int64_t>(v.toDouble());
    return true;
}

bool readDouble(const QJsonObject& o, const char* key, double* out, QString* error) {
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) return true;
    if (!v.isDouble() || !std::isfinite(v.toDouble())) {
        *error = tr("\"%1\" must be a number.").arg(QLatin1String(key));
        return false;
    }
    *out = v.toDouble();
    return true;
}

bool readString(const QJsonObject& o, const char* key, std::string* out, QString* error) {
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) return true;
    if (!v.isString()) {
        *error = tr("\"%1\" must be a string.").arg(QLatin1String(key));
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
    return {};
}

QString applyInfotext(const QString& infotext, GenerationRequest& r) {
    const GenerationParams p = GenerationParams::fromInfotext(infotext);
    if (!p.steps && p.sampler.isEmpty() && !p.seed)
        return tr("The infotext has no parameter line (Steps, Sampler, Seed, ...).");
    r.prompt = p.prompt.toStdString();
    r.negative_prompt = p.negativePrompt.toStdString();
    if (p.steps) r.steps = *p.steps;
    if (!p.sampler.isEmpty()) r.sampler = p.sampler.toStdString();
    r.schedule = p.effectiveScheduleType().toStdString();
    if (p.cfgScale) r.cfg_scale = *p.cfgScale;
    if (p.seed) r.seed = *p.seed;
    if (p.width && p.height) {
        r.width = *p.width;
        r.height = *p.height;
    }
    if (p.subseed) r.subseed = *p.subseed;
    if (p.subseedStrength) r.subseed_strength = *p.subseedStrength;
    if (p.denoisingStrength) r.denoising_strength = *p.denoisingStrength;
    r.clip_skip = p.effectiveClipSkip();
    r.rng = rngFromA1111(p.effectiveRng());
    if (p.ensd) r.eta_noise_seed_delta = *p.ensd;
    return {};
}

CliGenerationOptions parseGenerationOptions(const QStringList& args) {
    CliGenerationOptions o;
    // First pass: --request and --infotext (lower precedence than explicit flags).
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        if (a == QLatin1String("--request") || a == QLatin1String("--infotext")) {
            if (i + 1 >= args.size()) {
                o.error = tr("%1 needs a value.").arg(a);
                return o;
            }
            const QString value = args[++i];
            if (a == QLatin1String("--request")) {
                QFile f(value);
                if (!f.open(QIODevice::ReadOnly)) {
                    o.error = tr("Cannot read the request file %1: %2").arg(value, f.errorString());
                    return o;
                }
                QJsonParseError pe;
                const QJsonDocument doc = QJsonDocument::fromJson(f.read(64 * 1024 * 1024), &pe);
                if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
                    o.error = tr("The request file %1 is not a JSON object: %2").arg(value, pe.errorString());
                    return o;
                }
                o.error = applyApiRequest(doc.object(), o.request);
            } else {
                o.error = applyInfotext(value, o.request);
            }
            if (!o.error.isEmpty()) return o;
        }
    }
    auto need = [&](int& i, const QString& flag, QString* out) {
        if (i + 1 >= args.size()) {
            o.error = tr("%1 needs a value.").arg(flag);
            return false;
        }
        *out = args[++i];
        return true;
    };
    auto toInt = [&](const QString& flag, const QString& v, int64_t* out) {
        bool ok = false;
        const qlonglong n = v.toLongLong(&ok);
        if (!ok) {
            o.error = tr("%1 needs a whole number, got \"%2\".").arg(flag, v);
            return false;
        }
        *out = n;
        return true;
    };
    auto toDouble = [&](const QString& flag, const QString& v, double* out) {
        bool ok = false;
        const double d = v.toDouble(&ok);
        if (!ok || !std::isfinite(d)) {
            o.error = tr("%1 needs a number, got \"%2\".").arg(flag, v);
            return false;
        }
        *out = d;
        return true;
    };
    GenerationRequest& r = o.request;
    for (int i = 0; i < args.size(); ++i) {
        const QString a = args[i];
        QString v;
        int64_t n = 0;
        if (a == QLatin1String("--request") || a == QLatin1String("--infotext")) {
            ++i;
        } else if (a == QLatin1String("--save-latents")) {
            o.saveLatents = true;
        } else if (!a.startsWith(QLatin1String("--"))) {
            o.error = tr("Unexpected argument \"%1\".").arg(a);
        } else if (!need(i, a, &v)) {
        } else if (a == QLatin1String("--model")) {
            o.modelPath = v;
        } else if (a == QLatin1String("--vae")) {
            o.vaePath = v;
        } else if (a == QLatin1String("--out")) {
            o.outDir = v;
        } else if (a == QLatin1String("--device")) {
            o.device = v;
        } else if (a == QLatin1String("--prompt")) {
            r.prompt = v.toStdString();
        } else if (a == QLatin1String("--negative")) {
            r.negative_prompt = v.toStdString();
        } else if (a == QLatin1String("--sampler")) {
            r.sampler = v.toStdString();
        } else if (a == QLatin1String("--schedule")) {
            r.schedule = v.toStdString();
        } else if (a == QLatin1String("--rng")) {
            const QString s = v.toLower();
            if (s != QLatin1String("cpu") && s != QLatin1String("gpu") && s != QLatin1String("nv"))
                o.error = tr("--rng must be cpu, gpu or nv.");
            r.rng = s.toStdString();
        } else if (a == QLatin1String("--seed")) {
            toInt(a, v, &r.seed);
        } else if (a == QLatin1String("--subseed")) {
            toInt(a, v, &r.subseed);
        } else if (a == QLatin1String("--subseed-strength")) {
            toDouble(a, v, &r.subseed_strength);
        } else if (a == QLatin1String("--steps")) {
            toInt(a, v, &r.steps);
        } else if (a == QLatin1String("--cfg")) {
            toDouble(a, v, &r.cfg_scale);
        } else if (a == QLatin1String("--width")) {
            toInt(a, v, &r.width);
        } else if (a == QLatin1String("--height")) {
            toInt(a, v, &r.height);
        } else if (a == QLatin1String("--batch-size")) {
            toInt(a, v, &r.batch_size);
        } else if (a == QLatin1String("--n-iter")) {
            toInt(a, v, &r.n_iter);
        } else if (a == QLatin1String("--clip-skip")) {
            if (toInt(a, v, &n)) r.clip_skip = static_cast<int>(n);
        } else if (a == QLatin1String("--strength")) {
            double s = 0;
            if (toDouble(a, v, &s)) r.denoising_strength = s;
        } else {
            o.error = tr("Unknown option %1.").arg(a);
        }
        if (!o.error.isEmpty()) return o;
    }
    if (o.modelPath.isEmpty()) o.error = tr("--model is required.");
    else if (o.outDir.isEmpty()) o.error = tr("--out is required.");
    return o;
}

} // namespace latent
