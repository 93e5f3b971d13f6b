// CanvasView: a PNG written by our ImageWriter dropped on the canvas (synthesised QDropEvent with
// file URLs) opens and offers PNG-info restore with every parameter; refused drops and oversize
// PNGs; paste (Ctrl+V); a mouse stroke is one undo step (Ctrl+Z / Ctrl+Shift+Z); wheel zoom
// keeps the point under the cursor; fit / 100 %; pan with the middle button; the inpaint dock
// drives the tools. Rendering: the mask tint over the image, the checkerboard only under
// transparent pixels, and a generation preview shown (scaled off the GUI thread) over the document
// without changing it, mask painting paused, until the preview ends.
#include "app/api/api_internal.h"
#include "app/metadata/generation_params.h"
#include "app/metadata/png_text.h"
#include "app/storage/image_writer.h"
#include "ui/canvas/canvas_view.h"
#include "ui/docks/inpaint_dock.h"
#include "common/isolated_app_data.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QImageReader>
#include <QMimeData>
#include <QPushButton>
#include <QSet>
#include <QSlider>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QToolButton>
#include <QUndoStack>
#include <QtTest>

using latent::CanvasView;
using latent::GenerationParams;
using latent::ImagePixels;
using latent::ImageWriter;

namespace {

ImagePixels gradient(int w, int h) {
    ImagePixels px;
    px.width = w;
    px.height = h;
    px.channels = 3;
    px.data.resize(w * h * 3);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            char* p = px.data.data() + (y * w + x) * 3;
            p[0] = char(x * 2);
            p[1] = char(y * 2);
            p[2] = char(128);
        }
    return px;
}

GenerationParams sampleParams() {
    GenerationParams p;
    p.prompt = QStringLiteral("a lighthouse at dusk, (oil painting:1.2)");
    p.negativePrompt = QStringLiteral("blurry, low quality");
    p.steps = 24;
    p.sampler = QStringLiteral("DPM++ 2M");
    p.scheduleType = QStringLiteral("Karras");
    p.cfgScale = 6.5;
    p.seed = 123456789;
    p.width = 96;
    p.height = 64;
    p.modelHash = QStringLiteral("f06e632b51");
    p.modelName = QStringLiteral("tiny-sd1");
    p.denoisingStrength = 0.6;
    p.clipSkip = 2;
    p.version = GenerationParams::defaultVersion();
    return p;
}

// Delivers a drag-enter + drop of `mime` at the widget's centre; returns whether both were accepted.
bool dropOn(QWidget* w, QMimeData* mime) {
    const QPoint pos = w->rect().center();
    QDragEnterEvent enter(pos, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(w, &enter);
    if (!enter.isAccepted()) return false;
    QDropEvent drop(QPointF(pos), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(w, &drop);
    return drop.isAccepted();
}

} // namespace

class TestCanvasView : public QObject {
    Q_OBJECT
public:
    // Before the QApplication: a fresh HOME/XDG data folder for this run (not ~/.qttest).
    static void initMain() { latent::test::isolateAppData(); }

private:
    QTemporaryDir dir_;

    QString writePng(const GenerationParams& params, const QString& infotext = QString()) {
        latent::ImageSaveRequest req;
        req.image = gradient(96, 64);
        req.params = params;
        req.infotext = infotext;
        req.outputDir = dir_.filePath(QStringLiteral("out"));
        const auto r = ImageWriter(dir_.filePath(QStringLiteral("recovery"))).save(req);
        if (!r.ok || r.recovered) qWarning() << r.error << r.reason;
        return r.path;
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(dir_.isValid());
    }

    void droppedPngOffersToRestoreEveryParameter() {
        const GenerationParams params = sampleParams();
        const QString path = writePng(params);
        QVERIFY(!path.isEmpty());
        const QString infotext = latent::PngText::readFile(path).value(QStringLiteral("parameters"));
        QCOMPARE(infotext, params.toInfotext());

        CanvasView canvas;
        canvas.resize(640, 480);
        canvas.show();
        QVERIFY(QTest::qWaitForWindowExposed(&canvas));
        QSignalSpy loaded(&canvas, &CanvasView::imageLoaded);
        QSignalSpy dropped(&canvas, &CanvasView::imageFileDropped);
        QSignalSpy restore(&canvas, &CanvasView::restoreParametersRequested);

        auto* mime = new QMimeData;
        mime->setUrls({QUrl::fromLocalFile(path)});
        QVERIFY(dropOn(&canvas, mime));
        delete mime;

        QVERIFY(canvas.hasImage());
        QCOMPARE(canvas.document()->size(), QSize(96, 64));
        QCOMPARE(canvas.image().pixel(10, 20), qRgb(20, 40, 128));
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(loaded.at(0).at(1).toString(), infotext);
        QCOMPARE(dropped.count(), 1);
        QCOMPARE(canvas.currentInfotext(), infotext);
        // The offer is shown, nothing is restored until the user says so.
        QVERIFY(canvas.isOfferVisible());
        QVERIFY(canvas.barText().contains(QStringLiteral("seed 123456789")));
        QCOMPARE(restore.count(), 0);

        auto* button = canvas.findChild<QPushButton*>(QStringLiteral("restoreParametersButton"));
        QVERIFY(button);
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(restore.count(), 1);
        QVERIFY(!canvas.isOfferVisible());
        const auto got = restore.at(0).at(0).value<GenerationParams>();
        QCOMPARE(got.prompt, params.prompt);
        QCOMPARE(got.negativePrompt, params.negativePrompt);
        QCOMPARE(*got.steps, 24);
        QCOMPARE(got.sampler, params.sampler);
        QCOMPARE(got.scheduleType, params.scheduleType);
        QCOMPARE(*got.cfgScale, 6.5);
        QCOMPARE(*got.seed, 123456789);
        QCOMPARE(*got.width, 96);
        QCOMPARE(*got.height, 64);
        QCOMPARE(got.modelHash, params.modelHash);
        QCOMPARE(got.modelName, params.modelName);
        QCOMPARE(*got.denoisingStrength, 0.6);
        QCOMPARE(*got.clipSkip, 2);
        QCOMPARE(got.toInfotext(), infotext); // every parameter, byte for byte
    }

    // A JPEG / WebP as A1111 (samples_format jpg/webp) and Civitai write them: the infotext in
    // EXIF UserComment is offered like a PNG's.
    void jpegAndWebpOfferTheirExifInfotext() {
        const GenerationParams params = sampleParams();
        QFile png(writePng(params));
        QVERIFY(png.open(QIODevice::ReadOnly));
        const QByteArray pngBytes = png.readAll();
        const QString infotext = latent::PngText::read(pngBytes).value(QStringLiteral("parameters"));
        QVERIFY(!infotext.isEmpty());
        for (const char* format : {"jpg", "webp"}) {
            QString error;
            const QByteArray bytes = latent::api_detail::encodeResponseImage(pngBytes, QLatin1String(format), 90, &error);
            QVERIFY2(!bytes.isEmpty(), qPrintable(error));
            const QString path = dir_.filePath(QStringLiteral("from-a1111.") + QLatin1String(format));
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
            f.close();
            CanvasView canvas;
            // Qt's WebP plugin (qt6-image-formats-plugins, a dependency) decodes the pixels.
            QVERIFY(QImageReader::supportedImageFormats().contains("webp"));
            QVERIFY2(canvas.loadImageFile(path, &error), qPrintable(error));
            QCOMPARE(canvas.currentInfotext(), infotext);
            QVERIFY(canvas.isOfferVisible());
        }
    }

    void pngWithoutInfotextOpensWithoutOffer() {
        const QString path = writePng(sampleParams(), QStringLiteral(""));
        CanvasView canvas;
        QVERIFY(canvas.loadImageFile(path));
        QVERIFY(canvas.hasImage());
        QVERIFY(!canvas.isOfferVisible());
        QVERIFY(canvas.currentInfotext().isEmpty());
    }

    void refusedDropsLeaveTheCanvasAlone() {
        CanvasView canvas;
        canvas.resize(400, 300);
        QVERIFY(canvas.loadImageFile(writePng(sampleParams())));
        const QImage before = canvas.image();

        // Not an image: the drag is not even accepted.
        QFile txt(dir_.filePath(QStringLiteral("notes.txt")));
        QVERIFY(txt.open(QIODevice::WriteOnly));
        txt.write("hello");
        txt.close();
        auto* mime = new QMimeData;
        mime->setUrls({QUrl::fromLocalFile(txt.fileName())});
        QVERIFY(!dropOn(&canvas, mime));
        delete mime;

        // A .png that is not a PNG: refused with a reason, canvas unchanged.
        const QString fake = dir_.filePath(QStringLiteral("fake.png"));
        QFile f(fake);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("<html>login</html>");
        f.close();
        QSignalSpy failed(&canvas, &CanvasView::loadFailed);
        QString error;
        QVERIFY(!canvas.loadImageFile(fake, &error));
        QVERIFY(!error.isEmpty());
        QCOMPARE(failed.count(), 1);
        QCOMPARE(canvas.image(), before);

        // A PNG declaring 100000×100000 pixels is refused before decoding (SAFETY.md case 20).
        QByteArray ihdr;
        QDataStream ds(&ihdr, QIODevice::WriteOnly);
        ds << quint32(100000) << quint32(100000) << quint8(8) << quint8(2) << quint8(0) << quint8(0) << quint8(0);
        const QByteArray bomb = latent::PngText::signature() + latent::PngText::makeChunk("IHDR", ihdr) +
                                latent::PngText::makeChunk("IDAT", QByteArray(16, '\0')) +
                                latent::PngText::makeChunk("IEND", {});
        const QString huge = dir_.filePath(QStringLiteral("huge.png"));
        QFile h(huge);
        QVERIFY(h.open(QIODevice::WriteOnly));
        h.write(bomb);
        h.close();
        QVERIFY(!canvas.loadImageFile(huge, &error));
        QVERIFY2(error.contains(QStringLiteral("100000")), qPrintable(error));
        QCOMPARE(canvas.image(), before);
        QVERIFY(!canvas.barText().isEmpty()); // the reason is on the canvas
    }

    void pasteTakesTheClipboardImage() {
        CanvasView canvas;
        canvas.resize(400, 300);
        canvas.show();
        QVERIFY(QTest::qWaitForWindowActive(&canvas));
        QImage img(50, 30, QImage::Format_RGB32);
        img.fill(qRgb(10, 200, 30));
        QApplication::clipboard()->setImage(img);
        QSignalSpy loaded(&canvas, &CanvasView::imageLoaded);
        QTest::keyClick(&canvas, Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(canvas.document()->size(), QSize(50, 30));
        QCOMPARE(canvas.image().pixel(5, 5), qRgb(10, 200, 30));
        // Nothing usable on the clipboard: a message, the image stays.
        QApplication::clipboard()->setText(QStringLiteral("just text"));
        QVERIFY(!canvas.pasteFromClipboard());
        QCOMPARE(canvas.document()->size(), QSize(50, 30));
    }

    void mouseStrokeIsOneUndoStepWithShortcuts() {
        CanvasView canvas;
        canvas.resize(400, 400);
        QImage img(100, 100, QImage::Format_RGB32);
        img.fill(Qt::gray);
        QVERIFY(canvas.setImage(img));
        canvas.show();
        QVERIFY(QTest::qWaitForWindowActive(&canvas));
        canvas.setBrushSize(10);
        canvas.setHardness(1.0);
        auto* stack = canvas.document()->undoStack();

        // A drag across the image with many move events.
        const QPoint a = canvas.imageToWidget(QPointF(20, 50)).toPoint();
        const QPoint b = canvas.imageToWidget(QPointF(80, 50)).toPoint();
        QTest::mousePress(&canvas, Qt::LeftButton, Qt::NoModifier, a);
        for (int i = 1; i <= 12; ++i) QTest::mouseMove(&canvas, a + (b - a) * i / 12);
        QTest::mouseRelease(&canvas, Qt::LeftButton, Qt::NoModifier, b);
        QCOMPARE(stack->count(), 1);
        const QImage painted = canvas.document()->mask().copy();
        QCOMPARE(int(painted.constScanLine(50)[50]), 255);
        QCOMPARE(int(painted.constScanLine(50)[25]), 255);
        QCOMPARE(int(painted.constScanLine(10)[50]), 0);

        QTest::keyClick(&canvas, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(canvas.document()->maskIsEmpty());
        QTest::keyClick(&canvas, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(canvas.document()->mask(), painted);

        // Space+drag pans, it does not paint.
        const QPointF before = canvas.imageToWidget(QPointF(0, 0));
        QTest::keyPress(&canvas, Qt::Key_Space);
        QTest::mousePress(&canvas, Qt::LeftButton, Qt::NoModifier, QPoint(100, 100));
        QTest::mouseMove(&canvas, QPoint(130, 110));
        QTest::mouseRelease(&canvas, Qt::LeftButton, Qt::NoModifier, QPoint(130, 110));
        QTest::keyRelease(&canvas, Qt::Key_Space);
        QCOMPARE(canvas.imageToWidget(QPointF(0, 0)), before + QPointF(30, 10));
        QCOMPARE(stack->count(), 1);
    }

    void zoomAroundTheCursorFitAndActualSize() {
        CanvasView canvas;
        canvas.resize(500, 400);
        QImage img(1000, 800, QImage::Format_RGB32);
        img.fill(Qt::darkCyan);
        QVERIFY(canvas.setImage(img));
        canvas.show();
        QVERIFY(QTest::qWaitForWindowExposed(&canvas));
        QVERIFY(canvas.fitsToWindow());
        QVERIFY(canvas.zoom() < 0.5);
        // The whole image is visible when fitted.
        QVERIFY(canvas.imageToWidget(QPointF(0, 0)).x() >= 0);
        QVERIFY(canvas.imageToWidget(QPointF(1000, 800)).y() <= 400);

        const QPointF cursor(123, 77);
        const QPointF under = canvas.widgetToImage(cursor);
        QWheelEvent wheel(cursor, canvas.mapToGlobal(cursor), QPoint(), QPoint(0, 240), Qt::NoButton, Qt::NoModifier,
                          Qt::NoScrollPhase, false);
        const double z0 = canvas.zoom();
        QApplication::sendEvent(&canvas, &wheel);
        QVERIFY(canvas.zoom() > z0 * 1.3);
        QVERIFY(!canvas.fitsToWindow());
        const QPointF after = canvas.widgetToImage(cursor);
        QVERIFY(std::abs(after.x() - under.x()) < 1e-6 && std::abs(after.y() - under.y()) < 1e-6);

        canvas.zoomToActualSize();
        QCOMPARE(canvas.zoom(), 1.0);
        canvas.zoomToFit();
        QVERIFY(canvas.fitsToWindow());
        QCOMPARE(canvas.zoom(), z0);

        // Middle-button drag pans.
        const QPointF origin = canvas.imageToWidget(QPointF(0, 0));
        QTest::mousePress(&canvas, Qt::MiddleButton, Qt::NoModifier, QPoint(200, 200));
        QTest::mouseMove(&canvas, QPoint(180, 230));
        QTest::mouseRelease(&canvas, Qt::MiddleButton, Qt::NoModifier, QPoint(180, 230));
        QCOMPARE(canvas.imageToWidget(QPointF(0, 0)), origin + QPointF(-20, 30));
        QVERIFY(canvas.document()->maskIsEmpty());
    }

    void inpaintDockDrivesTheCanvas() {
        CanvasView canvas;
        latent::InpaintDock dock;
        dock.setCanvas(&canvas);
        QImage img(64, 64, QImage::Format_RGB32);
        img.fill(Qt::white);
        canvas.setImage(img);

        dock.findChild<QSlider*>(QStringLiteral("brushSizeSlider"))->setValue(20);
        QCOMPARE(canvas.brushSize(), 20.0);
        dock.findChild<QSlider*>(QStringLiteral("hardnessSlider"))->setValue(30);
        QCOMPARE(canvas.hardness(), 0.3);
        dock.findChild<QSlider*>(QStringLiteral("maskOpacitySlider"))->setValue(70);
        QCOMPARE(canvas.maskOpacity(), 0.7);
        dock.findChild<QToolButton*>(QStringLiteral("eraserTool"))->click();
        QCOMPARE(canvas.tool(), latent::MaskTool::Eraser);
        dock.findChild<QCheckBox*>(QStringLiteral("showMaskCheck"))->setChecked(false);
        QVERIFY(!canvas.maskVisible());
        // Shortcut on the canvas is mirrored in the dock.
        canvas.setTool(latent::MaskTool::Bucket);
        QVERIFY(dock.findChild<QToolButton*>(QStringLiteral("bucketTool"))->isChecked());

        Q_EMIT dock.fillMaskRequested();
        QVERIFY(!canvas.document()->maskIsEmpty());
        Q_EMIT dock.invertMaskRequested();
        QVERIFY(canvas.document()->maskIsEmpty());
        QCOMPARE(canvas.document()->undoStack()->count(), 2);

        dock.setExtend(0, 0, 32, 0);
        QVERIFY(dock.extendCanvas());
        QCOMPARE(canvas.document()->size(), QSize(96, 64));
        QCOMPARE(int(canvas.document()->mask().constScanLine(10)[80]), 255);

        latent::InpaintOptions o;
        o.maskBlur = 9;
        o.onlyMasked = true;
        o.padding = 64;
        o.maskedContent = 3;
        dock.setOptions(o);
        const auto back = dock.options();
        QCOMPARE(back.maskBlur, 9);
        QCOMPARE(back.onlyMasked, true);
        QCOMPARE(back.padding, 64);
        QCOMPARE(back.maskedContent, 3);
    }

    // What the canvas draws (grabbed widget pixels): the image, the mask tint once painted, the
    // checkerboard only where the image is transparent; a preview hides the document without
    // touching it and pauses painting; clearing it (or a new result) ends it.
    void rendersImageMaskAndPreview() {
        CanvasView canvas;
        canvas.resize(300, 300);
        QImage img(100, 100, QImage::Format_RGB32);
        img.fill(QColor(0, 0, 255));
        QVERIFY(canvas.setImage(img));
        canvas.show();
        QVERIFY(QTest::qWaitForWindowExposed(&canvas));
        const QPoint centre = canvas.imageToWidget(QPointF(50, 50)).toPoint();
        QCOMPARE(QColor(canvas.grab().toImage().pixel(centre)), QColor(0, 0, 255));

        // Mask painted: the tint shows; undone: the plain image again.
        canvas.document()->fillMask();
        const QColor tinted(canvas.grab().toImage().pixel(centre));
        QVERIFY2(tinted.red() > 60 && tinted.blue() < 250, qPrintable(tinted.name()));
        canvas.document()->undoStack()->undo();
        QCOMPARE(QColor(canvas.grab().toImage().pixel(centre)), QColor(0, 0, 255));

        // The preview (latent size 8x8 for a 100x100 image) replaces the view once it is scaled.
        QImage preview(8, 8, QImage::Format_RGB888);
        preview.fill(QColor(255, 0, 0));
        canvas.showPreview(preview, QSize(100, 100));
        QVERIFY(canvas.hasPreview());
        QTRY_VERIFY(canvas.previewShown());
        QCOMPARE(QColor(canvas.grab().toImage().pixel(canvas.width() / 2, canvas.height() / 2)), QColor(255, 0, 0));
        // The document is untouched and cannot be painted on meanwhile.
        QCOMPARE(QColor(canvas.image().pixel(50, 50)), QColor(0, 0, 255));
        QTest::mouseClick(&canvas, Qt::LeftButton, Qt::NoModifier, centre);
        QVERIFY(canvas.document()->maskIsEmpty());
        QCOMPARE(canvas.document()->undoStack()->count(), 1); // only the fill (undone) from before
        // A newer preview follows.
        preview.fill(QColor(0, 255, 0));
        canvas.showPreview(preview, QSize(100, 100));
        QTRY_COMPARE(QColor(canvas.grab().toImage().pixel(canvas.width() / 2, canvas.height() / 2)), QColor(0, 255, 0));
        canvas.clearPreview();
        QVERIFY(!canvas.hasPreview());
        QCOMPARE(QColor(canvas.grab().toImage().pixel(centre)), QColor(0, 0, 255));
        // A late scale of an ended preview does not bring it back.
        canvas.showPreview(preview, QSize(100, 100));
        canvas.clearPreview();
        QTest::qWait(50);
        QCOMPARE(QColor(canvas.grab().toImage().pixel(centre)), QColor(0, 0, 255));
        // A result ends the preview.
        canvas.showPreview(preview, QSize(100, 100));
        QTRY_VERIFY(canvas.previewShown());
        QImage result(100, 100, QImage::Format_RGB32);
        result.fill(QColor(255, 255, 0));
        QVERIFY(canvas.setImage(result));
        QVERIFY(!canvas.hasPreview());
        QCOMPARE(QColor(canvas.grab().toImage().pixel(centre)), QColor(255, 255, 0));

        // Transparent pixels show the checkerboard (two greys), opaque ones do not.
        QImage half(100, 100, QImage::Format_ARGB32);
        half.fill(Qt::transparent);
        for (int y = 0; y < 100; ++y)
            for (int x = 50; x < 100; ++x) half.setPixel(x, y, qRgba(0, 128, 0, 255));
        QVERIFY(canvas.setImage(half));
        QVERIFY(!canvas.document()->sourceIsOpaque());
        const QImage shot = canvas.grab().toImage();
        QSet<QRgb> left;
        for (int y = 5; y < 45; ++y)
            for (int x = 5; x < 45; ++x) left.insert(shot.pixel(canvas.imageToWidget(QPointF(x, y)).toPoint()));
        QCOMPARE(left.size(), 2);
        QVERIFY(left.contains(qRgb(200, 200, 200)) && left.contains(qRgb(240, 240, 240)));
        QCOMPARE(QColor(shot.pixel(canvas.imageToWidget(QPointF(75, 50)).toPoint())), QColor(0, 128, 0));
    }
};

QTEST_MAIN(TestCanvasView)
#include "tst_canvas_view.moc"
