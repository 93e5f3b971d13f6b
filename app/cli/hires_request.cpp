#include "app/cli/hires_request.h"

#include "app/metadata/generation_params.h"
#include "pipeline/pipelines/generation.h"

#include <QCoreApplication>
#include <QJsonValue>
#include <QRegularExpression>

#include <cmath>
#include <limits>

namespace latent {

QString applyHiresApiRequest(const QJsonObject& body, GenerationRequest& r) {
    HiresOptions& h = r.hires;
    auto value = [&](const char* key) { return body.value(QLatin1String(key)); };
    auto absent = [](const QJsonValue& v) { return v.isUndefined() || v.isNull(); };
    auto number = [&](const char* key, double* out) -> QString {
        const QJsonValue v = value(key);
        if (absent(v)) return {};
        if (!v.isDouble() || !std::isfinite(v.toDouble()))
            return QCoreApplication::translate("Cli", "\"%1\" must be a number.").arg(QLatin1String(key));
        *out = v.toDouble();
        return {};
    };
    auto integer = [&](const char* key, int64_t* out) -> QString {
        const QJsonValue v = value(key);
        if (absent(v)) return {};
        constexpr qint64 kBad = std::numeric_limits<qint64>::min();
        const qint64 n = v.isDouble() ? v.toInteger(kBad) : kBad;
        if (n == kBad)
            return QCoreApplication::translate("Cli", "\"%1\" must be a whole number.").arg(QLatin1String(key));
        *out = n;
        return {};
    };
    auto text = [&](const char* key, std::string* out) -> QString {
        const QJsonValue v = value(key);
        if (absent(v)) return {};
        if (!v.isString())
            return QCoreApplication::translate("Cli", "\"%1\" must be a string.").arg(QLatin1String(key));
        *out = v.toString().toStdString();
        return {};
    };
    const QJsonValue enable = value("enable_hr");
    if (!absent(enable)) {
        if (enable.isBool())
            h.enable = enable.toBool();
        else if (enable.isDouble())
            h.enable = enable.toDouble() != 0;
        else
            return QCoreApplication::translate("Cli", "\"enable_hr\" must be true or false.");
    }
    QString e;
    double cfg = 0;
    const bool hasCfg = !absent(value("hr_cfg"));
    int64_t fw = 0, fh = 0;
    if (!(e = number("hr_scale", &h.scale)).isEmpty() || !(e = text("hr_upscaler", &h.upscaler)).isEmpty() ||
        !(e = integer("hr_second_pass_steps", &h.second_pass_steps)).isEmpty() ||
        !(e = integer("hr_resize_x", &h.resize_x)).isEmpty() || !(e = integer("hr_resize_y", &h.resize_y)).isEmpty() ||
        !(e = text("hr_sampler_name", &h.sampler)).isEmpty() || !(e = text("hr_scheduler", &h.schedule)).isEmpty() ||
        !(e = text("hr_prompt", &h.prompt)).isEmpty() ||
        !(e = text("hr_negative_prompt", &h.negative_prompt)).isEmpty() ||
        !(e = text("hr_checkpoint_name", &h.checkpoint)).isEmpty() || !(e = number("hr_cfg", &cfg)).isEmpty() ||
        !(e = integer("firstphase_width", &fw)).isEmpty() || !(e = integer("firstphase_height", &fh)).isEmpty())
        return e;
    if (hasCfg) h.cfg_scale = cfg;
    if (h.sampler == "Use same sampler") h.sampler.clear();
    if (h.schedule == "Use same scheduler") h.schedule.clear();
    if (h.checkpoint == "Use same checkpoint") h.checkpoint.clear();
    // A1111 __post_init__: a legacy first-phase size becomes the first pass's size.
    if (fw != 0 || fh != 0) {
        r.width = fw;
        r.height = fh;
    }
    return {};
}

void applyHiresInfotext(const GenerationParams& p, GenerationRequest& r) {
    HiresOptions& h = r.hires;
    const QString upscale = p.extra(QStringLiteral("Hires upscale"));
    const QString upscaler = p.extra(QStringLiteral("Hires upscaler"));
    QString resize = p.extra(QStringLiteral("Hires resize"));
    // restore_old_hires_fix_params: "First pass size: WxH" (A1111 before 1.0).
    const QString firstPass = p.extra(QStringLiteral("First pass size"));
    static const QRegularExpression size(QStringLiteral("^\\s*(\\d+)x(\\d+)\\s*$"));
    if (!firstPass.isNull()) {
        const auto m = size.match(firstPass);
        if (m.hasMatch() && p.width && p.height) {
            int fw = m.captured(1).toInt(), fh = m.captured(2).toInt();
            if (fw == 0 || fh == 0) {
                // old_hires_fix_first_pass_dimensions: about 512², multiples of 64.
                const double scale = std::sqrt(512.0 * 512.0 / (double(*p.width) * double(*p.height)));
                fw = int(std::ceil(scale * *p.width / 64.0)) * 64;
                fh = int(std::ceil(scale * *p.height / 64.0)) * 64;
            }
            resize = QStringLiteral("%1x%2").arg(*p.width).arg(*p.height);
            r.width = fw;
            r.height = fh;
        }
    }
    const bool any = !upscale.isNull() || !upscaler.isNull() || !resize.isNull();
    h.enable = p.denoisingStrength.has_value() && any;
    if (!h.enable) return;
    bool ok = false;
    if (!upscale.isNull()) {
        const double s = upscale.toDouble(&ok);
        if (ok && std::isfinite(s)) h.scale = s;
    }
    h.resize_x = h.resize_y = 0;
    if (!resize.isNull()) {
        const auto m = size.match(resize);
        if (m.hasMatch()) {
            h.resize_x = m.captured(1).toLongLong();
            h.resize_y = m.captured(2).toLongLong();
        }
    }
    h.upscaler = upscaler.isNull() ? std::string() : upscaler.toStdString();
    const QString steps = p.extra(QStringLiteral("Hires steps"));
    h.second_pass_steps = steps.isNull() ? 0 : steps.toLongLong();
    h.sampler = p.extra(QStringLiteral("Hires sampler")).toStdString();
    h.schedule = p.extra(QStringLiteral("Hires schedule type")).toStdString();
    h.prompt = p.extra(QStringLiteral("Hires prompt")).toStdString();
    h.negative_prompt = p.extra(QStringLiteral("Hires negative prompt")).toStdString();
    h.checkpoint = p.extra(QStringLiteral("Hires checkpoint")).toStdString();
    const QString cfg = p.extra(QStringLiteral("Hires CFG Scale"));
    h.cfg_scale.reset();
    if (!cfg.isNull()) {
        const double c = cfg.toDouble(&ok);
        if (ok && std::isfinite(c)) h.cfg_scale = c;
    }
}

bool parseHiresFlag(const QString& flag, const QString& v, GenerationRequest& r, QString* error) {
    HiresOptions& h = r.hires;
    auto num = [&](double* out) {
        bool ok = false;
        const double d = v.toDouble(&ok);
        if (!ok || !std::isfinite(d))
            *error = QCoreApplication::translate("Cli", "%1 needs a number, got \"%2\".").arg(flag, v);
        else
            *out = d;
    };
    if (flag == QLatin1String("--denoising-strength")) {
        double s = 0;
        num(&s);
        if (error->isEmpty()) r.denoising_strength = s;
        return true;
    }
    if (!flag.startsWith(QLatin1String("--")) || !QStringView(flag).mid(2).startsWith(QLatin1String("hr-"))) return false;  // --hr-*
    if (flag == QLatin1String("--hr-scale")) {
        num(&h.scale);
    } else if (flag == QLatin1String("--hr-upscaler")) {
        h.upscaler = v.toStdString();
    } else if (flag == QLatin1String("--hr-steps")) {
        bool ok = false;
        const qlonglong n = v.toLongLong(&ok);
        if (!ok || n < 0)
            *error =
                QCoreApplication::translate("Cli", "%1 needs a non-negative whole number, got \"%2\".").arg(flag, v);
        else
            h.second_pass_steps = n;
    } else if (flag == QLatin1String("--hr-resize")) {
        static const QRegularExpression size(QStringLiteral("^(\\d{1,6})x(\\d{1,6})$"));
        const auto m = size.match(v.trimmed().toLower());
        if (!m.hasMatch()) {
            *error = QCoreApplication::translate(
                         "Cli", "--hr-resize takes WIDTHxHEIGHT (0 for one side keeps the aspect), got \"%1\".")
                         .arg(v);
        } else {
            h.resize_x = m.captured(1).toLongLong();
            h.resize_y = m.captured(2).toLongLong();
        }
    } else if (flag == QLatin1String("--hr-sampler")) {
        h.sampler = v.toStdString();
    } else if (flag == QLatin1String("--hr-schedule")) {
        h.schedule = v.toStdString();
    } else if (flag == QLatin1String("--hr-prompt")) {
        h.prompt = v.toStdString();
    } else if (flag == QLatin1String("--hr-negative")) {
        h.negative_prompt = v.toStdString();
    } else if (flag == QLatin1String("--hr-cfg")) {
        double c = 0;
        num(&c);
        if (error->isEmpty()) h.cfg_scale = c;
    } else if (flag == QLatin1String("--hr-checkpoint")) {
        h.checkpoint = v.toStdString();
    } else {
        return false;
    }
    h.enable = true;
    return true;
}

} // namespace latent
