// The canvas states a user sees, rendered through the real main window and checked by pixels:
// an opened image, a painted mask (tinted overlay where the mask is, none elsewhere), a zoomed
// view, an outpainted canvas and a filled gallery. With LATENT_SCREENSHOT_DIR set, the states
// are saved there as PNGs (for the README and for looking at them).
#include "app/core/settings.h"
#include "app/gallery/gallery_store.h"
#include "app/storage/image_writer.h"
#include "ui/canvas/canvas_view.h"
#include "ui/docks/gallery_dock.h"
#include "ui/docks/image_info_dock.h"
#include "ui/docks/inpaint_dock.h"
#include "ui/gallery/gallery_model.h"
#include "ui/widgets/thumbnail_cache.h"
#include "ui/main/main_window.h"
#include "common/isolated_app_data.h"

#include <QDir>
#include <QPainter>
#include <QPainterPath>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

namespace {

// A small landscape so the screenshots show something recognisable.
QImage landscape(int w, int h, int variant) {
    QImage img(w, h, QImage::Format_RGB32);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    QLinearGradient sky(0, 0, 0, h);
    const QColor top = QColor::fromHsv((210 + variant * 37) % 360, 120, 230);
    sky.setColorAt(0, top);
    sky.setColorAt(1, QColor(255, 200, 150));
    p.fillRect(img.rect(), sky);
    p.setBrush(QColor(255, 240, 180));
    p.setPen(Qt::NoPen);
    p.drawEllipse(QPointF(w * (0.25 + 0.1 * variant), h * 0.35), w * 0.08, w * 0.08);
    for (int layer = 0; layer < 3; ++layer) {
        QPainterPath hills;
        hills.moveTo(0, h);
        for (int x = 0; x <= w; x += 8)
            hills.lineTo(x, h * (0.55 + 0.12 * layer) + std::sin((x + variant * 50) / (40.0 + layer * 25)) * h * 0.06);
        hills.lineTo(w, h);
        p.setBrush(QColor::fromHsv(100 + layer * 15, 140, 150 - layer * 40));
        p.drawPath(hills);
    }
    return img;
}

} // namespace

class TestCanvasScreens : public QObject {
    Q_OBJECT
public:
    // Before the QApplication: a fresh HOME/XDG data folder for this run (not ~/.qttest).
    static void initMain() { latent::test::isolateAppData(); }

private:
    QTemporaryDir dir_;
    QString shotDir_;

    void save(QWidget& w, const QString& name) {
        const QString path = QDir(shotDir_).filePath(name);
        QVERIFY(w.grab().save(path, "PNG"));
        QVERIFY(QFileInfo(path).size() > 1000);
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(dir_.isValid());
        shotDir_ = qEnvironmentVariable("LATENT_SCREENSHOT_DIR");
        if (shotDir_.isEmpty()) shotDir_ = dir_.filePath(QStringLiteral("shots"));
        QVERIFY(QDir().mkpath(shotDir_));
    }

    void canvasMaskZoomOutpaintGallery() {
        QSettings backend(dir_.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        latent::Settings settings(&backend);
        latent::MainWindow w(settings);
        w.resize(1440, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));

        // An image written by our writer, opened like the user does (File > Open or a drop).
        latent::GenerationParams params;
        params.prompt = QStringLiteral("rolling hills at sunset, warm light");
        params.negativePrompt = QStringLiteral("blurry");
        params.steps = 20;
        params.sampler = QStringLiteral("Euler a");
        params.cfgScale = 7;
        params.seed = 4242;
        params.width = 512;
        params.height = 384;
        params.modelName = QStringLiteral("demo-random-weights");
        QStringList paths;
        for (int i = 0; i < 6; ++i) {
            const QImage img = landscape(512, 384, i).convertToFormat(QImage::Format_RGB888);
            latent::ImageSaveRequest req;
            req.image.width = img.width();
            req.image.height = img.height();
            req.image.channels = 3;
            for (int y = 0; y < img.height(); ++y)
                req.image.data.append(reinterpret_cast<const char*>(img.constScanLine(y)), img.width() * 3);
            params.seed = 4242 + i;
            req.params = params;
            req.outputDir = dir_.filePath(QStringLiteral("outputs"));
            const auto r = latent::ImageWriter(dir_.filePath(QStringLiteral("recovery"))).save(req);
            QVERIFY2(r.ok, qPrintable(r.error));
            paths << r.path;
        }
        latent::CanvasView* canvas = w.canvas();
        QVERIFY(canvas->loadImageFile(paths.first()));
        QVERIFY(canvas->isVisible());
        w.inpaintDock()->raise();
        QTest::qWait(50);
        save(w, QStringLiteral("canvas-opened.png"));

        // Paint a mask stroke with the mouse over the middle of the image.
        canvas->setBrushSize(60);
        canvas->setHardness(0.8);
        const QPoint a = canvas->imageToWidget(QPointF(150, 200)).toPoint();
        const QPoint b = canvas->imageToWidget(QPointF(380, 230)).toPoint();
        QTest::mousePress(canvas, Qt::LeftButton, Qt::NoModifier, a);
        for (int i = 1; i <= 20; ++i) QTest::mouseMove(canvas, a + (b - a) * i / 20);
        QTest::mouseRelease(canvas, Qt::LeftButton, Qt::NoModifier, b);
        QCOMPARE(canvas->document()->undoStack()->count(), 1);
        QTest::qWait(20);
        const QImage shot = canvas->grab().toImage();
        // The masked area is tinted (red up, green down), an unmasked area keeps the image colours.
        const QPoint inMask = canvas->imageToWidget(QPointF(265, 215)).toPoint();
        const QPoint outMask = canvas->imageToWidget(QPointF(40, 40)).toPoint();
        const QRgb src = canvas->image().pixel(265, 215);
        const QRgb tinted = shot.pixel(inMask * shot.devicePixelRatio());
        QVERIFY2(qRed(tinted) > qRed(src) || qGreen(tinted) < qGreen(src),
                 qPrintable(QStringLiteral("%1 vs %2").arg(tinted, 0, 16).arg(src, 0, 16)));
        const QRgb plain = shot.pixel(outMask * shot.devicePixelRatio());
        const QRgb srcPlain = canvas->image().pixel(40, 40);
        QVERIFY(std::abs(qRed(plain) - qRed(srcPlain)) < 12 && std::abs(qGreen(plain) - qGreen(srcPlain)) < 12);
        save(w, QStringLiteral("canvas-mask.png"));

        // Zoom in around the stroke.
        canvas->zoomBy(2.5, inMask);
        QVERIFY(canvas->zoom() > 1.0);
        save(w, QStringLiteral("canvas-zoomed.png"));

        // Outpaint: 128 px more on the right; the new strip is masked.
        canvas->zoomToFit();
        w.inpaintDock()->setExtend(0, 0, 128, 0);
        QVERIFY(w.inpaintDock()->extendCanvas());
        QCOMPARE(canvas->document()->size(), QSize(640, 384));
        QTest::qWait(20);
        save(w, QStringLiteral("canvas-outpaint.png"));

        // The gallery with the images, the newest selected and described in the image info dock.
        w.galleryDock()->addImages(paths);
        for (int row = 0; row < w.galleryDock()->imageCount(); ++row)
            w.galleryDock()->model()->index(row).data(Qt::DecorationRole);
        QTRY_VERIFY_WITH_TIMEOUT(w.galleryDock()->thumbnails()->pendingCount() == 0, 20000);
        w.galleryDock()->selectId(w.galleryStore()->entryByPath(paths.last())->id);
        QVERIFY(w.galleryDock()->toggleFavourite(w.galleryStore()->entryByPath(paths[2])->id));
        QCOMPARE(w.imageInfoDock()->path(), QFileInfo(paths.last()).absoluteFilePath());
        w.imageInfoDock()->raise();
        QTest::qWait(50);
        save(w, QStringLiteral("gallery.png"));
        // Leave the (test-mode) gallery index as it was.
        for (const QString& p : paths)
            w.galleryStore()->remove(w.galleryStore()->entryByPath(p)->id, latent::GalleryStore::RemoveMode::IndexOnly);
    }
};

QTEST_MAIN(TestCanvasScreens)
#include "tst_canvas_screens.moc"
