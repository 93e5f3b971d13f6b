// The job queue: ordered pending jobs, the running one, and the history, persisted through a
// JobStore. Lives on the GUI thread; the inference worker takes jobs with takeNext() and reports
// back with the report*() calls (through queued connections).
#pragma once

#include "app/jobs/job.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>

#include <functional>
#include <optional>

namespace latent {

class JobStore;

struct QueueLimits {
    int maxQueued = 100;  // pending jobs; enqueueing beyond is refused
    int maxBatchSize = 4;
};

class JobQueue : public QObject {
    Q_OBJECT
public:
    // `store` may be null (memory only); otherwise it must be open and outlive the queue.
    // Loading marks jobs left "running" by a crash as "interrupted" (never re-run silently).
    explicit JobQueue(JobStore* store, QueueLimits limits = {}, QObject* parent = nullptr);

    struct EnqueueResult {
        qint64 id = 0;
        QString error;  // empty on success
        bool ok() const { return id > 0; }
    };
    EnqueueResult enqueue(const QString& kind, const QJsonObject& params);

    QList<Job> jobs() const { return jobs_; }      // every job, by id
    QList<Job> pending() const;                     // queued, in run order
    std::optional<Job> job(qint64 id) const;
    std::optional<Job> running() const;
    int interruptedAtStartup() const { return interruptedAtStartup_; }
    // The store could not be read at startup (the queue then starts empty).
    bool loadFailed() const { return loadFailed_; }
    QueueLimits limits() const { return limits_; }
    void setLimits(QueueLimits limits) { limits_ = limits; }

    // Cancel: a queued job is cancelled at once; the running job gets cancelRequested(id) and
    // becomes "cancelled" when the worker reports it. Cancelling a finished job is a no-op.
    bool cancel(qint64 id);
    // Interrupt: the running job is stopped like a cancel, but ends "interrupted" with `reason`
    // (the program is shutting down, not the user cancelling). False when `id` is not running.
    bool interrupt(qint64 id, const QString& reason);
    // A1111's Interrupt (skip = false) and Skip (true) of the running job: sampling stops at the
    // next step and the job finishes with the images made so far (Skip: the current batch only,
    // the next batches still run). False when `id` is not running.
    bool stopEarly(qint64 id, bool skip);
    void cancelAll();
    void pause();
    void resume();
    bool isPaused() const { return paused_; }
    // Moves a queued job to `index` among the queued jobs (0 = next).
    bool move(qint64 id, int index);
    // A new queued job with the same parameters (re-run: a finished job; duplicate: any job).
    EnqueueResult rerun(qint64 id);
    EnqueueResult duplicate(qint64 id);
    bool remove(qint64 id);  // finished jobs only
    // Removes every finished job (done, failed, cancelled, interrupted). Returns how many.
    int clearFinished();

    // Worker side.
    std::optional<Job> takeNext();  // null when paused, empty or a job is running
    // Several executors (the local worker, remote backends): the first queued job in run order
    // that `accept` takes, whatever else is running. Null when paused or none is accepted.
    std::optional<Job> takeNextMatching(const std::function<bool(const Job&)>& accept);
    QList<Job> runningJobs() const;
    // A job that startup marked "interrupted" while it still runs elsewhere (a remote job watched
    // again by its id) becomes "running" again. False for a job in any other state.
    bool reclaim(qint64 id);
    // Updates the running job's progress at once; jobChanged for it is rate-limited to one per
    // kProgressNotifyMs (the first and the last step always notify), so fast steps do not make
    // every view re-read the queue per step. Progress is not written to the store per step.
    void reportProgress(qint64 id, int step, int totalSteps);
    static constexpr int kProgressNotifyMs = 100;
    // `warnings`: what the job noted but survived (kept with the job, see Job::warnings).
    void reportFinished(qint64 id, const QStringList& results, const QStringList& warnings = {});
    void reportFailed(qint64 id, const QString& error);
    void reportCancelled(qint64 id);

Q_SIGNALS:
    void jobAdded(qint64 id);
    void jobChanged(qint64 id);
    void jobRemoved(qint64 id);
    void cancelRequested(qint64 id);
    void stopEarlyRequested(qint64 id, bool skip);
    void pausedChanged(bool paused);
    // Emitted when there may be a job to take (new job, resume, previous job finished).
    void workAvailable();

private:
    Job* find(qint64 id);
    void persist(const Job& job);
    void finish(qint64 id, JobState state, const QString& error, const QStringList& results,
                const QStringList& warnings = {});
    qint64 nextPosition() const;

    JobStore* store_;
    QueueLimits limits_;
    QList<Job> jobs_;
    bool paused_ = false;
    int interruptedAtStartup_ = 0;
    bool loadFailed_ = false;
    QElapsedTimer progressNotified_; // since the last progress jobChanged
    QHash<qint64, QString> interruptReasons_; // running jobs interrupt() stops
};

} // namespace latent
