#include "app/cli/sampling_options.h"

#include "app/metadata/generation_params.h"

#include <QCoreApplication>
#include <QJsonValue>
#include <QStringList>

#include <cmath>
#include <limits>
#include <string_view>

namespace latent {

namespace {

QString mustBeNumber(const QString& key) {
    return QCoreApplication::translate("Cli", "\"%1\" must be a number.").arg(key);
}

bool readNumber(const QJsonObject& o, const QString& key, double* out, QString* error) {
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull()) return false;
    if (!v.isDouble() || !std::isfinite(v.toDouble())) {
        *error = mustBeNumber(key);
        return false;
    }
    *out = v.toDouble();
    return true;
}

bool readBool(const QJsonObject& o, const QString& key, bool* out, QString* error) {
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull()) return false;
    if (v.isBool())
        *out = v.toBool();
    else if (v.isDouble())
        *out = v.toDouble() != 0;
    else {
        *error = QCoreApplication::translate("Cli", "\"%1\" must be true/false or 0/1.").arg(key);
        return false;
    }
    return true;
}

bool readChoice(const QJsonObject& o, const QString& key, const QStringList& choices, std::string* out,
                QString* error) {
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull()) return false;
    const QString s = v.toString();
    if (!v.isString() || !choices.contains(s)) {
        *error = QCoreApplication::translate("Cli", "\"%1\" must be one of: %2.")
                     .arg(key, choices.join(QStringLiteral(", ")));
        return false;
    }
    *out = s.toStdString();
    return true;
}

const QStringList& uniPcVariants() {
    static const QStringList v = {QStringLiteral("bh1"), QStringLiteral("bh2"), QStringLiteral("vary_coeff")};
    return v;
}
const QStringList& uniPcSkipTypes() {
    static const QStringList v = {QStringLiteral("time_uniform"), QStringLiteral("time_quadratic"),
                                  QStringLiteral("logSNR")};
    return v;
}

// Python's bool("...") as A1111's settings cast reads an infotext value.
bool infotextBool(const QString& v) {
    const QString s = v.trimmed().toLower();
    return s == QLatin1String("true") || s == QLatin1String("1");
}

} // namespace

QString applySamplerRequestFields(const QJsonObject& body, GenerationRequest& r) {
    QString e;
    double v = 0;
    auto opt = [&](const char* key, std::optional<double>& out) {
        if (readNumber(body, QLatin1String(key), &v, &e)) out = v;
        return e.isEmpty();
    };
    if (!opt("s_churn", r.s_churn) || !opt("s_tmin", r.s_tmin) || !opt("s_tmax", r.s_tmax) ||
        !opt("s_noise", r.s_noise) || !opt("s_min_uncond", r.s_min_uncond) ||
        !opt("initial_noise_multiplier", r.initial_noise_multiplier))
        return e;
    for (const char* key : {"seed_resize_from_w", "seed_resize_from_h"}) {
        const QJsonValue j = body.value(QLatin1String(key));
        if (j.isUndefined() || j.isNull()) continue;
        constexpr qint64 kBad = std::numeric_limits<qint64>::min();
        const qint64 n = j.isDouble() ? j.toInteger(kBad) : kBad;
        if (n == kBad || n > 65536)
            return QCoreApplication::translate("Cli", "\"%1\" must be a whole number of pixels.")
                .arg(QLatin1String(key));
        (std::string_view(key) == "seed_resize_from_w" ? r.seed_resize_from_w : r.seed_resize_from_h) = n;
    }
    return {};
}

QString applySamplingOverrides(const QJsonObject& o, GenerationRequest& r) {
    SamplingSettings& s = r.settings;
    QString e;
    auto num = [&](const char* key, double& out) {
        double v = 0;
        if (readNumber(o, QLatin1String(key), &v, &e)) out = v;
        return e.isEmpty();
    };
    auto flag = [&](const char* key, bool& out) {
        bool v = false;
        if (readBool(o, QLatin1String(key), &v, &e)) out = v;
        return e.isEmpty();
    };
    if (!num("eta_ancestral", s.eta_ancestral) || !num("eta_ddim", s.eta_ddim) || !num("s_churn", s.s_churn) ||
        !num("s_tmin", s.s_tmin) || !num("s_tmax", s.s_tmax) || !num("s_noise", s.s_noise) ||
        !num("sigma_min", s.sigma_min) || !num("sigma_max", s.sigma_max) || !num("rho", s.rho) ||
        !num("beta_dist_alpha", s.beta_dist_alpha) || !num("beta_dist_beta", s.beta_dist_beta) ||
        !num("s_min_uncond", s.s_min_uncond) || !num("skip_early_cond", s.skip_early_cond) ||
        !num("initial_noise_multiplier", s.initial_noise_multiplier) ||
        !flag("always_discard_next_to_last_sigma", s.always_discard_next_to_last_sigma) ||
        !flag("sgm_noise_multiplier", s.sgm_noise_multiplier) ||
        !flag("uni_pc_lower_order_final", s.uni_pc_lower_order_final) || !flag("pad_cond_uncond", s.pad_cond_uncond) ||
        !flag("pad_cond_uncond_v0", s.pad_cond_uncond_v0) || !flag("batch_cond_uncond", s.batch_cond_uncond) ||
        !flag("s_min_uncond_all", s.s_min_uncond_all) ||
        !flag("img2img_color_correction", s.img2img_color_correction) ||
        !flag("use_old_karras_scheduler_sigmas", s.use_old_karras_scheduler_sigmas))
        return e;
    readChoice(o, QStringLiteral("uni_pc_variant"), uniPcVariants(), &s.uni_pc_variant, &e);
    if (!e.isEmpty()) return e;
    // Not an A1111 setting: what the UNet computes in (pipeline/core/precision.h).
    static const QStringList precisions = {QStringLiteral("fp32"), QStringLiteral("bf16")};
    readChoice(o, QStringLiteral("precision"), precisions, &r.precision, &e);
    if (!e.isEmpty()) return e;
    readChoice(o, QStringLiteral("uni_pc_skip_type"), uniPcSkipTypes(), &s.uni_pc_skip_type, &e);
    if (!e.isEmpty()) return e;
    double order = 0;
    if (readNumber(o, QStringLiteral("uni_pc_order"), &order, &e)) {
        if (order < 1 || order > 50 || order != std::floor(order))
            return QCoreApplication::translate("Cli", "\"uni_pc_order\" must be a whole number from 1 to 50.");
        s.uni_pc_order = static_cast<int>(order);
    }
    if (!e.isEmpty()) return e;
    if (s.eta_ancestral < 0 || s.eta_ddim < 0 || s.s_noise < 0 || s.s_churn < 0 || s.sigma_min < 0 || s.sigma_max < 0 ||
        s.rho < 0 || s.beta_dist_alpha <= 0 || s.beta_dist_beta <= 0 || s.initial_noise_multiplier < 0)
        return QCoreApplication::translate(
            "Cli", "Sampler settings must not be negative (and the Beta schedule's alpha and beta must be above 0).");
    // Legacy (A1111 1.6-1.8) k_sched_type: the schedule type, when the request names none.
    const QJsonValue legacy = o.value(QStringLiteral("k_sched_type"));
    if (legacy.isString() && !legacy.toString().isEmpty() && (r.schedule.empty() || r.schedule == "Automatic"))
        r.schedule = legacy.toString().toStdString();
    return {};
}

QJsonObject samplingOverridesFromInfotext(const GenerationParams& p) {
    // A1111 infotext_to_setting_name_mapping (the sampling part). Values that do not parse are
    // left out, as A1111 leaves out what it cannot cast.
    enum class Kind { Number, Flag, Variant, SkipType, Order };
    struct Entry {
        const char* key;
        const char* setting;
        Kind kind;
    };
    static const Entry entries[] = {
        {"Eta", "eta_ancestral", Kind::Number},
        {"Eta DDIM", "eta_ddim", Kind::Number},
        {"Sigma churn", "s_churn", Kind::Number},
        {"Sigma tmin", "s_tmin", Kind::Number},
        {"Sigma tmax", "s_tmax", Kind::Number},
        {"Sigma noise", "s_noise", Kind::Number},
        {"Schedule min sigma", "sigma_min", Kind::Number},
        {"Schedule max sigma", "sigma_max", Kind::Number},
        {"Schedule rho", "rho", Kind::Number},
        // A1111 writes "Beta schedule alpha/beta" but its settings read "Beta scheduler ...": both.
        {"Beta scheduler alpha", "beta_dist_alpha", Kind::Number},
        {"Beta scheduler beta", "beta_dist_beta", Kind::Number},
        {"Beta schedule alpha", "beta_dist_alpha", Kind::Number},
        {"Beta schedule beta", "beta_dist_beta", Kind::Number},
        {"NGMS", "s_min_uncond", Kind::Number},
        {"NGMS all steps", "s_min_uncond_all", Kind::Flag},
        {"Skip Early CFG", "skip_early_cond", Kind::Number},
        {"Noise multiplier", "initial_noise_multiplier", Kind::Number},
        {"Discard penultimate sigma", "always_discard_next_to_last_sigma", Kind::Flag},
        {"SGM noise multiplier", "sgm_noise_multiplier", Kind::Flag},
        {"Pad conds", "pad_cond_uncond", Kind::Flag},
        {"Pad conds v0", "pad_cond_uncond_v0", Kind::Flag},
        {"UniPC variant", "uni_pc_variant", Kind::Variant},
        {"UniPC skip type", "uni_pc_skip_type", Kind::SkipType},
        {"UniPC order", "uni_pc_order", Kind::Order},
        {"UniPC lower order final", "uni_pc_lower_order_final", Kind::Flag},
    };
    QJsonObject o;
    for (const Entry& e : entries) {
        const QString raw = p.extra(QLatin1String(e.key));
        if (raw.isNull()) continue;
        const QString v = raw.trimmed();
        const QString setting = QLatin1String(e.setting);
        bool ok = false;
        switch (e.kind) {
        case Kind::Number: {
            const double d = v.toDouble(&ok);
            if (ok && std::isfinite(d) && d >= 0) o.insert(setting, d);
            break;
        }
        case Kind::Flag:
            o.insert(setting, infotextBool(v));
            break;
        case Kind::Variant:
            if (uniPcVariants().contains(v)) o.insert(setting, v);
            break;
        case Kind::SkipType:
            if (uniPcSkipTypes().contains(v)) o.insert(setting, v);
            break;
        case Kind::Order: {
            const int n = v.toInt(&ok);
            if (ok && n >= 1 && n <= 50) o.insert(setting, n);
            break;
        }
        }
    }
    if (!p.rng.isEmpty()) o.insert(QStringLiteral("randn_source"), p.rng);
    if (p.ensd) o.insert(QStringLiteral("eta_noise_seed_delta"), QJsonValue(*p.ensd));
    return o;
}

QJsonObject samplingOverridesOf(const GenerationRequest& r) {
    const SamplingSettings& s = r.settings;
    const SamplingSettings d;
    QJsonObject o;
    auto num = [&](const char* key, double v, double def) {
        if (v != def) o.insert(QLatin1String(key), v);
    };
    auto flag = [&](const char* key, bool v, bool def) {
        if (v != def) o.insert(QLatin1String(key), v);
    };
    num("eta_ancestral", s.eta_ancestral, d.eta_ancestral);
    num("eta_ddim", s.eta_ddim, d.eta_ddim);
    num("s_churn", s.s_churn, d.s_churn);
    num("s_tmin", s.s_tmin, d.s_tmin);
    num("s_tmax", s.s_tmax, d.s_tmax);
    num("s_noise", s.s_noise, d.s_noise);
    num("sigma_min", s.sigma_min, d.sigma_min);
    num("sigma_max", s.sigma_max, d.sigma_max);
    num("rho", s.rho, d.rho);
    num("beta_dist_alpha", s.beta_dist_alpha, d.beta_dist_alpha);
    num("beta_dist_beta", s.beta_dist_beta, d.beta_dist_beta);
    num("s_min_uncond", s.s_min_uncond, d.s_min_uncond);
    num("skip_early_cond", s.skip_early_cond, d.skip_early_cond);
    num("initial_noise_multiplier", s.initial_noise_multiplier, d.initial_noise_multiplier);
    flag("always_discard_next_to_last_sigma", s.always_discard_next_to_last_sigma, d.always_discard_next_to_last_sigma);
    flag("sgm_noise_multiplier", s.sgm_noise_multiplier, d.sgm_noise_multiplier);
    flag("uni_pc_lower_order_final", s.uni_pc_lower_order_final, d.uni_pc_lower_order_final);
    flag("pad_cond_uncond", s.pad_cond_uncond, d.pad_cond_uncond);
    flag("pad_cond_uncond_v0", s.pad_cond_uncond_v0, d.pad_cond_uncond_v0);
    flag("batch_cond_uncond", s.batch_cond_uncond, d.batch_cond_uncond);
    flag("s_min_uncond_all", s.s_min_uncond_all, d.s_min_uncond_all);
    flag("img2img_color_correction", s.img2img_color_correction, d.img2img_color_correction);
    flag("use_old_karras_scheduler_sigmas", s.use_old_karras_scheduler_sigmas, d.use_old_karras_scheduler_sigmas);
    if (s.uni_pc_variant != d.uni_pc_variant) o.insert(QStringLiteral("uni_pc_variant"), QString::fromStdString(s.uni_pc_variant));
    if (s.uni_pc_skip_type != d.uni_pc_skip_type)
        o.insert(QStringLiteral("uni_pc_skip_type"), QString::fromStdString(s.uni_pc_skip_type));
    if (s.uni_pc_order != d.uni_pc_order) o.insert(QStringLiteral("uni_pc_order"), s.uni_pc_order);
    if (r.precision != "fp32") o.insert(QStringLiteral("precision"), QString::fromStdString(r.precision));
    return o;
}

void applyInfotextSamplingSettings(const GenerationParams& p, GenerationRequest& r) {
    QJsonObject o = samplingOverridesFromInfotext(p);
    o.remove(QStringLiteral("randn_source")); // read by applyInfotext with the other main keys
    o.remove(QStringLiteral("eta_noise_seed_delta"));
    applySamplingOverrides(o, r); // every value was validated above
    if (p.seedResizeFromW && p.seedResizeFromH) {
        r.seed_resize_from_w = *p.seedResizeFromW;
        r.seed_resize_from_h = *p.seedResizeFromH;
    }
}

} // namespace latent
