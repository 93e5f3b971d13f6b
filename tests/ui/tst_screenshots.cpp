// Screenshots of the studio's main states for the README, saved to <build>/screenshots:
//   studio-first-run.png   empty library: the welcome panel with the demo model offer
//   studio-generating.png  the demo model mid-generation: preview on the canvas, progress in the queue
//   studio-finished.png    the finished image, the job done in the queue, speed in the status bar
// The test checks the images were written and differ (the states are really different). Each run
// has its own empty app data (isolateAppData), so the gallery shows this run's image only.
// The README's packaging/screenshots/main-window.png and studio-generated.png are copies of
// studio-first-run.png and studio-finished.png.
#include "app/core/settings.h"
#include "app/gallery/gallery_store.h"
#include "app/jobs/job_queue.h"
#include "app/worker/studio_session.h"
#include "common/isolated_app_data.h"
#include "ui/docks/gallery_dock.h"
#include "ui/docks/prompt_dock.h"
#include "ui/docks/queue_dock.h"
#include "ui/main/main_window.h"
#include "ui/widgets/thumbnail_cache.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QImage>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace latent;

class TestScreenshots : public QObject {
    Q_OBJECT
public:
    // Before the QApplication: a fresh HOME/XDG data folder for this run (not ~/.qttest).
    static void initMain() { latent::test::isolateAppData(); }

private:
    QTemporaryDir dir_;
    QString shots_ = QStringLiteral(LATENT_TEST_BIN_DIR "/../screenshots");

    bool save(MainWindow& w, const QString& name) {
        QApplication::processEvents();
        // Read back at the end of the test, not here: decoding a 1440x900 PNG on the GUI thread
        // mid-generation would count as a stall of the studio.
        return w.saveScreenshot(QDir(shots_).filePath(name));
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(dir_.isValid());
        QVERIFY(QDir().mkpath(shots_));
        QVERIFY(!StudioSession::demoModelPath().isEmpty());
    }

    void mainStates() {
        QSettings backend(dir_.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        Settings settings(&backend);
        settings.setValue(settings::OutputFolder, dir_.filePath(QStringLiteral("out")));
        settings.setValue(settings::PreviewEverySteps, 1);
        MainWindow w(settings);
        StudioSession session(settings, dir_.filePath(QStringLiteral("data")));
        w.attachSession(&session);
        session.start();
        w.resize(1440, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        // Nothing from earlier runs: a fresh data folder, an empty gallery and queue.
        QVERIFY(latent::test::appDataIsIsolated());
        QCOMPARE(w.galleryStore()->count(), 0);
        QVERIFY(session.queue()->jobs().isEmpty());
        QTest::qWait(200);
        QVERIFY(save(w, QStringLiteral("studio-first-run.png")));

        QVERIFY(w.useDemoModel());
        w.findChild<QSpinBox*>(QStringLiteral("stepsSpin"))->setValue(16);
        bool shotMid = false;
        connect(session.controller(), &InferenceController::progress, &w,
                [&](qint64, int step, int total, double, double) {
                    if (!shotMid && step >= total / 2) {
                        shotMid = true;
                        QTimer::singleShot(0, &w, [&] { QVERIFY(save(w, QStringLiteral("studio-generating.png"))); });
                    }
                });
        QSignalSpy stall(&session, &StudioSession::stallMeasured);
        QVERIFY(w.promptDock()->generate() > 0);
        JobQueue* q = session.queue();
        const qint64 id = q->jobs().first().id;
        QTRY_VERIFY_WITH_TIMEOUT(isFinalState(q->job(id)->state), 120000);
        QCOMPARE(q->job(id)->state, JobState::Done);
        QVERIFY(shotMid);
        QTRY_VERIFY_WITH_TIMEOUT(!stall.isEmpty(), 10000); // the GUI took in the result
        // The finished state with its thumbnails made: this run's one image in the gallery and
        // as the job's thumbnail in the queue.
        const QString png = q->job(id)->results.value(0);
        QTRY_COMPARE(w.galleryStore()->count(), 1);
        QTRY_VERIFY(!w.galleryDock()->thumbnails()->thumbnail(png).isNull());
        QTRY_COMPARE(w.queueDock()->thumbnailKind(id), QueueDock::ThumbnailKind::Result);
        QTest::qWait(100);
        QVERIFY(save(w, QStringLiteral("studio-finished.png")));

        const QImage a(QDir(shots_).filePath(QStringLiteral("studio-first-run.png")));
        const QImage b(QDir(shots_).filePath(QStringLiteral("studio-generating.png")));
        const QImage c(QDir(shots_).filePath(QStringLiteral("studio-finished.png")));
        QVERIFY(!a.isNull() && !b.isNull() && !c.isNull());
        QVERIFY(a != b);
        QVERIFY(b != c);
        std::printf("screenshots in %s; longest GUI stall during the generation: %.1f ms\n",
                    qPrintable(QDir(shots_).absolutePath()), session.lastGenerationStallMs());
    }
};

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
