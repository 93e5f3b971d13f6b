#include "app/worker/studio_session.h"

#include "app/core/event_loop_probe.h"
#include "app/core/gui_latency.h"
#include "app/core/notices.h"
#include "app/core/settings.h"
#include "app/storage/image_writer.h"
#include "pipeline/loaders/demo_model.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QThread>
#include <QFileInfo>
#include <QStandardPaths>

#include <algorithm>
#include <memory>

namespace latent {

StudioSession::StudioSession(Settings& settings, const QString& dataDir, QObject* parent)
    : QObject(parent), settings_(settings) {
    QString dir = dataDir.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) : dataDir;
    QDir().mkpath(dir);
    JobStore* store = nullptr;
    if (!store_.open(QDir(dir).filePath(QStringLiteral("jobs.sqlite")))) {
        storeError_ = store_.errorString();
        Notices::instance()->post(
            tr("%1 New jobs are kept in memory only and are lost when the studio quits.").arg(storeError_));
    } else if (store_.isReadOnly()) {
        // A newer version's queue: its jobs are neither shown nor run (this version could run
        // them twice or wrongly); new jobs live in memory only. The notice was posted.
        storeError_ = store_.readOnlyMessage();
    } else {
        store = &store_;
    }
    QueueLimits limits;
    limits.maxQueued = std::max(1, settings_.value(settings::MaxQueueSize));
    limits.maxBatchSize = std::max(1, settings_.value(settings::MaxBatchSize));
    queue_ = std::make_unique<JobQueue>(store, limits);

    // Canvas inputs no persisted job references any more (a refused enqueue, a crash) go. Only
    // when the queue was really read: otherwise every file would look unreferenced. Files
    // younger than the grace period may belong to another studio process about to queue them.
    inputs_ = std::make_unique<JobInputFiles>(queue_.get(), QDir(dir).filePath(QStringLiteral("inputs")));
    if (store && !queue_->loadFailed()) {
        constexpr qint64 kGraceSeconds = 10 * 60;
        sweptAtStartup_ = inputs_->sweep(QDateTime::currentDateTime().addSecs(-kGraceSeconds));
        if (sweptAtStartup_ > 0)
            qInfo("latent: deleted %d unused canvas input file(s) in %s", sweptAtStartup_,
                  qPrintable(inputs_->folder()));
    }

    // Temporaries of image saves cut by a crash (never a finished image; young ones may be a
    // save of another studio process in progress).
    for (const QString& folder : {outputDir(), ImageWriter::recoveryDirectory()}) {
        const int stale = ImageWriter::sweepStaleTemporaries(folder, QDateTime::currentDateTime().addSecs(-10 * 60));
        if (stale > 0) qInfo("latent: deleted %d temporary file(s) of interrupted saves in %s", stale, qPrintable(folder));
    }

    WorkerOptions options;
    options.cachedModels = std::max(1, settings_.value(settings::LoadedModelCacheSize));
    options.previewEvery = std::max(0, settings_.value(settings::PreviewEverySteps));
    options.outputDir = outputDir();
    controller_ = std::make_unique<InferenceController>(queue_.get(), options);

    // Remote backends: the local worker takes "local" jobs, and "any" jobs when it takes part in
    // Any; the dispatcher sends the others. Remote results reach the UI through the controller's
    // signals, so the canvas, queue, gallery and status bar treat them like local ones.
    backends_ = std::make_unique<BackendRegistry>(settings_);
    secrets_ = std::make_unique<BackendSecrets>();
    if (!ledger_.open(QDir(dir).filePath(QStringLiteral("remote_jobs.sqlite"))))
        qWarning("latent: the remote job records are kept in memory only: %s", qPrintable(ledger_.errorString()));
    BackendRegistry* registry = backends_.get();
    controller_->setJobFilter([registry](const Job& j) {
        const QString target = job_target::of(j.params);
        return job_target::isLocal(target) || (job_target::isAny(target) && registry->localInAny());
    });
    dispatcher_ = std::make_unique<RemoteDispatcher>(queue_.get(), backends_.get(), secrets_.get(), &ledger_);
    dispatcher_->setOutputDir(options.outputDir);
    InferenceController* c = controller_.get();
    connect(dispatcher_.get(), &RemoteDispatcher::progress, c, &InferenceController::progress);
    connect(dispatcher_.get(), &RemoteDispatcher::previewReady, c, &InferenceController::previewReady);
    connect(dispatcher_.get(), &RemoteDispatcher::resultReady, c, &InferenceController::resultReady);
    connect(dispatcher_.get(), &RemoteDispatcher::imagesSaved, c, &InferenceController::imagesSaved);
    connect(dispatcher_.get(), &RemoteDispatcher::jobFailed, c, &InferenceController::jobFailed);
    connect(dispatcher_.get(), &RemoteDispatcher::imagesRecovered, c, &InferenceController::imagesRecovered);

    // Measure the GUI thread's longest stall while a job runs and while the GUI takes in its
    // results (settle period after the job).
    probe_ = new EventLoopProbe(4, this);
    // The GUI thread (this one) asks the scheduler for a short slice, so its timers and input
    // preempt busy programs and the engine at once (gui_latency.h).
    if (QThread::currentThread() == QCoreApplication::instance()->thread()) {
        const GuiLatencyResult latency = requestShortSchedulerSlice();
        qInfo("latent: GUI thread scheduling: %s", qPrintable(latency.detail));
    }
    settle_ = new QTimer(this);
    settle_->setSingleShot(true);
    settle_->setInterval(500);
    connect(settle_, &QTimer::timeout, this, &StudioSession::reportStall);
    connect(controller_.get(), &InferenceController::busyChanged, this, [this](bool busy) {
        if (busy) {
            if (settle_->isActive()) reportStall(); // the next job follows at once
            probe_->start();
        } else {
            settle_->start();
        }
    });
}

void StudioSession::reportStall() {
    settle_->stop();
    probe_->stop();
    lastStallMs_ = probe_->longestStallMs();
    qInfo("latent: longest GUI event-loop stall during the generation: %.1f ms (%lld probe ticks)", lastStallMs_,
          static_cast<long long>(probe_->ticks()));
    Q_EMIT stallMeasured(lastStallMs_);
}

StudioSession::~StudioSession() {
    dispatcher_.reset(); // stops watching remote jobs (RunPod jobs are resumed by the next start)
    controller_.reset(); // joins the worker thread before the queue goes away
    inputs_.reset();
}

QString StudioSession::outputDir() const {
    const QString configured = settings_.value(settings::OutputFolder);
    if (!configured.isEmpty()) return configured;
    QString pictures = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    if (pictures.isEmpty()) pictures = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(pictures).filePath(QStringLiteral("Latent Studio"));
}

void StudioSession::start() {
    controller_->start();
    startDispatcher();
}

void StudioSession::startDispatcher() {
    // The backends' secrets come from the keychain first (asynchronous); the dispatcher starts
    // when every answer is in, or after a few seconds without one.
    const QList<BackendConfig> all = backends_->backends();
    auto pending = std::make_shared<int>(int(all.size()));
    auto go = [this] {
        if (dispatcher_ && !dispatcher_->isStarted()) dispatcher_->start();
    };
    if (all.isEmpty()) {
        go();
        return;
    }
    for (const BackendConfig& b : all)
        secrets_->load(b.name, [pending, go](bool) {
            if (--*pending == 0) go();
        });
    QTimer::singleShot(5000, this, go);
}

QString StudioSession::demoModelPath() {
    const QString env = qEnvironmentVariable("LATENT_DEMO_MODEL");
    if (!env.isEmpty() && QFileInfo(env).isFile()) return QFileInfo(env).absoluteFilePath();
    const QString name = QString::fromLatin1(kDemoModelFileName);
    const QString dir = QCoreApplication::applicationDirPath();
    for (const QString& rel :
         {QStringLiteral("/../share/latentstudio/demo/"), QStringLiteral("/share/latentstudio/demo/")}) {
        const QFileInfo fi(dir + rel + name);
        if (fi.isFile()) return fi.absoluteFilePath();
    }
    return {};
}

} // namespace latent
