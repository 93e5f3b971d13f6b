// The studio's generation flow with the built-in demo model: first-run offers, prompt panel
// (A1111 highlighting, live token counts per 75-token chunk, parameters, refused enqueue),
// Generate -> job queue -> inference worker -> PNG with infotext on disk -> job done, with
// progress and previews on the canvas, queue dock and status bar. Prints the GUI thread's longest
// event-loop stall during the generation. Seeds beyond int (A1111's 2^32 - 1, 2^40 + 3, 2^63 - 1)
// keep their exact value from the prompt panel through the job's JSON, the SQLite queue (across a
// restart), the worker and engine, the PNG infotext and the gallery back into the panel.
#include "app/cli/generation_options.h"
#include "app/core/settings.h"
#include "app/gallery/gallery_store.h"
#include "app/jobs/job_queue.h"
#include "app/metadata/generation_params.h"
#include "app/metadata/png_text.h"
#include "app/worker/studio_session.h"
#include "common/isolated_app_data.h"
#include "ui/canvas/canvas_document.h"
#include "ui/canvas/canvas_view.h"
#include "ui/docks/gallery_dock.h"
#include "ui/docks/prompt_dock.h"
#include "ui/docks/queue_dock.h"
#include "ui/main/main_window.h"
#include "ui/widgets/prompt_highlighter.h"
#include "ui/widgets/seed_edit.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QStatusBar>
#include <QToolButton>

#include <atomic>
#include <cstddef>
#include <limits>
#include <new>

using namespace latent;
using Kind = PromptHighlighter::Kind;

namespace {
constexpr qint64 kA1111Max = Q_INT64_C(4294967295);      // A1111's largest random seed
constexpr qint64 kBig = (Q_INT64_C(1) << 40) + 3;        // 1099511627779
constexpr qint64 kPastDouble = (Q_INT64_C(1) << 53) + 1; // not exact in a double
constexpr qint64 kMaxSeed = std::numeric_limits<qint64>::max();
QJsonObject throughJsonText(const QJsonObject& o) { // what the SQLite queue stores and reads back
    return QJsonDocument::fromJson(QJsonDocument(o).toJson(QJsonDocument::Compact)).object();
}

// Shows the window, picks the demo model and, when `steps` > 0, sets a 64x64 image with that many
// steps. False when the window or the demo model is not there.
bool showWithDemoModel(MainWindow& w, int steps = 0) {
    w.resize(1280, 800);
    w.show();
    if (!QTest::qWaitForWindowExposed(&w) || !w.useDemoModel()) return false;
    if (steps > 0) {
        w.findChild<QSpinBox*>(QStringLiteral("widthSpin"))->setValue(64);
        w.findChild<QSpinBox*>(QStringLiteral("heightSpin"))->setValue(64);
        w.findChild<QSpinBox*>(QStringLiteral("stepsSpin"))->setValue(steps);
    }
    return true;
}

} // namespace

class TestStudioFlow : public QObject {
    Q_OBJECT
public:
    // Before the QApplication: a fresh HOME/XDG data folder for this run (not ~/.qttest).
    static void initMain() { latent::test::isolateAppData(); }

private:
    QTemporaryDir dir_;

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(dir_.isValid());
        QVERIFY2(!StudioSession::demoModelPath().isEmpty(), "the build generates the demo model");
    }

    void highlighterKnowsA1111Syntax() {
        const QString line = QStringLiteral("(cat:1.2) [dog] <lora:foo:0.8> BREAK \\(x\\) [a|b] AND c # note");
        QCOMPARE(PromptHighlighter::classify(line, 0), Kind::Bracket);
        QCOMPARE(PromptHighlighter::classify(line, 1), Kind::Text);
        QCOMPARE(PromptHighlighter::classify(line, 4), Kind::Weight);  // ':'
        QCOMPARE(PromptHighlighter::classify(line, 6), Kind::Weight);  // '2' of 1.2
        QCOMPARE(PromptHighlighter::classify(line, 8), Kind::Bracket); // ')'
        QCOMPARE(PromptHighlighter::classify(line, line.indexOf(QLatin1String("<lora"))), Kind::Network);
        QCOMPARE(PromptHighlighter::classify(line, line.indexOf(QLatin1String("0.8>"))), Kind::Network);
        QCOMPARE(PromptHighlighter::classify(line, line.indexOf(QLatin1String("BREAK")) + 2), Kind::Keyword);
        QCOMPARE(PromptHighlighter::classify(line, line.indexOf(QLatin1String("\\("))), Kind::Escape);
        QCOMPARE(PromptHighlighter::classify(line, line.indexOf(QLatin1Char('|'))), Kind::Separator);
        QCOMPARE(PromptHighlighter::classify(line, line.indexOf(QLatin1String("AND"))), Kind::Keyword);
        QCOMPARE(PromptHighlighter::classify(line, line.indexOf(QLatin1String("note"))), Kind::Comment);
        // Unbalanced brackets are errors; words containing BREAK/AND are not keywords.
        QCOMPARE(PromptHighlighter::classify(QStringLiteral("(open"), 0), Kind::Error);
        QCOMPARE(PromptHighlighter::classify(QStringLiteral("close)"), 5), Kind::Error);
        QCOMPARE(PromptHighlighter::classify(QStringLiteral("BRAND"), 2), Kind::Text);
        QCOMPARE(PromptHighlighter::classify(QStringLiteral("[a:b:0.5]"), 2), Kind::Separator);
        QCOMPARE(PromptHighlighter::classify(QStringLiteral("[a:b:0.5]"), 4), Kind::Weight);
    }

    void tokenCountIsLivePerChunk() {
        PromptDock dock;
        auto* edit = dock.findChild<QPlainTextEdit*>(QStringLiteral("promptEdit"));
        QVERIFY(edit);
        edit->setPlainText(QStringLiteral("a photo of a cat"));
        QTRY_COMPARE_WITH_TIMEOUT(dock.promptTokenText(), QStringLiteral("5/75"), 10000);
        // BREAK starts a second chunk; <lora:...> and comments do not count; weights do not add tokens.
        edit->setPlainText(QStringLiteral("(a photo:1.3) of <lora:x:0.5> a cat BREAK a dog # not counted"));
        QTRY_COMPARE_WITH_TIMEOUT(dock.promptTokenText(), QStringLiteral("77/150"), 10000);
        QString many;
        for (int i = 0; i < 80; ++i) many += QStringLiteral("cat ");
        edit->setPlainText(many);
        QTRY_COMPARE_WITH_TIMEOUT(dock.promptTokenText(), QStringLiteral("80/150"), 10000);
        auto* neg = dock.findChild<QPlainTextEdit*>(QStringLiteral("negativePromptEdit"));
        neg->setPlainText(QStringLiteral("blurry"));
        QTRY_COMPARE_WITH_TIMEOUT(dock.negativeTokenText(), QStringLiteral("1/75"), 10000);
    }

    void parametersAndSizePresets() {
        QSettings backend(dir_.filePath(QStringLiteral("p.ini")), QSettings::IniFormat);
        Settings settings(&backend);
        PromptDock dock;
        dock.setSettings(&settings);
        QVERIFY(dock.selectDemoModel());
        auto* w = dock.findChild<QSpinBox*>(QStringLiteral("widthSpin"));
        auto* h = dock.findChild<QSpinBox*>(QStringLiteral("heightSpin"));
        w->setValue(512);
        h->setValue(512);
        auto* aspect = dock.findChild<QComboBox*>(QStringLiteral("aspectCombo"));
        const int i169 = aspect->findText(QStringLiteral("16:9"));
        QVERIFY(i169 > 0);
        aspect->setCurrentIndex(i169);
        Q_EMIT aspect->activated(i169);
        QCOMPARE(w->value(), 704);
        QCOMPARE(h->value(), 384);
        QTest::mouseClick(dock.findChild<QToolButton*>(QStringLiteral("swapSizeButton")), Qt::LeftButton);
        QCOMPARE(w->value(), 384);
        QCOMPARE(h->value(), 704);
        dock.findChild<QSpinBox*>(QStringLiteral("clipSkipSpin"))->setValue(2);
        dock.findChild<SeedEdit*>(QStringLiteral("seedSpin"))->setValue(1234);
        dock.findChild<QCheckBox*>(QStringLiteral("variationCheck"))->setChecked(true);
        dock.findChild<SeedEdit*>(QStringLiteral("subseedSpin"))->setValue(99);
        const QJsonObject p = dock.buildParams();
        QCOMPARE(p.value(QStringLiteral("width")).toInt(), 384);
        QCOMPARE(p.value(QStringLiteral("seed")).toInteger(), 1234);
        QCOMPARE(p.value(QStringLiteral("subseed")).toInteger(), 99);
        QCOMPARE(p.value(QStringLiteral("subseed_strength")).toDouble(), 0.1);
        QCOMPARE(p.value(QStringLiteral("sampler_name")).toString(), QStringLiteral("Euler a"));
        QCOMPARE(p.value(QStringLiteral("override_settings"))
                     .toObject()
                     .value(QStringLiteral("CLIP_stop_at_last_layers"))
                     .toInt(),
                 2);
        QCOMPARE(p.value(QStringLiteral("model_path")).toString(), StudioSession::demoModelPath());
        QVERIFY(!p.contains(QStringLiteral("denoising_strength"))); // txt2img without an init image
    }

    // Pasted A1111 settings the panel has no field for (RNG, ENSD, sampler parameters, Seed resize
    // from) go with the job as override settings, which the worker's request parser reads back.
    void pastedSettingsGoWithTheJob() {
        PromptDock dock;
        auto* row = dock.findChild<QLabel*>(QStringLiteral("pastedSettingsLabel"));
        QVERIFY(row);
        QVERIFY(!row->isVisibleTo(&dock));
        dock.applyParameters(GenerationParams::fromInfotext(QStringLiteral(
            "a red fox\nSteps: 4, Sampler: Euler, Schedule type: Automatic, CFG scale: 7, Seed: 5, Size: 64x64, "
            "Seed resize from: 640x448, ENSD: 31337, RNG: CPU, Sigma churn: 1.5, Pad conds: True")));
        QVERIFY(row->isVisibleTo(&dock));
        QVERIFY2(row->text().contains(QStringLiteral("s_churn: 1.5")), qPrintable(row->text()));
        const QJsonObject p = dock.buildParams();
        const QJsonObject o = p.value(QStringLiteral("override_settings")).toObject();
        QCOMPARE(o.value(QStringLiteral("randn_source")).toString(), QStringLiteral("CPU"));
        QCOMPARE(o.value(QStringLiteral("eta_noise_seed_delta")).toInteger(), 31337);
        QCOMPARE(o.value(QStringLiteral("s_churn")).toDouble(), 1.5);
        QCOMPARE(o.value(QStringLiteral("pad_cond_uncond")).toBool(), true);
        GenerationRequest r;
        QVERIFY(applyApiRequest(p, r).isEmpty());
        QCOMPARE(QString::fromStdString(r.rng), QStringLiteral("cpu"));
        QCOMPARE(r.eta_noise_seed_delta, int64_t(31337));
        QCOMPARE(r.settings.s_churn, 1.5);
        QVERIFY(r.settings.pad_cond_uncond);
        QCOMPARE(r.seed_resize_from_w, int64_t(640));
        QCOMPARE(r.seed_resize_from_h, int64_t(448));
        // Clear forgets them.
        QTest::mouseClick(dock.findChild<QToolButton*>(QStringLiteral("clearPastedSettingsButton")), Qt::LeftButton);
        QVERIFY(!row->isVisibleTo(&dock));
        const QJsonObject cleared = dock.buildParams();
        QVERIFY(
            !cleared.value(QStringLiteral("override_settings")).toObject().contains(QStringLiteral("randn_source")));
        QVERIFY(!cleared.contains(QStringLiteral("seed_resize_from_w")));
    }

    // PNG info with 64-bit seeds restores them exactly, and the job parameters built from the
    // panel carry them as JSON integers that the worker's A1111 request parser reads exactly.
    void bigSeedsFromInfotextToJobParameters() {
        PromptDock dock;
        auto* seed = dock.findChild<SeedEdit*>(QStringLiteral("seedSpin"));
        auto* subseed = dock.findChild<SeedEdit*>(QStringLiteral("subseedSpin"));
        QVERIFY(seed && subseed);
        QVERIFY(!dock.findChild<QSpinBox*>(QStringLiteral("seedSpin"))); // no int spin box any more
        const QString info = QStringLiteral(
            "a red fox\nNegative prompt: blurry\nSteps: 4, Sampler: Euler a, Schedule type: Automatic, CFG scale: 7, "
            "Seed: 4294967295, Size: 64x64, Variation seed: 1099511627779, Variation seed strength: 0.25");
        dock.applyParameters(GenerationParams::fromInfotext(info));
        QCOMPARE(seed->value(), kA1111Max);
        QCOMPARE(subseed->value(), kBig);
        QCOMPARE(seed->text(), QStringLiteral("4294967295"));
        QVERIFY(dock.findChild<QCheckBox*>(QStringLiteral("variationCheck"))->isChecked());

        const QJsonObject p = dock.buildParams();
        QCOMPARE(p.value(QStringLiteral("seed")).toInteger(), kA1111Max);
        QCOMPARE(p.value(QStringLiteral("subseed")).toInteger(), kBig);
        const QByteArray text = QJsonDocument(p).toJson(QJsonDocument::Compact);
        QVERIFY2(text.contains("\"seed\":4294967295,") || text.contains("\"seed\":4294967295}"), text.constData());
        QVERIFY2(text.contains("\"subseed\":1099511627779"), text.constData());
        GenerationRequest r;
        QCOMPARE(applyApiRequest(throughJsonText(p), r), QString());
        QCOMPARE(r.seed, kA1111Max);
        QCOMPARE(r.subseed, kBig);

        // Beyond a double's 53 bits, up to the engine's limit: still exact.
        for (qint64 v : {kPastDouble, kMaxSeed}) {
            dock.applyParameters(GenerationParams::fromInfotext(
                QStringLiteral("x\nSteps: 4, Sampler: Euler a, Seed: %1, Size: 64x64").arg(v)));
            QCOMPARE(seed->value(), v);
            GenerationRequest big;
            QCOMPARE(applyApiRequest(throughJsonText(dock.buildParams()), big), QString());
            QCOMPARE(big.seed, v);
        }
        // Random stays -1 (the worker draws the seed).
        seed->setValue(-1);
        QCOMPARE(dock.buildParams().value(QStringLiteral("seed")).toInteger(), -1);
    }

    // One generate with the demo model and seed 2^40 + 3 typed into the panel (variation seed
    // 2^32 - 1): queued, the studio "restarts", the job comes back from SQLite and runs; the PNG,
    // the gallery index, "Copy parameters" -> restore and "reuse last seed" all keep the exact
    // values.
    void bigSeedThroughQueueRestartWorkerPngGalleryAndBack() {
        QSettings backend(dir_.filePath(QStringLiteral("big.ini")), QSettings::IniFormat);
        Settings settings(&backend);
        const QString out = dir_.filePath(QStringLiteral("big-outputs"));
        const QString data = dir_.filePath(QStringLiteral("big-data"));
        settings.setValue(settings::OutputFolder, out);
        qint64 id = 0;
        {
            MainWindow w(settings);
            StudioSession session(settings, data);
            w.attachSession(&session);
            session.queue()->pause(); // stays queued until after the restart
            session.start();
            QVERIFY(showWithDemoModel(w, 3));
            auto* seed = w.findChild<SeedEdit*>(QStringLiteral("seedSpin"));
            auto* line = seed->findChild<QLineEdit*>();
            seed->setFocus();
            line->selectAll();
            QTest::keyClicks(line, QStringLiteral("1099511627779"));
            QTest::keyClick(seed, Qt::Key_Return);
            QCOMPARE(seed->value(), kBig);
            w.findChild<QCheckBox*>(QStringLiteral("variationCheck"))->setChecked(true);
            w.findChild<SeedEdit*>(QStringLiteral("subseedSpin"))->setValue(kA1111Max);
            QTest::mouseClick(w.findChild<QPushButton*>(QStringLiteral("generateButton")), Qt::LeftButton);
            QCOMPARE(session.queue()->jobs().size(), 1);
            const Job job = session.queue()->jobs().first();
            id = job.id;
            QCOMPARE(job.state, JobState::Queued);
            QCOMPARE(job.params.value(QStringLiteral("seed")).toInteger(), kBig);
            QCOMPARE(job.params.value(QStringLiteral("subseed")).toInteger(), kA1111Max);
        }
        // The queue's row holds the integers as JSON text, digit for digit.
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("big-seed-check"));
            db.setDatabaseName(QDir(data).filePath(QStringLiteral("jobs.sqlite")));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT params FROM jobs WHERE id = %1").arg(id)));
            QVERIFY(q.next());
            const QString json = q.value(0).toString();
            QVERIFY2(json.contains(QStringLiteral("\"seed\":1099511627779")), qPrintable(json));
            QVERIFY2(json.contains(QStringLiteral("\"subseed\":4294967295")), qPrintable(json));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("big-seed-check"));

        MainWindow w(settings);
        StudioSession session(settings, data);
        w.attachSession(&session);
        JobQueue* q = session.queue();
        QVERIFY(q->job(id));
        QCOMPARE(q->job(id)->state, JobState::Queued);
        QCOMPARE(q->job(id)->params.value(QStringLiteral("seed")).toInteger(), kBig);
        if (q->isPaused()) q->resume();
        session.start();
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTRY_VERIFY_WITH_TIMEOUT(isFinalState(q->job(id)->state), 60000);
        QVERIFY2(q->job(id)->state == JobState::Done, qPrintable(q->job(id)->error));

        // Worker -> engine -> PNG infotext.
        const QString png = q->job(id)->results.value(0);
        QVERIFY(png.startsWith(out));
        const QString info = PngText::readFile(png).value(QStringLiteral("parameters"));
        QVERIFY2(info.contains(QStringLiteral("Seed: 1099511627779,")), qPrintable(info));
        QVERIFY2(info.contains(QStringLiteral("Variation seed: 4294967295,")), qPrintable(info));
        // Gallery index (SQLite) and the queue row's thumbnail from the same cache.
        QTRY_VERIFY(w.galleryStore()->entryByPath(png).has_value());
        const GalleryEntry entry = *w.galleryStore()->entryByPath(png);
        QCOMPARE(entry.seed, std::optional<qint64>(kBig));
        QCOMPARE(w.queueDock()->thumbnailCache(), w.galleryDock()->thumbnails());
        QTRY_COMPARE_WITH_TIMEOUT(w.queueDock()->thumbnailKind(id), QueueDock::ThumbnailKind::Result, 10000);

        // "Copy parameters" -> clipboard -> restore into a panel that was reset.
        auto* seed = w.findChild<SeedEdit*>(QStringLiteral("seedSpin"));
        auto* subseed = w.findChild<SeedEdit*>(QStringLiteral("subseedSpin"));
        seed->setValue(-1);
        subseed->setValue(-1);
        w.findChild<QCheckBox*>(QStringLiteral("variationCheck"))->setChecked(false);
        w.galleryDock()->refresh();
        QVERIFY(w.galleryDock()->copyParameters(entry.id));
        const QString copied = QApplication::clipboard()->text();
        QVERIFY2(copied.contains(QStringLiteral("Seed: 1099511627779,")), qPrintable(copied));
        Q_EMIT w.restoreParametersRequested(GenerationParams::fromInfotext(copied));
        QCOMPARE(seed->value(), kBig);
        QCOMPARE(subseed->value(), kA1111Max);
        QVERIFY(w.findChild<QCheckBox*>(QStringLiteral("variationCheck"))->isChecked());
        // "Reuse the last seed" knows the exact seed of the image.
        QTRY_VERIFY(w.findChild<QToolButton*>(QStringLiteral("reuseSeedButton"))->isEnabled());
        seed->setValue(-1);
        QTest::mouseClick(w.findChild<QToolButton*>(QStringLiteral("reuseSeedButton")), Qt::LeftButton);
        QCOMPARE(seed->value(), kBig);
    }

    void firstRunGenerateToPngAndDone() {
        QSettings backend(dir_.filePath(QStringLiteral("flow.ini")), QSettings::IniFormat);
        Settings settings(&backend);
        const QString out = dir_.filePath(QStringLiteral("outputs"));
        settings.setValue(settings::OutputFolder, out);
        settings.setValue(settings::PreviewEverySteps, 1);
        MainWindow w(settings);
        StudioSession session(settings, dir_.filePath(QStringLiteral("data")));
        w.attachSession(&session);
        session.start();
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));

        // First run: empty library, the demo offered next to the three ways to add models.
        auto* generate = w.findChild<QPushButton*>(QStringLiteral("generateButton"));
        QVERIFY(!generate->isEnabled());
        for (const char* name : {"addModelAction", "downloadAction", "a1111FolderAction", "demoModelAction"})
            QVERIFY2(w.findChild<QAction*>(QLatin1String(name)), name);
        auto* demo = w.findChild<QAction*>(QStringLiteral("demoModelAction"));
        QVERIFY(demo->isVisible());
        QVERIFY(demo->text().contains(QStringLiteral("random weights")));
        demo->trigger();
        auto* model = w.findChild<QComboBox*>(QStringLiteral("modelCombo"));
        QVERIFY(model->currentText().contains(QStringLiteral("random weights")));
        QVERIFY(generate->isEnabled());
        w.findChild<QSpinBox*>(QStringLiteral("widthSpin"))->setValue(64);
        w.findChild<QSpinBox*>(QStringLiteral("heightSpin"))->setValue(64);
        w.findChild<QSpinBox*>(QStringLiteral("stepsSpin"))->setValue(4);
        w.findChild<SeedEdit*>(QStringLiteral("seedSpin"))->setValue(321);

        QSignalSpy previews(session.controller(), &InferenceController::previewReady);
        QSignalSpy saved(session.controller(), &InferenceController::imagesSaved);
        QSignalSpy stall(&session, &StudioSession::stallMeasured);
        QTest::mouseClick(generate, Qt::LeftButton);
        JobQueue* q = session.queue();
        QCOMPARE(q->jobs().size(), 1);
        const qint64 id = q->jobs().first().id;
        // Wait in a real event loop, as the studio runs: QTRY_* would poll with 10 ms sleeps of
        // the GUI thread, which the stall probe would count. The stall is reported once the job
        // and the GUI's settle period after it are over.
        QVERIFY(stall.wait(60000));
        QVERIFY(q->job(id)->state == JobState::Done || q->job(id)->state == JobState::Failed);
        QVERIFY2(q->job(id)->state == JobState::Done, qPrintable(q->job(id)->error));
        QCOMPARE(saved.size(), 1);
        QVERIFY(previews.size() >= 1);

        const QString png = q->job(id)->results.value(0);
        QVERIFY(png.startsWith(out));
        QVERIFY(QFileInfo(png).isFile());
        const QString info = PngText::readFile(png).value(QStringLiteral("parameters"));
        QVERIFY2(info.startsWith(QStringLiteral("a lighthouse on a cliff at sunset")), qPrintable(info));
        QVERIFY2(info.contains(QStringLiteral("Steps: 4, Sampler: Euler a")), qPrintable(info));
        QVERIFY(info.contains(QStringLiteral("Seed: 321")));
        QVERIFY(info.contains(QStringLiteral("Size: 64x64")));

        // The result is on the canvas, the queue dock shows it done, reuse-seed knows it.
        QTRY_VERIFY(w.canvas()->hasImage());
        QCOMPARE(w.canvas()->image().size(), QSize(64, 64));
        QCOMPARE(w.queueDock()->cellText(id, 1), jobStateDisplayName(JobState::Done));
        QTRY_VERIFY(w.findChild<QToolButton*>(QStringLiteral("reuseSeedButton"))->isEnabled());
        w.findChild<SeedEdit*>(QStringLiteral("seedSpin"))->setValue(-1);
        QTest::mouseClick(w.findChild<QToolButton*>(QStringLiteral("reuseSeedButton")), Qt::LeftButton);
        QCOMPARE(w.findChild<SeedEdit*>(QStringLiteral("seedSpin"))->value(), 321);
        QVERIFY(w.findChild<QLabel*>(QStringLiteral("speedLabel"))->text().contains(QStringLiteral("it/s")));
        QTRY_VERIFY(w.findChild<QLabel*>(QStringLiteral("speedLabel"))->toolTip().contains(QStringLiteral("ms")));
        std::printf("GUI event-loop longest stall during the generation: %.1f ms\n", session.lastGenerationStallMs());

        // A refused enqueue shows its message in the panel.
        q->setLimits(QueueLimits{100, 1});
        w.findChild<QSpinBox*>(QStringLiteral("batchSizeSpin"))->setMaximum(8);
        w.findChild<QSpinBox*>(QStringLiteral("batchSizeSpin"))->setValue(3);
        QTest::mouseClick(generate, Qt::LeftButton);
        auto* error = w.findChild<QLabel*>(QStringLiteral("generateError"));
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QStringLiteral("Batch size 3")), qPrintable(error->text()));
        QCOMPARE(q->jobs().size(), 1);

        // Ctrl+Enter in the prompt generates exactly one job.
        w.findChild<QSpinBox*>(QStringLiteral("batchSizeSpin"))->setValue(1);
        auto* edit = w.findChild<QPlainTextEdit*>(QStringLiteral("promptEdit"));
        edit->setFocus();
        QTest::keyClick(edit, Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE(q->jobs().size(), 2);
        QTest::qWait(50);
        QCOMPARE(q->jobs().size(), 2);
        QVERIFY(!error->isVisible());
        const qint64 second = q->jobs().last().id;
        QTRY_VERIFY_WITH_TIMEOUT(isFinalState(q->job(second)->state), 60000);
        QCOMPARE(q->job(second)->state, JobState::Done);
        QVERIFY(!edit->toPlainText().contains(QLatin1Char('\n')));  // no newline typed
    }
    // The Interrupt button (A1111's): the running job stops sampling and keeps its image so far:
    // a PNG with the job's infotext, the job done with a note where it stopped.
    void interruptKeepsTheImageSoFar() {
        QSettings backend(dir_.filePath(QStringLiteral("interrupt.ini")), QSettings::IniFormat);
        Settings settings(&backend);
        const QString out = dir_.filePath(QStringLiteral("outputs-interrupt"));
        settings.setValue(settings::OutputFolder, out);
        MainWindow w(settings);
        StudioSession session(settings, dir_.filePath(QStringLiteral("data-interrupt")));
        w.attachSession(&session);
        session.start();
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.findChild<QAction*>(QStringLiteral("demoModelAction"))->trigger();
        w.findChild<QSpinBox*>(QStringLiteral("widthSpin"))->setValue(64);
        w.findChild<QSpinBox*>(QStringLiteral("heightSpin"))->setValue(64);
        w.findChild<QSpinBox*>(QStringLiteral("stepsSpin"))->setValue(150);
        std::atomic<int> steps{0};
        session.controller()->worker()->stepHook = [&steps](qint64, int, int) {
            ++steps;
            QThread::msleep(40);
        };
        auto* interrupt = w.findChild<QPushButton*>(QStringLiteral("interruptButton"));
        auto* skip = w.findChild<QPushButton*>(QStringLiteral("skipButton"));
        QVERIFY(!interrupt->isEnabled() && !skip->isEnabled());
        QTest::mouseClick(w.findChild<QPushButton*>(QStringLiteral("generateButton")), Qt::LeftButton);
        JobQueue* q = session.queue();
        const qint64 id = q->jobs().last().id;
        QTRY_VERIFY_WITH_TIMEOUT(steps.load() >= 3, 60000);
        QVERIFY(interrupt->isEnabled() && skip->isEnabled());
        QTest::mouseClick(interrupt, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(isFinalState(q->job(id)->state), 60000);
        session.controller()->worker()->stepHook = nullptr;
        const Job job = *q->job(id);
        QVERIFY2(job.state == JobState::Done, qPrintable(job.error));
        QVERIFY(steps.load() < 150);
        QCOMPARE(job.results.size(), 1);
        QVERIFY(job.results.first().startsWith(out));
        QVERIFY(PngText::readFile(job.results.first()).value(QStringLiteral("parameters")).contains(QStringLiteral("Steps: 150")));
        QVERIFY2(job.warnings.join(QLatin1Char(' ')).contains(QStringLiteral("Interrupted at step")),
                 qPrintable(job.warnings.join(QLatin1Char(' '))));
        QTRY_VERIFY(w.canvas()->hasImage());
    }

    // Inpainting from the canvas: an opened image and a painted mask go to the worker as an
    // img2img job (files, because jobs persist); the result carries A1111's inpaint infotext, keeps
    // the pixels outside the blurred mask, lands in the gallery, and leaves the canvas source and
    // mask as they were. Then PNG info of the result restores the prompt panel.
    void inpaintFromCanvasToGalleryAndRestore() {
        QSettings backend(dir_.filePath(QStringLiteral("inpaint.ini")), QSettings::IniFormat);
        Settings settings(&backend);
        const QString out = dir_.filePath(QStringLiteral("inpaint-outputs"));
        settings.setValue(settings::OutputFolder, out);
        MainWindow w(settings);
        StudioSession session(settings, dir_.filePath(QStringLiteral("inpaint-data")));
        w.attachSession(&session);
        session.start();
        QVERIFY(showWithDemoModel(w));

        // A 64x64 source: left half red, right half blue.
        QImage src(64, 64, QImage::Format_RGB32);
        src.fill(Qt::blue);
        QPainter(&src).fillRect(0, 0, 32, 64, Qt::red);
        const QString srcPath = dir_.filePath(QStringLiteral("source.png"));
        QVERIFY(src.save(srcPath));
        QString error;
        QVERIFY2(w.canvas()->loadImageFile(srcPath, &error), qPrintable(error));
        auto* useCanvas = w.findChild<QCheckBox*>(QStringLiteral("useCanvasCheck"));
        QVERIFY(useCanvas->isEnabled());
        QVERIFY(useCanvas->isChecked());  // opening an image means "work on it"
        CanvasDocument* doc = w.canvas()->document();
        doc->beginStroke(MaskTool::Brush, 12, 1.0, QPointF(48, 16));
        doc->continueStroke(QPointF(48, 40));
        doc->endStroke();
        const QImage maskBefore = doc->exportMask();
        QVERIFY(qGray(maskBefore.pixel(48, 20)) > 0);
        w.findChild<QSpinBox*>(QStringLiteral("stepsSpin"))->setValue(4);
        w.findChild<SeedEdit*>(QStringLiteral("seedSpin"))->setValue(99);

        const int galleryBefore = w.galleryDock()->store()->count();
        QTest::mouseClick(w.findChild<QPushButton*>(QStringLiteral("generateButton")), Qt::LeftButton);
        JobQueue* q = session.queue();
        QCOMPARE(q->jobs().size(), 1);
        const Job job = q->jobs().first();
        QCOMPARE(job.kind, QStringLiteral("img2img"));
        const QString initPath = job.params.value(QStringLiteral("init_image_path")).toString();
        const QString maskPath = job.params.value(QStringLiteral("mask_path")).toString();
        QVERIFY(QFileInfo(initPath).isFile());
        QVERIFY(QFileInfo(maskPath).isFile());
        // The canvas's inputs are the session's, in its inputs folder.
        QCOMPARE(QFileInfo(initPath).absolutePath(), session.inputsDir());
        QCOMPARE(QFileInfo(maskPath).absolutePath(), session.inputsDir());
        QTRY_VERIFY_WITH_TIMEOUT(isFinalState(q->job(job.id)->state), 60000);
        QVERIFY2(q->job(job.id)->state == JobState::Done, qPrintable(q->job(job.id)->error));

        const QString png = q->job(job.id)->results.value(0);
        const QString info = PngText::readFile(png).value(QStringLiteral("parameters"));
        QVERIFY2(info.contains(QStringLiteral("Denoising strength: 0.75")), qPrintable(info));
        QVERIFY2(info.contains(QStringLiteral("Mask blur: 4")), qPrintable(info));
        QVERIFY2(info.contains(QStringLiteral("Seed: 99")), qPrintable(info));
        // Paste-back: far from the mask the original pixels are kept exactly.
        const QImage result(png);
        QCOMPARE(result.size(), QSize(64, 64));
        QCOMPARE(QColor(result.pixel(4, 4)), QColor(Qt::red));
        QCOMPARE(QColor(result.pixel(4, 60)), QColor(Qt::red));
        // The result is in the gallery; the canvas still holds the source and the mask.
        QTRY_VERIFY(w.galleryDock()->store()->count() == galleryBefore + 1);
        QCOMPARE(QColor(doc->source().pixel(48, 20)), QColor(Qt::blue));
        QCOMPARE(doc->exportMask(), maskBefore);

        // PNG info: restore the result's parameters into the prompt panel.
        w.findChild<QSpinBox*>(QStringLiteral("stepsSpin"))->setValue(30);
        w.findChild<QPlainTextEdit*>(QStringLiteral("promptEdit"))->setPlainText(QStringLiteral("something else"));
        Q_EMIT w.restoreParametersRequested(GenerationParams::fromInfotext(info));
        QCOMPARE(w.findChild<QSpinBox*>(QStringLiteral("stepsSpin"))->value(), 4);
        QCOMPARE(w.findChild<SeedEdit*>(QStringLiteral("seedSpin"))->value(), 99);
        QCOMPARE(w.promptDock()->prompt(), GenerationParams::fromInfotext(info).prompt);

        // A refused enqueue leaves no input files behind.
        const QStringList inputsBefore = QDir(session.inputsDir()).entryList(QDir::Files);
        QCOMPARE(inputsBefore.size(), 2);
        q->setLimits(QueueLimits{100, 1});
        w.findChild<QSpinBox*>(QStringLiteral("batchSizeSpin"))->setMaximum(8);
        w.findChild<QSpinBox*>(QStringLiteral("batchSizeSpin"))->setValue(3);
        QTest::mouseClick(w.findChild<QPushButton*>(QStringLiteral("generateButton")), Qt::LeftButton);
        QVERIFY(w.findChild<QLabel*>(QStringLiteral("generateError"))->isVisible());
        QCOMPARE(q->jobs().size(), 1);
        QCOMPARE(QDir(session.inputsDir()).entryList(QDir::Files), inputsBefore);
        // Removing the finished job deletes its inputs; the result stays.
        QVERIFY(q->remove(job.id));
        QVERIFY(!QFileInfo::exists(initPath));
        QVERIFY(!QFileInfo::exists(maskPath));
        QVERIFY(QFileInfo(png).isFile());
    }

    // A job that runs out of memory mid-generation (a real allocation that cannot succeed, made
    // from the worker's per-step seam) leaves nothing behind: no file, no gallery entry; the user
    // reads why in the status bar and the queue; the next job runs and reaches the gallery.
    void outOfMemoryJobLeavesNothingBehind() {
        QSettings backend(dir_.filePath(QStringLiteral("oom.ini")), QSettings::IniFormat);
        Settings settings(&backend);
        const QString out = dir_.filePath(QStringLiteral("oom-outputs"));
        settings.setValue(settings::OutputFolder, out);
        settings.setValue(settings::PreviewEverySteps, 1);
        MainWindow w(settings);
        StudioSession session(settings, dir_.filePath(QStringLiteral("oom-data")));
        std::atomic<bool> failedOnce{false};
        session.controller()->worker()->stepHook = [&](qint64, int step, int) {
            if (step == 2 && !failedOnce.exchange(true)) {
                // 4 PiB: beyond the address space and RAM + swap; operator new throws bad_alloc.
                static void* volatile sink = nullptr;
                sink = ::operator new(std::size_t(1) << 52);
                ::operator delete(sink);
            }
        };
        w.attachSession(&session);
        session.start();
        QVERIFY(showWithDemoModel(w, 3));
        const int galleryBefore = w.galleryStore()->count();

        JobQueue* q = session.queue();
        const qint64 id = w.promptDock()->generate();
        QVERIFY(id > 0);
        QTRY_VERIFY_WITH_TIMEOUT(isFinalState(q->job(id)->state), 60000);
        QCOMPARE(q->job(id)->state, JobState::Failed);
        const QString error = q->job(id)->error;
        QVERIFY2(error.startsWith(QStringLiteral("Out of memory")), qPrintable(error));
        QVERIFY2(w.statusBar()->currentMessage().contains(error), qPrintable(w.statusBar()->currentMessage()));
        QCOMPARE(w.queueDock()->cellText(id, 1), jobStateDisplayName(JobState::Failed));
        QCOMPARE(w.queueDock()->cellText(id, 2), QStringLiteral("failed"));
        QTest::qWait(100); // anything the failure might (wrongly) have queued
        QCOMPARE(w.galleryStore()->count(), galleryBefore);
        QVERIFY(QDir(out).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot).isEmpty());

        const qint64 next = w.promptDock()->generate();
        QTRY_VERIFY_WITH_TIMEOUT(isFinalState(q->job(next)->state), 60000);
        QVERIFY2(q->job(next)->state == JobState::Done, qPrintable(q->job(next)->error));
        QTRY_COMPARE(w.galleryStore()->count(), galleryBefore + 1);
        QCOMPARE(QDir(out).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot).size(), 1);
    }
};

QTEST_MAIN(TestStudioFlow)
#include "tst_studio_flow.moc"
