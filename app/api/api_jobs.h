// The API's view of the studio's job queue: submits jobs (source "api"), tells a waiting request
// when its job is final, cancels the jobs of clients that went away, keeps A1111's progress state
// (/sdapi/v1/progress reflects whatever job the worker runs, whoever submitted it), reads finished
// jobs' PNGs back for the responses, serves short-lived /v1/files tokens, and removes API jobs (and
// their temporary results) older than the retention period.
#pragma once

#include "app/jobs/job.h"
#include "app/storage/image_writer.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class QTimer;

namespace latent {

class InferenceController;
class JobQueue;

// What a finished job produced, read back from its files.
struct ApiJobResult {
    QList<QByteArray> images; // PNG bytes as written (parameters chunk included)
    QStringList infotexts;
    QStringList paths;
    QStringList missing;      // result files that are gone
};

class ApiJobs : public QObject {
    Q_OBJECT
public:
    struct Options {
        QString dataDir;           // api-results/ lives here
        QString outputDir;         // the gallery folder
        bool imagesToGallery = false;
        int retentionHours = 24;
    };
    ApiJobs(Options options, JobQueue* queue, InferenceController* controller, QObject* parent = nullptr);
    ~ApiJobs() override;

    // Marks params as an API job and enqueues it. `saveImages`: write to the gallery folder;
    // otherwise to the temporary results folder (unless imagesToGallery). On failure returns 0 and
    // sets *status (503 queue full, 422 other refusals) and *error.
    qint64 submit(const QString& kind, QJsonObject params, bool saveImages, quint64 connection, int* status,
                  QString* error);
    // Calls `done` (on this thread) once job `id` is final; at once when it already is. The
    // callback gets nullopt when the job vanished.
    void whenFinal(qint64 id, std::function<void(const std::optional<Job>&)> done);
    // The client of `connection` went away: its jobs that are not final are cancelled.
    void clientGone(quint64 connection);
    // Forget the connection binding of a job (its answer was sent).
    void release(qint64 id);

    // Reads a job's result PNGs (any thread).
    static ApiJobResult readResults(const Job& job);
    // Deletes a job's results when they are API temporaries (never gallery files).
    void discardTemporaryResults(const Job& job);
    QString resultsDir() const;
    bool isTemporaryResult(const QString& path) const;

    // A1111 /sdapi/v1/progress.
    QJsonObject progress(bool skipCurrentImage);
    // A1111 /interrupt and /skip: cancel the job on the worker (if any).
    void interrupt();
    void skip();

    // /v1/files/ID: a random token for `path`, valid for `seconds`.
    QString publishFile(const QString& path, int seconds);
    std::optional<QString> publishedFile(const QString& token);

    // Removes API jobs finished more than retentionHours ago (and their temporary results), and
    // expired file tokens. Runs at start and hourly.
    int purge();

    // Counts for /health.
    struct Counts {
        int queued = 0, running = 0, completed = 0, failed = 0;
    };
    Counts counts() const;

    // The job whose params carry this async id ("api_job_id"), if any.
    std::optional<Job> findByApiId(const QString& apiId) const;

    static bool isApiJob(const Job& job);

private:
    void onJobChanged(qint64 id);
    void onProgress(qint64 id, int step, int total);
    void onPreview(qint64 id, const ImagePixels& image);

    Options options_;
    JobQueue* queue_;
    InferenceController* controller_;
    QHash<qint64, QList<std::function<void(const std::optional<Job>&)>>> waiters_;
    QHash<qint64, quint64> connectionOf_;
    // Progress state (A1111 shared.state).
    qint64 currentJob_ = 0;
    QDateTime currentStart_;
    QString jobTimestamp_;
    int step_ = 0, total_ = 0;
    bool interrupted_ = false, skipped_ = false;
    ImagePixels preview_;
    qint64 previewSerial_ = 0, encodedSerial_ = -1;
    QString previewBase64_;
    struct Published {
        QString path;
        QDateTime expires;
    };
    QHash<QString, Published> files_;
    QTimer* purgeTimer_ = nullptr;
};

} // namespace latent
