// `latentstudio-cli img2img` end to end: the golden img2img and inpaint requests (A1111
// /sdapi/v1/img2img bodies with base64 init_images and mask) give PNGs whose `parameters` chunk
// equals A1111's infotext (Version aside) and whose pixels match output.png; --infotext plus
// --init/--mask reproduces the inpaint image; --save-latents adds the img2img tensors; bad
// input exits 2 with one line; a mask of another size is resized with a warning; repeated --init
// (A1111's init_images list) starts image i of the batch from init image i.
#include "common/cli_runner.h"
#include "common/golden.h"

#include "app/metadata/png_text.h"
#include "pipeline/tensors/safetensors.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace latent::test;

namespace {
QString base64File(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QString::fromLatin1(f.readAll().toBase64());
}

QString model() {
    return latent::test::goldenDir() + QStringLiteral("/tiny-sd1.safetensors");
}

// ≤ maxLevels everywhere, ≤ maxFraction of the values differ.
bool imagesClose(const QString& a, const QString& b, int maxLevels, double maxFraction, QString* why) {
    QImage x(a), y(b);
    x = x.convertToFormat(QImage::Format_RGB888);
    y = y.convertToFormat(QImage::Format_RGB888);
    if (x.size() != y.size()) {
        *why = QStringLiteral("size differs");
        return false;
    }
    int maxDiff = 0;
    qint64 differing = 0;
    for (int row = 0; row < x.height(); ++row)
        for (int i = 0; i < x.width() * 3; ++i) {
            const int d = std::abs(int(x.constScanLine(row)[i]) - int(y.constScanLine(row)[i]));
            maxDiff = std::max(maxDiff, d);
            differing += d != 0;
        }
    const double fraction = double(differing) / (x.width() * x.height() * 3);
    *why = QStringLiteral("max %1, %2 % differ").arg(maxDiff).arg(fraction * 100);
    return maxDiff <= maxLevels && fraction <= maxFraction;
}

} // namespace

class TestCliImg2Img : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void goldenRequests_data() {
        QTest::addColumn<QString>("caseName");
        QTest::addColumn<double>("maxFraction");
        QTest::newRow("img2img") << QStringLiteral("sd1-img2img-euler-s0.75") << 0.01;
        QTest::newRow("inpaint") << QStringLiteral("sd1-inpaint-euler-original-onlymasked-pad32") << 0.10;
    }

    void goldenRequests() {
        LATENT_REQUIRE_GOLDEN();
        QFETCH(QString, caseName);
        QFETCH(double, maxFraction);
        const QString caseDir = latent::test::goldenDir() + QStringLiteral("/cases/") + caseName;
        QFile f(caseDir + QStringLiteral("/settings.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject settings = QJsonDocument::fromJson(f.readAll()).object();
        QJsonObject request = settings.value(QStringLiteral("api_request")).toObject();
        request.insert(QStringLiteral("override_settings"), settings.value(QStringLiteral("override_settings")));
        request.insert(QStringLiteral("init_images"), QJsonArray{base64File(caseDir + QStringLiteral("/init.png"))});
        const bool inpaint = QFile::exists(caseDir + QStringLiteral("/mask.png"));
        if (inpaint)
            request.insert(QStringLiteral("mask"), QStringLiteral("data:image/png;base64,") +
                                                       base64File(caseDir + QStringLiteral("/mask.png")));
        QTemporaryDir dir;
        const QString requestPath = dir.filePath(QStringLiteral("request.json"));
        QFile rf(requestPath);
        QVERIFY(rf.open(QIODevice::WriteOnly));
        rf.write(QJsonDocument(request).toJson());
        rf.close();

        const QString out = dir.filePath(QStringLiteral("out"));
        const CliRun r =
            runCli({QStringLiteral("img2img"), QStringLiteral("--model"), model(), QStringLiteral("--request"),
                    requestPath, QStringLiteral("--out"), out, QStringLiteral("--save-latents")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject summary = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(summary.value(QStringLiteral("mode")).toString(),
                 inpaint ? QStringLiteral("inpaint") : QStringLiteral("img2img"));
        const QJsonArray files = summary.value(QStringLiteral("files")).toArray();
        QCOMPARE(files.size(), 1);
        QCOMPARE(summary.value(QStringLiteral("timings")).toObject().value(QStringLiteral("steps")).toArray().size(),
                 8);

        const QString expected = settings.value(QStringLiteral("infotexts")).toArray().at(0).toString();
        const QString written = latent::PngText::readFile(files.at(0).toString()).value(QStringLiteral("parameters"));
        QCOMPARE(withoutVersion(written), withoutVersion(expected));
        QString why;
        QVERIFY2(imagesClose(files.at(0).toString(), caseDir + QStringLiteral("/output.png"), 2, maxFraction, &why),
                 qPrintable(why));

        // --save-latents: the img2img tensors are there under the golden names.
        const auto lat =
            latent::SafetensorsFile::open(QDir(out).filePath(QStringLiteral("latents.safetensors")).toStdString());
        for (const char* name : {"init_latent", "vae_input", "x_start", "samples"}) QVERIFY2(lat.contains(name), name);
        QCOMPARE(lat.contains("mask"), inpaint);
        QCOMPARE(lat.contains("nmask"), inpaint);

        if (inpaint) {
            // The same job from the infotext and files gives the same bytes.
            const QString out2 = dir.filePath(QStringLiteral("out2"));
            const CliRun r2 =
                runCli({QStringLiteral("img2img"), QStringLiteral("--model"), model(), QStringLiteral("--infotext"),
                        expected, QStringLiteral("--init"), caseDir + QStringLiteral("/init.png"),
                        QStringLiteral("--mask"), caseDir + QStringLiteral("/mask.png"), QStringLiteral("--rng"),
                        QStringLiteral("cpu"), QStringLiteral("--out"), out2});
            QVERIFY2(r2.exitCode == 0, r2.err.constData());
            const QString file2 =
                QJsonDocument::fromJson(r2.out).object().value(QStringLiteral("files")).toArray().at(0).toString();
            QImage a(files.at(0).toString()), b(file2);
            QCOMPARE(a.convertToFormat(QImage::Format_RGB888), b.convertToFormat(QImage::Format_RGB888));
        }
    }

    void badInputExitsTwo_data() {
        QTest::addColumn<QStringList>("args");
        const QString init = latent::test::goldenDir() + QStringLiteral("/cases/sd1-img2img-euler-s0.75/init.png");
        QTest::newRow("strength > 1") << QStringList{"img2img",    "--model", model(), "--init", init,
                                                     "--strength", "1.5",     "--out", "OUT"};
        QTest::newRow("strength < 0") << QStringList{"img2img",    "--model", model(), "--init", init,
                                                     "--strength", "-0.2",    "--out", "OUT"};
        QTest::newRow("unreadable init") << QStringList{"img2img",  "--model", model(), "--init",
                                                        "NOTIMAGE", "--out",   "OUT"};
        QTest::newRow("missing init") << QStringList{"img2img",          "--model", model(), "--init",
                                                     "/nonexistent.png", "--out",   "OUT"};
        QTest::newRow("no init") << QStringList{"img2img", "--model", model(), "--out", "OUT"};
        QTest::newRow("all-black mask") << QStringList{"img2img", "--model", model(), "--init", init,
                                                       "--mask",  "BLACK",   "--out", "OUT"};
        QTest::newRow("bad fill") << QStringList{"img2img", "--model",  model(), "--init", init,
                                                 "--fill",  "sparkles", "--out", "OUT"};
        QTest::newRow("bad outpaint") << QStringList{"img2img",    "--model", model(), "--init", init,
                                                     "--outpaint", "1,2",     "--out", "OUT"};
        QTest::newRow("bad resize mode") << QStringList{"img2img",       "--model", model(), "--init", init,
                                                        "--resize-mode", "9",       "--out", "OUT"};
        QTest::newRow("bad base64") << QStringList{"img2img", "--model", model(), "--request",
                                                   "BADB64",  "--out",   "OUT"};
    }

    void badInputExitsTwo() {
        LATENT_REQUIRE_GOLDEN();
        QFETCH(QStringList, args);
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("out"));
        QFile notImage(dir.filePath(QStringLiteral("not-an-image.png")));
        QVERIFY(notImage.open(QIODevice::WriteOnly));
        notImage.write("this is text, not a picture");
        notImage.close();
        QImage black(128, 128, QImage::Format_Grayscale8);
        black.fill(0);
        const QString blackPath = dir.filePath(QStringLiteral("black.png"));
        QVERIFY(black.save(blackPath));
        QFile b64(dir.filePath(QStringLiteral("bad.json")));
        QVERIFY(b64.open(QIODevice::WriteOnly));
        b64.write(R"({"init_images": ["***not base64***"], "denoising_strength": 0.5})");
        b64.close();
        for (QString& a : args) {
            if (a == QLatin1String("OUT")) a = out;
            if (a == QLatin1String("NOTIMAGE")) a = notImage.fileName();
            if (a == QLatin1String("BLACK")) a = blackPath;
            if (a == QLatin1String("BADB64")) a = b64.fileName();
        }
        const CliRun r = runCli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.count('\n') == 1, r.err.constData());
        QVERIFY(r.out.isEmpty());
        QVERIFY(!QDir(out).exists() || QDir(out).isEmpty());
    }

    void maskOfAnotherSizeIsResizedWithAWarning() {
        LATENT_REQUIRE_GOLDEN();
        QTemporaryDir dir;
        QImage mask(50, 30, QImage::Format_Grayscale8);
        mask.fill(0);
        for (int y = 10; y < 20; ++y)
            for (int x = 20; x < 30; ++x) mask.setPixel(x, y, qRgb(255, 255, 255));
        const QString maskPath = dir.filePath(QStringLiteral("mask.png"));
        QVERIFY(mask.save(maskPath));
        const QString out = dir.filePath(QStringLiteral("out"));
        const CliRun r = runCli({QStringLiteral("img2img"),
                                 QStringLiteral("--model"),
                                 model(),
                                 QStringLiteral("--init"),
                                 latent::test::goldenDir() + QStringLiteral("/cases/sd1-img2img-euler-s0.75/init.png"),
                                 QStringLiteral("--mask"),
                                 maskPath,
                                 QStringLiteral("--steps"),
                                 QStringLiteral("2"),
                                 QStringLiteral("--width"),
                                 QStringLiteral("64"),
                                 QStringLiteral("--height"),
                                 QStringLiteral("64"),
                                 QStringLiteral("--prompt"),
                                 QStringLiteral("a cat"),
                                 QStringLiteral("--seed"),
                                 QStringLiteral("1"),
                                 QStringLiteral("--fill"),
                                 QStringLiteral("latent-nothing"),
                                 QStringLiteral("--out"),
                                 out});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("warning") && r.err.contains("resized"), r.err.constData());
        const QJsonArray files = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("files")).toArray();
        QCOMPARE(files.size(), 1);
        const QString info = latent::PngText::readFile(files.at(0).toString()).value(QStringLiteral("parameters"));
        QVERIFY2(info.contains(QStringLiteral("Masked content: latent nothing")), qPrintable(info));
        QVERIFY2(info.contains(QStringLiteral("Denoising strength: 0.75")), qPrintable(info));
        QVERIFY2(info.contains(QStringLiteral("Mask blur: 4")), qPrintable(info));
    }

    // A1111's init_images list from the command line (repeated --init): image i of the batch
    // starts from init image i. Each image equals a run of its own init image alone with its
    // seed (batched rows round alike), and the second image is not made from the first init.
    void severalInitImagesEndToEnd() {
        LATENT_REQUIRE_GOLDEN();
        QTemporaryDir dir;
        const QString a = latent::test::goldenDir() + QStringLiteral("/cases/sd1-img2img-euler-s0.75/init.png");
        const QString b = dir.filePath(QStringLiteral("mirrored.png"));
        QVERIFY(QImage(a).mirrored(true, false).save(b));
        const auto run = [&](const QStringList& inits, int batch, int seed, const QString& out) {
            QStringList args{QStringLiteral("img2img"), QStringLiteral("--model"), model()};
            for (const QString& i : inits) args << QStringLiteral("--init") << i;
            args << QStringLiteral("--steps") << QStringLiteral("3") << QStringLiteral("--width") << QStringLiteral("64")
                 << QStringLiteral("--height") << QStringLiteral("64") << QStringLiteral("--prompt")
                 << QStringLiteral("a cat") << QStringLiteral("--seed") << QString::number(seed)
                 << QStringLiteral("--strength") << QStringLiteral("0.3") << QStringLiteral("--batch-size")
                 << QString::number(batch) << QStringLiteral("--out")
                 << dir.filePath(out);
            const CliRun r = runCli(args);
            QStringList files;
            if (r.exitCode != 0) qWarning("%s", r.err.constData());
            for (const auto& f : QJsonDocument::fromJson(r.out).object().value(QStringLiteral("files")).toArray())
                files << f.toString();
            return files;
        };
        const QStringList both = run({a, b}, 2, 42, QStringLiteral("both"));
        QCOMPARE(both.size(), 2);
        QVERIFY(latent::PngText::readFile(both[1]).value(QStringLiteral("parameters")).contains(QStringLiteral("Seed: 43")));
        const QStringList aloneA = run({a}, 1, 42, QStringLiteral("a"));
        const QStringList aloneB = run({b}, 1, 43, QStringLiteral("b"));
        const QStringList wrongB = run({a}, 1, 43, QStringLiteral("a43"));
        QCOMPARE(aloneA.size(), 1);
        QCOMPARE(aloneB.size(), 1);
        QCOMPARE(wrongB.size(), 1);
        QString why;
        QVERIFY2(imagesClose(both[0], aloneA[0], 2, 0.02, &why), qPrintable(why));
        QVERIFY2(imagesClose(both[1], aloneB[0], 2, 0.02, &why), qPrintable(why));
        QVERIFY2(!imagesClose(both[1], wrongB[0], 8, 0.5, &why), qPrintable(QStringLiteral("made from init a: ") + why));
        // More init images than the batch: refused before anything is written.
        const QStringList refused = run({a, b}, 1, 42, QStringLiteral("refused"));
        QVERIFY(refused.isEmpty());
        QVERIFY(!QDir(dir.filePath(QStringLiteral("refused"))).exists() ||
                QDir(dir.filePath(QStringLiteral("refused"))).entryList(QDir::Files).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCliImg2Img)
#include "tst_cli_img2img.moc"
