// The ControlNet panel: three units; the preprocessor list with the network-based modules
// disabled as "needs model"; a dropped image file (as the gallery drags it) becomes the control
// image and its preprocessed preview (canny) equals the preprocessor's output; Generate's
// contribution `alwayson_scripts.controlnet.args` carries the unit (image written to the inputs
// folder when it came from the canvas) and reads back through the worker's parser; an infotext
// restores the units; "Use canvas size" asks for the image's size.
#include "common/isolated_app_data.h"

#include "app/jobs/control_units.h"
#include "app/metadata/generation_params.h"
#include "pipeline/control/preprocessors.h"
#include "ui/docks/controlnet_dock.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QDropEvent>
#include <QFileInfo>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>

using namespace latent;

namespace {

QImage squares() {
    QImage img(96, 80, QImage::Format_RGB888);
    img.fill(QColor(10, 20, 30));
    for (int y = 20; y < 60; ++y)
        for (int x = 30; x < 70; ++x) img.setPixelColor(x, y, QColor(240, 230, 220));
    return img;
}

ImageU8 toU8(const QImage& q) {
    const QImage c = q.convertToFormat(QImage::Format_RGB888);
    ImageU8 out(c.width(), c.height(), 3);
    for (int y = 0; y < c.height(); ++y) std::memcpy(out.row(y), c.constScanLine(y), size_t(c.width()) * 3);
    return out;
}

void selectModule(ControlNetUnitWidget* u, const QString& name) {
    auto* box = u->findChild<QComboBox*>(QStringLiteral("module"));
    box->setCurrentIndex(box->findData(name, Qt::UserRole));
}

} // namespace

class TestControlNetDock : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

public:
    static void initMain() { latent::test::isolateAppData(); }

private Q_SLOTS:
    void unitsAndModules() {
        ControlNetDock dock;
        QCOMPARE(dock.objectName(), QStringLiteral("controlNetDock"));
        QVERIFY(dock.unitWidget(0) && dock.unitWidget(2) && !dock.unitWidget(3));
        auto* box = dock.unitWidget(0)->findChild<QComboBox*>(QStringLiteral("module"));
        auto* model = qobject_cast<QStandardItemModel*>(box->model());
        const int canny = box->findData(QStringLiteral("canny"), Qt::UserRole);
        const int depth = box->findData(QStringLiteral("depth_midas"), Qt::UserRole);
        QVERIFY(canny >= 0 && depth >= 0);
        QVERIFY(model->item(canny)->isEnabled());
        QVERIFY(!model->item(depth)->isEnabled());
        QVERIFY(model->item(depth)->text().contains(QStringLiteral("needs model")));
        QVERIFY(model->item(depth)->toolTip().contains(QStringLiteral("dpt_hybrid")));
        // Canny's sliders: resolution 512, thresholds 100 / 200.
        selectModule(dock.unitWidget(0), QStringLiteral("canny"));
        QCOMPARE(dock.unitWidget(0)->findChild<QSpinBox*>(QStringLiteral("resolution"))->value(), 512);
        QCOMPARE(dock.unitWidget(0)->findChild<QDoubleSpinBox*>(QStringLiteral("thresholdA"))->value(), 100.0);
        QCOMPARE(dock.unitWidget(0)->findChild<QDoubleSpinBox*>(QStringLiteral("thresholdB"))->value(), 200.0);
    }

    void droppedFileGivesImageAndPreview() {
        ControlNetDock dock;
        dock.show();  // drops go only to visible widgets that accept them
        QVERIFY(QTest::qWaitForWindowExposed(&dock));
        ControlNetUnitWidget* u = dock.unitWidget(1);
        qobject_cast<QTabWidget*>(u->parentWidget()->parentWidget())->setCurrentWidget(u);
        const QString path = dir_.filePath(QStringLiteral("squares.png"));
        QVERIFY(squares().save(path));
        selectModule(u, QStringLiteral("canny"));
        u->findChild<QSpinBox*>(QStringLiteral("resolution"))->setValue(80);
        // A drop of a file URL, as the gallery drags its images.
        auto* label = u->findChild<ControlImageLabel*>(QStringLiteral("controlImage"));
        QVERIFY(label);
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(path)});
        // Enter first: Qt delivers a drop to the widget that accepted the drag.
        QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(label, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QSignalSpy previews(u, &ControlNetUnitWidget::previewUpdated);
        QCoreApplication::sendEvent(label, &drop);
        QVERIFY2(drop.isAccepted(), qPrintable(u->findChild<QLabel*>(QStringLiteral("previewNote"))->text()));
        QCOMPARE(u->imagePath(), QFileInfo(path).absoluteFilePath());
        QCOMPARE(u->image().size(), QSize(96, 80));
        QVERIFY(u->unitEnabled());  // an image switches the unit on
        QVERIFY(previews.wait(10000));
        while (u->previewPending()) QVERIFY(previews.wait(10000));
        const ImageU8 want = run_preprocessor("canny", toU8(squares()), {}, 80, 100, 200);
        const QImage got = u->preview().convertToFormat(QImage::Format_RGB888);
        QCOMPARE(got.size(), QSize(int(want.width), int(want.height)));
        int differing = 0, edges = 0;
        for (int y = 0; y < got.height(); ++y)
            for (int x = 0; x < got.width(); ++x) {
                differing += got.pixelColor(x, y).red() != want.at(x, y, 0);
                edges += want.at(x, y, 0) == 255;
            }
        QCOMPARE(differing, 0);
        QVERIFY(edges > 100);
        // "Use canvas size": the image's size in multiples of 8.
        QSignalSpy size(&dock, &ControlNetDock::sizeRequested);
        u->findChild<QPushButton*>(QStringLiteral("useCanvasSize"))->click();
        QCOMPARE(size.size(), 1);
        QCOMPARE(size.first().at(0).toInt(), 96);
        QCOMPARE(size.first().at(1).toInt(), 80);
    }

    void generateAddsUnitsThatTheWorkerReads() {
        ControlNetDock dock;
        const QString modelPath = dir_.filePath(QStringLiteral("my_control.safetensors"));
        for (int i = 0; i < ControlNetDock::kUnits; ++i)
            dock.unitWidget(i)->setModels({{QStringLiteral("my_control [0badcafe]"), modelPath}});
        ControlNetUnitWidget* u = dock.unitWidget(0);
        u->setImage(squares());  // from the canvas: no file yet
        selectModule(u, QStringLiteral("scribble_xdog"));
        u->findChild<QDoubleSpinBox*>(QStringLiteral("weight"))->setValue(0.6);
        u->findChild<QDoubleSpinBox*>(QStringLiteral("guidanceEnd"))->setValue(0.7);
        auto* mode = u->findChild<QComboBox*>(QStringLiteral("controlMode"));
        mode->setCurrentIndex(mode->findData(int(ControlMode::Control)));
        auto* hr = u->findChild<QComboBox*>(QStringLiteral("hiresOption"));
        QCOMPARE(hr->currentData().toInt(), int(ControlHiresOption::Both));  // the extension's default
        hr->setCurrentIndex(hr->findData(int(ControlHiresOption::LowResOnly)));
        QJsonObject params{{QStringLiteral("prompt"), QStringLiteral("x")}};
        QStringList written;
        QString error;
        const QString inputs = dir_.filePath(QStringLiteral("inputs"));
        QVERIFY2(dock.contributeParams(params, inputs, &written, &error), qPrintable(error));
        QCOMPARE(written.size(), 1);
        QVERIFY(QFileInfo(written.first()).fileName().contains(QStringLiteral("-control-0.png")));
        QCOMPARE(QImage(written.first()).size(), QSize(96, 80));
        // The worker's parser (local paths allowed for the studio's own jobs).
        GenerationRequest r;
        QList<ControlInputFiles> files;
        QVERIFY(applyControlNetApiArgs(params, r, &files, /*allowLocalPaths=*/true).isEmpty());
        QCOMPARE(r.controlnet.size(), size_t(1));
        const ControlUnit& got = r.controlnet[0];
        QCOMPARE(QString::fromStdString(got.module), QStringLiteral("scribble_xdog"));
        QCOMPARE(QString::fromStdString(got.model_path), modelPath);
        QCOMPARE(QString::fromStdString(got.model), QStringLiteral("my_control [0badcafe]"));
        QCOMPARE(got.weight, 0.6);
        QCOMPARE(got.guidance_end, 0.7);
        QCOMPARE(got.control_mode, ControlMode::Control);
        QCOMPARE(got.hr_option, ControlHiresOption::LowResOnly);
        QCOMPARE(got.threshold_a, 32.0);
        QCOMPARE(files.first().imagePath, written.first());
        // Bodies from outside may not name local files.
        GenerationRequest outside;
        QList<ControlInputFiles> outsideFiles;
        QVERIFY(applyControlNetApiArgs(params, outside, &outsideFiles, false).isEmpty());
        QVERIFY(outsideFiles.first().imagePath.isEmpty());
        QVERIFY(outside.controlnet[0].model_path.empty());
        // An enabled unit without an image refuses the job.
        dock.unitWidget(1)->findChild<QCheckBox*>(QStringLiteral("enabled"))->setChecked(true);
        QJsonObject again;
        QVERIFY(!dock.contributeParams(again, inputs, nullptr, &error));
        QVERIFY(error.contains(QStringLiteral("unit 1")));
    }

    void infotextRestoresUnits() {
        ControlNetDock dock;
        const QString a = dir_.filePath(QStringLiteral("a.safetensors")), b = dir_.filePath(QStringLiteral("b.safetensors"));
        for (int i = 0; i < ControlNetDock::kUnits; ++i)
            dock.unitWidget(i)->setModels({{QStringLiteral("control_a [11111111]"), a}, {QStringLiteral("control_b [22222222]"), b}});
        dock.unitWidget(2)->findChild<QCheckBox*>(QStringLiteral("enabled"))->setChecked(true);
        const GenerationParams p = GenerationParams::fromInfotext(QStringLiteral(
            "a cat\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: 1, Size: 512x512, ControlNet 0: \"Module: canny, Model: "
            "control_b [22222222], Weight: 0.45, Resize Mode: Resize and Fill, Processor Res: 384, Threshold A: 80.0, "
            "Threshold B: 160.0, Guidance Start: 0.2, Guidance End: 0.65, Pixel Perfect: True, Control Mode: My prompt is "
            "more important, Hr Option: High res only\", Version: v1.10.1"));
        dock.applyParameters(p);
        const ControlUnit u = dock.unitWidget(0)->unit();
        QVERIFY(u.enabled);
        QCOMPARE(QString::fromStdString(u.module), QStringLiteral("canny"));
        QCOMPARE(QString::fromStdString(u.model_path), b);
        QCOMPARE(u.weight, 0.45);
        QCOMPARE(u.resize_mode, ControlResizeMode::ResizeAndFill);
        QCOMPARE(u.processor_res, 384);
        QCOMPARE(u.threshold_a, 80.0);
        QCOMPARE(u.threshold_b, 160.0);
        QCOMPARE(u.guidance_start, 0.2);
        QCOMPARE(u.guidance_end, 0.65);
        QVERIFY(u.pixel_perfect);
        QCOMPARE(u.control_mode, ControlMode::Prompt);
        QCOMPARE(u.hr_option, ControlHiresOption::HighResOnly);
        QVERIFY(!dock.unitWidget(2)->unitEnabled());  // not in the infotext: off
        // The unit's infotext entry is the one it was restored from.
        ControlUnit titled = u;
        titled.model_title = "control_b [22222222]";
        QCOMPARE(controlUnitInfotext(titled, /*hires=*/true), p.extra(QStringLiteral("ControlNet 0")));
    }
};

QTEST_MAIN(TestControlNetDock)
#include "tst_controlnet_dock.moc"
