#include "app/api/api_options.h"

#include "app/api/api_schema.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

namespace latent {

namespace {

enum class Kind { Str, Int, Float, Bool, ReadOnly };

struct OptionSpec {
    const char* key;
    Kind kind;
    QJsonValue def;
    double min = -1e300, max = 1e300;
    QStringList choices = {};
};

// A1111 v1.10.1 options (shared_options.py) a client reads or sets; defaults as A1111's.
const QList<OptionSpec>& specs() {
    static const QList<OptionSpec> s = {
        {"sd_model_checkpoint", Kind::Str, QJsonValue::Null},
        {"sd_checkpoint_hash", Kind::ReadOnly, QString()},
        {"sd_vae", Kind::Str, QStringLiteral("Automatic")},
        {"sd_unet", Kind::ReadOnly, QStringLiteral("Automatic")},
        {"CLIP_stop_at_last_layers", Kind::Int, 1, 1, 12},
        {"eta_noise_seed_delta", Kind::Int, 0, 0, 9.2e18},
        {"randn_source", Kind::Str, QStringLiteral("GPU"), 0, 0, {QStringLiteral("GPU"), QStringLiteral("CPU"), QStringLiteral("NV")}},
        {"samples_format", Kind::Str, QStringLiteral("png"), 0, 0, {QStringLiteral("png"), QStringLiteral("jpg"), QStringLiteral("jpeg"), QStringLiteral("webp")}},
        {"samples_save", Kind::Bool, true},
        {"save_images_add_number", Kind::ReadOnly, true},
        {"grid_save", Kind::ReadOnly, false},
        {"jpeg_quality", Kind::Int, 80, 1, 100},
        {"show_progress_every_n_steps", Kind::Int, 10, -1, 1000},
        {"live_previews_enable", Kind::Bool, true},
        {"show_progressbar", Kind::Bool, true},
        {"eta_ddim", Kind::Float, 0.0, 0, 10},
        {"eta_ancestral", Kind::Float, 1.0, 0, 10},
        {"s_churn", Kind::Float, 0.0, 0, 100},
        {"s_tmin", Kind::Float, 0.0, 0, 100},
        {"s_tmax", Kind::Float, 0.0, 0, 1000},
        {"s_noise", Kind::Float, 1.0, 0, 10},
        {"k_sched_type", Kind::ReadOnly, QStringLiteral("Automatic")},
        {"sigma_min", Kind::ReadOnly, 0.0},
        {"sigma_max", Kind::ReadOnly, 0.0},
        {"rho", Kind::ReadOnly, 0.0},
        {"inpainting_mask_weight", Kind::Float, 1.0, 0, 1},
        {"initial_noise_multiplier", Kind::Float, 1.0, 0.5, 1.5},
        {"img2img_color_correction", Kind::ReadOnly, false},
        {"img2img_fix_steps", Kind::ReadOnly, false},
        {"img2img_background_color", Kind::ReadOnly, QStringLiteral("#ffffff")},
        {"emphasis", Kind::ReadOnly, QStringLiteral("Original")},
        {"comma_padding_backtrack", Kind::ReadOnly, 20},
        {"sd_checkpoint_cache", Kind::ReadOnly, 0},
        {"sd_vae_checkpoint_cache", Kind::ReadOnly, 0},
        {"face_restoration", Kind::ReadOnly, false},
        {"face_restoration_model", Kind::ReadOnly, QStringLiteral("CodeFormer")},
        {"upscaler_for_img2img", Kind::ReadOnly, QJsonValue::Null},
        {"outdir_samples", Kind::ReadOnly, QString()},
        {"outdir_txt2img_samples", Kind::ReadOnly, QStringLiteral("outputs/txt2img-images")},
        {"outdir_img2img_samples", Kind::ReadOnly, QStringLiteral("outputs/img2img-images")},
        {"outdir_extras_samples", Kind::ReadOnly, QStringLiteral("outputs/extras-images")},
        {"outdir_grids", Kind::ReadOnly, QString()},
        {"outdir_save", Kind::ReadOnly, QStringLiteral("log/images")},
        {"outdir_init_images", Kind::ReadOnly, QStringLiteral("outputs/init-images")},
        {"api_enable_requests", Kind::ReadOnly, false},
        {"api_forbid_local_requests", Kind::ReadOnly, true},
        {"sd_vae_overrides_per_model_preferences", Kind::ReadOnly, true},
        {"enable_pnginfo", Kind::ReadOnly, true},
        {"save_txt", Kind::ReadOnly, false},
        {"use_old_emphasis_implementation", Kind::ReadOnly, false},
        {"enable_batch_seeds", Kind::ReadOnly, true},
    };
    return s;
}

const OptionSpec* spec(const QString& key) {
    for (const OptionSpec& s : specs())
        if (key == QLatin1String(s.key)) return &s;
    return nullptr;
}

QString numberText(double d) { return QString::number(d, 'g', 15); }

} // namespace

ApiOptions::ApiOptions(QString filePath) : path_(std::move(filePath)) {
    QFile f(path_);
    if (!path_.isEmpty() && f.open(QIODevice::ReadOnly)) {
        const QJsonDocument doc = QJsonDocument::fromJson(f.read(4 * 1024 * 1024));
        if (doc.isObject()) {
            // Keep only known, well-typed values: the file is ours, but never trust it blindly.
            const QJsonObject stored = doc.object();
            for (auto it = stored.begin(); it != stored.end(); ++it) {
                const OptionSpec* s = spec(it.key());
                if (!s || s->kind == Kind::ReadOnly) continue;
                if (!set(QJsonObject{{it.key(), it.value()}}).isEmpty()) continue;
            }
        }
    }
}

bool ApiOptions::isKnown(const QString& key) { return spec(key) != nullptr; }

QJsonObject ApiOptions::all() const {
    QJsonObject out;
    for (const OptionSpec& s : specs()) out.insert(QLatin1String(s.key), value(QLatin1String(s.key)));
    return out;
}

QJsonValue ApiOptions::value(const QString& key) const {
    if (values_.contains(key)) return values_.value(key);
    const OptionSpec* s = spec(key);
    return s ? s->def : QJsonValue();
}

void ApiOptions::setCheckpoint(const QString& title, const QString& sha256) {
    values_.insert(QStringLiteral("sd_model_checkpoint"), title);
    values_.insert(QStringLiteral("sd_checkpoint_hash"), sha256);
}

QJsonArray ApiOptions::set(const QJsonObject& values) {
    QJsonArray errors;
    QJsonObject accepted;
    for (auto it = values.begin(); it != values.end(); ++it) {
        const QJsonArray loc{QStringLiteral("body"), it.key()};
        const OptionSpec* s = spec(it.key());
        if (!s) {
            errors.append(validationItem(loc, QStringLiteral("unknown option \"%1\"").arg(it.key()),
                                         QStringLiteral("value_error.unknown_option")));
            continue;
        }
        if (s->kind == Kind::ReadOnly) continue; // A1111: restrict_api options are ignored
        QJsonValue v = it.value();
        if (v.isNull()) {
            accepted.insert(it.key(), QJsonValue::Null);
            continue;
        }
        switch (s->kind) {
        case Kind::Str:
            if (!v.isString()) {
                errors.append(validationItem(loc, QStringLiteral("str type expected"), QStringLiteral("type_error.str")));
                continue;
            }
            if (!s->choices.isEmpty()) {
                // A1111 compares choices as given; accept any letter case and store A1111's spelling.
                QString match;
                for (const QString& c : s->choices)
                    if (c.compare(v.toString(), Qt::CaseInsensitive) == 0) match = c;
                if (match.isEmpty()) {
                    errors.append(validationItem(loc,
                                                 QStringLiteral("unexpected value; permitted: ") +
                                                     s->choices.join(QStringLiteral(", ")),
                                                 QStringLiteral("value_error.const"),
                                                 QJsonObject{{QStringLiteral("given"), v},
                                                             {QStringLiteral("permitted"), QJsonArray::fromStringList(s->choices)}}));
                    continue;
                }
                v = match;
            }
            break;
        case Kind::Int: {
            const qint64 n = v.toInteger(std::numeric_limits<qint64>::min());
            if (!v.isDouble() || n == std::numeric_limits<qint64>::min()) {
                errors.append(validationItem(loc, QStringLiteral("value is not a valid integer"),
                                             QStringLiteral("type_error.integer")));
                continue;
            }
            if (double(n) < s->min || double(n) > s->max) {
                errors.append(validationItem(loc,
                                             double(n) < s->min
                                                 ? QStringLiteral("ensure this value is greater than or equal to ") + numberText(s->min)
                                                 : QStringLiteral("ensure this value is less than or equal to ") + numberText(s->max),
                                             double(n) < s->min ? QStringLiteral("value_error.number.not_ge")
                                                                : QStringLiteral("value_error.number.not_le")));
                continue;
            }
            v = n;
            break;
        }
        case Kind::Float:
            if (!v.isDouble() || !std::isfinite(v.toDouble())) {
                errors.append(validationItem(loc, QStringLiteral("value is not a valid float"), QStringLiteral("type_error.float")));
                continue;
            }
            if (v.toDouble() < s->min || v.toDouble() > s->max) {
                errors.append(validationItem(loc,
                                             v.toDouble() < s->min
                                                 ? QStringLiteral("ensure this value is greater than or equal to ") + numberText(s->min)
                                                 : QStringLiteral("ensure this value is less than or equal to ") + numberText(s->max),
                                             v.toDouble() < s->min ? QStringLiteral("value_error.number.not_ge")
                                                                   : QStringLiteral("value_error.number.not_le")));
                continue;
            }
            break;
        case Kind::Bool:
            if (!v.isBool()) {
                errors.append(validationItem(loc, QStringLiteral("value could not be parsed to a boolean"),
                                             QStringLiteral("type_error.bool")));
                continue;
            }
            break;
        case Kind::ReadOnly: break;
        }
        accepted.insert(it.key(), v);
    }
    if (!errors.isEmpty()) return errors;
    for (auto it = accepted.begin(); it != accepted.end(); ++it) {
        if (it.value().isNull()) values_.remove(it.key());
        else values_.insert(it.key(), it.value());
    }
    return {};
}

bool ApiOptions::save(QString* error) const {
    if (path_.isEmpty()) return true;
    QDir().mkpath(QFileInfo(path_).absolutePath());
    QSaveFile f(path_);
    if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(values_).toJson(QJsonDocument::Indented)) < 0 || !f.commit()) {
        if (error) *error = f.errorString();
        return false;
    }
    return true;
}

QJsonObject ApiOptions::overrideSettings(const QJsonObject& request) const {
    QJsonObject out = request;
    for (const char* key : {"CLIP_stop_at_last_layers", "eta_noise_seed_delta", "randn_source", "inpainting_mask_weight"}) {
        const QString k = QLatin1String(key);
        if (!out.contains(k)) out.insert(k, value(k));
    }
    return out;
}

} // namespace latent
