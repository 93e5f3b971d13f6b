// QueueDock thumbnails over a real SQLite job queue and real PNG files: while a job runs its row
// shows the live preview; once done, its first result image (made off the GUI thread by the
// shared ThumbnailCache) replaces it; failed and cancelled jobs keep their last preview. After a
// restart (a new JobStore/JobQueue over the same database) done jobs show their result image again,
// and jobs without a preview or a readable result (failed, cancelled, interrupted, file deleted)
// show an icon for their state.
#include "app/jobs/job_queue.h"
#include "app/jobs/job_store.h"
#include "app/worker/inference_worker.h"
#include "common/isolated_app_data.h"
#include "ui/docks/queue_dock.h"
#include "ui/widgets/thumbnail_cache.h"

#include <QIcon>
#include <QImage>
#include <QJsonObject>
#include <QPixmap>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace latent;
using Kind = QueueDock::ThumbnailKind;

namespace {

QJsonObject params(const QString& prompt) {
    return QJsonObject{{QStringLiteral("prompt"), prompt},
                       {QStringLiteral("width"), 64},
                       {QStringLiteral("height"), 64},
                       {QStringLiteral("batch_size"), 1}};
}

ImagePixels solid(QColor color) {
    ImagePixels p;
    p.width = 32;
    p.height = 32;
    p.channels = 3;
    p.data.resize(32 * 32 * 3);
    for (int i = 0; i < 32 * 32; ++i) {
        p.data[3 * i] = char(color.red());
        p.data[3 * i + 1] = char(color.green());
        p.data[3 * i + 2] = char(color.blue());
    }
    return p;
}

// The colour in the middle of a row's icon.
QColor iconColour(const QIcon& icon) {
    const QImage img = icon.pixmap(QSize(24, 24)).toImage();
    return img.isNull() ? QColor() : QColor(img.pixel(img.width() / 2, img.height() / 2));
}

bool similar(QColor a, QColor b) {
    return std::abs(a.red() - b.red()) < 24 && std::abs(a.green() - b.green()) < 24 &&
           std::abs(a.blue() - b.blue()) < 24;
}

} // namespace

class TestQueueDock : public QObject {
    Q_OBJECT
public:
    // Before the QApplication: a fresh HOME/XDG data folder for this run (not ~/.qttest).
    static void initMain() { latent::test::isolateAppData(); }

private:
    QTemporaryDir dir_;

    QString writePng(const QString& name, QColor color) {
        QImage img(96, 64, QImage::Format_RGB32);
        img.fill(color);
        const QString path = dir_.filePath(name);
        return img.save(path, "PNG") ? path : QString();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void thumbnailsLiveAndAfterRestart() {
        const QString db = dir_.filePath(QStringLiteral("jobs.sqlite"));
        const QString red = writePng(QStringLiteral("red.png"), Qt::red);
        const QString gone = writePng(QStringLiteral("gone.png"), Qt::green);
        QVERIFY(!red.isEmpty() && !gone.isEmpty());
        qint64 done = 0, failed = 0, cancelled = 0, deleted = 0, crashed = 0;
        {
            JobStore store;
            QVERIFY2(store.open(db), qPrintable(store.errorString()));
            JobQueue queue(&store);
            InferenceController controller(&queue, WorkerOptions{}); // never started: the test plays the worker
            ThumbnailCache cache(QSize(64, 64), dir_.filePath(QStringLiteral("thumbs-1")));
            QueueDock dock;
            dock.setThumbnailCache(&cache);
            dock.attach(&queue, &controller);
            dock.resize(600, 300);
            dock.show();
            done = queue.enqueue(QStringLiteral("txt2img"), params(QStringLiteral("done"))).id;
            failed = queue.enqueue(QStringLiteral("txt2img"), params(QStringLiteral("failed"))).id;
            cancelled = queue.enqueue(QStringLiteral("txt2img"), params(QStringLiteral("cancelled"))).id;
            deleted = queue.enqueue(QStringLiteral("txt2img"), params(QStringLiteral("deleted"))).id;
            crashed = queue.enqueue(QStringLiteral("txt2img"), params(QStringLiteral("crashed"))).id;
            QVERIFY(done && failed && cancelled && deleted && crashed);
            QCOMPARE(dock.thumbnailKind(done), Kind::None); // waiting: nothing to show yet

            // Running: the live preview (blue); done: the result image (red) once it is made.
            QCOMPARE(queue.takeNext()->id, done);
            Q_EMIT controller.previewReady(done, solid(Qt::blue));
            QCOMPARE(dock.thumbnailKind(done), Kind::Preview);
            QVERIFY(similar(iconColour(dock.thumbnailIcon(done)), Qt::blue));
            queue.reportFinished(done, {red});
            QVERIFY(cache.isPending(red)); // made in the background, not on the GUI thread
            QCOMPARE(dock.thumbnailKind(done), Kind::Preview);
            QTRY_COMPARE_WITH_TIMEOUT(dock.thumbnailKind(done), Kind::Result, 10000);
            QVERIFY(similar(iconColour(dock.thumbnailIcon(done)), Qt::red));
            // The row shows it.
            QTreeWidgetItem* row = nullptr;
            for (int i = 0; i < dock.jobList()->topLevelItemCount(); ++i)
                if (dock.jobList()->topLevelItem(i)->text(0).startsWith(QStringLiteral("#%1 ").arg(done)))
                    row = dock.jobList()->topLevelItem(i);
            QVERIFY(row);
            QVERIFY(similar(iconColour(row->icon(0)), Qt::red));
            // A late preview does not replace the result.
            Q_EMIT controller.previewReady(done, solid(Qt::yellow));
            QCOMPARE(dock.thumbnailKind(done), Kind::Result);

            // Failed after a preview: keeps the preview.
            QCOMPARE(queue.takeNext()->id, failed);
            Q_EMIT controller.previewReady(failed, solid(Qt::magenta));
            queue.reportFailed(failed, QStringLiteral("out of memory"));
            QCOMPARE(dock.thumbnailKind(failed), Kind::Preview);
            QVERIFY(similar(iconColour(dock.thumbnailIcon(failed)), Qt::magenta));

            // Cancelled while queued: no preview, so the state icon.
            QVERIFY(queue.cancel(cancelled));
            QCOMPARE(dock.thumbnailKind(cancelled), Kind::StateIcon);
            QVERIFY(!dock.thumbnailIcon(cancelled).isNull());

            // Done, but the image is deleted before its thumbnail is made: the state icon.
            QCOMPARE(queue.takeNext()->id, deleted);
            QVERIFY(QFile::remove(gone));
            queue.reportFinished(deleted, {gone});
            QTRY_COMPARE_WITH_TIMEOUT(dock.thumbnailKind(deleted), Kind::StateIcon, 10000);

            // The studio "crashes" while this one runs.
            QCOMPARE(queue.takeNext()->id, crashed);
            Q_EMIT controller.previewReady(crashed, solid(Qt::cyan));
            QCOMPARE(dock.thumbnailKind(crashed), Kind::Preview);
            cache.waitForDone();
        }

        // Restart: the jobs come back from SQLite; a fresh cache (empty disk folder) makes the
        // thumbnail from the PNG itself, in the background.
        JobStore store;
        QVERIFY2(store.open(db), qPrintable(store.errorString()));
        JobQueue queue(&store);
        QCOMPARE(queue.job(done)->state, JobState::Done);
        QCOMPARE(queue.job(crashed)->state, JobState::Interrupted);
        ThumbnailCache cache(QSize(64, 64), dir_.filePath(QStringLiteral("thumbs-2")));
        QueueDock dock;
        dock.setThumbnailCache(&cache);
        QSignalSpy made(&cache, &ThumbnailCache::thumbnailReady);
        dock.attach(&queue, nullptr);
        dock.show();
        QVERIFY(cache.isPending(red));
        QVERIFY(dock.thumbnailKind(done) != Kind::Result);
        QTRY_COMPARE_WITH_TIMEOUT(dock.thumbnailKind(done), Kind::Result, 10000);
        QVERIFY(similar(iconColour(dock.thumbnailIcon(done)), Qt::red));
        QVERIFY(made.count() >= 1);
        QTRY_COMPARE_WITH_TIMEOUT(dock.thumbnailKind(deleted), Kind::StateIcon, 10000);
        for (qint64 id : {failed, cancelled, crashed}) {
            QCOMPARE(dock.thumbnailKind(id), Kind::StateIcon);
            QVERIFY(!dock.thumbnailIcon(id).isNull());
        }
        // Failed, cancelled and interrupted look different (an icon per state).
        QVERIFY(dock.thumbnailIcon(failed).pixmap(24, 24).toImage() !=
                dock.thumbnailIcon(cancelled).pixmap(24, 24).toImage());
        QVERIFY(dock.thumbnailIcon(failed).pixmap(24, 24).toImage() !=
                dock.thumbnailIcon(crashed).pixmap(24, 24).toImage());

        // Removing a finished job drops its thumbnail too.
        dock.selectJob(done);
        dock.removeSelected();
        QVERIFY(!queue.job(done));
        QCOMPARE(dock.thumbnailKind(done), Kind::None);
        cache.waitForDone();
    }

    // A job that finished with warnings (a LoRA that was not found) says so in its state column,
    // the warnings in the tooltip, also after a restart; a clean job shows its plain state.
    void warningsShownOnTheJob() {
        const QString db = dir_.filePath(QStringLiteral("warn-jobs.sqlite"));
        const QString warning = QStringLiteral("Lora not found: no-such-lora");
        qint64 warned = 0, clean = 0;
        const auto rowOf = [](QueueDock& dock, qint64 id) -> QTreeWidgetItem* {
            for (int i = 0; i < dock.jobList()->topLevelItemCount(); ++i)
                if (dock.jobList()->topLevelItem(i)->text(0).startsWith(QStringLiteral("#%1 ").arg(id)))
                    return dock.jobList()->topLevelItem(i);
            return nullptr;
        };
        {
            JobStore store;
            QVERIFY2(store.open(db), qPrintable(store.errorString()));
            JobQueue queue(&store);
            QueueDock dock;
            dock.attach(&queue, nullptr);
            warned = queue.enqueue(QStringLiteral("txt2img"), params(QStringLiteral("warned"))).id;
            clean = queue.enqueue(QStringLiteral("txt2img"), params(QStringLiteral("clean"))).id;
            QCOMPARE(queue.takeNext()->id, warned);
            queue.reportFinished(warned, {}, {warning});
            QCOMPARE(queue.takeNext()->id, clean);
            queue.reportFinished(clean, {});
            QTreeWidgetItem* row = rowOf(dock, warned);
            QVERIFY(row);
            QVERIFY2(row->text(1).contains(QStringLiteral("1 warning")), qPrintable(row->text(1)));
            QVERIFY(row->toolTip(1).contains(warning));
            QVERIFY(rowOf(dock, clean));
            QVERIFY(!rowOf(dock, clean)->text(1).contains(QStringLiteral("warning")));
        }
        JobStore store;
        QVERIFY(store.open(db));
        JobQueue queue(&store);
        QCOMPARE(queue.job(warned)->warnings, QStringList{warning});
        QueueDock dock;
        dock.attach(&queue, nullptr);
        QTreeWidgetItem* row = rowOf(dock, warned);
        QVERIFY(row);
        QVERIFY(row->toolTip(1).contains(warning));
    }

    // Without a cache of its own the dock makes one when attached (the main window shares the
    // gallery's instead).
    void attachWithoutCacheMakesOne() {
        JobQueue queue(nullptr);
        QueueDock dock;
        QVERIFY(!dock.thumbnailCache());
        dock.attach(&queue, nullptr);
        QVERIFY(dock.thumbnailCache());
    }
};

QTEST_MAIN(TestQueueDock)
#include "tst_queue_dock.moc"
