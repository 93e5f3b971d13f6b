#include "app/remote/remote_request.h"

#include "app/cli/sampling_options.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

namespace latent {

namespace {

constexpr qint64 kMaxInputImageBytes = 64LL << 20;

QString readBase64(const QString& path, bool mask, QString* error) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = mask ? QCoreApplication::translate("Backends", "The mask %1 cannot be read: %2").arg(path, f.errorString())
                      : QCoreApplication::translate("Backends", "The init image %1 cannot be read: %2").arg(path, f.errorString());
        return {};
    }
    if (f.size() > kMaxInputImageBytes) {
        *error = mask ? QCoreApplication::translate("Backends", "The mask %1 is larger than 64 MB.").arg(path)
                      : QCoreApplication::translate("Backends", "The init image %1 is larger than 64 MB.").arg(path);
        return {};
    }
    return QString::fromLatin1(f.readAll().toBase64());
}

int imagesPerJob(const QJsonObject& params) {
    const int batch = std::max(1, params.value(QStringLiteral("batch_size")).toInt(1));
    const int iter = std::max(1, params.value(QStringLiteral("n_iter")).toInt(1));
    return batch * iter;
}

void mergeExtras(QJsonObject& into, const QJsonObject& extras) {
    for (auto it = extras.begin(); it != extras.end(); ++it) into.insert(it.key(), it.value());
}

bool hasControlNetUnits(const QJsonObject& params) {
    const QJsonObject scripts = params.value(QStringLiteral("alwayson_scripts")).toObject();
    for (auto it = scripts.begin(); it != scripts.end(); ++it)
        if (it.key().compare(QLatin1String("controlnet"), Qt::CaseInsensitive) == 0)
            for (const QJsonValue& u : it.value().toObject().value(QStringLiteral("args")).toArray())
                if (u.toObject().value(QStringLiteral("enabled")).toBool(true)) return true;
    return false;
}

// What only an A1111-compatible server takes: refused by RunPod / OpenAI-style backends rather
// than silently left out of the image.
bool refuseA1111Only(const QJsonObject& params, const BackendConfig& config, QString* error) {
    if (hasControlNetUnits(params)) {
        *error = QCoreApplication::translate("Backends",
                                             "Backend \"%1\" cannot take ControlNet units; send the job to the local "
                                             "worker or an A1111 backend.")
                     .arg(config.name);
        return true;
    }
    if (!params.value(QStringLiteral("more_init_image_paths")).toArray().isEmpty()) {
        *error = QCoreApplication::translate("Backends",
                                             "Backend \"%1\" takes one init image per job; send jobs with several to "
                                             "the local worker or an A1111 backend.")
                     .arg(config.name);
        return true;
    }
    return false;
}

} // namespace

QJsonObject toApiRequest(const GenerationRequest& r, bool img2img) {
    QJsonObject b{{QStringLiteral("prompt"), QString::fromStdString(r.prompt)},
                  {QStringLiteral("negative_prompt"), QString::fromStdString(r.negative_prompt)},
                  {QStringLiteral("steps"), qint64(r.steps)},
                  {QStringLiteral("cfg_scale"), r.cfg_scale},
                  {QStringLiteral("width"), qint64(r.width)},
                  {QStringLiteral("height"), qint64(r.height)},
                  {QStringLiteral("batch_size"), qint64(r.batch_size)},
                  {QStringLiteral("n_iter"), qint64(r.n_iter)},
                  {QStringLiteral("seed"), qint64(r.seed)},
                  {QStringLiteral("sampler_name"), QString::fromStdString(r.sampler)},
                  {QStringLiteral("scheduler"), QString::fromStdString(r.schedule)}};
    if (r.subseed_strength > 0) {
        b.insert(QStringLiteral("subseed"), qint64(r.subseed));
        b.insert(QStringLiteral("subseed_strength"), r.subseed_strength);
    }
    if (r.eta) b.insert(QStringLiteral("eta"), *r.eta);
    // Sampler fields of the request (applySamplerRequestFields reads them back).
    const std::pair<const char*, const std::optional<double>*> samplerFields[] = {
        {"s_churn", &r.s_churn}, {"s_tmin", &r.s_tmin}, {"s_tmax", &r.s_tmax}, {"s_noise", &r.s_noise},
        {"s_min_uncond", &r.s_min_uncond}, {"initial_noise_multiplier", &r.initial_noise_multiplier}};
    for (const auto& [key, value] : samplerFields)
        if (*value) b.insert(QLatin1String(key), **value);
    if (r.seed_resize_from_w > 0 && r.seed_resize_from_h > 0) {
        b.insert(QStringLiteral("seed_resize_from_w"), qint64(r.seed_resize_from_w));
        b.insert(QStringLiteral("seed_resize_from_h"), qint64(r.seed_resize_from_h));
    }
    if (r.denoising_strength) b.insert(QStringLiteral("denoising_strength"), *r.denoising_strength);
    // The sampling settings that differ from A1111's defaults (eta, sigma range, rho, UniPC, ...).
    QJsonObject overrides = samplingOverridesOf(r);
    if (r.clip_skip > 1) overrides.insert(QStringLiteral("CLIP_stop_at_last_layers"), r.clip_skip);
    if (r.rng == "cpu") overrides.insert(QStringLiteral("randn_source"), QStringLiteral("CPU"));
    else if (r.rng == "nv") overrides.insert(QStringLiteral("randn_source"), QStringLiteral("NV"));
    if (r.eta_noise_seed_delta != 0) overrides.insert(QStringLiteral("eta_noise_seed_delta"), qint64(r.eta_noise_seed_delta));
    if (!img2img && r.hires.enable) {
        // The hires fix, as applyHiresApiRequest reads it back (A1111 v1.10.1 names; hr_cfg as Forge).
        const HiresOptions& h = r.hires;
        b.insert(QStringLiteral("enable_hr"), true);
        b.insert(QStringLiteral("hr_scale"), h.scale);
        if (h.resize_x > 0) b.insert(QStringLiteral("hr_resize_x"), qint64(h.resize_x));
        if (h.resize_y > 0) b.insert(QStringLiteral("hr_resize_y"), qint64(h.resize_y));
        if (!h.upscaler.empty()) b.insert(QStringLiteral("hr_upscaler"), QString::fromStdString(h.upscaler));
        b.insert(QStringLiteral("hr_second_pass_steps"), qint64(h.second_pass_steps));
        if (!h.sampler.empty()) b.insert(QStringLiteral("hr_sampler_name"), QString::fromStdString(h.sampler));
        if (!h.schedule.empty()) b.insert(QStringLiteral("hr_scheduler"), QString::fromStdString(h.schedule));
        if (!h.prompt.empty()) b.insert(QStringLiteral("hr_prompt"), QString::fromStdString(h.prompt));
        if (!h.negative_prompt.empty()) b.insert(QStringLiteral("hr_negative_prompt"), QString::fromStdString(h.negative_prompt));
        if (h.cfg_scale) b.insert(QStringLiteral("hr_cfg"), *h.cfg_scale);
        if (!h.checkpoint.empty()) b.insert(QStringLiteral("hr_checkpoint_name"), QString::fromStdString(h.checkpoint));
    }
    if (img2img) {
        const Img2ImgOptions& o = r.img2img;
        b.insert(QStringLiteral("resize_mode"), o.resize_mode);
        b.insert(QStringLiteral("mask_blur_x"), o.mask_blur_x);
        b.insert(QStringLiteral("mask_blur_y"), o.mask_blur_y);
        b.insert(QStringLiteral("inpainting_fill"), o.inpainting_fill);
        b.insert(QStringLiteral("inpaint_full_res"), o.inpaint_full_res);
        b.insert(QStringLiteral("inpaint_full_res_padding"), o.inpaint_full_res_padding);
        b.insert(QStringLiteral("inpainting_mask_invert"), o.inpainting_mask_invert ? 1 : 0);
        b.insert(QStringLiteral("mask_round"), o.mask_round);
        if (o.inpainting_mask_weight != 1.0) overrides.insert(QStringLiteral("inpainting_mask_weight"), o.inpainting_mask_weight);
    }
    if (!overrides.isEmpty()) b.insert(QStringLiteral("override_settings"), overrides);
    return b;
}

bool isLocalParameterKey(const QString& key) {
    return key == QLatin1String("model_path") || key == QLatin1String("vae_path") ||
           key == QLatin1String("output_dir") || key == QLatin1String("init_image_path") ||
           key == QLatin1String("more_init_image_paths") || key == QLatin1String("mask_path") ||
           key == QLatin1String(job_target::kKey) || key == QLatin1String("remote_model");
}

namespace {

// sd-webui-controlnet's units as a server takes them: each unit's local image and mask files go
// as base64 `image` / `mask`, and no local path leaves the machine (the model goes by its name).
bool controlNetUnitsForServer(QJsonObject& body, QString* error) {
    QJsonObject scripts = body.value(QStringLiteral("alwayson_scripts")).toObject();
    QString key;
    for (auto it = scripts.begin(); it != scripts.end(); ++it)
        if (it.key().compare(QLatin1String("controlnet"), Qt::CaseInsensitive) == 0) key = it.key();
    if (key.isEmpty() || !scripts.value(key).isObject()) return true;
    QJsonObject cn = scripts.value(key).toObject();
    QJsonArray args = cn.value(QStringLiteral("args")).toArray();
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (!args[i].isObject()) continue;
        QJsonObject u = args[i].toObject();
        const QString image = u.take(QStringLiteral("image_path")).toString();
        const QString mask = u.take(QStringLiteral("mask_path")).toString();
        u.remove(QStringLiteral("model_path"));
        if (!image.isEmpty()) {
            const QString b64 = readBase64(image, false, error);
            if (!error->isEmpty()) {
                *error = QCoreApplication::translate("Backends", "ControlNet unit %1: %2").arg(i).arg(*error);
                return false;
            }
            u.insert(QStringLiteral("image"), b64);
        }
        if (!mask.isEmpty()) {
            const QString b64 = readBase64(mask, true, error);
            if (!error->isEmpty()) {
                *error = QCoreApplication::translate("Backends", "ControlNet unit %1: %2").arg(i).arg(*error);
                return false;
            }
            u.insert(QStringLiteral("mask"), b64);
        }
        args[i] = u;
    }
    cn.insert(QStringLiteral("args"), args);
    scripts.insert(key, cn);
    body.insert(QStringLiteral("alwayson_scripts"), scripts);
    return true;
}

} // namespace

QString remoteCheckpoint(const QJsonObject& params, const BackendConfig& config) {
    if (!config.model.isEmpty()) return config.model;
    const QString picked = params.value(QStringLiteral("remote_model")).toString();
    if (!picked.isEmpty()) return picked;
    return params.value(QStringLiteral("override_settings")).toObject().value(QStringLiteral("sd_model_checkpoint")).toString();
}

QJsonObject a1111Body(const QString& kind, const QJsonObject& params, const BackendConfig& config, QString* error) {
    QJsonObject body;
    for (auto it = params.begin(); it != params.end(); ++it)
        if (!isLocalParameterKey(it.key())) body.insert(it.key(), it.value());
    QJsonObject overrides = body.value(QStringLiteral("override_settings")).toObject();
    const QString checkpoint = remoteCheckpoint(params, config);
    if (!checkpoint.isEmpty())
        overrides.insert(QStringLiteral("sd_model_checkpoint"), checkpoint);
    else
        overrides.remove(QStringLiteral("sd_model_checkpoint"));
    // A VAE file chosen here goes by its file name, as A1111's sd_vae names VAEs.
    const QString vaePath = params.value(QStringLiteral("vae_path")).toString();
    if (!vaePath.isEmpty() && !overrides.contains(QStringLiteral("sd_vae")))
        overrides.insert(QStringLiteral("sd_vae"), QFileInfo(vaePath).fileName());
    if (!overrides.isEmpty()) body.insert(QStringLiteral("override_settings"), overrides);
    else body.remove(QStringLiteral("override_settings"));
    if (!controlNetUnitsForServer(body, error)) return {};
    body.insert(QStringLiteral("send_images"), true);
    if (!body.contains(QStringLiteral("save_images"))) body.insert(QStringLiteral("save_images"), false);
    if (kind == QLatin1String("img2img")) {
        const QString init = params.value(QStringLiteral("init_image_path")).toString();
        if (!init.isEmpty()) {
            const QString b64 = readBase64(init, false, error);
            if (!error->isEmpty()) return {};
            QJsonArray inits{b64};
            // A1111's init_images[1:]: image i of every batch starts from init image i.
            for (const QJsonValue& more : params.value(QStringLiteral("more_init_image_paths")).toArray()) {
                const QString m = readBase64(more.toString(), false, error);
                if (!error->isEmpty()) return {};
                inits.append(m);
            }
            body.insert(QStringLiteral("init_images"), inits);
        } else if (!body.value(QStringLiteral("init_images")).isArray()) {
            *error = QCoreApplication::translate("Backends", "The image-to-image job has no init image.");
            return {};
        }
        const QString mask = params.value(QStringLiteral("mask_path")).toString();
        if (!mask.isEmpty()) {
            const QString b64 = readBase64(mask, true, error);
            if (!error->isEmpty()) return {};
            body.insert(QStringLiteral("mask"), b64);
        }
    }
    return body;
}

QString runPodScheduler(const QString& sampler, const QString& schedule) {
    const QString s = sampler.trimmed();
    if (s.isEmpty()) return {};
    if (s == QLatin1String("Euler")) return QStringLiteral("K_EULER");
    if (s == QLatin1String("Euler a")) return QStringLiteral("K_EULER_ANCESTRAL");
    if (s == QLatin1String("LMS")) return QStringLiteral("KLMS");
    if (s == QLatin1String("DDIM")) return QStringLiteral("DDIM");
    if (s == QLatin1String("PLMS")) return QStringLiteral("PNDM");
    if (s.startsWith(QLatin1String("DPM++ 2M"))) {
        const bool karras = schedule == QLatin1String("Karras") || s.endsWith(QLatin1String("Karras")) ||
                            (schedule.isEmpty() || schedule == QLatin1String("Automatic"));
        return karras ? QStringLiteral("KarrasDPM") : QStringLiteral("DPMSolverMultistep");
    }
    return {};
}

QJsonObject runPodInput(const QString& kind, const QJsonObject& params, const BackendConfig& config, QString* error) {
    if (refuseA1111Only(params, config, error)) return {};
    QJsonObject in;
    in.insert(QStringLiteral("prompt"), params.value(QStringLiteral("prompt")).toString());
    const QString negative = params.value(QStringLiteral("negative_prompt")).toString();
    if (!negative.isEmpty()) in.insert(QStringLiteral("negative_prompt"), negative);
    in.insert(QStringLiteral("width"), params.value(QStringLiteral("width")).toInt(512));
    in.insert(QStringLiteral("height"), params.value(QStringLiteral("height")).toInt(512));
    in.insert(QStringLiteral("num_inference_steps"), params.value(QStringLiteral("steps")).toInt(20));
    in.insert(QStringLiteral("guidance_scale"), params.value(QStringLiteral("cfg_scale")).toDouble(7.0));
    const QJsonValue seed = params.value(QStringLiteral("seed"));
    if (seed.isDouble() && seed.toInteger(-1) >= 0) in.insert(QStringLiteral("seed"), QJsonValue(seed.toInteger()));
    in.insert(QStringLiteral("num_images"), imagesPerJob(params));
    const QString scheduler = runPodScheduler(params.value(QStringLiteral("sampler_name")).toString(),
                                              params.value(QStringLiteral("scheduler")).toString());
    if (!scheduler.isEmpty()) in.insert(QStringLiteral("scheduler"), scheduler);
    if (kind == QLatin1String("img2img")) {
        const QString init = params.value(QStringLiteral("init_image_path")).toString();
        if (init.isEmpty()) {
            *error = QCoreApplication::translate("Backends", "The image-to-image job has no init image.");
            return {};
        }
        in.insert(QStringLiteral("image"), readBase64(init, false, error));
        if (!error->isEmpty()) return {};
        in.insert(QStringLiteral("strength"), params.value(QStringLiteral("denoising_strength")).toDouble(0.75));
        const QString mask = params.value(QStringLiteral("mask_path")).toString();
        if (!mask.isEmpty()) {
            in.insert(QStringLiteral("mask"), readBase64(mask, true, error));
            if (!error->isEmpty()) return {};
        }
    }
    mergeExtras(in, config.extras);
    return in;
}

QJsonObject openAiBody(const QString& kind, const QJsonObject& params, const BackendConfig& config, QString* error) {
    if (kind != QLatin1String("txt2img")) {
        *error = QCoreApplication::translate("Backends",
                                             "Backend \"%1\" is an OpenAI-style images API: it only makes images "
                                             "from text. Send image-to-image jobs to the local worker or an A1111 "
                                             "backend.")
                     .arg(config.name);
        return {};
    }
    if (refuseA1111Only(params, config, error)) return {};
    QJsonObject body;
    const QString model = config.model.isEmpty() ? params.value(QStringLiteral("remote_model")).toString() : config.model;
    if (!model.isEmpty()) body.insert(QStringLiteral("model"), model);
    body.insert(QStringLiteral("prompt"), params.value(QStringLiteral("prompt")).toString());
    body.insert(QStringLiteral("n"), imagesPerJob(params));
    body.insert(QStringLiteral("size"), QStringLiteral("%1x%2")
                                            .arg(params.value(QStringLiteral("width")).toInt(1024))
                                            .arg(params.value(QStringLiteral("height")).toInt(1024)));
    body.insert(QStringLiteral("response_format"), QStringLiteral("b64_json"));
    mergeExtras(body, config.extras);
    return body;
}

GenerationParams remoteInfotext(const QString& kind, const QJsonObject& params, const BackendConfig& config, int index,
                                int width, int height, std::optional<qint64> seed) {
    GenerationParams p;
    p.prompt = params.value(QStringLiteral("prompt")).toString();
    const bool openai = config.kind == BackendKind::OpenAI;
    if (!openai) {
        // What the request asked for (an OpenAI-style API takes none of these).
        p.negativePrompt = params.value(QStringLiteral("negative_prompt")).toString();
        if (params.contains(QStringLiteral("steps"))) p.steps = params.value(QStringLiteral("steps")).toInt();
        const QString sampler = params.value(QStringLiteral("sampler_name")).toString();
        if (!runPodScheduler(sampler, params.value(QStringLiteral("scheduler")).toString()).isEmpty()) p.sampler = sampler;
        if (params.contains(QStringLiteral("cfg_scale"))) p.cfgScale = params.value(QStringLiteral("cfg_scale")).toDouble();
        if (seed) {
            p.seed = *seed;
        } else {
            const qint64 requested = params.value(QStringLiteral("seed")).toInteger(-1);
            // Only image 0 is known to use the requested seed (workers draw a batch from one generator).
            if (requested >= 0 && index == 0) p.seed = requested;
        }
        if (kind == QLatin1String("img2img"))
            p.denoisingStrength = params.value(QStringLiteral("denoising_strength")).toDouble(0.75);
    }
    if (width > 0 && height > 0) {
        p.width = width;
        p.height = height;
    }
    const QString model = openai ? (config.model.isEmpty() ? params.value(QStringLiteral("remote_model")).toString()
                                                           : config.model)
                                 : remoteCheckpoint(params, config);
    if (!model.isEmpty()) p.modelName = model;
    if (config.kind == BackendKind::RunPod) {
        const QString scheduler = runPodScheduler(params.value(QStringLiteral("sampler_name")).toString(),
                                                  params.value(QStringLiteral("scheduler")).toString());
        if (!scheduler.isEmpty()) p.setExtra(QStringLiteral("Remote scheduler"), scheduler);
    }
    p.setExtra(QStringLiteral("Remote backend"),
               QStringLiteral("%1 (%2)").arg(config.name, backendKindName(config.kind)));
    p.version = GenerationParams::defaultVersion();
    return p;
}

} // namespace latent
