// AUTOMATIC1111 v1.10.1's /sdapi/v1 routes (modules/api/api.py), wire-compatible: the same
// request fields and defaults (api_schema.cpp), the same response shapes, A1111's error bodies.
#include "app/api/api_internal.h"
#include "app/api/api_jobs.h"
#include "app/api/api_options.h"
#include "app/api/api_schema.h"
#include "app/core/process_memory.h"
#include "app/imaging/image_loader.h"
#include "app/jobs/job_queue.h"
#include "app/library/model_library.h"
#include "app/metadata/generation_params.h"
#include "app/metadata/exif_comment.h"
#include "app/metadata/png_text.h"
#include "app/storage/image_writer.h"
#include "app/worker/inference_worker.h"
#include "pipeline/core/error.h"
#include "pipeline/engine.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QPointer>
#include <QTimer>
#include <QtConcurrent>

namespace latent {

using namespace api_detail;

namespace {


QByteArray toBase64(const QByteArray& bytes) { return bytes.toBase64(); }

// Total RAM from /proc/meminfo (bytes), 0 when unknown.
qint64 totalRamBytes() {
    QFile f(QStringLiteral("/proc/meminfo"));
    if (!f.open(QIODevice::ReadOnly)) return 0;
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (line.startsWith("MemTotal:")) {
            const QList<QByteArray> parts = line.simplified().split(' ');
            return parts.value(1).toLongLong() * 1024;
        }
    }
    return 0;
}

// A1111 parse_generation_parameters(), as /png-info returns it: "Prompt", "Negative prompt" and
// every key of the parameter line with its (unquoted) value; "Size" split into Size-1 / Size-2.
QJsonObject parseParameters(const QString& infotext) {
    QJsonObject out;
    if (infotext.isEmpty()) return out;
    const GenerationParams p = GenerationParams::fromInfotext(infotext);
    out.insert(QStringLiteral("Prompt"), p.prompt);
    out.insert(QStringLiteral("Negative prompt"), p.negativePrompt);
    for (const QString& key : p.parsedKeyOrder) {
        const QString value = GenerationParams::unquote(p.parsedValues.value(key).written);
        if (key == QLatin1String("Size") || key == QLatin1String("Hires resize") || key == QLatin1String("Seed resize from")) {
            const QStringList wh = value.split(QLatin1Char('x'));
            if (wh.size() == 2) {
                out.insert(key + QStringLiteral("-1"), wh[0]);
                out.insert(key + QStringLiteral("-2"), wh[1]);
                continue;
            }
        }
        out.insert(key, value);
    }
    // Defaults A1111 fills in for absent keys.
    if (!out.contains(QStringLiteral("Clip skip"))) out.insert(QStringLiteral("Clip skip"), QStringLiteral("1"));
    if (!out.contains(QStringLiteral("Schedule type"))) out.insert(QStringLiteral("Schedule type"), QStringLiteral("Automatic"));
    if (!out.contains(QStringLiteral("RNG"))) out.insert(QStringLiteral("RNG"), QStringLiteral("GPU"));
    if (!out.contains(QStringLiteral("Mask mode"))) out.insert(QStringLiteral("Mask mode"), QStringLiteral("Inpaint masked"));
    return out;
}

// Fields A1111 accepts that this server cannot honour: refused clearly instead of ignored.
QString unsupportedField(const QJsonObject& body, const QString& kind) {
    if (!body.value(QStringLiteral("script_name")).toString().isEmpty())
        return QStringLiteral("Script '%1' not found").arg(body.value(QStringLiteral("script_name")).toString().left(200));
    // Always-on scripts: sd-webui-controlnet's units are served; any other script is not here.
    const QJsonObject alwayson = body.value(QStringLiteral("alwayson_scripts")).toObject();
    for (auto it = alwayson.begin(); it != alwayson.end(); ++it)
        if (it.key().compare(QLatin1String("controlnet"), Qt::CaseInsensitive) != 0)
            return QStringLiteral("always on script %1 not found").arg(it.key().left(200));
    if (body.value(QStringLiteral("restore_faces")).toBool())
        return QCoreApplication::translate("latent::ApiServer", "Face restoration is not available on this server (/sdapi/v1/face-restorers is empty).");
    if (body.value(QStringLiteral("tiling")).toBool()) return QCoreApplication::translate("latent::ApiServer", "Tiling is not supported by this server.");
    if (!body.value(QStringLiteral("refiner_checkpoint")).toString().isEmpty())
        return QCoreApplication::translate("latent::ApiServer", "A refiner checkpoint is not supported by this server.");
    if (!body.value(QStringLiteral("firstpass_image")).toString().isEmpty())
        return QCoreApplication::translate("latent::ApiServer", "firstpass_image is not supported by this server.");
    if (kind == QLatin1String("img2img")) {
        if (!body.value(QStringLiteral("latent_mask")).toString().isEmpty())
            return QCoreApplication::translate("latent::ApiServer", "latent_mask is not supported by this server.");
    }
    return {};
}

// A1111 1.10 `infotext` request field: parameters from an infotext for fields the request did
// not set.
void applyRequestInfotext(QJsonObject& body, const QJsonObject& given) {
    const QString text = body.value(QStringLiteral("infotext")).toString();
    if (text.isEmpty()) return;
    const GenerationParams p = GenerationParams::fromInfotext(text);
    auto put = [&](const char* key, const QJsonValue& v) {
        if (!given.contains(QLatin1String(key)) && !v.isUndefined()) body.insert(QLatin1String(key), v);
    };
    put("prompt", p.prompt);
    put("negative_prompt", p.negativePrompt);
    if (p.steps) put("steps", *p.steps);
    if (!p.sampler.isEmpty()) put("sampler_name", p.sampler);
    if (!p.scheduleType.isEmpty()) put("scheduler", p.scheduleType);
    if (p.cfgScale) put("cfg_scale", *p.cfgScale);
    if (p.seed) put("seed", *p.seed);
    if (p.width && p.height) {
        put("width", *p.width);
        put("height", *p.height);
    }
    if (p.subseed) put("subseed", *p.subseed);
    if (p.subseedStrength) put("subseed_strength", *p.subseedStrength);
    if (p.denoisingStrength) put("denoising_strength", *p.denoisingStrength);
    QJsonObject overrides = body.value(QStringLiteral("override_settings")).toObject();
    if (p.clipSkip && !overrides.contains(QStringLiteral("CLIP_stop_at_last_layers")))
        overrides.insert(QStringLiteral("CLIP_stop_at_last_layers"), *p.clipSkip);
    if (p.ensd && !overrides.contains(QStringLiteral("eta_noise_seed_delta")))
        overrides.insert(QStringLiteral("eta_noise_seed_delta"), *p.ensd);
    if (!p.rng.isEmpty() && !overrides.contains(QStringLiteral("randn_source")))
        overrides.insert(QStringLiteral("randn_source"), p.rng);
    if (!overrides.isEmpty()) body.insert(QStringLiteral("override_settings"), overrides);
}

struct GenerationReplyInfo {
    QJsonObject parameters; // what A1111 echoes back
    bool sendImages = true;
    bool temporary = true;  // delete the results after sending
};

} // namespace

void ApiServer::registerA1111Routes() {
    const QString tag = QStringLiteral("AUTOMATIC1111");

    // txt2img / img2img share one flow: validate, prepare, (img2img: decode images off the GUI
    // thread), enqueue, wait for the job, read its PNGs, answer.
    auto generation = [this](const QString& kind) {
        return [this, kind](const ApiRequest& req, const ApiReplyPtr& reply) {
            QJsonValue json;
            QJsonArray errors;
            if (!parseJsonBody(req.body, &json, &errors)) return reply->send(validationError(errors));
            const ModelSpec& model = kind == QLatin1String("img2img") ? api_models::img2img() : api_models::txt2img();
            ValidationResult v = validateModel(model, json);
            if (!v.ok()) return reply->send(validationError(v.errors));
            QJsonObject body = v.value;
            if (const QString bad = unsupportedField(body, kind); !bad.isEmpty()) return reply->send(a1111Error(422, bad));
            applyRequestInfotext(body, v.given);
            GenerationReplyInfo info;
            info.parameters = v.value;
            info.sendImages = body.value(QStringLiteral("send_images")).toBool(true);
            const bool saveImages = body.value(QStringLiteral("save_images")).toBool(false);
            info.temporary = !saveImages && !config_.imagesToGallery;
            if (kind == QLatin1String("img2img")) {
                if (!body.value(QStringLiteral("include_init_images")).toBool()) {
                    info.parameters.insert(QStringLiteral("init_images"), QJsonValue::Null);
                    info.parameters.insert(QStringLiteral("mask"), QJsonValue::Null);
                }
                // A1111's mask_blur setter: when given, it sets both directions.
                const QJsonValue blur = v.given.value(QStringLiteral("mask_blur"));
                if (blur.isDouble()) {
                    body.insert(QStringLiteral("mask_blur_x"), blur);
                    body.insert(QStringLiteral("mask_blur_y"), blur);
                }
                body.insert(QStringLiteral("mask_blur"), QJsonValue::Null);
                if (body.value(QStringLiteral("init_images")).toArray().isEmpty())
                    return reply->send(a1111Error(404, QStringLiteral("Init image not found")));
            }
            int status = 0;
            QString error;
            if (!prepareGeneration(*this, kind, body, &status, &error)) return reply->send(a1111Error(status, error));

            auto submitAndWait = [this, kind, reply, info, saveImages, connection = req.connection](QJsonObject params) {
                int status = 0;
                QString error;
                const qint64 id = jobs_->submit(kind, params, saveImages, connection, &status, &error);
                if (!id) {
                    ApiResponse r = a1111Error(status, error);
                    if (status == 503) r.headers.emplaceBack("Retry-After", "5");
                    return reply->send(r);
                }
                jobs_->whenFinal(id, [this, reply, info, id](const std::optional<Job>& job) {
                    jobs_->release(id);
                    if (!job) return reply->send(a1111Error(500, QCoreApplication::translate("latent::ApiServer", "The job disappeared from the queue."), QStringLiteral("RuntimeError")));
                    if (job->state == JobState::Failed)
                        return reply->send(a1111Error(500, job->error, QStringLiteral("RuntimeError")));
                    const Job j = *job;
                    QPointer<ApiJobs> jobs = jobs_.get();
                    const QString format = options_->value(QStringLiteral("samples_format")).toString();
                    const int quality = options_->value(QStringLiteral("jpeg_quality")).toInt(80);
                    runAsync(
                        this,
                        [j, format, quality] {
                            // The images in the samples_format option's format (encode_pil_to_base64).
                            ApiJobResult r = ApiJobs::readResults(j);
                            for (QByteArray& image : r.images) {
                                QString error;
                                image = encodeResponseImage(image, format, quality, &error);
                                if (image.isEmpty()) r.missing << error;
                            }
                            return r;
                        },
                        [reply, info, j, jobs](const ApiJobResult& result) {
                            for (const QByteArray& image : result.images)
                                if (image.isEmpty()) {
                                    reply->send(a1111Error(500, result.missing.value(result.missing.size() - 1)));
                                    if (info.temporary && jobs) jobs->discardTemporaryResults(j);
                                    return;
                                }
                            QJsonArray images;
                            if (info.sendImages)
                                for (const QByteArray& png : result.images) images.append(QString::fromLatin1(toBase64(png)));
                            const QJsonObject infoJson = processedInfo(j, result.infotexts);
                            reply->send(ApiResponse::json(QJsonObject{
                                {QStringLiteral("images"), images},
                                {QStringLiteral("parameters"), info.parameters},
                                {QStringLiteral("info"), QString::fromUtf8(QJsonDocument(infoJson).toJson(QJsonDocument::Compact))}}));
                            if (info.temporary && jobs) jobs->discardTemporaryResults(j);
                        });
                });
            };
            if (kind != QLatin1String("img2img")) return submitAndWait(body);

            // img2img: decode and check the images on the thread pool, store them as inputs.
            // init_images[1:] (A1111: image i of every batch starts from init image i).
            QStringList inits;
            for (const QJsonValue& v : body.value(QStringLiteral("init_images")).toArray()) inits << v.toString();
            const QString mask = body.value(QStringLiteral("mask")).toString();
            const QString dir = inputsDir();
            body.remove(QStringLiteral("init_images"));
            body.remove(QStringLiteral("mask"));
            struct Stored {
                QStringList inits;
                QString mask, error;
                void removeFiles() const {
                    for (const QString& f : inits) QFile::remove(f);
                    if (!mask.isEmpty()) QFile::remove(mask);
                }
            };
            runAsync(
                this,
                [inits, mask, dir] {
                    Stored s;
                    for (qsizetype i = 0; i < inits.size(); ++i) {
                        const QString path = materializeImage(inits[i], dir, QStringLiteral("init"), &s.error);
                        if (!s.error.isEmpty()) {
                            s.removeFiles();
                            s.inits.clear();
                            s.error = QStringLiteral("init_images[%1]: ").arg(i) + s.error;
                            return s;
                        }
                        s.inits << path;
                    }
                    if (!mask.isEmpty()) {
                        s.mask = materializeImage(mask, dir, QStringLiteral("mask"), &s.error);
                        if (!s.error.isEmpty()) {
                            s.removeFiles();
                            s.error = QStringLiteral("mask: ") + s.error;
                        }
                    }
                    return s;
                },
                [reply, body, submitAndWait](const Stored& s) mutable {
                    if (!s.error.isEmpty()) return reply->send(a1111Error(422, s.error));
                    if (!reply->alive()) return s.removeFiles(); // the client left while its images were decoded
                    body.insert(QStringLiteral("init_image_path"), s.inits.first());
                    if (s.inits.size() > 1) body.insert(QStringLiteral("more_init_image_paths"), QJsonArray::fromStringList(s.inits.mid(1)));
                    if (!s.mask.isEmpty()) body.insert(QStringLiteral("mask_path"), s.mask);
                    submitAndWait(body);
                });
        };
    };
    addRoute("POST", QStringLiteral("/sdapi/v1/txt2img"), tag, QCoreApplication::translate("latent::ApiServer", "Text to image"), generation(QStringLiteral("txt2img")),
             &api_models::txt2img());
    addRoute("POST", QStringLiteral("/sdapi/v1/img2img"), tag, QCoreApplication::translate("latent::ApiServer", "Image to image, inpainting"),
             generation(QStringLiteral("img2img")), &api_models::img2img());

    registerExtrasRoutes();

    addRoute("POST", QStringLiteral("/sdapi/v1/png-info"), tag, QCoreApplication::translate("latent::ApiServer", "Read the generation parameters of an image"),
             [this](const ApiRequest& req, const ApiReplyPtr& reply) {
                 QJsonValue json;
                 QJsonArray errors;
                 if (!parseJsonBody(req.body, &json, &errors)) return reply->send(validationError(errors));
                 const ValidationResult v = validateModel(api_models::pngInfo(), json);
                 if (!v.ok()) return reply->send(validationError(v.errors));
                 QString b64 = v.value.value(QStringLiteral("image")).toString().trimmed();
                 if (b64.startsWith(QLatin1String("data:"))) b64 = b64.mid(b64.indexOf(QLatin1Char(',')) + 1);
                 const auto decoded = QByteArray::fromBase64Encoding(b64.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
                 if (!decoded || decoded.decoded.isEmpty())
                     return reply->send(a1111Error(500, QStringLiteral("Invalid encoded image")));
                 struct Read {
                     bool ok = false;
                     QString info;  // null: none
                     QJsonObject items;
                 };
                 runAsync(
                     this,
                     [bytes = decoded.decoded] {
                         Read r;
                         if (exif::isJpeg(bytes) || exif::isWebp(bytes)) {
                             // JPEG / WebP: A1111 reads the EXIF UserComment (its own API writes it).
                             r.ok = true;
                             if (const auto text = exif::infotextOf(bytes)) r.info = *text;
                             return r;
                         }
                         const PngTextReadResult png = PngText::read(bytes);
                         r.ok = png.ok;
                         r.info = png.value(QStringLiteral("parameters"));
                         for (const PngTextChunk& c : png.chunks)
                             if (c.keyword != QLatin1String("parameters") && !r.items.contains(c.keyword)) r.items.insert(c.keyword, c.text);
                         return r;
                     },
                     [reply](const Read& png) {
                         if (!png.ok) return reply->send(a1111Error(500, QStringLiteral("Invalid encoded image")));
                         const QString info = png.info;
                         const QJsonObject items = png.items;
                         reply->send(ApiResponse::json(QJsonObject{{QStringLiteral("info"), info.isNull() ? QString() : info},
                                                                   {QStringLiteral("items"), items},
                                                                   {QStringLiteral("parameters"), parseParameters(info)}}));
                     });
             },
             &api_models::pngInfo());

    addRoute("GET", QStringLiteral("/sdapi/v1/progress"), tag, QCoreApplication::translate("latent::ApiServer", "Progress of the job on the worker"),
             [this](const ApiRequest& req, const ApiReplyPtr& reply) {
                 const QString skip = req.query.queryItemValue(QStringLiteral("skip_current_image")).toLower();
                 const bool skipImage = skip == QLatin1String("true") || skip == QLatin1String("1") || skip == QLatin1String("yes") ||
                                        skip == QLatin1String("on");
                 reply->send(ApiResponse::json(jobs_->progress(skipImage)));
             });
    addRoute("POST", QStringLiteral("/sdapi/v1/interrupt"), tag, QCoreApplication::translate("latent::ApiServer", "Interrupt the job on the worker"),
             [this](const ApiRequest&, const ApiReplyPtr& reply) {
                 jobs_->interrupt();
                 reply->send(ApiResponse::json(QJsonObject()));
             });
    addRoute("POST", QStringLiteral("/sdapi/v1/skip"), tag, QCoreApplication::translate("latent::ApiServer", "Skip the job on the worker"),
             [this](const ApiRequest&, const ApiReplyPtr& reply) {
                 jobs_->skip();
                 reply->send(ApiResponse::json(QJsonValue::Null));
             });

    addRoute("GET", QStringLiteral("/sdapi/v1/options"), tag, QCoreApplication::translate("latent::ApiServer", "Settings"), [this](const ApiRequest&, const ApiReplyPtr& reply) {
        QJsonObject all = options_->all();
        if (const auto c = currentCheckpoint(*this)) {
            all.insert(QStringLiteral("sd_model_checkpoint"), c->title);
            all.insert(QStringLiteral("sd_checkpoint_hash"), c->sha256);
        }
        reply->send(ApiResponse::json(all));
    });
    addRoute("POST", QStringLiteral("/sdapi/v1/options"), tag, QCoreApplication::translate("latent::ApiServer", "Change settings (setting the checkpoint loads it)"),
             [this](const ApiRequest& req, const ApiReplyPtr& reply) {
                 QJsonValue json;
                 QJsonArray errors;
                 if (!parseJsonBody(req.body, &json, &errors)) return reply->send(validationError(errors));
                 if (!json.isObject())
                     return reply->send(validationError({validationItem(QJsonArray{QStringLiteral("body")},
                                                                        QStringLiteral("value is not a valid dict"),
                                                                        QStringLiteral("type_error.dict"))}));
                 QJsonObject values = json.toObject();
                 std::optional<Checkpoint> checkpoint;
                 if (values.contains(QStringLiteral("sd_model_checkpoint")) && !values.value(QStringLiteral("sd_model_checkpoint")).isNull()) {
                     const QString name = values.value(QStringLiteral("sd_model_checkpoint")).toString();
                     checkpoint = findCheckpoint(*this, name);
                     if (!checkpoint) return reply->send(a1111Error(404, QStringLiteral("Model '%1' not found").arg(name.left(200))));
                     values.insert(QStringLiteral("sd_model_checkpoint"), checkpoint->title);
                 }
                 QString vaePath;
                 if (values.contains(QStringLiteral("sd_vae"))) {
                     const QString vae = values.value(QStringLiteral("sd_vae")).toString();
                     if (vae != QLatin1String("Automatic") && vae != QLatin1String("None")) {
                         const auto entry = findVae(*this, vae);
                         if (!entry) return reply->send(a1111Error(404, QStringLiteral("VAE '%1' not found").arg(vae.left(200))));
                         values.insert(QStringLiteral("sd_vae"), entry->fileName());
                         vaePath = entry->path;
                     }
                 }
                 const QJsonArray problems = options_->set(values);
                 if (!problems.isEmpty()) return reply->send(validationError(problems));
                 if (checkpoint) options_->setCheckpoint(checkpoint->title, checkpoint->sha256);
                 QString saveError;
                 if (!options_->save(&saveError))
                     qWarning("latent: cannot save the API options: %s", qPrintable(saveError));
                 if (!checkpoint || !controller_) return reply->send(ApiResponse::json(QJsonValue::Null));
                 // A1111 loads the checkpoint before it answers.
                 if (vaePath.isEmpty()) {
                     const auto vae = findVae(*this, options_->vae());
                     if (vae && options_->vae() != QLatin1String("Automatic") && options_->vae() != QLatin1String("None")) vaePath = vae->path;
                 }
                 const QString path = checkpoint->path;
                 auto connection = std::make_shared<QMetaObject::Connection>();
                 *connection = connect(controller_, &InferenceController::modelPreloaded, this,
                                       [reply, path, connection](const QString& loaded, const QString& error, double) {
                                           if (loaded != path) return;
                                           QObject::disconnect(*connection);
                                           if (!error.isEmpty())
                                               return reply->send(a1111Error(500, error, QStringLiteral("RuntimeError")));
                                           reply->send(ApiResponse::json(QJsonValue::Null));
                                       });
                 controller_->preloadModel(path, vaePath);
             });
    addRoute("GET", QStringLiteral("/sdapi/v1/cmd-flags"), tag, QCoreApplication::translate("latent::ApiServer", "Command-line flags"), [this](const ApiRequest&, const ApiReplyPtr& reply) {
        QJsonObject flags{{QStringLiteral("api"), true},
                          {QStringLiteral("nowebui"), true},
                          {QStringLiteral("listen"), !config_.address.isLoopback()},
                          {QStringLiteral("port"), int(port())},
                          {QStringLiteral("api_log"), false},
                          {QStringLiteral("cors_allow_origins"), config_.corsOrigins.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                                                               : QJsonValue(config_.corsOrigins.join(QLatin1Char(',')))},
                          {QStringLiteral("tls_keyfile"), config_.tlsKeyFile.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(true)},
                          {QStringLiteral("tls_certfile"), config_.tlsCertFile.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(true)},
                          // Never the credentials themselves.
                          {QStringLiteral("api_auth"), authRequired() ? QJsonValue(QStringLiteral("***")) : QJsonValue(QJsonValue::Null)},
                          {QStringLiteral("device_id"), QJsonValue::Null},
                          {QStringLiteral("skip_torch_cuda_test"), false}};
        for (auto it = config_.commandLineFlags.begin(); it != config_.commandLineFlags.end(); ++it) flags.insert(it.key(), it.value());
        reply->send(ApiResponse::json(flags));
    });
    addRoute("GET", QStringLiteral("/sdapi/v1/samplers"), tag, QCoreApplication::translate("latent::ApiServer", "Samplers"), [](const ApiRequest&, const ApiReplyPtr& reply) {
        reply->send(ApiResponse::raw(QByteArray::fromStdString(Engine::samplers_json()), "application/json"));
    });
    addRoute("GET", QStringLiteral("/sdapi/v1/schedulers"), tag, QCoreApplication::translate("latent::ApiServer", "Schedule types"), [](const ApiRequest&, const ApiReplyPtr& reply) {
        reply->send(ApiResponse::raw(QByteArray::fromStdString(Engine::schedules_json()), "application/json"));
    });
    addRoute("GET", QStringLiteral("/sdapi/v1/latent-upscale-modes"), tag, QCoreApplication::translate("latent::ApiServer", "Latent upscale modes (hires fix)"),
             [](const ApiRequest&, const ApiReplyPtr& reply) {
                 QJsonArray out;
                 for (const char* name : {"Latent", "Latent (antialiased)", "Latent (bicubic)", "Latent (bicubic antialiased)",
                                          "Latent (nearest)", "Latent (nearest-exact)"})
                     out.append(QJsonObject{{QStringLiteral("name"), QLatin1String(name)}});
                 reply->send(ApiResponse::json(out));
             });
    addRoute("GET", QStringLiteral("/sdapi/v1/sd-models"), tag, QCoreApplication::translate("latent::ApiServer", "Checkpoints"), [this](const ApiRequest&, const ApiReplyPtr& reply) {
        QJsonArray out;
        for (const Checkpoint& c : checkpoints(*this))
            out.append(QJsonObject{{QStringLiteral("title"), c.title},
                                   {QStringLiteral("model_name"), c.modelName},
                                   {QStringLiteral("hash"), c.hash.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(c.hash)},
                                   {QStringLiteral("sha256"), c.sha256.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(c.sha256)},
                                   {QStringLiteral("filename"), c.path},
                                   {QStringLiteral("config"), QJsonValue::Null}});
        reply->send(ApiResponse::json(out));
    });
    addRoute("GET", QStringLiteral("/sdapi/v1/sd-vae"), tag, QCoreApplication::translate("latent::ApiServer", "VAEs"), [this](const ApiRequest&, const ApiReplyPtr& reply) {
        QJsonArray out;
        if (library_)
            for (const ModelEntry& e : library_->entries(ModelKind::Vae))
                if (e.usable) out.append(QJsonObject{{QStringLiteral("model_name"), e.fileName()}, {QStringLiteral("filename"), e.path}});
        reply->send(ApiResponse::json(out));
    });
    addRoute("GET", QStringLiteral("/sdapi/v1/loras"), tag, QCoreApplication::translate("latent::ApiServer", "LoRA networks"), [this](const ApiRequest&, const ApiReplyPtr& reply) {
        QJsonArray out;
        if (library_)
            for (const ModelEntry& e : library_->entries(ModelKind::Lora)) {
                if (!e.usable) continue;
                const QString alias = e.metadata.value(QStringLiteral("ss_output_name")).toString();
                out.append(QJsonObject{{QStringLiteral("name"), e.name()},
                                       {QStringLiteral("alias"), alias.isEmpty() ? e.name() : alias},
                                       {QStringLiteral("path"), e.path},
                                       {QStringLiteral("metadata"), e.metadata}});
            }
        reply->send(ApiResponse::json(out));
    });
    addRoute("GET", QStringLiteral("/sdapi/v1/embeddings"), tag, QCoreApplication::translate("latent::ApiServer", "Textual-inversion embeddings"),
             [this](const ApiRequest&, const ApiReplyPtr& reply) {
                 QJsonObject loaded, skipped;
                 const auto current = currentCheckpoint(*this);
                 QString family;
                 if (current && library_)
                     if (const auto e = library_->entry(current->path)) family = e->family;
                 if (library_)
                     for (const ModelEntry& e : library_->entries(ModelKind::Embedding)) {
                         if (!e.usable) continue;
                         const QJsonObject meta = e.metadata;
                         const QJsonObject item{{QStringLiteral("step"), meta.contains(QStringLiteral("step")) ? meta.value(QStringLiteral("step")) : QJsonValue(QJsonValue::Null)},
                                                {QStringLiteral("sd_checkpoint"), meta.value(QStringLiteral("sd_checkpoint")).isUndefined() ? QJsonValue(QJsonValue::Null) : meta.value(QStringLiteral("sd_checkpoint"))},
                                                {QStringLiteral("sd_checkpoint_name"), meta.value(QStringLiteral("sd_checkpoint_name")).isUndefined() ? QJsonValue(QJsonValue::Null) : meta.value(QStringLiteral("sd_checkpoint_name"))},
                                                {QStringLiteral("shape"), meta.value(QStringLiteral("shape")).toInt(e.baseFamily == QLatin1String("sd2") ? 1024 : 768)},
                                                {QStringLiteral("vectors"), meta.value(QStringLiteral("vectors")).toInt(1)}};
                         const bool fits = family.isEmpty() || e.baseFamily.isEmpty() || e.baseFamily == family;
                         (fits ? loaded : skipped).insert(e.name(), item);
                     }
                 reply->send(ApiResponse::json(QJsonObject{{QStringLiteral("loaded"), loaded}, {QStringLiteral("skipped"), skipped}}));
             });
    for (const char* path : {"/sdapi/v1/hypernetworks", "/sdapi/v1/face-restorers", "/sdapi/v1/prompt-styles"}) {
        addRoute("GET", QLatin1String(path), tag, QCoreApplication::translate("latent::ApiServer", "Empty list (not available in Latent Studio)"),
                 [](const ApiRequest&, const ApiReplyPtr& reply) { reply->send(ApiResponse::json(QJsonArray())); });
    }
    addRoute("GET", QStringLiteral("/sdapi/v1/memory"), tag, QCoreApplication::translate("latent::ApiServer", "Memory use"), [](const ApiRequest&, const ApiReplyPtr& reply) {
        const ProcessMemory m = ProcessMemory::current();
        const qint64 total = totalRamBytes();
        const QJsonObject ram = total > 0 ? QJsonObject{{QStringLiteral("free"), double(total - qint64(m.residentBytes))},
                                                        {QStringLiteral("used"), double(m.residentBytes)},
                                                        {QStringLiteral("total"), double(total)}}
                                          : QJsonObject{{QStringLiteral("error"), QStringLiteral("unavailable")}};
        reply->send(ApiResponse::json(QJsonObject{{QStringLiteral("ram"), ram},
                                                  {QStringLiteral("cuda"), QJsonObject{{QStringLiteral("error"), QStringLiteral("unavailable")}}}}));
    });
    // Refreshing rescans the library (A1111 answers when the lists are up to date).
    auto refresh = [this](const ApiRequest&, const ApiReplyPtr& reply) {
        if (!library_) return reply->send(ApiResponse::json(QJsonValue::Null));
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection = connect(library_, &ModelLibrary::scanFinished, this, [reply, connection](const ScanStats&) {
            QObject::disconnect(*connection);
            reply->send(ApiResponse::json(QJsonValue::Null));
        });
        library_->reload();
    };
    addRoute("POST", QStringLiteral("/sdapi/v1/refresh-checkpoints"), tag, QCoreApplication::translate("latent::ApiServer", "Rescan the models folders"), refresh);
    addRoute("POST", QStringLiteral("/sdapi/v1/refresh-vae"), tag, QCoreApplication::translate("latent::ApiServer", "Rescan the models folders"), refresh);
    addRoute("POST", QStringLiteral("/sdapi/v1/refresh-loras"), tag, QCoreApplication::translate("latent::ApiServer", "Rescan the models folders"), refresh);
    addRoute("POST", QStringLiteral("/sdapi/v1/refresh-embeddings"), tag, QCoreApplication::translate("latent::ApiServer", "Rescan the models folders"), refresh);
    addRoute("POST", QStringLiteral("/sdapi/v1/unload-checkpoint"), tag, QCoreApplication::translate("latent::ApiServer", "Unload every loaded model"),
             [this](const ApiRequest&, const ApiReplyPtr& reply) {
                 if (controller_) controller_->unloadModels();
                 reply->send(ApiResponse::json(QJsonObject()));
             });
    addRoute("POST", QStringLiteral("/sdapi/v1/reload-checkpoint"), tag, QCoreApplication::translate("latent::ApiServer", "Load the current checkpoint"),
             [this](const ApiRequest&, const ApiReplyPtr& reply) {
                 const auto c = currentCheckpoint(*this);
                 if (!c || !controller_) return reply->send(ApiResponse::json(QJsonObject()));
                 const QString path = c->path;
                 auto connection = std::make_shared<QMetaObject::Connection>();
                 *connection = connect(controller_, &InferenceController::modelPreloaded, this,
                                       [reply, path, connection](const QString& loaded, const QString& error, double) {
                                           if (loaded != path) return;
                                           QObject::disconnect(*connection);
                                           if (!error.isEmpty()) return reply->send(a1111Error(500, error, QStringLiteral("RuntimeError")));
                                           reply->send(ApiResponse::json(QJsonObject()));
                                       });
                 QString vaePath;
                 if (const auto vae = findVae(*this, options_->vae())) vaePath = vae->path;
                 controller_->preloadModel(path, vaePath);
             });
}

} // namespace latent
