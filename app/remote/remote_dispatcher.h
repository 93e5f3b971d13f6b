// Sends queued jobs to remote backends (GUI thread, asynchronous). Every job has a target (its
// "backend" parameter): "local" (the InferenceController takes it), a backend name, or "any" (the
// first free of the backends that take part in Any, the local worker included when the setting
// says so). Each backend takes as many jobs at once as its concurrency, so a batch with "Any"
// spreads over the backends and their throughput adds up.
//
// A backend that cannot be reached keeps its jobs waiting (queued jobs are not taken while the
// health monitor sees it offline; a job already sent keeps retrying) and they continue when it is
// back. Results, progress and previews come out as the InferenceController's signals do, so the
// studio shows remote jobs like local ones; what the backend reported (usage, latency, cost,
// RunPod job id) is kept in the RemoteJobLedger. After a restart, RunPod jobs that were left
// running are watched again by their id.
#pragma once

#include "app/remote/backend_config.h"
#include "app/remote/remote_client.h"
#include "app/storage/image_writer.h"
#include "app/worker/inference_worker.h" // Q_DECLARE_METATYPE(latent::ImagePixels)

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

class QNetworkAccessManager;
class QTimer;

namespace latent {

class BackendRegistry;
class BackendSecrets;
class JobQueue;
class RemoteJobLedger;
class RemoteJobRunner;
struct Job;

class RemoteDispatcher : public QObject {
    Q_OBJECT
public:
    // None of the pointers is owned; all must outlive the dispatcher (`ledger` may be null).
    RemoteDispatcher(JobQueue* queue, BackendRegistry* registry, BackendSecrets* secrets, RemoteJobLedger* ledger,
                     QObject* parent = nullptr);
    ~RemoteDispatcher() override;

    void setOutputDir(const QString& dir) { outputDir_ = dir; }
    QString outputDir() const { return outputDir_; }
    void setRecoveryDir(const QString& dir) { recoveryDir_ = dir; }
    // Retry / poll / health timing (tests shorten them).
    void setRetryPolicy(const RetryPolicy& policy) { retry_ = policy; }
    void setPollIntervals(int firstMs, int maxMs) {
        pollMs_ = firstMs;
        maxPollMs_ = maxMs;
    }
    void setHealthIntervals(int onlineMs, int offlineMs);

    // Resumes RunPod jobs left running by the last session, starts the health monitor and takes
    // the first jobs. Call once, after connecting signals.
    void start();
    bool isStarted() const { return started_; }

    // --- health ----------------------------------------------------------------------------
    enum class Health { Unknown, Online, Offline, AuthFailed };
    Health health(const QString& backend) const;
    QString healthMessage(const QString& backend) const;
    BackendCheck lastCheck(const QString& backend) const;
    void checkNow(const QString& backend = {});
    // A full check (models, samplers, version) of one backend; catalogueReady(name) when done,
    // then lastCheck(name) has it.
    void fetchCatalogue(const QString& backend);
    BackendRegistry* registry() const { return registry_; }
    BackendSecrets* secrets() const { return secrets_; }
    // "2 of 3 online", for the status bar (translated); "" without backends.
    QString healthSummary() const;

    // --- jobs ------------------------------------------------------------------------------
    int runningCount(const QString& backend = {}) const;
    QList<qint64> runningJobs() const;
    // The backend a job went to ("" = not (yet) sent to a remote backend).
    QString backendOf(qint64 jobId) const;
    // What the job is doing on its backend ("waiting for a worker (1:05)", ...), "" when nothing.
    QString statusNote(qint64 jobId) const;
    // What the queue dock shows in its Backend column: "Local", "Any", the backend's name, or
    // for an Any job the backend that took it.
    QString targetLabel(const Job& job) const;
    // The backend's report for a finished remote job (usage, latency_ms, cost, remote_id, ...).
    QJsonObject jobInfo(qint64 jobId) const;

    // --- closing the studio ------------------------------------------------------------------
    // Cancels every running remote job on its server; returns at once (see waitIdle).
    void cancelAll();
    // Runs the event loop until no remote job runs or `timeoutMs` passed. True when idle.
    bool waitIdle(int timeoutMs);
    // Stops watching; RunPod jobs stay on their server and are resumed by the next start(),
    // other remote jobs end up "interrupted" like a local job at a restart.
    void leaveAll();

Q_SIGNALS:
    // The InferenceController's signals, for remote jobs.
    void progress(qint64 jobId, int step, int total, double itPerSecond, double etaSeconds);
    void previewReady(qint64 jobId, const latent::ImagePixels& image);
    void resultReady(qint64 jobId, const latent::ImagePixels& image, const QString& path, const QString& infotext);
    void imagesSaved(qint64 jobId, const QStringList& paths);
    void jobFailed(qint64 jobId, const QString& error);
    void imagesRecovered(qint64 jobId, const QStringList& notes);
    // Remote specifics.
    void statusChanged(qint64 jobId, const QString& note);
    void healthChanged(const QString& backend);
    void catalogueReady(const QString& backend);
    void runningChanged();

private:
    void dispatch();
    void launch(const BackendConfig& config, const Job& job, const QString& remoteId = {});
    void finishRunner(qint64 jobId);
    void resumeLeftJobs();
    void scheduleHealth(const QString& backend, int delayMs);
    void runHealthCheck(const QString& backend);
    void setHealth(const QString& backend, Health health, const QString& message, const BackendCheck& check);
    bool acceptsFor(const BackendConfig& config, const Job& job) const;
    QString key(const QString& name) const { return name.trimmed().toLower(); }

    JobQueue* queue_;
    BackendRegistry* registry_;
    BackendSecrets* secrets_;
    RemoteJobLedger* ledger_;
    QNetworkAccessManager* nam_;
    QString outputDir_;
    QString recoveryDir_;
    RetryPolicy retry_;
    int pollMs_ = 1000;
    int maxPollMs_ = 5000;
    int onlineCheckMs_ = 60000;
    int offlineCheckMs_ = 5000;
    bool started_ = false;
    bool dispatching_ = false;

    QHash<qint64, RemoteJobRunner*> runners_;   // job id → runner
    QHash<qint64, QString> backendOf_;          // job id → backend name (this session)
    QHash<qint64, QString> notes_;
    struct HealthState {
        Health health = Health::Unknown;
        QString message;
        BackendCheck check;
        QTimer* timer = nullptr;
        QPointer<RemoteClient> checking;
    };
    QHash<QString, HealthState> health_;        // by key(name)
};

} // namespace latent
