// CanvasDocument: brush / eraser / bucket / fill / invert / clear pixels, one undo step per stroke
// with exact redo, outpainting, and the exported source + mask files (bytes read back).
#include "app/metadata/png_text.h"
#include "ui/canvas/canvas_document.h"

#include <QFile>
#include <QImage>
#include <QJsonObject>
#include <QPainter>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using latent::CanvasDocument;
using latent::InpaintOptions;
using latent::MaskTool;

namespace {

QImage testImage(int w, int h) {
    QImage img(w, h, QImage::Format_ARGB32);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            img.setPixel(x, y, qRgb(x * 255 / std::max(1, w - 1), y * 255 / std::max(1, h - 1), 90));
    return img;
}

int maskAt(const CanvasDocument& d, int x, int y) {
    return d.mask().constScanLine(y)[x];
}

int countMasked(const QImage& mask, int threshold = 128) {
    int n = 0;
    for (int y = 0; y < mask.height(); ++y)
        for (int x = 0; x < mask.width(); ++x) n += mask.constScanLine(y)[x] >= threshold;
    return n;
}

void stroke(CanvasDocument& d, MaskTool tool, double size, double hardness, QList<QPointF> points) {
    d.beginStroke(tool, size, hardness, points.takeFirst());
    for (const QPointF& p : points) d.continueStroke(p);
    d.endStroke();
}

} // namespace

class TestCanvasDocument : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sourceSetsEmptyMaskOfSameSize() {
        CanvasDocument d;
        QVERIFY(!d.hasSource());
        QVERIFY(d.setSource(testImage(40, 24)));
        QCOMPARE(d.mask().size(), QSize(40, 24));
        QCOMPARE(d.mask().format(), QImage::Format_Grayscale8);
        QVERIFY(d.maskIsEmpty());
        QCOMPARE(d.undoStack()->count(), 0);
        QString error;
        QVERIFY(!d.setSource(QImage(), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!d.setSource(QImage(CanvasDocument::kMaxSide + 1, 4, QImage::Format_ARGB32), &error));
        QVERIFY(error.contains(QStringLiteral("16384")));
        QCOMPARE(d.size(), QSize(40, 24)); // unchanged after the refusals
    }

    void brushStrokeIsOneUndoStepAndRedoIsExact() {
        CanvasDocument d;
        d.setSource(testImage(64, 64));
        const QImage empty = d.mask().copy();
        stroke(d, MaskTool::Brush, 10, 1.0, {{10, 10}, {20, 10}, {30, 10}, {50, 10}});
        QCOMPARE(d.undoStack()->count(), 1);
        QCOMPARE(maskAt(d, 10, 10), 255);
        QCOMPARE(maskAt(d, 30, 10), 255);
        QCOMPARE(maskAt(d, 50, 11), 255);
        QCOMPARE(maskAt(d, 30, 30), 0); // far from the stroke
        QCOMPARE(maskAt(d, 30, 17), 0); // just outside the 5 px radius
        const QImage painted = d.mask().copy();
        QVERIFY(painted != empty);

        // Many dabs, but still one step; undo restores the empty mask exactly.
        d.undoStack()->undo();
        QCOMPARE(d.mask(), empty);
        d.undoStack()->redo();
        QCOMPARE(d.mask(), painted);

        // A second stroke is a second step; undo of it alone leaves the first.
        stroke(d, MaskTool::Brush, 6, 1.0, {{5, 40}, {60, 40}});
        QCOMPARE(d.undoStack()->count(), 2);
        QCOMPARE(maskAt(d, 30, 40), 255);
        d.undoStack()->undo();
        QCOMPARE(d.mask(), painted);
        d.undoStack()->undo();
        QCOMPARE(d.mask(), empty);
        d.undoStack()->redo();
        d.undoStack()->redo();
        QCOMPARE(maskAt(d, 30, 40), 255);
        QCOMPARE(maskAt(d, 30, 10), 255);
    }

    void strokeOutsideTheImageChangesNothing() {
        CanvasDocument d;
        d.setSource(testImage(32, 32));
        stroke(d, MaskTool::Brush, 8, 1.0, {{-50, -50}, {-40, -60}});
        QCOMPARE(d.undoStack()->count(), 0);
        QVERIFY(d.maskIsEmpty());
    }

    void softBrushFallsOffAndOverlapsDoNotBuildUp() {
        CanvasDocument d;
        d.setSource(testImage(64, 64));
        // A still soft dab: full in the centre, partial towards the rim, nothing outside.
        stroke(d, MaskTool::Brush, 40, 0.0, {{32, 32}});
        QVERIFY(maskAt(d, 32, 32) >= 250);
        const int mid = maskAt(d, 32 + 12, 32);
        QVERIFY2(mid > 40 && mid < 130, qPrintable(QString::number(mid)));
        QVERIFY(maskAt(d, 32 + 16, 32) < mid);
        QCOMPARE(maskAt(d, 32 + 21, 32), 0);
        // Scrubbing back and forth in one stroke does not build up: the stroke's coverage is the
        // maximum of its dabs, so the rim stays as soft as after one pass (~81 at 12.5 px).
        d.undoStack()->undo();
        QList<QPointF> scrub;
        for (int i = 0; i < 10; ++i) scrub << QPointF(10, 32) << QPointF(54, 32);
        stroke(d, MaskTool::Brush, 40, 0.0, scrub);
        const int rim = maskAt(d, 32, 32 + 12);
        QVERIFY2(rim > 40 && rim < 130, qPrintable(QString::number(rim)));
        QCOMPARE(d.undoStack()->count(), 1);
    }

    void eraserRemovesMask() {
        CanvasDocument d;
        d.setSource(testImage(48, 48));
        d.fillMask();
        QCOMPARE(countMasked(d.mask()), 48 * 48);
        stroke(d, MaskTool::Eraser, 8, 1.0, {{4, 24}, {44, 24}});
        QCOMPARE(d.undoStack()->count(), 2);
        QCOMPARE(maskAt(d, 24, 24), 0);
        QCOMPARE(maskAt(d, 24, 23), 0);
        QCOMPARE(maskAt(d, 24, 10), 255);
        QCOMPARE(maskAt(d, 24, 40), 255);
        d.undoStack()->undo();
        QCOMPARE(countMasked(d.mask()), 48 * 48);
    }

    void bucketFillsOnlyTheEnclosedArea() {
        CanvasDocument d;
        d.setSource(testImage(64, 64));
        // A closed square outline, then a click inside it.
        stroke(d, MaskTool::Brush, 4, 1.0, {{16, 16}, {48, 16}, {48, 48}, {16, 48}, {16, 16}});
        QCOMPARE(maskAt(d, 32, 32), 0);
        d.beginStroke(MaskTool::Bucket, 1, 1, QPointF(32.5, 32.5));
        QCOMPARE(d.undoStack()->count(), 2);
        QCOMPARE(maskAt(d, 32, 32), 255);
        QCOMPARE(maskAt(d, 20, 44), 255);
        QCOMPARE(maskAt(d, 5, 5), 0); // outside the outline
        QCOMPARE(maskAt(d, 60, 32), 0);
        d.undoStack()->undo();
        QCOMPARE(maskAt(d, 32, 32), 0);
        QCOMPARE(maskAt(d, 16, 32), 255); // the outline stays
        // A click on an already masked pixel does nothing.
        d.bucketFill(QPoint(16, 32));
        QCOMPARE(d.undoStack()->count(), 2); // redo entry still there, nothing new pushed
        QVERIFY(d.undoStack()->canRedo());
    }

    void fillInvertClearAreUndoable() {
        CanvasDocument d;
        d.setSource(testImage(20, 10));
        stroke(d, MaskTool::Brush, 4, 1.0, {{5, 5}});
        const QImage dot = d.mask().copy();
        const int dotCount = countMasked(dot, 1);
        QVERIFY(dotCount > 0);
        d.invertMask();
        QCOMPARE(countMasked(d.mask(), 1), 200 - countMasked(dot, 255));
        for (int y = 0; y < 10; ++y)
            for (int x = 0; x < 20; ++x) QCOMPARE(int(d.mask().constScanLine(y)[x]), 255 - dot.constScanLine(y)[x]);
        d.clearMask();
        QVERIFY(d.maskIsEmpty());
        d.fillMask();
        QCOMPARE(countMasked(d.mask(), 255), 200);
        QCOMPARE(d.undoStack()->count(), 4);
        d.undoStack()->undo(); // fill
        QVERIFY(d.maskIsEmpty());
        d.undoStack()->undo(); // clear
        d.undoStack()->undo(); // invert
        QCOMPARE(d.mask(), dot);
        // Clearing an empty mask is not an undo step.
        d.undoStack()->undo();
        const int steps = d.undoStack()->index();
        d.clearMask();
        QCOMPARE(d.undoStack()->index(), steps);
    }

    void newSourceStartsNewHistory() {
        CanvasDocument d;
        d.setSource(testImage(20, 20));
        d.fillMask();
        QVERIFY(d.undoStack()->canUndo());
        d.setSource(testImage(30, 30));
        QVERIFY(!d.undoStack()->canUndo());
        QVERIFY(d.maskIsEmpty());
    }

    void extendCanvasMasksTheNewArea() {
        CanvasDocument d;
        const QImage src = testImage(32, 32);
        d.setSource(src);
        stroke(d, MaskTool::Brush, 4, 1.0, {{10, 10}});
        const QImage maskBefore = d.mask().copy();
        QSignalSpy sizeSpy(&d, &CanvasDocument::sourceChanged);
        QVERIFY(d.extendCanvas(8, 0, 16, 4));
        QCOMPARE(sizeSpy.count(), 1);
        QCOMPARE(d.size(), QSize(56, 36));
        QCOMPARE(d.mask().size(), QSize(56, 36));
        // New area: masked, pixels continue the nearest edge.
        QCOMPARE(maskAt(d, 2, 10), 255);
        QCOMPARE(maskAt(d, 50, 3), 255);
        QCOMPARE(maskAt(d, 20, 34), 255);
        QCOMPARE(d.source().pixel(2, 10), src.pixel(0, 10));
        QCOMPARE(d.source().pixel(55, 35), src.pixel(31, 31));
        // Old area: pixels and mask unchanged, shifted by (8, 0).
        QCOMPARE(d.source().pixel(8 + 5, 7), src.pixel(5, 7));
        QCOMPARE(maskAt(d, 8 + 10, 10), 255);
        QCOMPARE(maskAt(d, 8 + 25, 25), 0);
        QCOMPARE(d.undoStack()->count(), 2);
        d.undoStack()->undo();
        QCOMPARE(d.size(), QSize(32, 32));
        QCOMPARE(d.source(), src.convertToFormat(QImage::Format_ARGB32));
        QCOMPARE(d.mask(), maskBefore);
        d.undoStack()->redo();
        QCOMPARE(d.size(), QSize(56, 36));
        QString error;
        QVERIFY(!d.extendCanvas(-1, 0, 0, 0, &error));
        QVERIFY(!d.extendCanvas(20000, 0, 0, 0, &error));
        QCOMPARE(d.size(), QSize(56, 36));
    }

    void exportedFilesHoldExactlyTheSourceAndMask() {
        QTemporaryDir dir;
        CanvasDocument d;
        QImage src = testImage(40, 24);
        src.setPixel(3, 3, qRgba(255, 0, 0, 0)); // fully transparent: flattened over white
        d.setSource(src);
        stroke(d, MaskTool::Brush, 12, 0.3, {{20, 12}, {30, 12}});
        InpaintOptions opt;
        opt.maskBlur = 6;
        opt.onlyMasked = true;
        opt.padding = 48;
        opt.maskedContent = 2;
        const auto out = d.writeInputs(dir.filePath(QStringLiteral("jobs/inputs")), opt);
        QVERIFY2(out.ok, qPrintable(out.error));
        QVERIFY(QFile::exists(out.sourcePath));
        QVERIFY(QFile::exists(out.maskPath));
        QCOMPARE(out.width, 40);
        QCOMPARE(out.height, 24);

        // The mask: an 8-bit grayscale PNG (colour type 0, depth 8) with exactly the mask's bytes.
        QFile f(out.maskPath);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(bytes.startsWith(latent::PngText::signature()));
        QCOMPARE(bytes.mid(12, 4), QByteArray("IHDR"));
        QCOMPARE(int(uchar(bytes[24])), 8); // bit depth
        QCOMPARE(int(uchar(bytes[25])), 0); // colour type: grayscale
        QImage mask(out.maskPath);
        QCOMPARE(mask.size(), QSize(40, 24));
        QCOMPARE(mask.format(), QImage::Format_Grayscale8);
        QCOMPARE(mask, d.exportMask());
        QVERIFY(countMasked(mask, 255) > 0);

        QImage rgb(out.sourcePath);
        QCOMPARE(rgb.size(), QSize(40, 24));
        QVERIFY(!rgb.hasAlphaChannel());
        QCOMPARE(rgb.pixel(10, 20), src.pixel(10, 20));
        QCOMPARE(rgb.pixel(3, 3), qRgb(255, 255, 255));

        const QJsonObject api = out.toApiParams();
        QCOMPARE(api.value(QStringLiteral("init_image_path")).toString(), out.sourcePath);
        QCOMPARE(api.value(QStringLiteral("mask_path")).toString(), out.maskPath);
        QCOMPARE(api.value(QStringLiteral("mask_blur")).toInt(), 6);
        QCOMPARE(api.value(QStringLiteral("inpaint_full_res")).toBool(), true);
        QCOMPARE(api.value(QStringLiteral("inpaint_full_res_padding")).toInt(), 48);
        QCOMPARE(api.value(QStringLiteral("inpainting_fill")).toInt(), 2);
        QCOMPARE(InpaintOptions::maskedContentName(2), QStringLiteral("latent-noise"));

        // A second export never overwrites the first; an empty mask writes no mask file.
        d.clearMask();
        const auto second = d.writeInputs(dir.filePath(QStringLiteral("jobs/inputs")), opt);
        QVERIFY(second.ok);
        QVERIFY(second.sourcePath != out.sourcePath);
        QVERIFY(second.maskPath.isEmpty());
        QVERIFY(!second.toApiParams().contains(QStringLiteral("mask_path")));
        QVERIFY(QFile::exists(out.maskPath));
    }

    void exportToUnwritableFolderFailsCleanly() {
        CanvasDocument d;
        QString error;
        QVERIFY(!d.writeInputs(QStringLiteral("/tmp"), {}).ok); // no source
        d.setSource(testImage(8, 8));
        const auto r = d.writeInputs(QStringLiteral("/proc/latent-no-such-folder"), {});
        QVERIFY(!r.ok);
        QVERIFY(!r.error.isEmpty());
        QVERIFY(r.sourcePath.isEmpty());
    }
};

QTEST_MAIN(TestCanvasDocument)
#include "tst_canvas_document.moc"
