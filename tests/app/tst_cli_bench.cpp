// `latentstudio-cli bench ...` prints figures (JSON or plain text); no figure is asserted, only
// that the commands run and report what they promise, and that bad options exit 2 with one line.
#include "common/cli_runner.h"
#include "common/golden.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace latent::test;

class TestCliBench : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void gemm() {
        const CliRun r = runCli({"--threads", "1", "bench", "gemm", "--sizes", "64,128", "--repeats", "1"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject j = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(j.value("sizes").toArray().size(), 2);
        QCOMPARE(j.value("threads").toInt(), 1);
        QVERIFY(j.value("peak_gflops").toDouble() > 0);
        const CliRun p = runCli({"--threads", "1", "bench", "gemm", "--sizes", "64", "--repeats", "1", "--plain"});
        QVERIFY2(p.exitCode == 0, p.err.constData());
        QVERIFY2(p.out.contains("GFLOP/s"), p.out.constData());
    }

    void vaeDecodeAndEncode() {
        const CliRun r = runCli({"--threads", "1", "bench", "vae", "--width", "64", "--height", "64"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject j = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(j.value("parameters").toInteger(), qint64(83653863)); // the SD VAE
        for (const char* k : {"decode", "encode"}) {
            const QJsonObject t = j.value(QLatin1String(k)).toObject();
            QVERIFY2(t.value("seconds_mean").toDouble() > 0, k);
            QVERIFY2(t.value("gflop").toDouble() > 0, k);
        }
        // 512x512 decode is ~2.5 TFLOP (issue 4); 64x64 is 64 times less.
        QVERIFY(qAbs(j.value("decode").toObject().value("gflop").toDouble() * 64 / 2515 - 1) < 0.05);
        QVERIFY(j.value("peak_rss_bytes").toInteger() > 0);
    }

    void textEncoder() {
        const CliRun r = runCli(
            {"--threads", "1", "bench", "text", "--family", "sd1", "--batch", "1", "--steps", "1", "--warmup", "0"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject j = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(j.value("encoders").toObject().value("clip_l").toObject().value("parameters").toInteger(),
                 qint64(123060480));
        QVERIFY(j.value("seconds_per_encode").toDouble() > 0);
    }

    void upscale() {
        // The real-size 4x RRDBNet on a tiny image with tiny tiles: 3 x 3 tiles of 8 with overlap 2.
        const CliRun r = runCli({"--threads", "1", "bench", "upscale", "--width", "16", "--height", "16", "--tile",
                                 "8", "--tile-overlap", "2"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject j = QJsonDocument::fromJson(r.out).object();
        // RealESRGAN_x4plus's size: conv_first 1792 + 23 RRDB x 3 RDB x 239808 + 4 x 36928 + conv_last 1731.
        QCOMPARE(j.value("created").toObject().value("parameters").toInteger(), qint64(16697987));
        const QJsonObject model = j.value("model").toObject();
        QCOMPARE(model.value("scale").toInt(), 4);
        QCOMPARE(model.value("blocks").toInt(), 23);
        QCOMPARE(model.value("features").toInt(), 64);
        QCOMPARE(j.value("output").toArray(), (QJsonArray{64, 64}));
        QCOMPARE(j.value("tiles").toInt(), 9);
        QVERIFY(j.value("seconds").toDouble() > 0);
        QVERIFY(j.value("peak_rss_bytes").toInteger() > 0);
        QVERIFY(j.value("cancel").toObject().contains("cancelled"));
        // The temporary model is removed.
        QVERIFY(!QFile::exists(model.value("path").toString()));
    }

    // bench contention starts its own competitors, runs the tiny txt2img with both thread
    // settings beside them, and leaves no competitor behind.
    void contentionRunsBothSettingsAndCleansUp() {
        LATENT_REQUIRE_GOLDEN();
        const CliRun r = runCli({"bench", "contention", "--competitors", "0,1", "--no-unet", "--repeats", "1", "--model",
                                 goldenDir() + "/tiny-sd1.safetensors"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject j = QJsonDocument::fromJson(r.out).object();
        QVERIFY(j.value("gemm").toObject().value("peak_gflops").toDouble() > 0);
        const QJsonArray runs = j.value("runs").toArray();
        QCOMPARE(runs.size(), 2);
        for (int i = 0; i < 2; ++i) {
            const QJsonObject row = runs.at(i).toObject();
            QCOMPARE(row.value("competitors").toInt(), i);
            QCOMPARE(row.value("task").toString(), QStringLiteral("tiny_txt2img"));
            QVERIFY(row.value("default_seconds").toDouble() > 0);
            QVERIFY(row.value("threads_1_seconds").toDouble() > 0);
            QCOMPARE(row.value("threads_1").toObject().value("threads").toInt(), 1);
            // Automatic: at most every CPU, fewer beside competitors (it follows the load).
            const int threads = row.value("default").toObject().value("threads").toInt();
            QVERIFY2(threads >= 1 && threads <= j.value("default_threads").toInt(), qPrintable(QString::number(threads)));
            const QString limit = row.value("default").toObject().value("thread_limit").toString();
            QVERIFY2(limit == QLatin1String("load") || limit == QLatin1String("all-cpus") ||
                         limit == QLatin1String("affinity") || limit == QLatin1String("cpu-quota"),
                     qPrintable(limit));
        }
        QVERIFY(j.value("summary").toObject().contains("tiny_txt2img"));
        // No `bench spin` competitor survives the benchmark.
        QDirIterator it(QStringLiteral("/proc"), QDir::Dirs | QDir::NoDotAndDotDot);
        while (it.hasNext()) {
            QFile cmd(it.next() + QStringLiteral("/cmdline"));
            if (!cmd.open(QIODevice::ReadOnly)) continue;
            const QByteArray c = cmd.readAll();
            QVERIFY2(!(c.contains("latentstudio-cli") && c.contains(QByteArray("bench\0spin", 11))), c.constData());
        }
    }

    // bf16 where the CPU lacks it (pretended with LATENT_CPU_NO_BF16): refused at once with the
    // reason, before a real-size model is built or a checkpoint written.
    void bf16RefusedWithoutHardwareSupport() {
        qputenv("LATENT_CPU_NO_BF16", "1");
        const CliRun unet = runCli({"--threads", "1", "bench", "unet", "--width", "64", "--height", "64", "--batch",
                                    "1", "--steps", "1", "--warmup", "0", "--precision", "bf16"},
                                   {}, 60000);
        const CliRun gen = runCli({"bench", "txt2img", "--size", "64", "--steps", "1", "--precision", "bf16"}, {}, 60000);
        qunsetenv("LATENT_CPU_NO_BF16");
        for (const CliRun* r : {&unet, &gen}) {
            QVERIFY2(r->exitCode == 2, r->err.constData());
            QVERIFY(r->out.isEmpty());
            QVERIFY2(r->err.contains("bf16") && r->err.contains("LATENT_CPU_NO_BF16"), r->err.constData());
        }
    }

    // bench unet --precision bf16 times both precisions on the same model and compares the golden
    // tiny txt2img (on CPUs with native bf16; elsewhere the refusal above is what runs).
    void unetBf16ReportsSpeedupAndImageDifference() {
        LATENT_REQUIRE_GOLDEN();
        const CliRun r = runCli({"--threads", "1", "bench", "unet", "--width", "64", "--height", "64", "--batch", "1",
                                 "--steps", "1", "--warmup", "0", "--weights", "fp16", "--precision", "bf16", "--model",
                                 goldenDir() + "/tiny-sd1.safetensors"});
        if (r.exitCode == 2 && r.err.contains("bf16")) QSKIP(r.err.constData());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject j = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(j.value("precision").toString(), QStringLiteral("bf16"));
        const QJsonObject b = j.value("bf16").toObject();
        QVERIFY(b.value("seconds_per_step").toDouble() > 0);
        QVERIFY(b.value("speedup_vs_fp32").toDouble() > 0);
        QVERIFY(b.value("output_rel_l2_vs_fp32").toDouble() > 0);  // it really computed in bf16
        const QJsonObject image = j.value("image").toObject();
        QCOMPARE(image.value("width").toInt(), 128);
        QVERIFY(image.value("psnr_db").isDouble());
        QVERIFY(image.value("max_abs_diff").toInt() >= 1);
    }

    void badOptionsExitTwo() {
        for (const QStringList& a :
             {QStringList{"bench"}, QStringList{"bench", "warp"}, QStringList{"bench", "unet", "--family", "sd9"},
              QStringList{"bench", "unet", "--width", "12"}, QStringList{"bench", "vae", "--width", "x"},
              QStringList{"bench", "gemm", "--sizes", "-1"}, QStringList{"bench", "text", "--bogus"},
              QStringList{"bench", "load", "--path"}, QStringList{"bench", "cfg", "--family", "sd9"},
              QStringList{"bench", "cfg", "--width", "12"}, QStringList{"bench", "cfg", "--bogus"},
              QStringList{"bench", "upscale", "--width", "4"},
              QStringList{"bench", "contention", "--competitors", "x"},
              QStringList{"bench", "unet", "--precision", "fp16"},
              QStringList{"bench", "txt2img", "--family", "sdxl"}, QStringList{"bench", "txt2img", "--size", "100"},
              QStringList{"bench", "txt2img", "--precision", "fp16"}, QStringList{"bench", "txt2img", "--bogus"},
              QStringList{"bench", "txt2img", "--sampler", "No Such Sampler"}}) {
            const CliRun r = runCli(a);
            QVERIFY2(r.exitCode == 2, qPrintable(a.join(' ') + " -> " + QString::number(r.exitCode) + " " + r.err));
            QVERIFY2(r.out.isEmpty(), qPrintable(a.join(' ')));
            QVERIFY2(r.err.trimmed().startsWith("latentstudio-cli: ") && !r.err.trimmed().contains('\n'),
                     r.err.constData());
        }
    }
};

QTEST_GUILESS_MAIN(TestCliBench)
#include "tst_cli_bench.moc"
