// Job queue: limits, ordering, cancel/pause/reorder/re-run/duplicate, SQLite persistence and
// crash recovery (a job left "running" comes back "interrupted", pending jobs intact).
#include "app/jobs/job_queue.h"
#include "app/jobs/job_store.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace latent;

namespace {
QJsonObject params(const QString& prompt, int batch = 1) {
    return QJsonObject{{QStringLiteral("prompt"), prompt}, {QStringLiteral("batch_size"), batch}};
}
QStringList prompts(const QList<Job>& jobs) {
    QStringList out;
    for (const Job& j : jobs) out << j.params.value(QStringLiteral("prompt")).toString();
    return out;
}
} // namespace

class TestJobQueue : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void stateNamesRoundTrip() {
        for (JobState s : {JobState::Queued, JobState::Running, JobState::Done, JobState::Failed, JobState::Cancelled,
                           JobState::Interrupted})
            QCOMPARE(jobStateFromName(jobStateName(s)).value(), s);
        QVERIFY(!jobStateFromName(QStringLiteral("bogus")).has_value());
    }

    void limitsAreEnforced() {
        JobQueue q(nullptr, QueueLimits{3, 4});
        for (int i = 0; i < 3; ++i) QVERIFY(q.enqueue(QStringLiteral("txt2img"), params(QString::number(i))).ok());
        const auto full = q.enqueue(QStringLiteral("txt2img"), params(QStringLiteral("x")));
        QVERIFY(!full.ok());
        QVERIFY(full.error.contains(QStringLiteral("full")));
        // A finished job frees a slot.
        QVERIFY(q.cancel(q.pending().first().id));
        QVERIFY(q.enqueue(QStringLiteral("txt2img"), params(QStringLiteral("y"))).ok());
        const auto big = q.enqueue(QStringLiteral("txt2img"), params(QStringLiteral("z"), 5));
        QVERIFY(!big.ok());
        QVERIFY(big.error.contains(QStringLiteral("Batch size 5")));
    }

    void runsInOrderAndReorders() {
        JobQueue q(nullptr);
        const qint64 a = q.enqueue(QStringLiteral("txt2img"), params(QStringLiteral("a"))).id;
        const qint64 b = q.enqueue(QStringLiteral("txt2img"), params(QStringLiteral("b"))).id;
        const qint64 c = q.enqueue(QStringLiteral("txt2img"), params(QStringLiteral("c"))).id;
        QCOMPARE(prompts(q.pending()), (QStringList{"a", "b", "c"}));
        QVERIFY(q.move(c, 0));
        QCOMPARE(prompts(q.pending()), (QStringList{"c", "a", "b"}));
        QVERIFY(q.move(c, 99));
        QCOMPARE(prompts(q.pending()), (QStringList{"a", "b", "c"}));
        auto first = q.takeNext();
        QVERIFY(first);
        QCOMPARE(first->id, a);
        QVERIFY(!q.takeNext());  // one job at a time
        QVERIFY(!q.move(a, 1));   // the running job cannot be reordered
        q.reportProgress(a, 5, 10);
        QCOMPARE(q.job(a)->progress, 0.5);
        q.reportFinished(a, {QStringLiteral("/tmp/a.png")});
        QCOMPARE(q.job(a)->state, JobState::Done);
        QCOMPARE(q.takeNext()->id, b);
        Q_UNUSED(c);
    }

    // Progress values are current at once; views hear of them at a bounded rate: the first and
    // the last step always, the steps in between at most once per kProgressNotifyMs.
    void progressNotificationsAreRateLimited() {
        JobQueue q(nullptr);
        const qint64 id = q.enqueue(QStringLiteral("txt2img"), params(QStringLiteral("p"))).id;
        QVERIFY(q.takeNext());
        QSignalSpy changed(&q, &JobQueue::jobChanged);
        QElapsedTimer clock;
        clock.start();
        for (int step = 1; step <= 50; ++step) {
            q.reportProgress(id, step, 100);
            QCOMPARE(q.job(id)->step, step);
        }
        const qint64 spent = clock.elapsed();
        QCOMPARE(q.job(id)->progress, 0.5);
        QVERIFY(changed.size() >= 1); // step 1
        QVERIFY2(changed.size() <= 1 + spent / JobQueue::kProgressNotifyMs + 1,
                 qPrintable(QStringLiteral("%1 notifications in %2 ms").arg(changed.size()).arg(spent)));
        std::printf("50 progress reports in %lld ms: %d jobChanged\n", static_cast<long long>(spent),
                    int(changed.size()));
        // After the interval the next step notifies; the last step always does.
        QTest::qWait(JobQueue::kProgressNotifyMs + 20);
        const qsizetype before = changed.size();
        q.reportProgress(id, 51, 100);
        QCOMPARE(changed.size(), before + 1);
        q.reportProgress(id, 100, 100);
        QCOMPARE(changed.size(), before + 2);
        for (const QList<QVariant>& args : changed) QCOMPARE(args.at(0).toLongLong(), id);
    }

    void cancelPauseResume() {
        JobQueue q(nullptr);
        QSignalSpy cancelSpy(&q, &JobQueue::cancelRequested);
        const qint64 a = q.enqueue(QStringLiteral("txt2img"), params(QStringLiteral("a"))).id;
        const qint64 b = q.enqueue(QStringLiteral("txt2img"), params(QStringLiteral("b"))).id;
        q.pause();
        QVERIFY(!q.takeNext());
        q.resume();
        QCOMPARE(q.takeNext()->id, a);
        QVERIFY(q.cancel(b));  // queued: cancelled at once
        QCOMPARE(q.job(b)->state, JobState::Cancelled);
        QVERIFY(q.cancel(a));  // running: asks the worker
        QCOMPARE(cancelSpy.count(), 1);
        QCOMPARE(q.job(a)->state, JobState::Running);
        q.reportCancelled(a);
        QCOMPARE(q.job(a)->state, JobState::Cancelled);
        // Double cancel and cancel after finish are no-ops.
        QVERIFY(!q.cancel(a));
        q.reportFinished(a, {});
        QCOMPARE(q.job(a)->state, JobState::Cancelled);
    }

    void interruptEndsInterruptedWithItsReason() {
        JobQueue q(nullptr);
        QSignalSpy cancelSpy(&q, &JobQueue::cancelRequested);
        const qint64 a = q.enqueue(QStringLiteral("txt2img"), params(QStringLiteral("a"))).id;
        const qint64 b = q.enqueue(QStringLiteral("txt2img"), params(QStringLiteral("b"))).id;
        QVERIFY(!q.interrupt(b, QStringLiteral("stopping")));  // only the running job
        QCOMPARE(q.job(b)->state, JobState::Queued);
        QCOMPARE(q.takeNext()->id, a);
        QVERIFY(q.interrupt(a, QStringLiteral("the server was stopped")));
        QCOMPARE(cancelSpy.count(), 1);
        QCOMPARE(q.job(a)->state, JobState::Running);
        // The worker reports a cancel: the job is interrupted, with the reason, not "cancelled".
        q.reportCancelled(a);
        QCOMPARE(q.job(a)->state, JobState::Interrupted);
        QCOMPARE(q.job(a)->error, QStringLiteral("the server was stopped"));
        QVERIFY(q.job(a)->finished.isValid());
        // A job that finished before the worker saw the interrupt stays done; the reason is gone.
        QCOMPARE(q.takeNext()->id, b);
        QVERIFY(q.interrupt(b, QStringLiteral("late")));
        q.reportFinished(b, {QStringLiteral("/out/b.png")});
        QCOMPARE(q.job(b)->state, JobState::Done);
        const qint64 c = q.enqueue(QStringLiteral("txt2img"), params(QStringLiteral("c"))).id;
        QCOMPARE(q.takeNext()->id, c);
        q.reportCancelled(c);
        QCOMPARE(q.job(c)->state, JobState::Cancelled);
    }

    void rerunAndDuplicate() {
        JobQueue q(nullptr);
        const qint64 a = q.enqueue(QStringLiteral("txt2img"), params(QStringLiteral("a"))).id;
        QVERIFY(!q.rerun(a).ok());  // not finished yet
        const auto dup = q.duplicate(a);
        QVERIFY(dup.ok());
        QCOMPARE(q.job(dup.id)->params, q.job(a)->params);
        q.takeNext();
        q.reportFailed(a, QStringLiteral("boom"));
        QCOMPARE(q.job(a)->error, QStringLiteral("boom"));
        const auto again = q.rerun(a);
        QVERIFY(again.ok());
        QCOMPARE(q.job(again.id)->state, JobState::Queued);
        QVERIFY(q.remove(a));
        QVERIFY(!q.job(a));
    }

    void persistsAcrossRestartsAndRecoversFromCrash() {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("queue.sqlite"));
        qint64 runningId = 0, doneId = 0;
        {
            JobStore store;
            QVERIFY2(store.open(db), qPrintable(store.errorString()));
            JobQueue q(&store);
            doneId = q.enqueue(QStringLiteral("txt2img"), params(QStringLiteral("done"))).id;
            runningId = q.enqueue(QStringLiteral("txt2img"), params(QStringLiteral("crashed"))).id;
            q.enqueue(QStringLiteral("img2img"), params(QStringLiteral("p1")));
            q.enqueue(QStringLiteral("txt2img"), params(QStringLiteral("p2"), 2));
            q.takeNext();
            q.reportFinished(doneId, {QStringLiteral("/out/1.png")});
            QCOMPARE(q.takeNext()->id, runningId);
            // The process "dies" here: the queue is destroyed with a job still running.
        }
        JobStore store;
        QVERIFY(store.open(db));
        JobQueue q(&store);
        QCOMPARE(q.interruptedAtStartup(), 1);
        QCOMPARE(q.job(runningId)->state, JobState::Interrupted);
        QVERIFY(!q.job(runningId)->error.isEmpty());
        QCOMPARE(q.job(doneId)->state, JobState::Done);
        QCOMPARE(q.job(doneId)->results, QStringList{QStringLiteral("/out/1.png")});
        QCOMPARE(prompts(q.pending()), (QStringList{"p1", "p2"}));
        QCOMPARE(q.pending().at(0).kind, QStringLiteral("img2img"));
        QCOMPARE(q.pending().at(1).batchSize(), 2);
        // The interrupted job is never re-run silently.
        QCOMPARE(q.takeNext()->params.value(QStringLiteral("prompt")).toString(), QStringLiteral("p1"));
    }

    void badDatabasePathIsAnError() {
        JobStore store;
        QVERIFY(!store.open(QStringLiteral("/nonexistent-dir/x/queue.sqlite")));
        QVERIFY(!store.errorString().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestJobQueue)
#include "tst_job_queue.moc"
