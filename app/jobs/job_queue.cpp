#include "app/jobs/job_queue.h"

#include "app/jobs/job_store.h"

#include <QCoreApplication>

#include <algorithm>

namespace latent {

JobQueue::JobQueue(JobStore* store, QueueLimits limits, QObject* parent)
    : QObject(parent), store_(store), limits_(limits) {
    if (store_) {
        interruptedAtStartup_ = store_->markRunningInterrupted(
            QCoreApplication::translate("JobQueue", "Interrupted: Latent Studio stopped while this job was running, so it "
                                                    "did not finish and is not run again."));
        bool ok = false;
        jobs_ = store_->loadAll(&ok);
        loadFailed_ = !ok;
        qInfo("latent: queue loaded: %d job(s), %d pending, %d marked interrupted%s", int(jobs_.size()),
              int(pending().size()), interruptedAtStartup_, ok ? "" : " (the queue could not be read)");
    }
}

Job* JobQueue::find(qint64 id) {
    for (Job& j : jobs_)
        if (j.id == id) return &j;
    return nullptr;
}

std::optional<Job> JobQueue::job(qint64 id) const {
    for (const Job& j : jobs_)
        if (j.id == id) return j;
    return std::nullopt;
}

std::optional<Job> JobQueue::running() const {
    for (const Job& j : jobs_)
        if (j.state == JobState::Running) return j;
    return std::nullopt;
}

QList<Job> JobQueue::pending() const {
    QList<Job> out;
    for (const Job& j : jobs_)
        if (j.state == JobState::Queued) out << j;
    std::stable_sort(out.begin(), out.end(), [](const Job& a, const Job& b) { return a.position < b.position; });
    return out;
}

void JobQueue::persist(const Job& job) {
    qDebug("latent: queue: job %lld %s (step %d/%d)", static_cast<long long>(job.id), qPrintable(jobStateName(job.state)),
           job.step, job.totalSteps);
    if (store_ && !store_->update(job))
        qWarning("latent: queue: job %lld could not be saved: %s", static_cast<long long>(job.id),
                 qPrintable(store_->errorString()));
}

qint64 JobQueue::nextPosition() const {
    qint64 p = 0;
    for (const Job& j : jobs_) p = std::max(p, j.position);
    return p + 1;
}

JobQueue::EnqueueResult JobQueue::enqueue(const QString& kind, const QJsonObject& params) {
    EnqueueResult r;
    const int batch = params.value(QStringLiteral("batch_size")).toInt(1);
    if (batch < 1 || batch > limits_.maxBatchSize) {
        r.error = QCoreApplication::translate("JobQueue", "Batch size %1 is outside 1–%2.")
                      .arg(batch)
                      .arg(limits_.maxBatchSize);
        return r;
    }
    if (pending().size() >= limits_.maxQueued) {
        r.error = QCoreApplication::translate("JobQueue", "The queue is full (%n job(s) waiting). Wait for jobs to finish "
                                                          "or raise the limit in the settings.",
                                              nullptr, limits_.maxQueued);
        return r;
    }
    Job job;
    job.kind = kind;
    job.params = params;
    job.state = JobState::Queued;
    job.position = nextPosition();
    job.created = QDateTime::currentDateTimeUtc();
    if (store_) {
        if (!store_->insert(job)) {
            r.error = QCoreApplication::translate("JobQueue", "The job could not be saved: %1").arg(store_->errorString());
            return r;
        }
    } else {
        qint64 maxId = 0;
        for (const Job& j : jobs_) maxId = std::max(maxId, j.id);
        job.id = maxId + 1;
    }
    jobs_ << job;
    r.id = job.id;
    qInfo("latent: queue: job %lld added (%s)", static_cast<long long>(job.id), qPrintable(kind));
    Q_EMIT jobAdded(job.id);
    Q_EMIT workAvailable();
    return r;
}

bool JobQueue::cancel(qint64 id) {
    Job* j = find(id);
    if (!j) return false;
    if (j->state == JobState::Queued) {
        finish(id, JobState::Cancelled, {}, {});
        return true;
    }
    if (j->state == JobState::Running) {
        Q_EMIT cancelRequested(id);
        return true;
    }
    return false;  // already finished: no-op
}

bool JobQueue::interrupt(qint64 id, const QString& reason) {
    const Job* j = find(id);
    if (!j || j->state != JobState::Running) return false;
    interruptReasons_.insert(id, reason);
    Q_EMIT cancelRequested(id);
    return true;
}

bool JobQueue::stopEarly(qint64 id, bool skip) {
    const Job* j = find(id);
    if (!j || j->state != JobState::Running) return false;
    Q_EMIT stopEarlyRequested(id, skip);
    return true;
}

void JobQueue::cancelAll() {
    QList<qint64> ids;
    for (const Job& j : jobs_)
        if (!isFinalState(j.state)) ids << j.id;
    for (qint64 id : ids) cancel(id);
}

void JobQueue::pause() {
    if (paused_) return;
    paused_ = true;
    Q_EMIT pausedChanged(true);
}

void JobQueue::resume() {
    if (!paused_) return;
    paused_ = false;
    Q_EMIT pausedChanged(false);
    Q_EMIT workAvailable();
}

bool JobQueue::move(qint64 id, int index) {
    QList<Job> order = pending();
    auto it = std::find_if(order.begin(), order.end(), [id](const Job& j) { return j.id == id; });
    if (it == order.end()) return false;
    const Job moving = *it;
    order.erase(it);
    index = std::clamp(index, 0, static_cast<int>(order.size()));
    order.insert(index, moving);
    // Renumber the queued jobs 1..n in their new order.
    qint64 pos = 1;
    for (const Job& o : order) {
        Job* j = find(o.id);
        if (j->position != pos) {
            j->position = pos;
            persist(*j);
            Q_EMIT jobChanged(j->id);
        }
        ++pos;
    }
    return true;
}

JobQueue::EnqueueResult JobQueue::rerun(qint64 id) {
    const auto j = job(id);
    if (!j || !isFinalState(j->state)) {
        EnqueueResult r;
        r.error = QCoreApplication::translate("JobQueue", "Only a finished job can be run again.");
        return r;
    }
    return enqueue(j->kind, j->params);
}

JobQueue::EnqueueResult JobQueue::duplicate(qint64 id) {
    const auto j = job(id);
    if (!j) {
        EnqueueResult r;
        r.error = QCoreApplication::translate("JobQueue", "No such job.");
        return r;
    }
    return enqueue(j->kind, j->params);
}

bool JobQueue::remove(qint64 id) {
    Job* j = find(id);
    if (!j || !isFinalState(j->state)) return false;
    if (store_ && !store_->remove(id)) return false;  // keep it listed: it is still in the store
    jobs_.erase(std::remove_if(jobs_.begin(), jobs_.end(), [id](const Job& x) { return x.id == id; }), jobs_.end());
    Q_EMIT jobRemoved(id);
    return true;
}

int JobQueue::clearFinished() {
    QList<qint64> ids;
    for (const Job& j : jobs_)
        if (isFinalState(j.state)) ids << j.id;
    if (ids.isEmpty() || (store_ && !store_->remove(ids))) return 0;
    jobs_.erase(std::remove_if(jobs_.begin(), jobs_.end(), [](const Job& x) { return isFinalState(x.state); }),
                jobs_.end());
    for (qint64 id : ids) Q_EMIT jobRemoved(id);
    return int(ids.size());
}

std::optional<Job> JobQueue::takeNext() {
    if (paused_ || running()) return std::nullopt;
    const QList<Job> order = pending();
    if (order.isEmpty()) return std::nullopt;
    Job* j = find(order.first().id);
    j->state = JobState::Running;
    j->started = QDateTime::currentDateTimeUtc();
    persist(*j);
    Q_EMIT jobChanged(j->id);
    return *j;
}

std::optional<Job> JobQueue::takeNextMatching(const std::function<bool(const Job&)>& accept) {
    if (paused_) return std::nullopt;
    for (const Job& candidate : pending()) {
        if (accept && !accept(candidate)) continue;
        Job* j = find(candidate.id);
        j->state = JobState::Running;
        j->started = QDateTime::currentDateTimeUtc();
        persist(*j);
        Q_EMIT jobChanged(j->id);
        return *j;
    }
    return std::nullopt;
}

QList<Job> JobQueue::runningJobs() const {
    QList<Job> out;
    for (const Job& j : jobs_)
        if (j.state == JobState::Running) out << j;
    return out;
}

bool JobQueue::reclaim(qint64 id) {
    Job* j = find(id);
    if (!j || j->state != JobState::Interrupted) return false;
    j->state = JobState::Running;
    j->error.clear();
    j->finished = QDateTime();
    persist(*j);
    if (interruptedAtStartup_ > 0) --interruptedAtStartup_;
    Q_EMIT jobChanged(id);
    return true;
}

void JobQueue::reportProgress(qint64 id, int step, int totalSteps) {
    Job* j = find(id);
    if (!j || j->state != JobState::Running) return;
    j->step = step;
    j->totalSteps = totalSteps;
    j->progress = totalSteps > 0 ? double(step) / totalSteps : 0.0;
    // Progress is not written per step (state changes are); views hear of it at a bounded rate.
    const bool due = step <= 1 || step >= totalSteps || !progressNotified_.isValid() ||
                     progressNotified_.elapsed() >= kProgressNotifyMs;
    if (!due) return;
    progressNotified_.start();
    Q_EMIT jobChanged(id);
}

void JobQueue::finish(qint64 id, JobState state, const QString& error, const QStringList& results,
                      const QStringList& warnings) {
    Job* j = find(id);
    if (!j || isFinalState(j->state)) return;  // double reports are no-ops
    interruptReasons_.remove(id);
    j->state = state;
    j->error = error;
    j->results = results;
    j->warnings = warnings;
    j->finished = QDateTime::currentDateTimeUtc();
    if (state == JobState::Done) j->progress = 1.0;
    persist(*j);
    Q_EMIT jobChanged(id);
    Q_EMIT workAvailable();
}

void JobQueue::reportFinished(qint64 id, const QStringList& results, const QStringList& warnings) {
    finish(id, JobState::Done, {}, results, warnings);
}
void JobQueue::reportFailed(qint64 id, const QString& error) { finish(id, JobState::Failed, error, {}); }
void JobQueue::reportCancelled(qint64 id) {
    if (interruptReasons_.contains(id)) return finish(id, JobState::Interrupted, interruptReasons_.take(id), {});
    finish(id, JobState::Cancelled, {}, {});
}

} // namespace latent
