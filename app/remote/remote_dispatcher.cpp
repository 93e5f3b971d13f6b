#include "app/remote/remote_dispatcher.h"

#include "app/jobs/job_queue.h"
#include "app/remote/backend_registry.h"
#include "app/remote/backend_secrets.h"
#include "app/remote/remote_job_ledger.h"
#include "app/remote/remote_job_runner.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QTimer>

namespace latent {

RemoteDispatcher::RemoteDispatcher(JobQueue* queue, BackendRegistry* registry, BackendSecrets* secrets,
                                   RemoteJobLedger* ledger, QObject* parent)
    : QObject(parent), queue_(queue), registry_(registry), secrets_(secrets), ledger_(ledger) {
    qRegisterMetaType<ImagePixels>("latent::ImagePixels");
    nam_ = new QNetworkAccessManager(this);
    connect(queue_, &JobQueue::workAvailable, this, &RemoteDispatcher::dispatch);
    connect(queue_, &JobQueue::cancelRequested, this, [this](qint64 id) {
        if (RemoteJobRunner* r = runners_.value(id)) r->cancel();
    });
    connect(queue_, &JobQueue::stopEarlyRequested, this, [this](qint64 id, bool skip) {
        if (RemoteJobRunner* r = runners_.value(id)) r->stopEarly(skip);
    });
    connect(queue_, &JobQueue::jobRemoved, this, [this](qint64 id) {
        if (ledger_ && !runners_.contains(id)) ledger_->remove(id);
        backendOf_.remove(id);
        notes_.remove(id);
    });
    connect(registry_, &BackendRegistry::changed, this, [this] {
        if (!started_) return;
        // New entries get a health check; removed ones lose theirs.
        QSet<QString> names;
        for (const BackendConfig& c : registry_->backends()) {
            names.insert(key(c.name));
            if (!health_.contains(key(c.name))) scheduleHealth(c.name, 0);
        }
        for (auto it = health_.begin(); it != health_.end();) {
            if (!names.contains(it.key())) {
                if (it->timer) it->timer->deleteLater();
                it = health_.erase(it);
            } else {
                ++it;
            }
        }
        dispatch();
    });
}

RemoteDispatcher::~RemoteDispatcher() {
    for (RemoteJobRunner* r : std::as_const(runners_)) {
        r->disconnect(this);
        r->leave();
        delete r;
    }
    runners_.clear();
}

void RemoteDispatcher::setHealthIntervals(int onlineMs, int offlineMs) {
    onlineCheckMs_ = std::max(50, onlineMs);
    offlineCheckMs_ = std::max(50, offlineMs);
}

void RemoteDispatcher::start() {
    if (started_) return;
    started_ = true;
    resumeLeftJobs();
    for (const BackendConfig& c : registry_->backends()) scheduleHealth(c.name, 0);
    dispatch();
}

// --- health ----------------------------------------------------------------------------------

RemoteDispatcher::Health RemoteDispatcher::health(const QString& backend) const {
    return health_.value(key(backend)).health;
}

QString RemoteDispatcher::healthMessage(const QString& backend) const { return health_.value(key(backend)).message; }

BackendCheck RemoteDispatcher::lastCheck(const QString& backend) const { return health_.value(key(backend)).check; }

void RemoteDispatcher::checkNow(const QString& backend) {
    if (!backend.isEmpty()) {
        runHealthCheck(backend);
        return;
    }
    for (const BackendConfig& c : registry_->backends()) runHealthCheck(c.name);
}

void RemoteDispatcher::fetchCatalogue(const QString& backend) {
    const std::optional<BackendConfig> config = registry_->find(backend);
    if (!config) return;
    RemoteClient* client = RemoteClient::create(*config, secrets_->secret(*config), nam_, this).release();
    const QString name = config->name;
    client->check([this, client, name](const BackendCheck& check) {
        client->deleteLater();
        if (!registry_->find(name)) return;
        Health state = check.reachable ? Health::Online : Health::Offline;
        QString message = check.reachability;
        if (check.reachable && (check.auth == BackendCheck::Auth::Refused || check.auth == BackendCheck::Auth::Missing)) {
            state = Health::AuthFailed;
            message = QCoreApplication::translate("Backends", "credentials refused");
        }
        setHealth(name, state, message, check);
        Q_EMIT catalogueReady(name);
    });
}

QString RemoteDispatcher::healthSummary() const {
    const QList<BackendConfig> all = registry_->backends();
    if (all.isEmpty()) return {};
    int online = 0;
    for (const BackendConfig& c : all)
        if (health(c.name) == Health::Online) ++online;
    return QCoreApplication::translate("Backends", "%1 of %2 online").arg(online).arg(all.size());
}

void RemoteDispatcher::scheduleHealth(const QString& backend, int delayMs) {
    HealthState& h = health_[key(backend)];
    if (!h.timer) {
        h.timer = new QTimer(this);
        h.timer->setSingleShot(true);
        connect(h.timer, &QTimer::timeout, this, [this, backend] { runHealthCheck(backend); });
    }
    h.timer->start(std::max(0, delayMs));
}

void RemoteDispatcher::runHealthCheck(const QString& backend) {
    const std::optional<BackendConfig> config = registry_->find(backend);
    if (!config) return;
    HealthState& h = health_[key(backend)];
    if (h.checking) return; // one check at a time
    std::unique_ptr<RemoteClient> owned = RemoteClient::create(*config, secrets_->secret(*config), nam_, this);
    RemoteClient* client = owned.release();
    h.checking = client;
    const QString name = config->name;
    client->ping([this, client, name](const BackendCheck& check) {
        client->deleteLater();
        if (!health_.contains(key(name))) return;
        health_[key(name)].checking = nullptr;
        Health state = Health::Online;
        QString message = check.reachability;
        if (!check.reachable) state = Health::Offline;
        else if (check.auth == BackendCheck::Auth::Refused || check.auth == BackendCheck::Auth::Missing) {
            state = Health::AuthFailed;
            message = check.auth == BackendCheck::Auth::Missing
                          ? QCoreApplication::translate("Backends", "credentials needed")
                          : QCoreApplication::translate("Backends", "credentials refused");
        }
        setHealth(name, state, message, check);
        scheduleHealth(name, state == Health::Offline ? offlineCheckMs_ : onlineCheckMs_);
    });
}

void RemoteDispatcher::setHealth(const QString& backend, Health health, const QString& message,
                                 const BackendCheck& check) {
    HealthState& h = health_[key(backend)];
    const bool changed = h.health != health || h.message != message;
    const bool cameBack = h.health == Health::Offline && health != Health::Offline;
    h.health = health;
    h.message = message;
    BackendCheck merged = check;
    if (merged.models.isEmpty()) merged.models = h.check.models;
    if (merged.samplers.isEmpty()) merged.samplers = h.check.samplers;
    if (merged.version.isEmpty()) merged.version = h.check.version;
    if (merged.currentModel.isEmpty()) merged.currentModel = h.check.currentModel;
    h.check = merged;
    if (changed) Q_EMIT healthChanged(backend);
    if (cameBack || changed) dispatch();
}

// --- jobs ------------------------------------------------------------------------------------

int RemoteDispatcher::runningCount(const QString& backend) const {
    if (backend.isEmpty()) return int(runners_.size());
    int n = 0;
    for (RemoteJobRunner* r : runners_)
        if (key(r->config().name) == key(backend)) ++n;
    return n;
}

QList<qint64> RemoteDispatcher::runningJobs() const { return runners_.keys(); }

QString RemoteDispatcher::backendOf(qint64 jobId) const {
    const QString b = backendOf_.value(jobId);
    if (!b.isEmpty() || !ledger_) return b;
    const auto r = ledger_->record(jobId);
    return r ? r->backend : QString();
}

QString RemoteDispatcher::statusNote(qint64 jobId) const { return notes_.value(jobId); }

QJsonObject RemoteDispatcher::jobInfo(qint64 jobId) const {
    if (!ledger_) return {};
    const auto r = ledger_->record(jobId);
    return r ? r->info : QJsonObject();
}

QString RemoteDispatcher::targetLabel(const Job& job) const {
    const QString target = job_target::of(job.params);
    const QString taken = backendOf(job.id);
    if (job_target::isLocal(target)) return QCoreApplication::translate("Backends", "Local");
    if (job_target::isAny(target)) {
        if (!taken.isEmpty()) return QCoreApplication::translate("Backends", "Any → %1").arg(taken);
        if (job.state != JobState::Queued && job.started.isValid())
            return QCoreApplication::translate("Backends", "Any → Local");
        return QCoreApplication::translate("Backends", "Any");
    }
    if (job.state == JobState::Queued) {
        if (!registry_->find(target)) return QCoreApplication::translate("Backends", "%1 (not configured)").arg(target);
        if (health(target) == Health::Offline)
            return QCoreApplication::translate("Backends", "%1 (offline, waiting)").arg(target);
    }
    return target;
}

bool RemoteDispatcher::acceptsFor(const BackendConfig& config, const Job& job) const {
    const QString target = job_target::of(job.params);
    if (job_target::isAny(target)) return config.useForAny;
    return target.compare(config.name, Qt::CaseInsensitive) == 0;
}

void RemoteDispatcher::dispatch() {
    if (!started_ || dispatching_) return;
    dispatching_ = true;
    // Jobs for a backend that does not exist fail at once with a clear message.
    while (const std::optional<Job> orphan = queue_->takeNextMatching([this](const Job& j) {
        const QString t = job_target::of(j.params);
        return !job_target::isLocal(t) && !job_target::isAny(t) && !registry_->find(t);
    })) {
        queue_->reportFailed(orphan->id, QCoreApplication::translate("Backends",
                                                                     "No backend named \"%1\" is configured (Settings "
                                                                     "▸ Backends).")
                                             .arg(job_target::of(orphan->params)));
        Q_EMIT jobFailed(orphan->id, queue_->job(orphan->id)->error);
    }
    for (const BackendConfig& config : registry_->backends()) {
        // Its jobs wait until it is back (or until the first check answered).
        const Health h = health(config.name);
        if (h == Health::Offline || h == Health::Unknown) continue;
        while (runningCount(config.name) < config.effectiveConcurrency()) {
            const std::optional<Job> job =
                queue_->takeNextMatching([this, &config](const Job& j) { return acceptsFor(config, j); });
            if (!job) break;
            launch(config, *job);
        }
    }
    dispatching_ = false;
}

void RemoteDispatcher::launch(const BackendConfig& config, const Job& job, const QString& remoteId) {
    RemoteJobSpec spec;
    spec.jobId = job.id;
    spec.kind = job.kind;
    spec.params = job.params;
    spec.outputDir = job.params.value(QStringLiteral("output_dir")).toString();
    if (spec.outputDir.isEmpty()) spec.outputDir = outputDir_;
    spec.recoveryDir = recoveryDir_;
    spec.remoteId = remoteId;
    auto* runner = new RemoteJobRunner(config, secrets_->secret(config), nam_, spec, this);
    runner->client()->retry = retry_;
    runner->client()->pollIntervalMs = pollMs_;
    runner->client()->maxPollIntervalMs = maxPollMs_;
    runners_.insert(job.id, runner);
    backendOf_.insert(job.id, config.name);
    if (ledger_ && remoteId.isEmpty()) ledger_->started(job.id, config.name, job.kind);
    notes_.insert(job.id, QCoreApplication::translate("Backends", "starting on %1").arg(config.name));

    connect(runner, &RemoteJobRunner::statusChanged, this, [this](qint64 id, const QString& note) {
        notes_.insert(id, note);
        Q_EMIT statusChanged(id, note);
    });
    connect(runner, &RemoteJobRunner::backendUnreachable, this, [this, name = config.name](qint64, const QString&) {
        // Its queued jobs should wait too: find out now rather than at the next periodic check.
        if (health(name) != Health::Offline) runHealthCheck(name);
    });
    connect(runner, &RemoteJobRunner::remoteIdAssigned, this, [this](qint64 id, const QString& remote) {
        if (ledger_) ledger_->setRemoteId(id, remote);
    });
    connect(runner, &RemoteJobRunner::progress, this,
            [this](qint64 id, int step, int total, double its, double eta) {
                queue_->reportProgress(id, step, total);
                Q_EMIT progress(id, step, total, its, eta);
            });
    connect(runner, &RemoteJobRunner::preview, this, &RemoteDispatcher::previewReady);
    connect(runner, &RemoteJobRunner::finished, this,
            [this](qint64 id, const QStringList& paths, const QStringList& recovered, const ImagePixels& first,
                   const QString& infotext, const QJsonObject& info) {
                if (ledger_) ledger_->setState(id, QStringLiteral("done"), info);
                notes_.remove(id);
                finishRunner(id);
                if (first.isValid() && !paths.isEmpty()) Q_EMIT resultReady(id, first, paths.first(), infotext);
                queue_->reportFinished(id, paths);
                Q_EMIT imagesSaved(id, paths);
                if (!recovered.isEmpty()) Q_EMIT imagesRecovered(id, recovered);
                dispatch();
            });
    connect(runner, &RemoteJobRunner::failed, this, [this](qint64 id, const QString& error) {
        if (ledger_) ledger_->setState(id, QStringLiteral("failed"), QJsonObject{{QStringLiteral("error"), error}});
        notes_.remove(id);
        finishRunner(id);
        queue_->reportFailed(id, error);
        Q_EMIT jobFailed(id, error);
        dispatch();
    });
    connect(runner, &RemoteJobRunner::cancelled, this, [this](qint64 id) {
        if (ledger_) ledger_->setState(id, QStringLiteral("cancelled"));
        notes_.remove(id);
        finishRunner(id);
        queue_->reportCancelled(id);
        dispatch();
    });
    Q_EMIT runningChanged();
    Q_EMIT statusChanged(job.id, notes_.value(job.id));
    runner->start();
}

void RemoteDispatcher::finishRunner(qint64 jobId) {
    RemoteJobRunner* r = runners_.take(jobId);
    if (r) {
        r->disconnect(this);
        r->deleteLater();
    }
    Q_EMIT runningChanged();
}

void RemoteDispatcher::resumeLeftJobs() {
    if (!ledger_) return;
    for (const RemoteJobRecord& rec : ledger_->records()) {
        if (rec.state != QLatin1String("running") && rec.state != QLatin1String("left")) continue;
        const std::optional<Job> job = queue_->job(rec.jobId);
        const std::optional<BackendConfig> config = registry_->find(rec.backend);
        const bool resumable = job && config && config->kind == BackendKind::RunPod && !rec.remoteId.isEmpty() &&
                               (job->state == JobState::Interrupted || job->state == JobState::Running);
        if (!resumable) {
            if (!job || isFinalState(job->state)) ledger_->setState(rec.jobId, QStringLiteral("interrupted"));
            continue;
        }
        if (job->state == JobState::Interrupted && !queue_->reclaim(rec.jobId)) continue;
        ledger_->setState(rec.jobId, QStringLiteral("running"));
        launch(*config, *queue_->job(rec.jobId), rec.remoteId);
    }
}

// --- closing ---------------------------------------------------------------------------------

void RemoteDispatcher::cancelAll() {
    const QList<RemoteJobRunner*> all = runners_.values();
    for (RemoteJobRunner* r : all) r->cancel();
}

bool RemoteDispatcher::waitIdle(int timeoutMs) {
    QElapsedTimer t;
    t.start();
    while (!runners_.isEmpty() && t.elapsed() < timeoutMs) {
        QEventLoop loop;
        QTimer::singleShot(50, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return runners_.isEmpty();
}

void RemoteDispatcher::leaveAll() {
    const QList<qint64> ids = runners_.keys();
    for (qint64 id : ids) {
        RemoteJobRunner* r = runners_.take(id);
        if (ledger_) {
            const bool resumable = r->client()->canResume() && !r->remoteId().isEmpty();
            ledger_->setState(id, resumable ? QStringLiteral("left") : QStringLiteral("interrupted"));
        }
        r->disconnect(this);
        r->leave();
        r->deleteLater();
    }
    Q_EMIT runningChanged();
}

} // namespace latent
