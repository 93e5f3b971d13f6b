// Dispatch over the real job queue: every job goes to its target (a named backend, "any" = the
// first free backend by concurrency, "local" = the local worker only), jobs for an offline backend
// wait and continue when it is back, an unknown backend fails the job, cancel reaches the
// server, and a RunPod job left running is resumed by its id after a restart (real SQLite queue
// and ledger). The local InferenceController never takes a remote job.
#include "app/jobs/job_queue.h"
#include "app/jobs/job_store.h"
#include "app/remote/backend_registry.h"
#include "app/remote/backend_secrets.h"
#include "app/remote/remote_dispatcher.h"
#include "app/remote/remote_job_ledger.h"
#include "app/worker/inference_worker.h"
#include "common/isolated_app_data.h"
#include "common/remote_stand_ins.h"

#include <QDir>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace latent;
using namespace latent::test;

namespace {

QJsonObject job(const QString& target, const QString& prompt = QStringLiteral("a cat")) {
    return QJsonObject{{QStringLiteral("prompt"), prompt},
                       {QStringLiteral("seed"), 5},
                       {QStringLiteral("steps"), 2},
                       {QStringLiteral("width"), 64},
                       {QStringLiteral("height"), 64},
                       {QStringLiteral("sampler_name"), QStringLiteral("Euler")},
                       {QStringLiteral("backend"), target}};
}

BackendConfig backend(const QString& name, BackendKind kind, const QUrl& url, int concurrency = 0) {
    BackendConfig c;
    c.name = name;
    c.kind = kind;
    c.url = url;
    c.concurrency = concurrency;
    return c;
}

// Registry, secrets, queue and dispatcher over a temporary folder.
struct Rig {
    QTemporaryDir dir;
    QSettings qsettings{QDir(dir.path()).filePath(QStringLiteral("settings.ini")), QSettings::IniFormat};
    Settings settings{&qsettings};
    BackendRegistry registry{settings};
    BackendSecrets secrets;
    JobStore store;
    std::unique_ptr<JobQueue> queue;
    RemoteJobLedger ledger;
    std::unique_ptr<RemoteDispatcher> dispatcher;

    explicit Rig(bool persistent = false) { open(persistent); }
    void open(bool persistent) {
        if (persistent) {
            QVERIFY(store.isOpen() || store.open(QDir(dir.path()).filePath(QStringLiteral("jobs.sqlite"))));
            QVERIFY(ledger.open(QDir(dir.path()).filePath(QStringLiteral("remote_jobs.sqlite"))));
        }
        queue = std::make_unique<JobQueue>(persistent ? &store : nullptr, QueueLimits{100, 8});
        dispatcher = std::make_unique<RemoteDispatcher>(queue.get(), &registry, &secrets, &ledger);
        dispatcher->setOutputDir(QDir(dir.path()).filePath(QStringLiteral("out")));
        RetryPolicy p;
        p.baseDelayMs = 50;
        p.maxDelayMs = 200;
        dispatcher->setRetryPolicy(p);
        dispatcher->setPollIntervals(100, 300);
        dispatcher->setHealthIntervals(60000, 150);
    }
    qint64 add(const QJsonObject& params, const QString& kind = QStringLiteral("txt2img")) {
        const auto r = queue->enqueue(kind, params);
        return r.id;
    }
    JobState state(qint64 id) const { return queue->job(id)->state; }
    bool waitFinal(const QList<qint64>& ids, int ms = 30000) {
        return QTest::qWaitFor(
            [&] {
                for (qint64 id : ids)
                    if (!isFinalState(state(id))) return false;
                return true;
            },
            ms);
    }
};

} // namespace

class TestRemoteDispatch : public QObject {
    Q_OBJECT
public:
    static void initMain() { latent::test::isolateAppData(); }

private Q_SLOTS:
    void jobsGoToTheirTarget() {
        A1111StandIn a, b;
        for (A1111StandIn* s : {&a, &b}) {
            s->steps = 1;
            s->stepMs = 50;
        }
        Rig rig;
        QVERIFY(rig.registry.put(backend(QStringLiteral("a"), BackendKind::A1111, a.http.url())).isEmpty());
        QVERIFY(rig.registry.put(backend(QStringLiteral("b"), BackendKind::A1111, b.http.url())).isEmpty());
        const qint64 toA = rig.add(job(QStringLiteral("a"), QStringLiteral("for a")));
        const qint64 toB = rig.add(job(QStringLiteral("B"), QStringLiteral("for b")));
        const qint64 local = rig.add(job(QStringLiteral("local")));
        const qint64 unknown = rig.add(job(QStringLiteral("nowhere")));
        QSignalSpy saved(rig.dispatcher.get(), &RemoteDispatcher::imagesSaved);
        rig.dispatcher->start();
        QVERIFY(rig.waitFinal({toA, toB, unknown}));
        QCOMPARE(rig.state(toA), JobState::Done);
        QCOMPARE(rig.state(toB), JobState::Done);
        QCOMPARE(a.bodies.size(), 1);
        QCOMPARE(a.bodies.first().value(QStringLiteral("prompt")).toString(), QStringLiteral("for a"));
        QCOMPARE(b.bodies.first().value(QStringLiteral("prompt")).toString(), QStringLiteral("for b"));
        QVERIFY(!a.bodies.first().contains(QStringLiteral("backend")));
        QCOMPARE(rig.dispatcher->backendOf(toA), QStringLiteral("a"));
        QCOMPARE(rig.dispatcher->targetLabel(*rig.queue->job(toB)), QStringLiteral("B"));
        // Not the dispatcher's: the local job waits for the local worker.
        QCOMPARE(rig.state(local), JobState::Queued);
        QCOMPARE(rig.dispatcher->targetLabel(*rig.queue->job(local)), QStringLiteral("Local"));
        QCOMPARE(rig.state(unknown), JobState::Failed);
        QVERIFY(rig.queue->job(unknown)->error.contains(QLatin1String("No backend named \"nowhere\"")));
        QCOMPARE(saved.size(), 2);
        QCOMPARE(rig.queue->job(toA)->results.size(), 1);
        QVERIFY(QFileInfo(rig.queue->job(toA)->results.first()).isFile());
        QCOMPARE(rig.ledger.record(toA)->state, QStringLiteral("done"));
    }

    void anySpreadsByConcurrency() {
        A1111StandIn a;
        a.steps = 2;
        a.stepMs = 100;
        RunPodStandIn rp;
        rp.coldPolls = 1;
        rp.runningPolls = 1;
        Rig rig;
        QVERIFY(rig.registry.put(backend(QStringLiteral("a"), BackendKind::A1111, a.http.url())).isEmpty());
        QVERIFY(rig.registry.put(backend(QStringLiteral("rp"), BackendKind::RunPod, rp.endpoint(), 3)).isEmpty());
        BackendConfig excluded = backend(QStringLiteral("excluded"), BackendKind::A1111, QUrl(QStringLiteral("http://127.0.0.1:9")));
        excluded.useForAny = false;
        QVERIFY(rig.registry.put(excluded).isEmpty());
        rig.secrets.setSessionSecret(QStringLiteral("rp"), rp.apiKey);
        QList<qint64> ids;
        for (int i = 0; i < 10; ++i) ids << rig.add(job(QStringLiteral("any"), QStringLiteral("p%1").arg(i)));
        int maxA = 0, maxRp = 0, maxAll = 0;
        QObject::connect(rig.dispatcher.get(), &RemoteDispatcher::runningChanged, [&] {
            maxA = std::max(maxA, rig.dispatcher->runningCount(QStringLiteral("a")));
            maxRp = std::max(maxRp, rig.dispatcher->runningCount(QStringLiteral("rp")));
            maxAll = std::max(maxAll, rig.dispatcher->runningCount());
        });
        rig.dispatcher->start();
        QVERIFY(rig.waitFinal(ids, 60000));
        int onA = 0, onRp = 0;
        for (qint64 id : ids) {
            QCOMPARE(rig.state(id), JobState::Done);
            const QString b = rig.dispatcher->backendOf(id);
            QVERIFY2(b == QLatin1String("a") || b == QLatin1String("rp"), qPrintable(b));
            (b == QLatin1String("a") ? onA : onRp)++;
            QCOMPARE(rig.dispatcher->targetLabel(*rig.queue->job(id)), QStringLiteral("Any → %1").arg(b));
        }
        QCOMPARE(maxA, 1);  // A1111: one job at a time
        QCOMPARE(maxRp, 3); // RunPod: as configured
        QCOMPARE(maxAll, 4);
        QVERIFY(onA >= 1 && onRp >= 3);
        QCOMPARE(onA + onRp, 10);
    }

    void jobsForAnOfflineBackendWaitAndContinue() {
        A1111StandIn a;
        a.steps = 1;
        a.stepMs = 30;
        a.http.stop();
        Rig rig;
        QVERIFY(rig.registry.put(backend(QStringLiteral("a"), BackendKind::A1111, a.http.url())).isEmpty());
        const qint64 j1 = rig.add(job(QStringLiteral("a")));
        const qint64 j2 = rig.add(job(QStringLiteral("a")));
        QSignalSpy health(rig.dispatcher.get(), &RemoteDispatcher::healthChanged);
        rig.dispatcher->start();
        QVERIFY(QTest::qWaitFor([&] { return rig.dispatcher->health(QStringLiteral("a")) == RemoteDispatcher::Health::Offline; }, 10000));
        QTest::qWait(600);
        // Waiting, not failed; the studio says why.
        QCOMPARE(rig.state(j1), JobState::Queued);
        QCOMPARE(rig.state(j2), JobState::Queued);
        QCOMPARE(rig.dispatcher->targetLabel(*rig.queue->job(j1)), QStringLiteral("a (offline, waiting)"));
        QVERIFY(rig.dispatcher->healthMessage(QStringLiteral("a")).contains(QLatin1String("refused")));
        QCOMPARE(rig.dispatcher->healthSummary(), QStringLiteral("0 of 1 online"));
        // Back: both run.
        QVERIFY(a.http.listen());
        QVERIFY(rig.waitFinal({j1, j2}));
        QCOMPARE(rig.state(j1), JobState::Done);
        QCOMPARE(rig.state(j2), JobState::Done);
        QCOMPARE(rig.dispatcher->health(QStringLiteral("a")), RemoteDispatcher::Health::Online);
        QCOMPARE(rig.dispatcher->healthSummary(), QStringLiteral("1 of 1 online"));
    }

    void cancelReachesTheServer() {
        A1111StandIn a;
        a.steps = 100;
        a.stepMs = 50;
        RunPodStandIn rp;
        rp.coldPolls = 10000;
        Rig rig;
        QVERIFY(rig.registry.put(backend(QStringLiteral("a"), BackendKind::A1111, a.http.url())).isEmpty());
        QVERIFY(rig.registry.put(backend(QStringLiteral("rp"), BackendKind::RunPod, rp.endpoint())).isEmpty());
        rig.secrets.setSessionSecret(QStringLiteral("rp"), rp.apiKey);
        const qint64 j1 = rig.add(job(QStringLiteral("a")));
        const qint64 j2 = rig.add(job(QStringLiteral("rp")));
        const qint64 queued = rig.add(job(QStringLiteral("a")));
        rig.dispatcher->start();
        QVERIFY(QTest::qWaitFor([&] { return a.running && rp.http.hits("/v2/ep/status/*") > 0; }, 10000));
        QVERIFY(rig.queue->cancel(j1));
        QVERIFY(rig.queue->cancel(j2));
        QVERIFY(rig.queue->cancel(queued));
        QVERIFY(rig.waitFinal({j1, j2, queued}));
        QCOMPARE(rig.state(j1), JobState::Cancelled);
        QCOMPARE(rig.state(j2), JobState::Cancelled);
        QCOMPARE(rig.state(queued), JobState::Cancelled);
        QCOMPARE(a.http.hits("/sdapi/v1/interrupt"), 1);
        QCOMPARE(rp.http.hits("/v2/ep/cancel/*"), 1);
        QCOMPARE(a.bodies.size(), 1);
    }

    void aRunPodJobIsResumedAfterARestart() {
        RunPodStandIn rp;
        rp.coldPolls = 1000000;
        auto rig = std::make_unique<Rig>(true);
        QVERIFY(rig->registry.put(backend(QStringLiteral("rp"), BackendKind::RunPod, rp.endpoint())).isEmpty());
        rig->secrets.setSessionSecret(QStringLiteral("rp"), rp.apiKey);
        const qint64 id = rig->add(job(QStringLiteral("rp")));
        rig->dispatcher->start();
        QVERIFY(QTest::qWaitFor([&] { return rig->ledger.record(id) && !rig->ledger.record(id)->remoteId.isEmpty(); }, 10000));
        // The studio closes and leaves the job on the endpoint.
        rig->dispatcher->leaveAll();
        QCOMPARE(rig->ledger.record(id)->state, QStringLiteral("left"));
        const QString dir = rig->dir.path();
        rig->dir.setAutoRemove(false);
        rig.reset();

        // Next start: the queue marks it interrupted, the dispatcher takes it back by id.
        rp.coldPolls = 0;
        QSettings qs(QDir(dir).filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        Settings settings(&qs);
        BackendRegistry registry(settings);
        QCOMPARE(registry.names(), QStringList{QStringLiteral("rp")});
        BackendSecrets secrets;
        secrets.setSessionSecret(QStringLiteral("rp"), rp.apiKey);
        JobStore store;
        QVERIFY(store.open(QDir(dir).filePath(QStringLiteral("jobs.sqlite"))));
        JobQueue queue(&store);
        QCOMPARE(queue.job(id)->state, JobState::Interrupted);
        QCOMPARE(queue.interruptedAtStartup(), 1);
        RemoteJobLedger ledger;
        QVERIFY(ledger.open(QDir(dir).filePath(QStringLiteral("remote_jobs.sqlite"))));
        RemoteDispatcher dispatcher(&queue, &registry, &secrets, &ledger);
        dispatcher.setOutputDir(QDir(dir).filePath(QStringLiteral("out")));
        dispatcher.setPollIntervals(100, 300);
        dispatcher.start();
        QCOMPARE(queue.job(id)->state, JobState::Running);
        QCOMPARE(queue.interruptedAtStartup(), 0);
        QVERIFY(QTest::qWaitFor([&] { return isFinalState(queue.job(id)->state); }, 20000));
        QCOMPARE(queue.job(id)->state, JobState::Done);
        QCOMPARE(rp.http.hits("/v2/ep/run"), 1); // not submitted twice
        QCOMPARE(ledger.record(id)->state, QStringLiteral("done"));
        QCOMPARE(ledger.record(id)->info.value(QStringLiteral("remote_id")).toString(), QStringLiteral("job-1"));
        QDir(dir).removeRecursively();
    }

    void theLocalWorkerTakesOnlyLocalJobs() {
        Rig rig;
        WorkerOptions options;
        options.outputDir = QDir(rig.dir.path()).filePath(QStringLiteral("out"));
        InferenceController controller(rig.queue.get(), options);
        bool localInAny = false;
        controller.setJobFilter([&](const Job& j) {
            const QString t = job_target::of(j.params);
            return job_target::isLocal(t) || (job_target::isAny(t) && localInAny);
        });
        const qint64 remote = rig.add(job(QStringLiteral("gpu")));
        const qint64 any = rig.add(job(QStringLiteral("any")));
        const qint64 local = rig.add(job(QStringLiteral("local")));
        controller.start();
        // The local job runs (and fails at once: it names no model); the others are not its own.
        QVERIFY(rig.waitFinal({local}));
        QVERIFY(rig.queue->job(local)->error.contains(QLatin1String("No model")));
        QTest::qWait(200);
        QCOMPARE(rig.state(remote), JobState::Queued);
        QCOMPARE(rig.state(any), JobState::Queued);
        localInAny = true;
        controller.setJobFilter([&](const Job& j) {
            const QString t = job_target::of(j.params);
            return job_target::isLocal(t) || (job_target::isAny(t) && localInAny);
        });
        QVERIFY(rig.waitFinal({any}));
        QCOMPARE(rig.state(remote), JobState::Queued);
    }
};

QTEST_GUILESS_MAIN(TestRemoteDispatch)
#include "tst_remote_dispatch.moc"
