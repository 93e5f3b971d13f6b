// `latentstudio-cli txt2img` end to end: the golden sd1-euler request gives a PNG whose
// `parameters` chunk equals A1111's infotext (Version aside) and whose pixels match output.png;
// --infotext reproduces it; bad input exits 2 with one line and writes nothing.
#include "common/cli_runner.h"
#include "common/golden.h"

#include "app/metadata/png_text.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace latent::test;

class TestCliTxt2Img : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void goldenRequestMatchesA1111() {
        LATENT_REQUIRE_GOLDEN();
        const QString caseDir = latent::test::goldenDir() + QStringLiteral("/cases/sd1-euler-10steps-cpu");
        QFile f(caseDir + QStringLiteral("/settings.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject settings = QJsonDocument::fromJson(f.readAll()).object();
        QJsonObject request = settings.value(QStringLiteral("api_request")).toObject();
        request.insert(QStringLiteral("override_settings"), settings.value(QStringLiteral("override_settings")));
        QTemporaryDir dir;
        const QString requestPath = dir.filePath(QStringLiteral("request.json"));
        QFile rf(requestPath);
        QVERIFY(rf.open(QIODevice::WriteOnly));
        rf.write(QJsonDocument(request).toJson());
        rf.close();

        const QString out = dir.filePath(QStringLiteral("out"));
        const CliRun r =
            runCli({QStringLiteral("txt2img"), QStringLiteral("--model"),
                    latent::test::goldenDir() + QStringLiteral("/tiny-sd1.safetensors"), QStringLiteral("--request"),
                    requestPath, QStringLiteral("--out"), out, QStringLiteral("--save-latents")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject summary = QJsonDocument::fromJson(r.out).object();
        const QJsonArray files = summary.value(QStringLiteral("files")).toArray();
        QCOMPARE(files.size(), 1);
        QCOMPARE(summary.value(QStringLiteral("seeds")).toArray().at(0).toInteger(), 42);
        QVERIFY(QFile::exists(QDir(out).filePath(QStringLiteral("latents.safetensors"))));
        QVERIFY(summary.value(QStringLiteral("timings")).toObject().value(QStringLiteral("steps")).toArray().size() ==
                10);

        const QString expected = settings.value(QStringLiteral("infotexts")).toArray().at(0).toString();
        const auto text = latent::PngText::readFile(files.at(0).toString());
        const QString written = text.value(QStringLiteral("parameters"));
        QCOMPARE(withoutVersion(written), withoutVersion(expected));

        // --infotext with the same text reproduces the image byte for byte.
        const QString out2 = dir.filePath(QStringLiteral("out2"));
        const CliRun r2 = runCli({QStringLiteral("txt2img"), QStringLiteral("--model"),
                                  latent::test::goldenDir() + QStringLiteral("/tiny-sd1.safetensors"),
                                  QStringLiteral("--infotext"), expected, QStringLiteral("--out"), out2});
        QVERIFY2(r2.exitCode == 0, r2.err.constData());
        const QString file2 =
            QJsonDocument::fromJson(r2.out).object().value(QStringLiteral("files")).toArray().at(0).toString();
        QFile a(files.at(0).toString()), b(file2);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QCOMPARE(a.readAll(), b.readAll());
    }

    void badInputExitsTwo_data() {
        QTest::addColumn<QStringList>("args");
        const QString model = latent::test::goldenDir() + QStringLiteral("/tiny-sd1.safetensors");
        QTest::newRow("missing model") << QStringList{"txt2img", "--model", "/nonexistent.safetensors", "--prompt", "x",
                                                      "--out",   "OUT"};
        QTest::newRow("unknown sampler") << QStringList{"txt2img", "--model", model, "--sampler",
                                                        "Nope",    "--out",   "OUT"};
        QTest::newRow("bad size") << QStringList{"txt2img", "--model", model, "--width", "100", "--out", "OUT"};
        QTest::newRow("bad number") << QStringList{"txt2img", "--model", model, "--steps", "ten", "--out", "OUT"};
        QTest::newRow("bad request json")
            << QStringList{"txt2img", "--model", model, "--request", "BADJSON", "--out", "OUT"};
        QTest::newRow("no out") << QStringList{"txt2img", "--model", model};
        // Image 2 of the batch would need seed + 1 > 2^63 - 1.
        QTest::newRow("seed overflows with the batch")
            << QStringList{"txt2img", "--model", model, "--seed", "9223372036854775807", "--batch-size", "2",
                           "--steps", "1", "--width", "64", "--height", "64", "--out", "OUT"};
    }

    void badInputExitsTwo() {
        LATENT_REQUIRE_GOLDEN();
        QFETCH(QStringList, args);
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("out"));
        QFile bad(dir.filePath(QStringLiteral("bad.json")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{not json");
        bad.close();
        for (QString& a : args) {
            if (a == QLatin1String("OUT")) a = out;
            if (a == QLatin1String("BADJSON")) a = bad.fileName();
        }
        const CliRun r = runCli(args);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY(r.out.isEmpty());
        QVERIFY(!QDir(out).exists() || QDir(out).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCliTxt2Img)
#include "tst_cli_txt2img.moc"
