// `latentstudio-cli upscale` (A1111 Extras, one image) end to end with tiny upscaler files written
// by the test into an A1111 layout (models/ESRGAN, models/RealESRGAN): names resolve like A1111's
// (file stem, Real-ESRGAN's fixed labels), the output PNG keeps the source's `parameters` chunk
// and gets A1111's `extras` chunk, the pixels are what the pipeline's A1111 upscale gives, and bad
// input (unknown name, hostile file, too large) fails with one clear line and writes nothing.
#include "common/cli_runner.h"
#include "common/isolated_app_data.h"
#include "common/upscaler_fixtures.h"

#include "app/imaging/image_loader.h"
#include "app/metadata/png_text.h"
#include "app/storage/image_writer.h"
#include "pipeline/upscalers/image_upscaler.h"
#include "pipeline/upscalers/upscaler_model.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace latent;
using namespace latent::test;

namespace {

ImagePixels pattern(int w, int h) {
    ImagePixels p;
    p.width = w;
    p.height = h;
    p.channels = 3;
    p.data.resize(w * h * 3);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            p.data[(y * w + x) * 3 + 0] = char(x * 255 / w);
            p.data[(y * w + x) * 3 + 1] = char(y * 255 / h);
            p.data[(y * w + x) * 3 + 2] = char((x * 7 + y * 13) & 0xff);
        }
    return p;
}

QJsonObject json(const CliRun& r) {
    return QJsonDocument::fromJson(r.out).object();
}

} // namespace

class TestCliUpscale : public QObject {
    Q_OBJECT
public:
    static void initMain() { isolateAppData(); }

private:
    QTemporaryDir dir_;
    QString root_, input_;
    const QString params_ = QStringLiteral(
        "a red fox\nNegative prompt: blurry\nSteps: 20, Sampler: Euler, Schedule type: Automatic, CFG scale: 7.0, "
        "Seed: 1, Size: 96x64, Model: x, Version: test");

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        root_ = dir_.filePath(QStringLiteral("webui"));
        QVERIFY(QDir().mkpath(root_ + "/models/ESRGAN"));
        QVERIFY(QDir().mkpath(root_ + "/models/RealESRGAN"));
        writeUpscalerSafetensors((root_ + "/models/ESRGAN/4x-Tiny.safetensors").toStdString(),
                                 toRrdbLayout(rrdbWeights(8, 4, 1, 2, 3, 31), "esrgan-old", 1, 2), at::kHalf);
        writeBytes((root_ + "/models/RealESRGAN/RealESRGAN_x2plus.pth").toStdString(),
                   upscalerPthBytes(rrdbWeights(8, 4, 1, 2, 12, 32), "params_ema"));
        writeBytes((root_ + "/models/RealESRGAN/realesr-general-x4v3.pth").toStdString(),
                   upscalerPthBytes(srvggWeights(8, 2, 4, 33), "params"));
        // A source image with A1111 parameters.
        const QByteArray png = ImageWriter::encodePng(pattern(96, 64), params_);
        input_ = dir_.filePath(QStringLiteral("source.png"));
        QFile f(input_);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(png);
    }

    void listsA1111Names() {
        const CliRun r = runCli({"upscale", "--list", "--models-root", root_});
        QCOMPARE(r.exitCode, 0);
        QStringList names;
        for (const QJsonValue& v : QJsonDocument::fromJson(r.out).array())
            names << v.toObject().value("name").toString();
        QCOMPARE(names,
                 (QStringList{"None", "Lanczos", "Nearest", "4x-Tiny", "R-ESRGAN 2x+", "R-ESRGAN General 4xV3"}));
    }

    void upscalesWithAModelAndKeepsTheParameters_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("file");
        QTest::addColumn<double>("scale");
        QTest::newRow("ESRGAN old layout, safetensors fp16") << "4x-Tiny"
                                                             << "ESRGAN/4x-Tiny.safetensors" << 2.0;
        QTest::newRow("Real-ESRGAN x2plus .pth") << "R-ESRGAN 2x+"
                                                 << "RealESRGAN/RealESRGAN_x2plus.pth" << 2.5;
        QTest::newRow("SRVGGNetCompact .pth, case-insensitive name") << "r-esrgan general 4xv3"
                                                                     << "RealESRGAN/realesr-general-x4v3.pth" << 4.0;
    }
    void upscalesWithAModelAndKeepsTheParameters() {
        QFETCH(QString, name);
        QFETCH(QString, file);
        QFETCH(double, scale);
        const QString out = dir_.filePath("out-" + QString::number(QTest::currentDataTag()[0]));
        const CliRun r = runCli({"upscale", "--input", input_, "--upscaler", name, "--scale", QString::number(scale),
                                 "--models-root", root_, "--out", out});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject j = json(r);
        // A1111 Upscaler.upscale: int(size·scale) // 8 · 8.
        QCOMPARE(j.value("width").toInt(), int(96 * scale) / 8 * 8);
        QCOMPARE(j.value("height").toInt(), int(64 * scale) / 8 * 8);
        const QString path = j.value("file").toString();
        QVERIFY(path.startsWith(out));
        const PngTextReadResult text = PngText::readFile(path);
        QVERIFY(text.ok);
        QCOMPARE(text.value("parameters"), params_);
        const QString canonical = j.value("upscaler").toString();
        QCOMPARE(text.value("extras"), QString("Postprocess upscale by: %1, Postprocess upscaler: %2")
                                           .arg(scale == 2.0   ? "2.0"
                                                : scale == 2.5 ? "2.5"
                                                               : "4.0",
                                                canonical));
        QVERIFY(QFileInfo(j.value("upscaler_path").toString()).filePath().endsWith(file));

        // The pixels are the pipeline's A1111 upscale of the same file.
        const ImageLoadResult src = ImageLoader::loadFile(input_), got = ImageLoader::loadFile(path);
        QVERIFY(src.ok() && got.ok());
        ImageUpscaler up{ImageUpscaler::Kind::Model, canonical.toStdString(),
                         load_upscaler((root_ + "/models/" + file).toStdString())};
        const ImageU8 expected = a1111_upscale(src.image, scale, up);
        QCOMPARE(got.image.width, expected.width);
        QVERIFY(got.image.data == expected.data);
    }

    void scaleToCropSecondUpscalerAndRequestBody() {
        const QString out = dir_.filePath("out-to");
        CliRun r = runCli({"upscale", "--input", input_, "--upscaler", "Lanczos", "--width", "200", "--height", "120",
                           "--upscaler-2", "Nearest", "--visibility", "0.4", "--models-root", root_, "--out", out});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QJsonObject j = json(r);
        QCOMPARE(j.value("width").toInt(), 200);
        QCOMPARE(j.value("height").toInt(), 120);
        QCOMPARE(
            PngText::readFile(j.value("file").toString()).value("extras"),
            QString("Postprocess upscale to: 200x120, Postprocess crop to: 200x120, Postprocess upscaler: Lanczos, "
                    "Postprocess upscaler 2: Nearest"));
        // The same through an /sdapi/v1/extra-single-image body.
        const QString body = dir_.filePath("extras.json");
        QFile f(body);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(QJsonObject{{"resize_mode", 1},
                                          {"upscaling_resize_w", 200},
                                          {"upscaling_resize_h", 120},
                                          {"upscaling_crop", true},
                                          {"upscaler_1", "Lanczos"},
                                          {"upscaler_2", "Nearest"},
                                          {"extras_upscaler_2_visibility", 0.4}})
                    .toJson());
        f.close();
        r = runCli({"upscale", "--input", input_, "--request", body, "--models-root", root_, "--out", out});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const ImageLoadResult a = ImageLoader::loadFile(j.value("file").toString());
        const ImageLoadResult b = ImageLoader::loadFile(json(r).value("file").toString());
        QVERIFY(a.image.data == b.image.data);
        // Without crop the size is what the upscale gives (max(200/96, 120/64) = 2.083 -> 200x128).
        r = runCli({"upscale", "--input", input_, "--upscaler", "Lanczos", "--width", "200", "--height", "120",
                    "--no-crop", "--out", out});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(json(r).value("height").toInt(), 128);
    }

    void badInputFailsWithOneLineAndWritesNothing() {
        const QString out = dir_.filePath("out-bad");
        QVERIFY(QDir().mkpath(out));
        // Unknown name: the message lists what is available.
        CliRun r =
            runCli({"upscale", "--input", input_, "--upscaler", "4x-UltraSharp", "--models-root", root_, "--out", out});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("4x-UltraSharp") && r.err.contains("R-ESRGAN 2x+") && r.err.contains("Lanczos"),
                 r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
        // A truncated model file.
        const QString broken = dir_.filePath("broken");
        QVERIFY(QDir().mkpath(broken + "/ESRGAN"));
        QFile good(root_ + "/models/ESRGAN/4x-Tiny.safetensors");
        QVERIFY(good.open(QIODevice::ReadOnly));
        QFile cut(broken + "/ESRGAN/4x-Cut.safetensors");
        QVERIFY(cut.open(QIODevice::WriteOnly));
        cut.write(good.readAll().chopped(64));
        cut.close();
        r = runCli({"upscale", "--input", input_, "--upscaler", "4x-Cut", "--models-root", broken, "--out", out});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.err.isEmpty());
        // Too large: refused before any work.
        r = runCli({"upscale", "--input", input_, "--upscaler", "Lanczos", "--scale", "200", "--out", out});
        QCOMPARE(r.exitCode, 2);
        r = runCli({"upscale", "--input", input_, "--upscaler", "Lanczos", "--width", "20000", "--height", "100",
                    "--out", out});
        QCOMPARE(r.exitCode, 2);
        r = runCli({"upscale", "--input", dir_.filePath("missing.png"), "--upscaler", "Lanczos", "--out", out});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(listing(out), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestCliUpscale)
#include "tst_cli_upscale.moc"
