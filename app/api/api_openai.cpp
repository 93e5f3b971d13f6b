// OpenAI-style image routes (what APIpie and the OpenAI client libraries speak):
//   POST /v1/images/generations  {model, prompt, n, size, response_format, + seed, negative_prompt,
//                                 steps, cfg_scale, sampler}
//   POST /v1/images/edits         multipart: image, mask (transparent = edit), prompt, ...
//   GET  /v1/models               the library's checkpoints
//   GET  /v1/files/{id}           images of response_format "url" (for fileUrlLifetimeSeconds)
// Errors use OpenAI's {"error": {"message", "type", "param", "code"}} shape.
#include "app/api/api_internal.h"
#include "app/api/api_jobs.h"
#include "app/api/api_options.h"
#include "app/core/prompt_tokens.h"
#include "app/imaging/image_loader.h"
#include "app/jobs/job_queue.h"
#include "app/library/model_library.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QPointer>
#include <QRegularExpression>
#include <QtConcurrent>

namespace latent {

using namespace api_detail;

namespace {

// The generation fields shared by generations and edits, from a JSON object or form fields.
struct OpenAiParams {
    QString model, prompt, negative, size, responseFormat = QStringLiteral("url"), sampler;
    int n = 1;
    std::optional<qint64> seed;
    std::optional<int> steps;
    std::optional<double> cfg, strength;
};

// Reads and checks the fields; returns an error message (and the offending parameter).
QString readParams(const QJsonObject& o, OpenAiParams* p, QString* param) {
    auto str = [&](const char* key, QString* out) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) return true;
        if (!v.isString()) {
            *param = QLatin1String(key);
            return false;
        }
        *out = v.toString();
        return true;
    };
    auto num = [&](const char* key, double* out, bool* given) {
        const QJsonValue v = o.value(QLatin1String(key));
        *given = false;
        if (v.isUndefined() || v.isNull()) return true;
        bool ok = v.isDouble();
        double d = v.toDouble();
        if (v.isString()) d = v.toString().trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(d)) {
            *param = QLatin1String(key);
            return false;
        }
        *out = d;
        *given = true;
        return true;
    };
    if (!str("model", &p->model) || !str("prompt", &p->prompt) || !str("negative_prompt", &p->negative) ||
        !str("size", &p->size) || !str("response_format", &p->responseFormat) || !str("sampler", &p->sampler))
        return QCoreApplication::translate("latent::ApiServer", "'%1' must be a string.").arg(*param);
    if (p->prompt.trimmed().isEmpty()) {
        *param = QStringLiteral("prompt");
        return QCoreApplication::translate("latent::ApiServer", "'prompt' is required.");
    }
    if (p->prompt.size() > 32000) {
        *param = QStringLiteral("prompt");
        return QCoreApplication::translate("latent::ApiServer", "'prompt' is too long (at most 32000 characters).");
    }
    double d = 0;
    bool given = false;
    if (!num("n", &d, &given)) return QCoreApplication::translate("latent::ApiServer", "'n' must be a number.");
    if (given) {
        if (d != std::floor(d) || d < 1 || d > 10) {
            *param = QStringLiteral("n");
            return QCoreApplication::translate("latent::ApiServer", "'n' must be between 1 and 10.");
        }
        p->n = int(d);
    }
    if (!num("seed", &d, &given)) return QCoreApplication::translate("latent::ApiServer", "'seed' must be a whole number.");
    if (given) {
        const qint64 exact = o.value(QStringLiteral("seed")).toInteger(-2);
        p->seed = o.value(QStringLiteral("seed")).isDouble() && exact != -2 ? exact : qint64(d);
        if (*p->seed < -1) {
            *param = QStringLiteral("seed");
            return QCoreApplication::translate("latent::ApiServer", "'seed' must be -1 (random) or a non-negative number.");
        }
    }
    if (!num("steps", &d, &given)) return QCoreApplication::translate("latent::ApiServer", "'steps' must be a number.");
    if (given) {
        if (d != std::floor(d) || d < 1 || d > 1000) {
            *param = QStringLiteral("steps");
            return QCoreApplication::translate("latent::ApiServer", "'steps' must be between 1 and 1000.");
        }
        p->steps = int(d);
    }
    if (!num("cfg_scale", &d, &given)) return QCoreApplication::translate("latent::ApiServer", "'cfg_scale' must be a number.");
    if (given) {
        if (d < 0 || d > 100) {
            *param = QStringLiteral("cfg_scale");
            return QCoreApplication::translate("latent::ApiServer", "'cfg_scale' must be between 0 and 100.");
        }
        p->cfg = d;
    }
    if (!num("strength", &d, &given)) return QCoreApplication::translate("latent::ApiServer", "'strength' must be a number.");
    if (given) {
        if (d < 0 || d > 1) {
            *param = QStringLiteral("strength");
            return QCoreApplication::translate("latent::ApiServer", "'strength' must be between 0 and 1.");
        }
        p->strength = d;
    }
    if (p->responseFormat != QLatin1String("url") && p->responseFormat != QLatin1String("b64_json")) {
        *param = QStringLiteral("response_format");
        return QCoreApplication::translate("latent::ApiServer", "'response_format' must be 'url' or 'b64_json'.");
    }
    return {};
}

bool parseSize(const QString& size, int* w, int* h) {
    static const QRegularExpression re(QStringLiteral("^(\\d{2,5})x(\\d{2,5})$"));
    const auto m = re.match(size.trimmed());
    if (!m.hasMatch()) return false;
    *w = m.captured(1).toInt();
    *h = m.captured(2).toInt();
    return *w >= 64 && *h >= 64 && *w <= 8192 && *h <= 8192 && *w % 8 == 0 && *h % 8 == 0;
}

} // namespace

void ApiServer::registerOpenAiRoutes() {
    const QString tag = QStringLiteral("OpenAI");

    // Shared by generations and edits: params -> job -> wait -> {created, data, usage}.
    auto run = [this](const ApiRequest& req, const ApiReplyPtr& reply, const OpenAiParams& p, const QString& kind,
                      QJsonObject job) {
        QElapsedTimer latency;
        latency.start();
        const QString base = publicBaseUrl(req);
        QJsonObject overrides;
        if (!p.model.isEmpty()) {
            const auto c = findCheckpoint(*this, p.model);
            if (!c) return reply->send(openAiError(404, QCoreApplication::translate("latent::ApiServer", "The model '%1' does not exist.").arg(p.model.left(200)),
                                                   QStringLiteral("invalid_request_error"), QStringLiteral("model_not_found")));
            overrides.insert(QStringLiteral("sd_model_checkpoint"), c->title);
        }
        job.insert(QStringLiteral("prompt"), p.prompt);
        job.insert(QStringLiteral("negative_prompt"), p.negative);
        job.insert(QStringLiteral("n_iter"), p.n);
        job.insert(QStringLiteral("batch_size"), 1);
        job.insert(QStringLiteral("steps"), p.steps.value_or(20));
        job.insert(QStringLiteral("cfg_scale"), p.cfg.value_or(7.0));
        job.insert(QStringLiteral("seed"), p.seed.value_or(-1));
        job.insert(QStringLiteral("sampler_name"), p.sampler.isEmpty() ? QStringLiteral("Euler") : p.sampler);
        job.insert(QStringLiteral("override_settings"), overrides);
        int status = 0;
        QString error;
        if (!prepareGeneration(*this, kind, job, &status, &error))
            return reply->send(openAiError(status == 404 ? 404 : 400, error));
        const qint64 id = jobs_->submit(kind, job, false, req.connection, &status, &error);
        if (!id) {
            ApiResponse r = openAiError(status == 503 ? 503 : 400, error, status == 503 ? QStringLiteral("server_error")
                                                                                         : QStringLiteral("invalid_request_error"));
            if (status == 503) r.headers.emplaceBack("Retry-After", "5");
            return reply->send(r);
        }
        const int lifetime = config_.fileUrlLifetimeSeconds;
        jobs_->whenFinal(id, [this, reply, p, id, base, lifetime, latency](const std::optional<Job>& j) {
            jobs_->release(id);
            if (!j) return reply->send(openAiError(500, QCoreApplication::translate("latent::ApiServer", "The job disappeared from the queue."), QStringLiteral("server_error")));
            if (j->state == JobState::Failed) return reply->send(openAiError(500, j->error, QStringLiteral("server_error")));
            if (j->state != JobState::Done)
                return reply->send(openAiError(409, QCoreApplication::translate("latent::ApiServer", "The generation was cancelled."), QStringLiteral("server_error"), QStringLiteral("cancelled")));
            const Job job = *j;
            QPointer<ApiJobs> jobs = jobs_.get();
            runAsync(
                this, [job] { return ApiJobs::readResults(job); },
                [reply, p, job, jobs, base, lifetime, latency](const ApiJobResult& result) {
                    QJsonArray data;
                    for (qsizetype i = 0; i < result.images.size(); ++i) {
                        QJsonObject item{{QStringLiteral("revised_prompt"), p.prompt}};
                        if (p.responseFormat == QLatin1String("b64_json")) {
                            item.insert(QStringLiteral("b64_json"), QString::fromLatin1(result.images[i].toBase64()));
                        } else if (jobs) {
                            item.insert(QStringLiteral("url"), base + QStringLiteral("/v1/files/") + jobs->publishFile(result.paths[i], lifetime));
                        }
                        data.append(item);
                    }
                    const PromptTokenCount tokens = countPromptTokens(p.prompt);
                    reply->send(ApiResponse::json(QJsonObject{
                        {QStringLiteral("created"), QDateTime::currentSecsSinceEpoch()},
                        {QStringLiteral("data"), data},
                        {QStringLiteral("usage"), QJsonObject{{QStringLiteral("prompt_tokens"), tokens.tokens},
                                                              {QStringLiteral("total_tokens"), tokens.tokens},
                                                              {QStringLiteral("latency_ms"), latency.elapsed()}}}}));
                    // b64_json answers need the files no longer; url answers keep them for the URL's life.
                    if (p.responseFormat == QLatin1String("b64_json") && jobs) jobs->discardTemporaryResults(job);
                });
        });
    };

    addRoute("POST", QStringLiteral("/v1/images/generations"), tag, QCoreApplication::translate("latent::ApiServer", "Create images from a prompt (OpenAI style)"),
             [this, run](const ApiRequest& req, const ApiReplyPtr& reply) {
                 QJsonValue json;
                 QJsonArray errors;
                 if (!parseJsonBody(req.body, &json, &errors) || !json.isObject())
                     return reply->send(openAiError(400, QCoreApplication::translate("latent::ApiServer", "The request body must be a JSON object.")));
                 OpenAiParams p;
                 QString param;
                 if (const QString e = readParams(json.toObject(), &p, &param); !e.isEmpty()) {
                     ApiResponse r = openAiError(400, e);
                     return reply->send(r);
                 }
                 int w = 512, h = 512;
                 if (p.size.isEmpty()) {
                     // The model's own size: SDXL 1024, others 512.
                     const auto c = p.model.isEmpty() ? currentCheckpoint(*this) : findCheckpoint(*this, p.model);
                     if (c && library_)
                         if (const auto e = library_->entry(c->path); e && e->family.startsWith(QLatin1String("sdxl"))) w = h = 1024;
                 } else if (!parseSize(p.size, &w, &h)) {
                     return reply->send(openAiError(400, QCoreApplication::translate("latent::ApiServer", "'size' must be WIDTHxHEIGHT, multiples of 8 between 64 and 8192 (got '%1').")
                                                             .arg(p.size.left(40))));
                 }
                 run(req, reply, p, QStringLiteral("txt2img"), QJsonObject{{QStringLiteral("width"), w}, {QStringLiteral("height"), h}});
             });

    addRoute("POST", QStringLiteral("/v1/images/edits"), tag, QCoreApplication::translate("latent::ApiServer", "Inpaint an image (OpenAI style, multipart)"),
             [this, run](const ApiRequest& req, const ApiReplyPtr& reply) {
                 const QByteArray boundary = multipartBoundary(req.header("content-type"));
                 QList<MultipartPart> parts;
                 const HttpParseError pe = parseMultipart(req.body, boundary, &parts);
                 if (!pe.ok()) return reply->send(openAiError(400, pe.message));
                 QJsonObject fields;
                 QByteArray image, mask;
                 for (const MultipartPart& part : parts) {
                     if (part.name == "image" || part.name == "image[]") {
                         if (image.isEmpty()) image = part.data;
                     } else if (part.name == "mask") {
                         mask = part.data;
                     } else if (!part.name.isEmpty() && part.data.size() <= 64 * 1024) {
                         fields.insert(QString::fromUtf8(part.name), QString::fromUtf8(part.data));
                     }
                 }
                 if (image.isEmpty()) return reply->send(openAiError(400, QCoreApplication::translate("latent::ApiServer", "'image' is required (a PNG file).")));
                 OpenAiParams p;
                 p.responseFormat = QStringLiteral("url");
                 QString param;
                 if (const QString e = readParams(fields, &p, &param); !e.isEmpty()) return reply->send(openAiError(400, e));
                 int w = 0, h = 0;
                 if (!p.size.isEmpty() && !parseSize(p.size, &w, &h))
                     return reply->send(openAiError(400, QCoreApplication::translate("latent::ApiServer", "'size' must be WIDTHxHEIGHT, multiples of 8 between 64 and 8192 (got '%1').")
                                                             .arg(p.size.left(40))));
                 struct Stored {
                     QString init, mask, error;
                     int width = 0, height = 0;
                 };
                 const QString dir = inputsDir();
                 runAsync(
                     this,
                     [image, mask, dir] {
                         Stored s;
                         s.init = materializeImageBytes(image, dir, QStringLiteral("init"), false, &s.error);
                         if (!s.error.isEmpty()) return s;
                         // The edit area: the mask's transparent pixels, else the image's.
                         s.mask = materializeImageBytes(mask.isEmpty() ? image : mask, dir, QStringLiteral("mask"), true, &s.error);
                         if (!s.error.isEmpty()) {
                             QFile::remove(s.init);
                             return s;
                         }
                         const ImageLoadResult m = ImageLoader::loadFile(s.mask);
                         bool any = false;
                         for (uint8_t v : m.image.data) any = any || v != 0;
                         if (!any) {
                             QFile::remove(s.init);
                             QFile::remove(s.mask);
                             s.error = QCoreApplication::translate("latent::ApiServer",
                                                                   "The image has no transparent area to edit; send a mask "
                                                                   "whose transparent pixels mark it.");
                             return s;
                         }
                         s.width = int(m.image.width);
                         s.height = int(m.image.height);
                         return s;
                     },
                     [this, run, req, reply, p, w, h](const Stored& s) {
                         if (!s.error.isEmpty()) return reply->send(openAiError(400, s.error));
                         auto round8 = [](int v) { return std::clamp((v + 4) / 8 * 8, 64, 8192); };
                         QJsonObject job{{QStringLiteral("width"), w ? w : round8(s.width)},
                                         {QStringLiteral("height"), h ? h : round8(s.height)},
                                         {QStringLiteral("init_image_path"), s.init},
                                         {QStringLiteral("mask_path"), s.mask},
                                         {QStringLiteral("denoising_strength"), p.strength.value_or(1.0)},
                                         {QStringLiteral("inpainting_fill"), 0},
                                         {QStringLiteral("inpaint_full_res"), false},
                                         {QStringLiteral("mask_blur"), 4}};
                         run(req, reply, p, QStringLiteral("img2img"), job);
                     });
             });

    addRoute("GET", QStringLiteral("/v1/models"), tag, QCoreApplication::translate("latent::ApiServer", "The checkpoints (OpenAI style)"),
             [this](const ApiRequest&, const ApiReplyPtr& reply) {
                 QJsonArray data;
                 for (const Checkpoint& c : checkpoints(*this))
                     data.append(QJsonObject{{QStringLiteral("id"), c.modelName},
                                             {QStringLiteral("object"), QStringLiteral("model")},
                                             {QStringLiteral("created"), QFileInfo(c.path).lastModified().toSecsSinceEpoch()},
                                             {QStringLiteral("owned_by"), QStringLiteral("library")}});
                 reply->send(ApiResponse::json(QJsonObject{{QStringLiteral("object"), QStringLiteral("list")}, {QStringLiteral("data"), data}}));
             });

    addRoute("GET", QStringLiteral("/v1/files/{id}"), tag, QCoreApplication::translate("latent::ApiServer", "An image of a response_format=url answer"),
             [this](const ApiRequest& req, const ApiReplyPtr& reply) {
                 const auto path = jobs_->publishedFile(req.args.value(0));
                 if (!path) return reply->send(openAiError(404, QCoreApplication::translate("latent::ApiServer", "No such file (it may have expired)."), QStringLiteral("invalid_request_error"), QStringLiteral("not_found")));
                 QFile f(*path);
                 if (!f.open(QIODevice::ReadOnly)) return reply->send(openAiError(404, QCoreApplication::translate("latent::ApiServer", "The file is gone."), QStringLiteral("invalid_request_error"), QStringLiteral("not_found")));
                 reply->send(ApiResponse::raw(f.readAll(), "image/png"));
             });
}

} // namespace latent
