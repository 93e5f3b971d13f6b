// The studio's hires fix and upscaling: the prompt panel's Hires section (collapsed by default,
// target size as you type, upscalers from the library, A1111 fields, restore from an infotext),
// a hires job with the demo model (one job, progress over both passes, previews, the bigger
// PNG), the Upscale dialog, and the gallery's and canvas's "Upscale…" running an "upscale" job
// whose PNG keeps the source's parameters and gets A1111's `extras` chunk.
#include "app/core/settings.h"
#include "app/jobs/job_queue.h"
#include "app/metadata/generation_params.h"
#include "app/metadata/png_text.h"
#include "app/storage/image_writer.h"
#include "app/worker/studio_session.h"
#include "common/isolated_app_data.h"
#include "common/upscaler_fixtures.h"
#include "ui/canvas/canvas_document.h"
#include "ui/canvas/canvas_view.h"
#include "ui/dialogs/upscale_dialog.h"
#include "ui/docks/gallery_dock.h"
#include "ui/docks/prompt_dock.h"
#include "ui/main/main_window.h"
#include "ui/widgets/hires_panel.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace latent;

namespace {

QStringList comboItems(QComboBox* c) {
    QStringList out;
    for (int i = 0; i < c->count(); ++i) out << c->itemText(i);
    return out;
}

bool waitDone(JobQueue* q, qint64 id, int ms = 120000) {
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms) {
        if (q->job(id) && isFinalState(q->job(id)->state)) return true;
        QTest::qWait(20);
    }
    return false;
}

} // namespace

class TestHiresStudio : public QObject {
    Q_OBJECT
public:
    static void initMain() { latent::test::isolateAppData(); }

private:
    QTemporaryDir dir_;
    QString root_;

    void prepareSettings(Settings& settings, const QString& name) {
        settings.setValue(settings::ModelRoots, QStringList{root_});
        settings.setValue(settings::OutputFolder, dir_.filePath(name + "-out"));
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        root_ = dir_.filePath(QStringLiteral("models"));
        QVERIFY(QDir().mkpath(root_ + "/ESRGAN"));
        latent::test::writeUpscalerSafetensors((root_ + "/ESRGAN/4x-Tiny.safetensors").toStdString(),
                                               latent::test::rrdbWeights(8, 4, 1, 2, 3, 3));
    }

    void hiresSectionInThePromptPanel() {
        QSettings backend(dir_.filePath("panel.ini"), QSettings::IniFormat);
        Settings settings(&backend);
        prepareSettings(settings, "panel");
        MainWindow w(settings);
        // The studio always has a session: it brings the library roots and the restore wiring.
        StudioSession session(settings, dir_.filePath("panel-data"));
        w.attachSession(&session);
        w.resize(1280, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto* panel = w.findChild<HiresPanel*>(QStringLiteral("hiresPanel"));
        QVERIFY(panel);
        // Collapsed by default; the target size is visible anyway and follows the size fields.
        QVERIFY(!w.findChild<QWidget*>(QStringLiteral("hiresBody"))->isVisible());
        auto* target = w.findChild<QLabel*>(QStringLiteral("hiresTarget"));
        QVERIFY(target->isVisible());
        w.findChild<QSpinBox*>(QStringLiteral("widthSpin"))->setValue(512);
        w.findChild<QSpinBox*>(QStringLiteral("heightSpin"))->setValue(512);
        QCOMPARE(target->text(), QStringLiteral("1024 × 1024"));
        auto* width = w.findChild<QSpinBox*>(QStringLiteral("widthSpin"));
        width->selectAll();
        QTest::keyClicks(width, QStringLiteral("768"));
        QCOMPARE(target->text(), QStringLiteral("1536 × 1024"));
        QTest::mouseClick(w.findChild<QToolButton*>(QStringLiteral("hiresExpand")), Qt::LeftButton);
        QVERIFY(w.findChild<QWidget*>(QStringLiteral("hiresBody"))->isVisible());
        w.findChild<QSpinBox*>(QStringLiteral("hiresResizeX"))->setValue(1000);
        QCOMPARE(target->text(), QStringLiteral("1000 × 664")); // 1000 · 512 // 768 = 666 -> latent 83
        // Upscalers: A1111's latent modes and built-ins, then the library's models.
        const QStringList ups = comboItems(w.findChild<QComboBox*>(QStringLiteral("hiresUpscaler")));
        QCOMPARE(ups.mid(0, 9),
                 (QStringList{"Latent", "Latent (antialiased)", "Latent (bicubic)", "Latent (bicubic antialiased)",
                              "Latent (nearest)", "Latent (nearest-exact)", "None", "Lanczos", "Nearest"}));
        QVERIFY(ups.contains(QStringLiteral("4x-Tiny")));

        // Off: no hires fields in the job; on: A1111's.
        auto* dock = w.findChild<PromptDock*>();
        QVERIFY(!dock->buildParams().contains(QStringLiteral("enable_hr")));
        w.findChild<QCheckBox*>(QStringLiteral("hiresEnable"))->setChecked(true);
        w.findChild<QComboBox*>(QStringLiteral("hiresUpscaler"))->setCurrentText(QStringLiteral("4x-Tiny"));
        QJsonObject p = dock->buildParams();
        QCOMPARE(p.value("enable_hr").toBool(), true);
        QCOMPARE(p.value("hr_upscaler").toString(), QStringLiteral("4x-Tiny"));
        QCOMPARE(p.value("hr_resize_x").toInt(), 1000);
        QCOMPARE(p.value("hr_resize_y").toInt(), 0);
        QCOMPARE(p.value("hr_second_pass_steps").toInt(), 0);
        QCOMPARE(p.value("denoising_strength").toDouble(), 0.7);
        QVERIFY(!p.contains("hr_sampler_name"));

        // Restored from an A1111 infotext.
        const GenerationParams params = GenerationParams::fromInfotext(
            "a cat\nSteps: 20, Sampler: Euler, Schedule type: Automatic, CFG scale: 7, Seed: 5, Size: 512x768, "
            "Denoising strength: 0.45, Hires upscale: 1.5, Hires steps: 12, Hires upscaler: Latent (bicubic), "
            "Hires sampler: Euler a, Version: v1.10.1");
        Q_EMIT w.restoreParametersRequested(params);
        p = dock->buildParams();
        QCOMPARE(p.value("enable_hr").toBool(), true);
        QCOMPARE(p.value("hr_scale").toDouble(), 1.5);
        QCOMPARE(p.value("hr_resize_x").toInt(), 0);
        QCOMPARE(p.value("hr_second_pass_steps").toInt(), 12);
        QCOMPARE(p.value("hr_upscaler").toString(), QStringLiteral("Latent (bicubic)"));
        QCOMPARE(p.value("hr_sampler_name").toString(), QStringLiteral("Euler a"));
        QCOMPARE(p.value("denoising_strength").toDouble(), 0.45);
        QCOMPARE(target->text(), QStringLiteral("768 × 1152"));
        // An infotext without hires switches it off.
        Q_EMIT w.restoreParametersRequested(GenerationParams::fromInfotext(
            "a cat\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: 5, Size: 512x512, Version: v1.10.1"));
        QVERIFY(!dock->buildParams().contains("enable_hr"));
    }

    void hiresJobRunsBothPassesInOneJob() {
        QSettings backend(dir_.filePath("job.ini"), QSettings::IniFormat);
        Settings settings(&backend);
        prepareSettings(settings, "job");
        MainWindow w(settings);
        StudioSession session(settings, dir_.filePath("job-data"));
        w.attachSession(&session);
        QSignalSpy progress(session.controller(), &InferenceController::progress);
        QSignalSpy previews(session.controller(), &InferenceController::previewReady);
        session.start();
        w.resize(1280, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.useDemoModel());
        w.findChild<QSpinBox*>(QStringLiteral("widthSpin"))->setValue(64);
        w.findChild<QSpinBox*>(QStringLiteral("heightSpin"))->setValue(64);
        w.findChild<QSpinBox*>(QStringLiteral("stepsSpin"))->setValue(2);
        w.findChild<QCheckBox*>(QStringLiteral("hiresEnable"))->setChecked(true);
        w.findChild<QSpinBox*>(QStringLiteral("hiresSteps"))->setValue(3);
        QTest::mouseClick(w.findChild<QPushButton*>(QStringLiteral("generateButton")), Qt::LeftButton);
        QCOMPARE(session.queue()->jobs().size(), 1);
        const qint64 id = session.queue()->jobs().first().id;
        QVERIFY(waitDone(session.queue(), id));
        QVERIFY2(session.queue()->job(id)->state == JobState::Done, qPrintable(session.queue()->job(id)->error));
        const QString png = session.queue()->job(id)->results.value(0);
        QCOMPARE(QImage(png).size(), QSize(128, 128));
        const QString info = PngText::readFile(png).value(QStringLiteral("parameters"));
        QVERIFY2(info.contains("Size: 64x64, ") && info.contains("Denoising strength: 0.7, ") &&
                     info.contains("Hires upscale: 2.0, Hires steps: 3, Hires upscaler: Latent"),
                 qPrintable(info));
        // One job: steps 1..5 of 5 (2 first-pass + 3 hires), previews through the second pass.
        QTRY_VERIFY(progress.size() >= 5);
        QList<int> steps;
        for (const auto& args : progress) {
            QCOMPARE(args.at(2).toInt(), 5);
            steps << args.at(1).toInt();
        }
        QCOMPARE(steps, (QList<int>{1, 2, 3, 4, 5}));
        // A preview from each pass: the second pass's is of the bigger latent.
        QVERIFY(previews.size() >= 2);
        const auto first = previews.first().at(1).value<ImagePixels>();
        const auto last = previews.last().at(1).value<ImagePixels>();
        QCOMPARE(last.width, 2 * first.width);
    }

    void upscaleDialogComputesTheResult() {
        UpscaleDialog d(QStringLiteral("a.png"), QSize(96, 64), {"None", "Lanczos", "Nearest", "4x-Tiny"});
        QCOMPARE(comboItems(d.findChild<QComboBox*>(QStringLiteral("upscaler1"))),
                 (QStringList{"Lanczos", "Nearest", "4x-Tiny"}));
        d.setScale(2.5);
        QCOMPARE(d.resultText(), QStringLiteral("240 × 160"));
        d.setScale(1.3); // int(96·1.3) = 124 -> 120; int(64·1.3) = 83 -> 80
        QCOMPARE(d.resultSize(), QSize(120, 80));
        d.setScaleTo(200, 120, true);
        QCOMPARE(d.resultSize(), QSize(200, 120));
        d.setScaleTo(200, 120, false);
        QCOMPARE(d.resultSize(), QSize(200, 128));
        d.setUpscaler(QStringLiteral("4x-Tiny"));
        d.findChild<QComboBox*>(QStringLiteral("upscaler2"))->setCurrentText(QStringLiteral("Nearest"));
        d.findChild<QDoubleSpinBox*>(QStringLiteral("upscaler2Visibility"))->setValue(0.25);
        const QJsonObject p = d.params();
        QCOMPARE(p.value("upscaler_1").toString(), QStringLiteral("4x-Tiny"));
        QCOMPARE(p.value("resize_mode").toInt(), 1);
        QCOMPARE(p.value("upscaling_resize_w").toInt(), 200);
        QCOMPARE(p.value("upscaling_crop").toBool(), false);
        QCOMPARE(p.value("upscaler_2").toString(), QStringLiteral("Nearest"));
        QCOMPARE(p.value("extras_upscaler_2_visibility").toDouble(), 0.25);
    }

    void galleryAndCanvasUpscaleRunAnUpscaleJob() {
        QSettings backend(dir_.filePath("upscale.ini"), QSettings::IniFormat);
        Settings settings(&backend);
        prepareSettings(settings, "upscale");
        MainWindow w(settings);
        StudioSession session(settings, dir_.filePath("upscale-data"));
        w.attachSession(&session);
        session.start();
        w.resize(1280, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        // A gallery image with parameters.
        ImagePixels px;
        px.width = 48;
        px.height = 32;
        px.data = QByteArray(48 * 32 * 3, char(90));
        const QString params = QStringLiteral("a fox\nSteps: 4, Sampler: Euler, CFG scale: 7.0, Seed: 9, Size: 48x32");
        const QString src = dir_.filePath("fox.png");
        {
            QFile f(src);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(ImageWriter::encodePng(px, params));
        }
        w.galleryDock()->addImages({src});
        QTRY_VERIFY(w.galleryStore()->entryByPath(src).has_value());
        w.galleryDock()->refresh();
        w.galleryDock()->selectId(w.galleryStore()->entryByPath(src)->id);
        // The gallery's "Upscale…" on the current image opens the dialog for that file.
        auto* action = w.galleryDock()->findChild<QAction*>(QStringLiteral("galleryUpscaleAction"));
        QVERIFY(action);
        QSignalSpy requested(w.galleryDock(), &GalleryDock::upscaleRequested);
        action->trigger();
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().at(0).toString(), src);
        UpscaleDialog* dialog = w.findChild<UpscaleDialog*>();
        QVERIFY(dialog && dialog->isVisible());
        dialog->setUpscaler(QStringLiteral("4x-Tiny"));
        dialog->setScale(2.0);
        dialog->accept();
        QTRY_COMPARE(session.queue()->jobs().size(), 1);
        const Job job = session.queue()->jobs().first();
        QCOMPARE(job.kind, QStringLiteral("upscale"));
        QCOMPARE(job.params.value("image_path").toString(), src);
        QVERIFY(waitDone(session.queue(), job.id));
        QVERIFY2(session.queue()->job(job.id)->state == JobState::Done,
                 qPrintable(session.queue()->job(job.id)->error));
        const QString out = session.queue()->job(job.id)->results.value(0);
        QCOMPARE(QImage(out).size(), QSize(96, 64));
        const PngTextReadResult text = PngText::readFile(out);
        QCOMPARE(text.value("parameters"), params);
        QCOMPARE(text.value("extras"), QStringLiteral("Postprocess upscale by: 2.0, Postprocess upscaler: 4x-Tiny"));

        // Canvas: the image goes through the session's inputs folder.
        QImage canvas(40, 24, QImage::Format_RGB32);
        canvas.fill(Qt::darkGreen);
        QVERIFY(w.canvas()->document()->setSource(canvas));
        w.upscaleCanvasImage();
        auto* canvasDialog = w.findChildren<UpscaleDialog*>().last();
        QVERIFY(canvasDialog->isVisible());
        canvasDialog->setUpscaler(QStringLiteral("Lanczos"));
        canvasDialog->setScale(2.0);
        canvasDialog->accept();
        QTRY_COMPARE(session.queue()->jobs().size(), 2);
        const Job second = session.queue()->jobs().last();
        QVERIFY(second.params.value("image_path").toString().startsWith(session.inputsDir()));
        QVERIFY(waitDone(session.queue(), second.id));
        QCOMPARE(QImage(session.queue()->job(second.id)->results.value(0)).size(), QSize(80, 48));
    }
};

QTEST_MAIN(TestHiresStudio)
#include "tst_hires_studio.moc"
