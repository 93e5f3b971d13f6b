// ImageLoader (OpenImageIO): PNG 8/16-bit with alpha, JPEG with EXIF orientation, TIFF, EXR
// (float, linear → sRGB), WebP, grey; the format comes from the content (wrong extension); bad
// files and oversized headers are refused with one sentence; base64 (with data-URL prefix).
#include "app/imaging/image_loader.h"

#include <OpenImageIO/imageio.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace latent;

namespace {

// Writes a w×h image with `nc` channels of type `type`; pixel (x, y, c) = f(x, y, c) in [0,1].
bool writeImage(const QString& path, int w, int h, int nc, OIIO::TypeDesc type,
                const std::function<float(int, int, int)>& f, int orientation = 1, const char* format = nullptr) {
    std::vector<float> px(size_t(w) * h * nc);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            for (int c = 0; c < nc; ++c) px[(size_t(y) * w + x) * nc + c] = f(x, y, c);
    auto out = OIIO::ImageOutput::create(format ? std::string(format) : path.toStdString());
    if (!out) return false;
    OIIO::ImageSpec spec(w, h, nc, type);
    if (orientation != 1) spec.attribute("Orientation", orientation);
    spec.attribute("oiio:UnassociatedAlpha", 1);  // the values given are straight alpha
    if (!out->open(path.toStdString(), spec)) return false;
    if (type == OIIO::TypeDesc::UINT8) {  // exact 8-bit values (no float quantisation on write)
        std::vector<unsigned char> bytes(px.size());
        for (size_t i = 0; i < px.size(); ++i) bytes[i] = static_cast<unsigned char>(std::lround(px[i] * 255.0f));
        if (!out->write_image(OIIO::TypeDesc::UINT8, bytes.data())) return false;
    } else if (!out->write_image(OIIO::TypeDesc::FLOAT, px.data())) {
        return false;
    }
    return out->close();
}

} // namespace

class TestImageLoader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void png8WithAlpha() {
        QTemporaryDir dir;
        const QString p = dir.filePath(QStringLiteral("a.png"));
        QVERIFY(writeImage(p, 5, 3, 4, OIIO::TypeDesc::UINT8,
                           [](int x, int y, int c) { return (x * 40 + y * 10 + c * 3) / 255.0f; }));
        const ImageLoadResult r = ImageLoader::loadFile(p);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.image.width, int64_t(5));
        QCOMPARE(r.image.height, int64_t(3));
        QCOMPARE(r.image.channels, 4);
        QCOMPARE(int(r.image.at(2, 1, 0)), 2 * 40 + 10);
        QCOMPARE(int(r.image.at(2, 1, 3)), 2 * 40 + 10 + 9);
    }

    void png16AndGrey() {
        QTemporaryDir dir;
        const QString p = dir.filePath(QStringLiteral("b.png"));
        QVERIFY(
            writeImage(p, 4, 4, 3, OIIO::TypeDesc::UINT16, [](int x, int, int c) { return c == 0 ? x / 3.0f : 0.5f; }));
        ImageLoadResult r = ImageLoader::loadFile(p);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.image.channels, 3);
        QCOMPARE(int(r.image.at(3, 0, 0)), 255);
        QCOMPARE(int(r.image.at(1, 0, 0)), 85);
        QCOMPARE(int(r.image.at(1, 0, 1)), 128);
        const QString g = dir.filePath(QStringLiteral("g.png"));
        QVERIFY(writeImage(g, 3, 2, 1, OIIO::TypeDesc::UINT8, [](int x, int, int) { return x * 100 / 255.0f; }));
        r = ImageLoader::loadFile(g);
        QVERIFY(r.ok());
        QCOMPARE(r.image.channels, 1);
        QCOMPARE(int(r.image.at(2, 1)), 200);
    }

    void jpegExifOrientation() {
        QTemporaryDir dir;
        const QString p = dir.filePath(QStringLiteral("c.jpg"));
        // 8×4 stored, orientation 6 (rotate 90° clockwise to display) → 4×8.
        QVERIFY(writeImage(
            p, 8, 4, 3, OIIO::TypeDesc::UINT8, [](int x, int, int) { return x < 4 ? 0.0f : 1.0f; }, 6));
        const ImageLoadResult r = ImageLoader::loadFile(p);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.image.width, int64_t(4));
        QCOMPARE(r.image.height, int64_t(8));
        QVERIFY(r.image.at(1, 0, 0) < 40); // stored left half (black) is now on top
        QVERIFY(r.image.at(1, 7, 0) > 215);
    }

    void tiffExrWebp() {
        QTemporaryDir dir;
        const QString t = dir.filePath(QStringLiteral("d.tif"));
        QVERIFY(writeImage(t, 6, 2, 3, OIIO::TypeDesc::UINT8, [](int, int, int c) { return c / 4.0f; }));
        ImageLoadResult r = ImageLoader::loadFile(t);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(int(r.image.at(0, 0, 2)), 128);

        const QString e = dir.filePath(QStringLiteral("e.exr"));
        QVERIFY(writeImage(e, 2, 2, 4, OIIO::TypeDesc::HALF,
                           [](int x, int, int c) { return c == 3 ? 1.0f : (x ? 0.2140f : 1.5f); }));
        r = ImageLoader::loadFile(e);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.image.channels, 4);
        QCOMPARE(int(r.image.at(0, 0, 0)), 255);                // clipped
        QVERIFY(std::abs(int(r.image.at(1, 0, 0)) - 128) <= 1); // linear 0.214 ≈ sRGB 0.5

        if (OIIO::get_string_attribute("extension_list").find("webp") != std::string::npos) {
            const QString w = dir.filePath(QStringLiteral("f.webp"));
            if (writeImage(w, 4, 4, 3, OIIO::TypeDesc::UINT8, [](int, int, int) { return 0.5f; })) {
                r = ImageLoader::loadFile(w);
                QVERIFY2(r.ok(), qPrintable(r.error));
                QVERIFY(std::abs(int(r.image.at(2, 2, 1)) - 128) <= 3);
            }
        }
    }

    void formatFromContentNotExtension() {
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("real.png"));
        QVERIFY(writeImage(png, 3, 3, 3, OIIO::TypeDesc::UINT8, [](int, int, int) { return 1.0f; }));
        const QString disguised = dir.filePath(QStringLiteral("looks-like.jpg"));
        QVERIFY(QFile::copy(png, disguised));
        const ImageLoadResult r = ImageLoader::loadFile(disguised);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QFile f(png);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(ImageLoader::sniffExtension(f.read(16)), QStringLiteral("png"));
    }

    void refusals() {
        QTemporaryDir dir;
        const QString text = dir.filePath(QStringLiteral("x.png"));
        QFile f(text);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not an image at all");
        f.close();
        ImageLoadResult r = ImageLoader::loadFile(text);
        QVERIFY(!r.ok());
        QVERIFY(!r.error.contains(QLatin1Char('\n')));
        r = ImageLoader::loadFile(dir.filePath(QStringLiteral("missing.png")));
        QVERIFY(!r.ok());
        // A PNG header declaring 100000×100000 is refused before any pixel is read.
        QByteArray png = QByteArray::fromHex("89504e470d0a1a0a0000000d49484452000186a0000186a00806000000");
        png += QByteArray(4, '\0');
        const QString huge = dir.filePath(QStringLiteral("huge.png"));
        QFile h(huge);
        QVERIFY(h.open(QIODevice::WriteOnly));
        h.write(png);
        h.close();
        r = ImageLoader::loadFile(huge);
        QVERIFY(!r.ok());
    }

    void base64() {
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("p.png"));
        QVERIFY(writeImage(png, 2, 2, 3, OIIO::TypeDesc::UINT8, [](int, int, int) { return 0.0f; }));
        QFile f(png);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString b64 = QStringLiteral("data:image/png;base64,") + QString::fromLatin1(f.readAll().toBase64());
        const QString outPath = dir.filePath(QStringLiteral("decoded.bin"));
        QCOMPARE(ImageLoader::writeBase64Image(b64, outPath), QString());
        QVERIFY(ImageLoader::loadFile(outPath).ok());
        QVERIFY(!ImageLoader::writeBase64Image(QStringLiteral("@@@"), outPath).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestImageLoader)
#include "tst_image_loader.moc"
