// `latentstudio-cli txt2img` end to end: the golden sd1-euler request gives a PNG whose
// `parameters` chunk equals A1111's infotext (Version aside) and whose pixels match output.png;
// --infotext reproduces it; bad input exits 2 with one line and writes nothing.
#include "common/cli_runner.h"
#include "common/golden.h"

#include "app/metadata/png_text.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdlib>

using namespace latent::test;

class TestCliTxt2Img : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void goldenRequestMatchesA1111_data() {
        QTest::addColumn<QString>("caseName");
        QTest::newRow("euler") << QStringLiteral("sd1-euler-10steps-cpu");
        QTest::newRow("dpmpp_2m_sde-karras") << QStringLiteral("sd1-dpmpp_2m_sde-karras-10steps-cpu");
        QTest::newRow("dpmpp_sde-batch2") << QStringLiteral("sd1-dpmpp_sde-10steps-batch2-cpu");
        QTest::newRow("euler-long-prompt") << QStringLiteral("sd1-euler-long-prompt-10steps-cpu");
    }
    void goldenRequestMatchesA1111() {
        LATENT_REQUIRE_GOLDEN();
        QFETCH(QString, caseName);
        const QString caseDir = latent::test::goldenDir() + QStringLiteral("/cases/") + caseName;
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
        const QJsonArray expectedTexts = settings.value(QStringLiteral("infotexts")).toArray();
        QCOMPARE(files.size(), expectedTexts.size());
        QCOMPARE(summary.value(QStringLiteral("seeds")).toArray().at(0).toInteger(), 42);
        QVERIFY(QFile::exists(QDir(out).filePath(QStringLiteral("latents.safetensors"))));
        QVERIFY(summary.value(QStringLiteral("timings")).toObject().value(QStringLiteral("steps")).toArray().size() ==
                10);

        for (qsizetype i = 0; i < files.size(); ++i) {
            const auto text = latent::PngText::readFile(files.at(i).toString());
            QCOMPARE(withoutVersion(text.value(QStringLiteral("parameters"))),
                     withoutVersion(expectedTexts.at(i).toString()));
        }
        const QString expected = expectedTexts.at(0).toString();

        // --infotext with the same text reproduces the image byte for byte.
        const QString out2 = dir.filePath(QStringLiteral("out2"));
        const CliRun r2 = runCli({QStringLiteral("txt2img"), QStringLiteral("--model"),
                                  latent::test::goldenDir() + QStringLiteral("/tiny-sd1.safetensors"),
                                  QStringLiteral("--infotext"), expected, QStringLiteral("--out"), out2});
        QVERIFY2(r2.exitCode == 0, r2.err.constData());
        const QString file2 =
            QJsonDocument::fromJson(r2.out).object().value(QStringLiteral("files")).toArray().at(0).toString();
        if (files.size() == 1) {
            QFile a(files.at(0).toString()), b(file2);
            QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
            QCOMPARE(a.readAll(), b.readAll());
        } else {
            // Image 0 of a batch alone: same infotext; the pixels within the golden tolerance
            // (a UNet batch of one and of two rows round differently).
            QCOMPARE(latent::PngText::readFile(file2).value(QStringLiteral("parameters")),
                     latent::PngText::readFile(files.at(0).toString()).value(QStringLiteral("parameters")));
            const QImage a = QImage(files.at(0).toString()).convertToFormat(QImage::Format_RGB888);
            const QImage b = QImage(file2).convertToFormat(QImage::Format_RGB888);
            QVERIFY(!a.isNull() && a.size() == b.size());
            int maxDiff = 0;
            for (int y = 0; y < a.height(); ++y)
                for (int x = 0; x < a.width() * 3; ++x)
                    maxDiff = std::max(maxDiff, std::abs(int(a.constScanLine(y)[x]) - int(b.constScanLine(y)[x])));
            QVERIFY2(maxDiff <= 2, qPrintable(QStringLiteral("max pixel diff %1").arg(maxDiff)));
        }
    }

    void samplerSettingsRoundTrip_data() {
        QTest::addColumn<QString>("sampler");
        QTest::addColumn<QJsonObject>("overrides");
        QTest::addColumn<QString>("tail");
        QTest::newRow("euler churn, discard, pad conds")
            << QStringLiteral("Euler")
            << QJsonObject{{QStringLiteral("randn_source"), QStringLiteral("CPU")},
                           {QStringLiteral("s_churn"), 1.0},
                           {QStringLiteral("s_tmax"), 5},
                           {QStringLiteral("always_discard_next_to_last_sigma"), true},
                           {QStringLiteral("pad_cond_uncond"), true}}
            << QStringLiteral("Schedule type: Automatic, CFG scale: 7.0, Seed: 7, Size: 64x64, Model hash: f06e632b51, "
                              "Model: tiny-sd1, RNG: CPU, Discard penultimate sigma: True, Sigma churn: 1.0, "
                              "Sigma tmax: 5.0, Pad conds: True");
        QTest::newRow("euler a eta and ENSD")
            << QStringLiteral("Euler a")
            << QJsonObject{{QStringLiteral("randn_source"), QStringLiteral("CPU")},
                           {QStringLiteral("eta_ancestral"), 0.5},
                           {QStringLiteral("eta_noise_seed_delta"), 31337}}
            << QStringLiteral("Schedule type: Automatic, CFG scale: 7.0, Seed: 7, Size: 64x64, Model hash: f06e632b51, "
                              "Model: tiny-sd1, ENSD: 31337, RNG: CPU, Eta: 0.5");
        QTest::newRow("euler ENSD unused, NGMS")
            << QStringLiteral("Euler")
            << QJsonObject{{QStringLiteral("randn_source"), QStringLiteral("CPU")},
                           {QStringLiteral("eta_noise_seed_delta"), 31337},
                           {QStringLiteral("s_min_uncond"), 20.0}}
            << QStringLiteral("Schedule type: Automatic, CFG scale: 7.0, Seed: 7, Size: 64x64, Model hash: f06e632b51, "
                              "Model: tiny-sd1, RNG: CPU, NGMS: 20.0");
    }

    void samplerSettingsRoundTrip() {
        // override_settings -> the keys A1111 writes, in its order; the infotext read back gives
        // the same image byte for byte.
        LATENT_REQUIRE_GOLDEN();
        QFETCH(QString, sampler);
        QFETCH(QJsonObject, overrides);
        QFETCH(QString, tail);
        QJsonObject request{
            {QStringLiteral("prompt"),
             QStringLiteral("a lighthouse on a rocky cliff above a stormy sea at dusk, dramatic clouds, "
                            "crashing waves, warm light in the lantern room, seagulls circling, wet "
                            "stones glistening, moss and lichen on the rocks, a narrow path winding up "
                            "to a small keeper's cottage with a red door, smoke rising from the chimney, "
                            "fishing boats returning to the harbour below, distant mountains under the last "
                            "orange glow, highly detailed oil painting")},
            {QStringLiteral("negative_prompt"), QStringLiteral("blurry")},
            {QStringLiteral("seed"), 7},
            {QStringLiteral("steps"), 4},
            {QStringLiteral("width"), 64},
            {QStringLiteral("height"), 64},
            {QStringLiteral("sampler_name"), sampler},
            {QStringLiteral("override_settings"), overrides}};
        QTemporaryDir dir;
        const QString requestPath = dir.filePath(QStringLiteral("request.json"));
        QFile rf(requestPath);
        QVERIFY(rf.open(QIODevice::WriteOnly));
        rf.write(QJsonDocument(request).toJson());
        rf.close();
        const QString model = latent::test::goldenDir() + QStringLiteral("/tiny-sd1.safetensors");
        const CliRun r =
            runCli({QStringLiteral("txt2img"), QStringLiteral("--model"), model, QStringLiteral("--request"),
                    requestPath, QStringLiteral("--out"), dir.filePath(QStringLiteral("a"))});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString file =
            QJsonDocument::fromJson(r.out).object().value(QStringLiteral("files")).toArray().at(0).toString();
        const QString written = latent::PngText::readFile(file).value(QStringLiteral("parameters"));
        QVERIFY2(withoutVersion(written).endsWith(QStringLiteral("Sampler: ") + sampler + QStringLiteral(", ") + tail),
                 qPrintable(written));
        const CliRun r2 =
            runCli({QStringLiteral("txt2img"), QStringLiteral("--model"), model, QStringLiteral("--infotext"), written,
                    QStringLiteral("--out"), dir.filePath(QStringLiteral("b"))});
        QVERIFY2(r2.exitCode == 0, r2.err.constData());
        const QString file2 =
            QJsonDocument::fromJson(r2.out).object().value(QStringLiteral("files")).toArray().at(0).toString();
        QFile a(file), b(file2);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QCOMPARE(a.readAll(), b.readAll());
    }

    // --precision bf16: refused with the reason where the CPU has no native bf16 (pretended with
    // LATENT_CPU_NO_BF16), writing nothing; where it has, the image records "Precision: bf16",
    // and an fp32 image records no precision at all.
    void precisionBf16() {
        LATENT_REQUIRE_GOLDEN();
        QTemporaryDir dir;
        const QString model = latent::test::goldenDir() + QStringLiteral("/tiny-sd1.safetensors");
        auto run = [&](const QString& precision, const QString& out) {
            return runCli({QStringLiteral("txt2img"), QStringLiteral("--model"), model, QStringLiteral("--prompt"),
                           QStringLiteral("a fox"), QStringLiteral("--steps"), QStringLiteral("2"),
                           QStringLiteral("--width"), QStringLiteral("64"), QStringLiteral("--height"),
                           QStringLiteral("64"), QStringLiteral("--seed"), QStringLiteral("3"),
                           QStringLiteral("--precision"), precision, QStringLiteral("--out"), out});
        };
        qputenv("LATENT_CPU_NO_BF16", "1");
        const QString refusedOut = dir.filePath(QStringLiteral("refused"));
        const CliRun refused = run(QStringLiteral("bf16"), refusedOut);
        qunsetenv("LATENT_CPU_NO_BF16");
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains("bf16") && refused.err.contains("fp32"), refused.err.constData());
        QVERIFY(!QDir(refusedOut).exists() || QDir(refusedOut).isEmpty());

        const QString fp32Out = dir.filePath(QStringLiteral("fp32"));
        const CliRun fp32 = run(QStringLiteral("fp32"), fp32Out);
        QVERIFY2(fp32.exitCode == 0, fp32.err.constData());
        const QStringList fp32Files = QDir(fp32Out).entryList({QStringLiteral("*.png")}, QDir::Files);
        QCOMPARE(fp32Files.size(), 1);
        const QString fp32Text =
            latent::PngText::readFile(QDir(fp32Out).filePath(fp32Files.first())).value(QStringLiteral("parameters"));
        QVERIFY2(!fp32Text.contains(QStringLiteral("Precision")), qPrintable(fp32Text));

        const QString bf16Out = dir.filePath(QStringLiteral("bf16"));
        const CliRun bf16 = run(QStringLiteral("bf16"), bf16Out);
        if (bf16.exitCode == 2 && bf16.err.contains("bf16")) QSKIP(bf16.err.constData());
        QVERIFY2(bf16.exitCode == 0, bf16.err.constData());
        const QStringList bf16Files = QDir(bf16Out).entryList({QStringLiteral("*.png")}, QDir::Files);
        QCOMPARE(bf16Files.size(), 1);
        const QString bf16Text =
            latent::PngText::readFile(QDir(bf16Out).filePath(bf16Files.first())).value(QStringLiteral("parameters"));
        QVERIFY2(bf16Text.contains(QStringLiteral(", Precision: bf16")), qPrintable(bf16Text));
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
        QTest::newRow("bad precision") << QStringList{"txt2img", "--model", model, "--precision", "fp16", "--out", "OUT"};
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
