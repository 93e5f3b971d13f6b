// The command-line side of the generation options: --flags, --request and --infotext files
// (parseGenerationOptions) and A1111 infotexts (applyInfotext). Kept apart from the request-body
// parser (generation_options.cpp), which the fuzz harness compiles on its own.
#include "app/cli/generation_options.h"

#include "app/cli/hires_request.h"
#include "app/cli/network_options.h"
#include "app/cli/sampling_options.h"
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

namespace {

// The img2img-only flags. Returns false when `flag` is not one of them; sets o.error on bad values.
bool parseImg2ImgFlag(const QString& flag, const QString& v, CliGenerationOptions& o) {
    Img2ImgOptions& i = o.request.img2img;
    auto number = [&](const QString& text, int* out) {
        bool ok = false;
        const int n = text.trimmed().toInt(&ok);
        if (!ok || n < 0) {
            o.error = QCoreApplication::translate("Cli", "%1 needs a non-negative whole number, got \"%2\".").arg(flag, text);
            return false;
        }
        *out = n;
        return true;
    };
    if (flag == QLatin1String("--init")) {
        // Repeated --init: A1111's init_images list (one per image of the batch).
        if (o.initPath.isEmpty())
            o.initPath = v;
        else
            o.moreInitPaths.append(v);
    } else if (flag == QLatin1String("--mask")) {
        o.maskPath = v;
    } else if (flag == QLatin1String("--resize-mode")) {
        int m = 0;
        if (number(v, &m) && m > 3) o.error = QCoreApplication::translate("Cli", "--resize-mode must be 0 (just resize), 1 (crop and resize), 2 (resize and fill) or 3 (latent upscale).");
        i.resize_mode = m;
    } else if (flag == QLatin1String("--mask-blur")) {
        const QStringList parts = v.split(QLatin1Char(','));
        if (parts.size() > 2) o.error = QCoreApplication::translate("Cli", "--mask-blur takes N or X,Y.");
        else if (number(parts[0], &i.mask_blur_x)) {
            i.mask_blur_y = i.mask_blur_x;
            if (parts.size() == 2) number(parts[1], &i.mask_blur_y);
        }
    } else if (flag == QLatin1String("--inpaint-area")) {
        const QString a = v.toLower();
        if (a == QLatin1String("whole")) i.inpaint_full_res = false;
        else if (a == QLatin1String("masked")) i.inpaint_full_res = true;
        else o.error = QCoreApplication::translate("Cli", "--inpaint-area must be whole or masked.");
    } else if (flag == QLatin1String("--padding")) {
        number(v, &i.inpaint_full_res_padding);
    } else if (flag == QLatin1String("--fill")) {
        static const QStringList names = {QStringLiteral("fill"), QStringLiteral("original"),
                                          QStringLiteral("latent-noise"), QStringLiteral("latent-nothing")};
        const int idx = static_cast<int>(names.indexOf(v.toLower()));
        if (idx < 0) o.error = QCoreApplication::translate("Cli", "--fill must be fill, original, latent-noise or latent-nothing.");
        else i.inpainting_fill = idx;
    } else if (flag == QLatin1String("--outpaint")) {
        const QStringList parts = v.split(QLatin1Char(','));
        if (parts.size() != 4) {
            o.error = QCoreApplication::translate("Cli", "--outpaint takes left,top,right,bottom pixels (e.g. 0,0,64,0).");
        } else {
            for (int k = 0; k < 4 && o.error.isEmpty(); ++k) {
                int n = 0;
                if (number(parts[k], &n)) i.outpaint[k] = n;
            }
        }
    } else {
        return false;
    }
    return true;
}

} // namespace

QString applyInfotext(const QString& infotext, GenerationRequest& r) {
    const GenerationParams p = GenerationParams::fromInfotext(infotext);
    if (!p.steps && p.sampler.isEmpty() && !p.seed)
        return QCoreApplication::translate("Cli", "The infotext has no parameter line (Steps, Sampler, Seed, ...).");
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
    if (std::vector<ControlUnit> units = controlUnitsFromInfotext(p); !units.empty()) r.controlnet = std::move(units);
    applyInfotextSamplingSettings(p, r);
    // img2img / inpaint keys (A1111 writes Inpaint area and Masked content only when they differ
    // from "Whole picture" / "original").
    const bool inpaintKeys = p.maskBlur || !p.inpaintArea.isEmpty() || p.maskedAreaPadding || !p.maskMode.isEmpty() ||
                             !p.maskedContent.isEmpty();
    if (inpaintKeys) {
        Img2ImgOptions& o = r.img2img;
        if (p.maskBlur) o.mask_blur_x = o.mask_blur_y = *p.maskBlur;
        o.inpaint_full_res = p.inpaintOnlyMasked();
        if (p.maskedAreaPadding) o.inpaint_full_res_padding = *p.maskedAreaPadding;
        o.inpainting_mask_invert = p.maskMode == QStringLiteral("Inpaint not masked");
        const QString mc = p.maskedContent.toLower();
        o.inpainting_fill = mc == QLatin1String("fill") ? 0 : mc == QLatin1String("latent noise") ? 2
                            : mc == QLatin1String("latent nothing")                               ? 3
                                                                                                  : 1;
    }
    applyHiresInfotext(p, r);
    return {};
}

CliGenerationOptions parseGenerationOptions(const QStringList& args, bool img2img, bool requireModel) {
    CliGenerationOptions o;
    // First pass: --request and --infotext (lower precedence than explicit flags).
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        if (a == QLatin1String("--request") || a == QLatin1String("--infotext")) {
            if (i + 1 >= args.size()) {
                o.error = QCoreApplication::translate("Cli", "%1 needs a value.").arg(a);
                return o;
            }
            const QString value = args[++i];
            if (a == QLatin1String("--request")) {
                QFile f(value);
                if (!f.open(QIODevice::ReadOnly)) {
                    o.error = QCoreApplication::translate("Cli", "Cannot read the request file %1: %2").arg(value, f.errorString());
                    return o;
                }
                QJsonParseError pe;
                const QJsonDocument doc = QJsonDocument::fromJson(f.read(64 * 1024 * 1024), &pe);
                if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
                    o.error = QCoreApplication::translate("Cli", "The request file %1 is not a JSON object: %2").arg(value, pe.errorString());
                    return o;
                }
                o.error = applyApiRequest(doc.object(), o.request);
                if (o.error.isEmpty()) {
                    o.request.controlnet.clear();
                    o.controlInputs.clear();
                    o.error = applyControlNetApiArgs(doc.object(), o.request, &o.controlInputs);
                }
                const QJsonValue sdVae =
                    doc.object().value(QStringLiteral("override_settings")).toObject().value(QStringLiteral("sd_vae"));
                if (sdVae.isString()) o.sdVae = sdVae.toString();
                if (o.error.isEmpty() && img2img)
                    o.error = applyImg2ImgApiRequest(doc.object(), o.request, &o.initBase64, &o.maskBase64,
                                                     &o.moreInitBase64);
                if (doc.object().contains(QStringLiteral("width")) || doc.object().contains(QStringLiteral("height")))
                    o.sizeGiven = true;
            } else {
                o.error = applyInfotext(value, o.request);
                o.controlInputs.resize(qsizetype(o.request.controlnet.size()));
                o.infotext = value;
                o.sizeGiven = true;
            }
            if (!o.error.isEmpty()) return o;
        }
    }
    auto need = [&](int& i, const QString& flag, QString* out) {
        if (i + 1 >= args.size()) {
            o.error = QCoreApplication::translate("Cli", "%1 needs a value.").arg(flag);
            return false;
        }
        *out = args[++i];
        return true;
    };
    auto toInt = [&](const QString& flag, const QString& v, int64_t* out) {
        bool ok = false;
        const qlonglong n = v.toLongLong(&ok);
        if (!ok) {
            o.error = QCoreApplication::translate("Cli", "%1 needs a whole number, got \"%2\".").arg(flag, v);
            return false;
        }
        *out = n;
        return true;
    };
    auto toDouble = [&](const QString& flag, const QString& v, double* out) {
        bool ok = false;
        const double d = v.toDouble(&ok);
        if (!ok || !std::isfinite(d)) {
            o.error = QCoreApplication::translate("Cli", "%1 needs a number, got \"%2\".").arg(flag, v);
            return false;
        }
        *out = d;
        return true;
    };
    GenerationRequest& r = o.request;
    // ControlNet flags apply to the unit the last --controlnet started (or, before any, to the
    // last unit of --request / --infotext).
    auto lastUnit = [&](const QString& flag) -> ControlUnit* {
        if (r.controlnet.empty()) {
            o.error = QCoreApplication::translate("Cli", "%1 needs a --controlnet MODEL before it.").arg(flag);
            return nullptr;
        }
        return &r.controlnet.back();
    };
    for (int i = 0; i < args.size(); ++i) {
        const QString a = args[i];
        QString v;
        int64_t n = 0;
        if (a == QLatin1String("--request") || a == QLatin1String("--infotext")) {
            ++i;
        } else if (a == QLatin1String("--save-latents")) {
            o.saveLatents = true;
        } else if (a == QLatin1String("--pixel-perfect")) {
            if (ControlUnit* u = lastUnit(a)) u->pixel_perfect = true;
        } else if (img2img && a == QLatin1String("--invert-mask")) {
            r.img2img.inpainting_mask_invert = true;
        } else if (img2img && a == QLatin1String("--mask-from-alpha")) {
            r.img2img.mask_from_init_alpha = true;
        } else if (!img2img && a == QLatin1String("--hires")) {
            r.hires.enable = true;
        } else if (!a.startsWith(QLatin1String("--"))) {
            o.error = QCoreApplication::translate("Cli", "Unexpected argument \"%1\".").arg(a);
        } else if (!need(i, a, &v)) {
        } else if (a == QLatin1String("--model")) {
            o.modelPath = v;
        } else if (a == QLatin1String("--vae")) {
            // A file, or an A1111 sd_vae value (a VAE name, "Automatic", "None").
            if (QFileInfo(v).isFile()) o.vaePath = v;
            else o.sdVae = v;
        } else if (a == QLatin1String("--models-root")) {
            o.modelRoots << v;
        } else if (a == QLatin1String("--lora-dir")) {
            o.loraDirs << v;
        } else if (a == QLatin1String("--embeddings-dir")) {
            o.embeddingDirs << v;
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
                o.error = QCoreApplication::translate("Cli", "--rng must be cpu, gpu or nv.");
            r.rng = s.toStdString();
        } else if (a == QLatin1String("--precision")) {
            const QString s = v.toLower();
            if (s != QLatin1String("fp32") && s != QLatin1String("bf16"))
                o.error = QCoreApplication::translate("Cli", "--precision must be fp32 or bf16.");
            r.precision = s.toStdString();
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
            o.sizeGiven = true;
        } else if (a == QLatin1String("--height")) {
            toInt(a, v, &r.height);
            o.sizeGiven = true;
        } else if (a == QLatin1String("--batch-size")) {
            toInt(a, v, &r.batch_size);
        } else if (a == QLatin1String("--n-iter")) {
            toInt(a, v, &r.n_iter);
        } else if (a == QLatin1String("--clip-skip")) {
            if (toInt(a, v, &n)) r.clip_skip = static_cast<int>(n);
        } else if (a == QLatin1String("--strength")) {
            double s = 0;
            if (toDouble(a, v, &s)) r.denoising_strength = s;
        } else if (a == QLatin1String("--controlnet")) {
            ControlUnit u;
            u.model = v.toStdString();
            r.controlnet.push_back(u);
            o.controlInputs.append(ControlInputFiles{});
        } else if (a == QLatin1String("--control-image") || a == QLatin1String("--control-mask")) {
            if (lastUnit(a)) {
                ControlInputFiles& f = o.controlInputs[int(r.controlnet.size()) - 1];
                (a == QLatin1String("--control-image") ? f.imagePath : f.maskPath) = v;
            }
        } else if (a == QLatin1String("--control-module")) {
            if (ControlUnit* u = lastUnit(a)) u->module = v.toStdString();
        } else if (a == QLatin1String("--control-weight") || a == QLatin1String("--guidance-start") ||
                   a == QLatin1String("--guidance-end") || a == QLatin1String("--control-threshold-a") ||
                   a == QLatin1String("--control-threshold-b") || a == QLatin1String("--control-res")) {
            ControlUnit* u = lastUnit(a);
            double d = 0;
            if (u && toDouble(a, v, &d)) {
                if (a == QLatin1String("--control-weight")) u->weight = d;
                else if (a == QLatin1String("--guidance-start")) u->guidance_start = d;
                else if (a == QLatin1String("--guidance-end")) u->guidance_end = d;
                else if (a == QLatin1String("--control-threshold-a")) u->threshold_a = d;
                else if (a == QLatin1String("--control-threshold-b")) u->threshold_b = d;
                else u->processor_res = static_cast<int>(std::clamp(d, -1.0, 16384.0));
            }
        } else if (a == QLatin1String("--control-mode")) {
            if (ControlUnit* u = lastUnit(a)) {
                const auto m = control_mode_from_name(v.toStdString());
                if (!m) o.error = QCoreApplication::translate("Cli", "--control-mode must be balanced, prompt or controlnet.");
                else u->control_mode = *m;
            }
        } else if (a == QLatin1String("--control-resize")) {
            if (ControlUnit* u = lastUnit(a)) {
                const auto m = control_resize_mode_from_name(v.toStdString());
                if (!m) o.error = QCoreApplication::translate("Cli", "--control-resize must be just, crop or fill.");
                else u->resize_mode = *m;
            }
        } else if (a == QLatin1String("--control-hr-option")) {
            if (ControlUnit* u = lastUnit(a)) {
                const auto h = control_hires_option_from_name(v.toStdString());
                if (!h) o.error = QCoreApplication::translate("Cli", "--control-hr-option must be both, low or high.");
                else u->hr_option = *h;
            }
        } else if (img2img && parseImg2ImgFlag(a, v, o)) {
        } else if (!img2img && parseHiresFlag(a, v, r, &o.error)) {
        } else {
            o.error = QCoreApplication::translate("Cli", "Unknown option %1.").arg(a);
        }
        if (!o.error.isEmpty()) return o;
    }
    if (img2img) r.hires = HiresOptions{};  // A1111's img2img has no hires pass (infotexts may carry one)
    if (o.modelPath.isEmpty() && requireModel) o.error = QCoreApplication::translate("Cli", "--model is required.");
    else if (img2img && o.initPath.isEmpty() && o.initBase64.isEmpty())
        o.error = QCoreApplication::translate("Cli", "--init is required (or \"init_images\" in the --request body).");
    else if (o.outDir.isEmpty()) o.error = QCoreApplication::translate("Cli", "--out is required.");
    // ControlNet units: models by path or name, and an image each (img2img falls back to --init).
    for (size_t i = 0; i < r.controlnet.size() && o.error.isEmpty(); ++i) {
        ControlUnit& u = r.controlnet[i];
        if (!u.enabled) continue;
        const QString error = resolveControlNetModel(u, o.modelRoots.value(0));
        if (!error.isEmpty()) o.error = error;
        const ControlInputFiles& f = o.controlInputs.value(int(i));
        if (o.error.isEmpty() && !img2img && f.imagePath.isEmpty() && f.imageBase64.isEmpty())
            o.error = QCoreApplication::translate("Cli", "ControlNet unit %1 has no image (--control-image IMG).").arg(i);
    }
    if (o.error.isEmpty()) o.error = finishNetworkOptions(o);
    return o;
}

} // namespace latent
