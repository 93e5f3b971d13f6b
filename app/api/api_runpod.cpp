// RunPod-serverless-style async jobs (the Stable Diffusion "seed" worker's input):
//   POST /run      {"input": {prompt, negative_prompt, width, height, num_inference_steps,
//                   guidance_scale, seed, image, strength, num_images, scheduler, lora}}
//                  -> {id, status: "IN_QUEUE"}
//   POST /runsync  the same, waiting for the result (?wait=ms, default 90 s)
//   GET  /status/{id}  -> {id, status, delayTime, executionTime, output: [base64 PNG...] | error}
//   POST /cancel/{id}
//   GET  /health   -> {jobs: {inQueue, inProgress, completed, failed, retried}, workers: {idle, running}}
// The jobs live in the studio's persisted queue: a restart keeps queued jobs and results (for
// the retention period) and reports a job that was running as FAILED (interrupted).
#include "app/api/api_internal.h"
#include "app/api/api_jobs.h"
#include "app/jobs/job_queue.h"
#include "app/library/model_library.h"
#include "app/worker/inference_worker.h"

#include <QCoreApplication>
#include <QFile>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QTimer>
#include <QUrl>
#include <QUuid>
#include <QtConcurrent>

namespace latent {

using namespace api_detail;

namespace {


ApiResponse jobError(int status, const QString& message) {
    return ApiResponse::json(QJsonObject{{QStringLiteral("error"), message}}, status);
}

QString statusName(JobState s) {
    switch (s) {
    case JobState::Queued: return QStringLiteral("IN_QUEUE");
    case JobState::Running: return QStringLiteral("IN_PROGRESS");
    case JobState::Done: return QStringLiteral("COMPLETED");
    case JobState::Failed:
    case JobState::Interrupted: return QStringLiteral("FAILED");
    case JobState::Cancelled: return QStringLiteral("CANCELLED");
    }
    return QStringLiteral("FAILED");
}

// diffusers scheduler names (as the worker takes them) -> A1111 sampler (+ schedule type).
bool mapScheduler(const QString& name, QString* sampler, QString* schedule) {
    static const QHash<QString, QPair<QString, QString>> map{
        {QStringLiteral("PNDM"), {QStringLiteral("PLMS"), {}}},
        {QStringLiteral("KLMS"), {QStringLiteral("LMS"), {}}},
        {QStringLiteral("DDIM"), {QStringLiteral("DDIM"), {}}},
        {QStringLiteral("K_EULER"), {QStringLiteral("Euler"), {}}},
        {QStringLiteral("EULER"), {QStringLiteral("Euler"), {}}},
        {QStringLiteral("K_EULER_ANCESTRAL"), {QStringLiteral("Euler a"), {}}},
        {QStringLiteral("EULER_ANCESTRAL"), {QStringLiteral("Euler a"), {}}},
        {QStringLiteral("DPMSolverMultistep"), {QStringLiteral("DPM++ 2M"), {}}},
        {QStringLiteral("DPM_SOLVER_MULTISTEP"), {QStringLiteral("DPM++ 2M"), {}}},
        {QStringLiteral("DPM++_2M_KARRAS"), {QStringLiteral("DPM++ 2M"), QStringLiteral("Karras")}},
        {QStringLiteral("HEUN"), {QStringLiteral("Heun"), {}}},
        {QStringLiteral("UNIPC"), {QStringLiteral("UniPC"), {}}},
        {QStringLiteral("LCM"), {QStringLiteral("LCM"), {}}},
    };
    for (auto it = map.begin(); it != map.end(); ++it)
        if (it.key().compare(name, Qt::CaseInsensitive) == 0) {
            *sampler = it.value().first;
            *schedule = it.value().second;
            return true;
        }
    return false;
}

} // namespace

void ApiServer::registerRunPodRoutes() {
    const QString tag = QStringLiteral("Jobs");

    // The status object of a job; reads its images (on the pool) when it is complete.
    auto sendStatus = [this](const ApiReplyPtr& reply, const Job& job, const QString& apiId) {
        QJsonObject o{{QStringLiteral("id"), apiId}, {QStringLiteral("status"), statusName(job.state)}};
        if (job.started.isValid()) o.insert(QStringLiteral("delayTime"), job.created.msecsTo(job.started));
        if (job.started.isValid() && job.finished.isValid())
            o.insert(QStringLiteral("executionTime"), job.started.msecsTo(job.finished));
        if (job.state == JobState::Failed || job.state == JobState::Interrupted)
            o.insert(QStringLiteral("error"), job.error.isEmpty() ? QCoreApplication::translate("latent::ApiServer", "The job was interrupted.") : job.error);
        if (job.state != JobState::Done) return reply->send(ApiResponse::json(o));
        runAsync(
            this, [job] { return ApiJobs::readResults(job); },
            [reply, o](const ApiJobResult& r) mutable {
                QJsonArray output;
                for (const QByteArray& png : r.images) output.append(QString::fromLatin1(png.toBase64()));
                o.insert(QStringLiteral("output"), output);
                if (!r.missing.isEmpty() && r.images.isEmpty())
                    o.insert(QStringLiteral("error"), QCoreApplication::translate("latent::ApiServer", "The job's images are no longer available."));
                reply->send(ApiResponse::json(o));
            });
    };

    // Validates an {"input": {...}} body into worker parameters (init image stored on the pool).
    auto submit = [this](const ApiRequest& req, const ApiReplyPtr& reply, std::function<void(const Job&, const QString&)> then) {
        QJsonValue json;
        QJsonArray errors;
        if (!parseJsonBody(req.body, &json, &errors) || !json.isObject())
            return reply->send(jobError(400, QCoreApplication::translate("latent::ApiServer", "The request body must be a JSON object with an \"input\" object.")));
        const QJsonValue inputValue = json.toObject().value(QStringLiteral("input"));
        if (!inputValue.isObject()) return reply->send(jobError(400, QCoreApplication::translate("latent::ApiServer", "\"input\" must be an object.")));
        const QJsonObject in = inputValue.toObject();
        QJsonObject job;
        auto number = [&](const char* key, double def, double lo, double hi, bool whole, double* out) -> QString {
            const QJsonValue v = in.value(QLatin1String(key));
            if (v.isUndefined() || v.isNull()) {
                *out = def;
                return {};
            }
            if (!v.isDouble() || !std::isfinite(v.toDouble())) return QCoreApplication::translate("latent::ApiServer", "\"%1\" must be a number.").arg(QLatin1String(key));
            const double d = v.toDouble();
            if ((whole && d != std::floor(d)) || d < lo || d > hi)
                return QCoreApplication::translate("latent::ApiServer", "\"%1\" must be %2 between %3 and %4.")
                    .arg(QLatin1String(key), whole ? QCoreApplication::translate("latent::ApiServer", "a whole number") : QCoreApplication::translate("latent::ApiServer", "a number"))
                    .arg(lo)
                    .arg(hi);
            *out = d;
            return {};
        };
        const QJsonValue prompt = in.value(QStringLiteral("prompt"));
        if (!prompt.isString() || prompt.toString().trimmed().isEmpty())
            return reply->send(jobError(400, QCoreApplication::translate("latent::ApiServer", "\"prompt\" is required.")));
        const QJsonValue negative = in.value(QStringLiteral("negative_prompt"));
        if (!negative.isUndefined() && !negative.isNull() && !negative.isString())
            return reply->send(jobError(400, QCoreApplication::translate("latent::ApiServer", "\"negative_prompt\" must be a string.")));
        double width = 0, height = 0, steps = 0, cfg = 0, count = 0, strength = 0;
        for (const QString& e : {number("width", 512, 64, 8192, true, &width), number("height", 512, 64, 8192, true, &height),
                                 number("num_inference_steps", 25, 1, 1000, true, &steps),
                                 number("guidance_scale", 7.5, 0, 100, false, &cfg), number("num_images", 1, 1, 10, true, &count),
                                 number("strength", 0.75, 0, 1, false, &strength)})
            if (!e.isEmpty()) return reply->send(jobError(400, e));
        if (int(width) % 8 || int(height) % 8) return reply->send(jobError(400, QCoreApplication::translate("latent::ApiServer", "\"width\" and \"height\" must be multiples of 8.")));
        const QJsonValue seed = in.value(QStringLiteral("seed"));
        qint64 seedValue = -1;
        if (!seed.isUndefined() && !seed.isNull()) {
            seedValue = seed.toInteger(-2);
            if (!seed.isDouble() || seedValue < -1) return reply->send(jobError(400, QCoreApplication::translate("latent::ApiServer", "\"seed\" must be a whole number ≥ 0 (or -1).")));
        }
        QString sampler = QStringLiteral("Euler"), schedule;
        const QJsonValue scheduler = in.value(QStringLiteral("scheduler"));
        if (scheduler.isString() && !scheduler.toString().isEmpty()) {
            if (!mapScheduler(scheduler.toString(), &sampler, &schedule)) sampler = scheduler.toString(); // an A1111 name
        }
        QString promptText = prompt.toString();
        // lora: {model_id, weight} (or a list of them) -> <lora:NAME:W> in the prompt.
        QJsonArray loras;
        const QJsonValue lora = in.value(QStringLiteral("lora"));
        if (lora.isObject()) loras.append(lora);
        else if (lora.isArray()) loras = lora.toArray();
        else if (!lora.isUndefined() && !lora.isNull()) return reply->send(jobError(400, QCoreApplication::translate("latent::ApiServer", "\"lora\" must be {model_id, weight}.")));
        for (const QJsonValue& l : loras) {
            const QString id = l.toObject().value(QStringLiteral("model_id")).toString();
            const QJsonValue w = l.toObject().value(QStringLiteral("weight"));
            if (id.isEmpty()) return reply->send(jobError(400, QCoreApplication::translate("latent::ApiServer", "\"lora.model_id\" is required.")));
            const auto entry = findLora(*this, id);
            if (!entry) return reply->send(jobError(404, QCoreApplication::translate("latent::ApiServer", "LoRA '%1' not found").arg(id.left(200))));
            const double weight = w.isDouble() ? w.toDouble() : 1.0;
            if (!std::isfinite(weight) || weight < -10 || weight > 10) return reply->send(jobError(400, QCoreApplication::translate("latent::ApiServer", "\"lora.weight\" must be between -10 and 10.")));
            promptText += QStringLiteral(" <lora:%1:%2>").arg(entry->name()).arg(weight);
        }
        job.insert(QStringLiteral("prompt"), promptText);
        job.insert(QStringLiteral("negative_prompt"), negative.toString());
        job.insert(QStringLiteral("width"), int(width));
        job.insert(QStringLiteral("height"), int(height));
        job.insert(QStringLiteral("steps"), int(steps));
        job.insert(QStringLiteral("cfg_scale"), cfg);
        job.insert(QStringLiteral("n_iter"), int(count));
        job.insert(QStringLiteral("batch_size"), 1);
        job.insert(QStringLiteral("seed"), seedValue);
        job.insert(QStringLiteral("sampler_name"), sampler);
        if (!schedule.isEmpty()) job.insert(QStringLiteral("scheduler"), schedule);
        const QString apiId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        job.insert(QStringLiteral("api_job_id"), apiId);

        const QJsonValue image = in.value(QStringLiteral("image"));
        const bool img2img = image.isString() && !image.toString().isEmpty();
        if (!image.isUndefined() && !image.isNull() && !image.isString())
            return reply->send(jobError(400, QCoreApplication::translate("latent::ApiServer", "\"image\" must be base64 image data or a /v1/files/ URL of this server.")));
        const QString kind = img2img ? QStringLiteral("img2img") : QStringLiteral("txt2img");
        if (img2img) job.insert(QStringLiteral("denoising_strength"), strength);
        int status = 0;
        QString error;
        if (!prepareGeneration(*this, kind, job, &status, &error)) return reply->send(jobError(status == 404 ? 404 : 400, error));

        auto enqueue = [this, reply, kind, apiId, then](QJsonObject params) {
            int status = 0;
            QString error;
            // Async jobs outlive their request: no connection binding. Results stay in the
            // results folder until the retention period ends.
            const qint64 id = jobs_->submit(kind, params, false, 0, &status, &error);
            if (!id) {
                ApiResponse r = jobError(status, error);
                if (status == 503) r.headers.emplaceBack("Retry-After", "5");
                return reply->send(r);
            }
            then(*queue_->job(id), apiId);
        };
        if (!img2img) return enqueue(job);
        // A library-local URL (this server's /v1/files/ID) or base64 image data; nothing is fetched.
        QString source = image.toString().trimmed();
        QString localFile;
        if (source.startsWith(QLatin1String("http://")) || source.startsWith(QLatin1String("https://"))) {
            const QString path = QUrl(source).path();
            if (!path.startsWith(QLatin1String("/v1/files/")))
                return reply->send(jobError(400, QCoreApplication::translate("latent::ApiServer", "\"image\" URLs must be /v1/files/ URLs of this server; nothing is downloaded.")));
            const auto file = jobs_->publishedFile(path.mid(10));
            if (!file) return reply->send(jobError(404, QCoreApplication::translate("latent::ApiServer", "The image URL is unknown or expired.")));
            localFile = *file;
        }
        const QString dir = inputsDir();
        struct Stored {
            QString path, error;
        };
        runAsync(
            this,
            [source, localFile, dir] {
                Stored s;
                if (!localFile.isEmpty()) {
                    QFile f(localFile);
                    if (!f.open(QIODevice::ReadOnly)) s.error = QStringLiteral("The image file is gone.");
                    else s.path = materializeImageBytes(f.readAll(), dir, QStringLiteral("init"), false, &s.error);
                } else {
                    s.path = materializeImage(source, dir, QStringLiteral("init"), &s.error);
                }
                return s;
            },
            [reply, job, enqueue](const Stored& s) mutable {
                if (!s.error.isEmpty()) return reply->send(jobError(400, QStringLiteral("image: ") + s.error));
                job.insert(QStringLiteral("init_image_path"), s.path);
                enqueue(job);
            });
    };

    addRoute("POST", QStringLiteral("/run"), tag, QCoreApplication::translate("latent::ApiServer", "Queue a job (RunPod style)"),
             [submit](const ApiRequest& req, const ApiReplyPtr& reply) {
                 submit(req, reply, [reply](const Job&, const QString& apiId) {
                     reply->send(ApiResponse::json(QJsonObject{{QStringLiteral("id"), apiId}, {QStringLiteral("status"), QStringLiteral("IN_QUEUE")}}));
                 });
             });
    addRoute("POST", QStringLiteral("/runsync"), tag, QCoreApplication::translate("latent::ApiServer", "Run a job and wait for it (RunPod style; ?wait=ms)"),
             [this, submit, sendStatus](const ApiRequest& req, const ApiReplyPtr& reply) {
                 bool ok = false;
                 int waitMs = req.query.queryItemValue(QStringLiteral("wait")).toInt(&ok);
                 if (!ok || waitMs <= 0) waitMs = 90000;
                 waitMs = std::min(waitMs, 300000);
                 const quint64 connection = req.connection;
                 submit(req, reply, [this, reply, waitMs, sendStatus, connection](const Job& job, const QString& apiId) {
                     Q_UNUSED(connection);
                     const qint64 id = job.id;
                     auto timer = new QTimer(this);
                     timer->setSingleShot(true);
                     connect(timer, &QTimer::timeout, this, [this, reply, id, apiId, sendStatus, timer] {
                         timer->deleteLater();
                         if (reply->sent()) return;
                         if (const auto j = queue_->job(id)) sendStatus(reply, *j, apiId);
                     });
                     timer->start(waitMs);
                     jobs_->whenFinal(id, [reply, apiId, sendStatus, timer](const std::optional<Job>& j) {
                         if (reply->sent()) return;
                         timer->stop();
                         timer->deleteLater();
                         if (!j) return reply->send(jobError(404, QCoreApplication::translate("latent::ApiServer", "The job disappeared from the queue.")));
                         sendStatus(reply, *j, apiId);
                     });
                 });
             });
    addRoute("GET", QStringLiteral("/status/{id}"), tag, QCoreApplication::translate("latent::ApiServer", "A job's status and output (RunPod style)"),
             [this, sendStatus](const ApiRequest& req, const ApiReplyPtr& reply) {
                 const QString apiId = req.args.value(0);
                 const auto job = jobs_->findByApiId(apiId);
                 if (!job) return reply->send(jobError(404, QCoreApplication::translate("latent::ApiServer", "Job '%1' not found").arg(apiId.left(100))));
                 sendStatus(reply, *job, apiId);
             });
    addRoute("POST", QStringLiteral("/cancel/{id}"), tag, QCoreApplication::translate("latent::ApiServer", "Cancel a job (RunPod style)"),
             [this](const ApiRequest& req, const ApiReplyPtr& reply) {
                 const QString apiId = req.args.value(0);
                 const auto job = jobs_->findByApiId(apiId);
                 if (!job) return reply->send(jobError(404, QCoreApplication::translate("latent::ApiServer", "Job '%1' not found").arg(apiId.left(100))));
                 if (!isFinalState(job->state)) queue_->cancel(job->id);
                 const auto now = queue_->job(job->id);
                 // A running job becomes CANCELLED when the worker stops it (within one step).
                 const QString status = now && !isFinalState(now->state) ? QStringLiteral("CANCELLED") : statusName(now ? now->state : job->state);
                 reply->send(ApiResponse::json(QJsonObject{{QStringLiteral("id"), apiId}, {QStringLiteral("status"), status}}));
             });
    addRoute("GET", QStringLiteral("/health"), tag, QCoreApplication::translate("latent::ApiServer", "Queue and worker counts (RunPod style)"),
             [this](const ApiRequest&, const ApiReplyPtr& reply) {
                 const ApiJobs::Counts c = jobs_->counts();
                 const bool busy = controller_ && controller_->isBusy();
                 reply->send(ApiResponse::json(QJsonObject{
                     {QStringLiteral("jobs"), QJsonObject{{QStringLiteral("completed"), c.completed},
                                                          {QStringLiteral("failed"), c.failed},
                                                          {QStringLiteral("inProgress"), c.running},
                                                          {QStringLiteral("inQueue"), c.queued},
                                                          {QStringLiteral("retried"), 0}}},
                     {QStringLiteral("workers"), QJsonObject{{QStringLiteral("idle"), busy ? 0 : 1}, {QStringLiteral("running"), busy ? 1 : 0}}}}));
             });
}

} // namespace latent
