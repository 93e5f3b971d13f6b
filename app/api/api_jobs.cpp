#include "app/api/api_jobs.h"

#include "app/jobs/job_queue.h"
#include "app/metadata/png_text.h"
#include "app/worker/inference_worker.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTimer>

namespace latent {

namespace {
const QString kSource = QStringLiteral("source");
const QString kApi = QStringLiteral("api");

QString randomToken() {
    QByteArray bytes(18, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32*>(bytes.data()),
                                         reinterpret_cast<quint32*>(bytes.data() + 16));
    bytes[16] = char(QRandomGenerator::system()->generate());
    bytes[17] = char(QRandomGenerator::system()->generate());
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}
} // namespace

ApiJobs::ApiJobs(Options options, JobQueue* queue, InferenceController* controller, QObject* parent)
    : QObject(parent), options_(std::move(options)), queue_(queue), controller_(controller) {
    connect(queue_, &JobQueue::jobChanged, this, &ApiJobs::onJobChanged);
    connect(queue_, &JobQueue::jobRemoved, this, [this](qint64 id) {
        connectionOf_.remove(id);
        const auto waiting = waiters_.take(id);
        for (const auto& w : waiting) w(std::nullopt);
    });
    if (controller_) {
        connect(controller_, &InferenceController::progress, this,
                [this](qint64 id, int step, int total, double, double) { onProgress(id, step, total); });
        connect(controller_, &InferenceController::previewReady, this, &ApiJobs::onPreview);
    }
    purgeTimer_ = new QTimer(this);
    purgeTimer_->setInterval(60 * 60 * 1000);
    connect(purgeTimer_, &QTimer::timeout, this, &ApiJobs::purge);
    purgeTimer_->start();
    // The job already on the worker (the studio may be generating when the server starts).
    if (const auto running = queue_->running()) {
        currentJob_ = running->id;
        currentStart_ = running->started.isValid() ? running->started : QDateTime::currentDateTimeUtc();
        jobTimestamp_ = currentStart_.toLocalTime().toString(QStringLiteral("yyyyMMddHHmmss"));
    }
}

ApiJobs::~ApiJobs() = default;

bool ApiJobs::isApiJob(const Job& job) { return job.params.value(kSource).toString() == kApi; }

QString ApiJobs::resultsDir() const { return QDir(options_.dataDir).filePath(QStringLiteral("api-results")); }

bool ApiJobs::isTemporaryResult(const QString& path) const {
    const QFileInfo fi(path);
    const QString dir = QFileInfo(fi.absolutePath()).canonicalFilePath();
    const QString results = QFileInfo(resultsDir()).canonicalFilePath();
    return !dir.isEmpty() && dir == results && !fi.isSymLink();
}

qint64 ApiJobs::submit(const QString& kind, QJsonObject params, bool saveImages, quint64 connection, int* status,
                       QString* error) {
    params.insert(kSource, kApi);
    if (!params.contains(QStringLiteral("output_dir"))) {
        const bool gallery = options_.imagesToGallery || saveImages;
        params.insert(QStringLiteral("output_dir"), gallery ? options_.outputDir : resultsDir());
    }
    const QueueLimits limits = queue_->limits();
    if (queue_->pending().size() >= limits.maxQueued) {
        *status = 503;
        *error = QCoreApplication::translate("latent::ApiServer", "The queue is full (%1 jobs waiting); try again later.")
                     .arg(limits.maxQueued);
        return 0;
    }
    const JobQueue::EnqueueResult r = queue_->enqueue(kind, params);
    if (!r.ok()) {
        *status = 422;
        *error = r.error;
        return 0;
    }
    if (connection) connectionOf_.insert(r.id, connection);
    return r.id;
}

void ApiJobs::whenFinal(qint64 id, std::function<void(const std::optional<Job>&)> done) {
    const auto job = queue_->job(id);
    if (!job) {
        done(std::nullopt);
        return;
    }
    if (isFinalState(job->state)) {
        done(job);
        return;
    }
    waiters_[id].append(std::move(done));
}

void ApiJobs::release(qint64 id) { connectionOf_.remove(id); }

void ApiJobs::clientGone(quint64 connection) {
    QList<qint64> ids;
    for (auto it = connectionOf_.cbegin(); it != connectionOf_.cend(); ++it)
        if (it.value() == connection) ids << it.key();
    for (qint64 id : ids) {
        connectionOf_.remove(id);
        const auto job = queue_->job(id);
        if (job && !isFinalState(job->state)) {
            qInfo("latent: API client went away; cancelling job %lld", static_cast<long long>(id));
            queue_->cancel(id);
        }
    }
}

void ApiJobs::onJobChanged(qint64 id) {
    const auto job = queue_->job(id);
    if (!job) return;
    if (job->state == JobState::Running && currentJob_ != id) {
        // A new job on the worker: A1111's state.begin().
        currentJob_ = id;
        currentStart_ = job->started.isValid() ? job->started : QDateTime::currentDateTimeUtc();
        jobTimestamp_ = currentStart_.toLocalTime().toString(QStringLiteral("yyyyMMddHHmmss"));
        step_ = 0;
        total_ = 0;
        interrupted_ = false;
        skipped_ = false;
        preview_ = ImagePixels();
        previewBase64_.clear();
        encodedSerial_ = -1;
    }
    if (isFinalState(job->state)) {
        if (currentJob_ == id) currentJob_ = 0;
        const auto waiting = waiters_.take(id);
        for (const auto& w : waiting) w(job);
    }
}

void ApiJobs::onProgress(qint64 id, int step, int total) {
    if (id != currentJob_) {
        const auto job = queue_->job(id);
        if (!job || job->state != JobState::Running) return;
        onJobChanged(id);
    }
    step_ = step;
    total_ = total;
}

void ApiJobs::onPreview(qint64 id, const ImagePixels& image) {
    if (id != currentJob_) return;
    preview_ = image;
    ++previewSerial_;
}

QJsonObject ApiJobs::progress(bool skipCurrentImage) {
    const std::optional<Job> job = currentJob_ ? queue_->job(currentJob_) : std::nullopt;
    const bool active = job && job->state == JobState::Running;
    int jobCount = 0, jobNo = 0, samplingStep = 0, samplingSteps = 0;
    QString jobName;
    if (active) {
        const int nIter = std::max(1, job->params.value(QStringLiteral("n_iter")).toInt(1));
        jobCount = nIter;
        jobName = job->kind == QLatin1String("img2img")   ? QStringLiteral("scripts_img2img")
                  : job->kind == QLatin1String("upscale") ? QStringLiteral("extras")
                                                          : QStringLiteral("scripts_txt2img");
        if (total_ > 0) {
            samplingSteps = std::max(1, total_ / nIter);
            jobNo = std::min(nIter - 1, step_ / samplingSteps);
            samplingStep = step_ - jobNo * samplingSteps;
            if (samplingStep == samplingSteps && jobNo < nIter - 1) {
                ++jobNo;
                samplingStep = 0;
            }
        }
    }
    const QJsonObject state{{QStringLiteral("skipped"), skipped_},
                            {QStringLiteral("interrupted"), interrupted_},
                            {QStringLiteral("stopping_generation"), false},
                            {QStringLiteral("job"), jobName},
                            {QStringLiteral("job_count"), jobCount},
                            {QStringLiteral("job_timestamp"), active ? jobTimestamp_ : QStringLiteral("0")},
                            {QStringLiteral("job_no"), jobNo},
                            {QStringLiteral("sampling_step"), samplingStep},
                            {QStringLiteral("sampling_steps"), samplingSteps}};
    QJsonObject out{{QStringLiteral("state"), state},
                    {QStringLiteral("current_image"), QJsonValue::Null},
                    {QStringLiteral("textinfo"), QJsonValue::Null}};
    if (!active) {
        out.insert(QStringLiteral("progress"), 0);
        out.insert(QStringLiteral("eta_relative"), 0);
        return out;
    }
    // A1111 progressapi: 0.01 + job_no / job_count + sampling_step / sampling_steps / job_count.
    double progress = 0.01 + double(jobNo) / jobCount;
    if (samplingSteps > 0) progress += 1.0 / jobCount * samplingStep / samplingSteps;
    const double elapsed = std::max<qint64>(0, currentStart_.msecsTo(QDateTime::currentDateTimeUtc())) / 1000.0;
    const double eta = elapsed / progress;
    out.insert(QStringLiteral("progress"), std::min(progress, 1.0));
    out.insert(QStringLiteral("eta_relative"), eta - elapsed);
    if (!skipCurrentImage && preview_.isValid()) {
        if (encodedSerial_ != previewSerial_) {
            previewBase64_ = QString::fromLatin1(ImageWriter::encodePng(preview_, {}, 1).toBase64());
            encodedSerial_ = previewSerial_;
        }
        out.insert(QStringLiteral("current_image"), previewBase64_);
    }
    return out;
}

// A1111: the running job stops sampling and answers with the images so far (Interrupt), or
// ends its current batch that way and goes on (Skip).
void ApiJobs::interrupt() {
    interrupted_ = true;
    if (const auto running = queue_->running()) queue_->stopEarly(running->id, false);
}

void ApiJobs::skip() {
    skipped_ = true;
    if (const auto running = queue_->running()) queue_->stopEarly(running->id, true);
}

ApiJobResult ApiJobs::readResults(const Job& job) {
    ApiJobResult r;
    for (const QString& path : job.results) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            r.missing << path;
            continue;
        }
        const QByteArray bytes = f.readAll();
        r.images << bytes;
        r.infotexts << PngText::read(bytes).value(QStringLiteral("parameters"));
        r.paths << path;
    }
    return r;
}

void ApiJobs::discardTemporaryResults(const Job& job) {
    if (options_.imagesToGallery) return;
    for (const QString& path : job.results)
        if (isTemporaryResult(path)) QFile::remove(path);
}

QString ApiJobs::publishFile(const QString& path, int seconds) {
    const QString token = randomToken();
    files_.insert(token, Published{path, QDateTime::currentDateTimeUtc().addSecs(seconds)});
    return token;
}

std::optional<QString> ApiJobs::publishedFile(const QString& token) {
    auto it = files_.find(token);
    if (it == files_.end()) return std::nullopt;
    if (it->expires < QDateTime::currentDateTimeUtc()) {
        files_.erase(it);
        return std::nullopt;
    }
    return it->path;
}

int ApiJobs::purge() {
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (auto it = files_.begin(); it != files_.end();) {
        if (it->expires < now) it = files_.erase(it);
        else ++it;
    }
    const QDateTime cutoff = now.addSecs(-qint64(options_.retentionHours) * 3600);
    int removed = 0;
    for (const Job& j : queue_->jobs()) {
        if (!isApiJob(j) || !isFinalState(j.state)) continue;
        const QDateTime finished = j.finished.isValid() ? j.finished : j.created;
        if (!finished.isValid() || finished > cutoff) continue;
        // A URL handed out for one of its files keeps the file until the URL expires.
        bool published = false;
        for (const Published& p : std::as_const(files_)) published = published || j.results.contains(p.path);
        if (published) continue;
        discardTemporaryResults(j);
        if (queue_->remove(j.id)) ++removed;
    }
    if (removed > 0) qInfo("latent: removed %d API job(s) older than %d h", removed, options_.retentionHours);
    return removed;
}

ApiJobs::Counts ApiJobs::counts() const {
    Counts c;
    for (const Job& j : queue_->jobs()) {
        switch (j.state) {
        case JobState::Queued: ++c.queued; break;
        case JobState::Running: ++c.running; break;
        case JobState::Done: ++c.completed; break;
        case JobState::Failed:
        case JobState::Interrupted: ++c.failed; break;
        case JobState::Cancelled: break;
        }
    }
    return c;
}

std::optional<Job> ApiJobs::findByApiId(const QString& apiId) const {
    if (apiId.isEmpty()) return std::nullopt;
    for (const Job& j : queue_->jobs())
        if (j.params.value(QStringLiteral("api_job_id")).toString() == apiId) return j;
    return std::nullopt;
}

} // namespace latent
