// Hires fix through `latentstudio-cli txt2img` with the tiny golden SD1 model: the explicit
// --hr-* flags, an A1111 /sdapi/v1/txt2img body and an infotext give the same image; the infotext
// has A1111's keys in A1111's order; --save-latents adds hr.x_start / hr.samples /
// hr.init_latent; an ESRGAN-family upscaler resolves by name from --models-root; unknown names,
// sizes beyond the limits and bad values fail with one line before any work.
#include "common/cli_runner.h"
#include "common/golden.h"
#include "common/isolated_app_data.h"
#include "common/upscaler_fixtures.h"

#include "app/imaging/image_loader.h"
#include "app/metadata/png_text.h"
#include "pipeline/tensors/safetensors.h"

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

QString model() {
    return goldenDir() + QStringLiteral("/tiny-sd1.safetensors");
}

QStringList base(const QString& out) {
    return {"txt2img",
            "--model",
            model(),
            "--prompt",
            "a photo of an astronaut riding a horse on mars",
            "--negative",
            "blurry, low quality",
            "--seed",
            "42",
            "--steps",
            "2",
            "--width",
            "64",
            "--height",
            "64",
            "--sampler",
            "Euler",
            "--cfg",
            "7",
            "--rng",
            "cpu",
            "--out",
            out};
}

QJsonObject json(const CliRun& r) {
    return QJsonDocument::fromJson(r.out).object();
}

std::vector<uint8_t> pixelsOf(const QString& png) {
    return ImageLoader::loadFile(png).image.data;
}

} // namespace

class TestCliHires : public QObject {
    Q_OBJECT
public:
    static void initMain() { isolateAppData(); }

private:
    QTemporaryDir dir_;

private Q_SLOTS:
    void initTestCase() {
        LATENT_REQUIRE_GOLDEN();
        QVERIFY(dir_.isValid());
    }

    void flagsRequestAndInfotextAgree() {
        LATENT_REQUIRE_GOLDEN();
        const QString out = dir_.filePath("flags");
        CliRun r = runCli(base(out) + QStringList{"--hr-scale", "2", "--hr-steps", "2", "--denoising-strength", "0.5",
                                                  "--hr-upscaler", "Latent (nearest)", "--save-latents"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject j = json(r);
        const QString png = j.value("files").toArray().first().toString();
        const QString infotext = j.value("infotexts").toArray().first().toString();
        // A1111 create_infotext order: Denoising strength in the main list, hires extras after RNG.
        QCOMPARE(withoutVersion(infotext),
                 QString("a photo of an astronaut riding a horse on mars\nNegative prompt: blurry, low quality\n"
                         "Steps: 2, Sampler: Euler, Schedule type: Automatic, CFG scale: 7.0, Seed: 42, Size: 64x64, "
                         "Model hash: f06e632b51, Model: tiny-sd1, Denoising strength: 0.5, RNG: CPU, "
                         "Hires upscale: 2.0, Hires steps: 2, Hires upscaler: Latent (nearest)"));
        QCOMPARE(PngText::readFile(png).value("parameters"), infotext);
        const ImageLoadResult img = ImageLoader::loadFile(png);
        QCOMPARE(img.image.width, int64_t(128));
        // The second pass's tensors.
        const SafetensorsFile latents = SafetensorsFile::open(QDir(out).filePath("latents.safetensors").toStdString());
        for (const char* name : {"hr.x_start", "hr.samples", "hr.init_latent", "samples", "x_start"})
            QVERIFY2(latents.contains(name), name);
        QCOMPARE(latents.find("hr.samples")->shape, (std::vector<int64_t>{1, 4, 16, 16}));
        QCOMPARE(latents.find("samples")->shape, (std::vector<int64_t>{1, 4, 8, 8}));

        // The same from an A1111 request body.
        const QString body = dir_.filePath("request.json");
        QFile f(body);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(QJsonObject{{"prompt", "a photo of an astronaut riding a horse on mars"},
                                          {"negative_prompt", "blurry, low quality"},
                                          {"seed", 42},
                                          {"steps", 2},
                                          {"width", 64},
                                          {"height", 64},
                                          {"sampler_name", "Euler"},
                                          {"cfg_scale", 7},
                                          {"enable_hr", true},
                                          {"hr_scale", 2},
                                          {"hr_second_pass_steps", 2},
                                          {"denoising_strength", 0.5},
                                          {"hr_upscaler", "Latent (nearest)"},
                                          {"override_settings", QJsonObject{{"randn_source", "CPU"}}}})
                    .toJson());
        f.close();
        const QString out2 = dir_.filePath("request");
        r = runCli({"txt2img", "--model", model(), "--request", body, "--out", out2});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString png2 = json(r).value("files").toArray().first().toString();
        QCOMPARE(json(r).value("infotexts").toArray().first().toString(), infotext);
        QVERIFY(pixelsOf(png2) == pixelsOf(png));

        // And from the infotext itself (A1111's paste rules turn hires on).
        const QString out3 = dir_.filePath("infotext");
        r = runCli({"txt2img", "--model", model(), "--infotext", infotext, "--out", out3});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(json(r).value("infotexts").toArray().first().toString(), infotext);
        QVERIFY(pixelsOf(json(r).value("files").toArray().first().toString()) == pixelsOf(png));
    }

    void hiresSamplerPromptAndResizeKeys() {
        LATENT_REQUIRE_GOLDEN();
        const QString out = dir_.filePath("keys");
        const CliRun r =
            runCli(base(out) + QStringList{"--hr-resize", "128x96", "--hr-sampler", "DPM++ 2M", "--hr-prompt",
                                           "a horse, on mars", "--hr-cfg", "5", "--hr-upscaler", "Lanczos"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString infotext = json(r).value("infotexts").toArray().first().toString();
        QVERIFY2(
            withoutVersion(infotext).endsWith(
                "Denoising strength: 0.75, RNG: CPU, Hires sampler: DPM++ 2M, Hires prompt: \"a horse, on mars\", "
                "Hires CFG Scale: 5.0, Hires schedule type: Karras, Hires resize: 128x96, Hires upscaler: Lanczos"),
            qPrintable(infotext));
        const ImageLoadResult img = ImageLoader::loadFile(json(r).value("files").toArray().first().toString());
        QCOMPARE(img.image.width, int64_t(128));
        QCOMPARE(img.image.height, int64_t(96));
    }

    void imageSpaceUpscalerModelByName() {
        LATENT_REQUIRE_GOLDEN();
        const QString root = dir_.filePath("models");
        QVERIFY(QDir().mkpath(root + "/ESRGAN"));
        writeUpscalerSafetensors((root + "/ESRGAN/4x-Tiny.safetensors").toStdString(), rrdbWeights(8, 4, 1, 2, 3, 5));
        const QString out = dir_.filePath("esrgan");
        CliRun r =
            runCli(base(out) + QStringList{"--hr-upscaler", "4x-Tiny", "--hr-steps", "1", "--models-root", root});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(json(r).value("infotexts").toArray().first().toString().contains("Hires upscaler: 4x-Tiny"));
        // Not installed: one line naming what is there; nothing written.
        const QString none = dir_.filePath("none");
        r = runCli(base(none) + QStringList{"--hr-upscaler", "4x-UltraSharp", "--models-root", root});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("4x-UltraSharp") && r.err.contains("4x-Tiny") && r.err.contains("Latent (antialiased)"),
                 r.err.constData());
        QVERIFY(!QDir(none).exists() || listing(none).isEmpty());
    }

    void hiresCheckpointByName() {
        LATENT_REQUIRE_GOLDEN();
        const QString root = dir_.filePath("ckpt-root");
        QVERIFY(QDir().mkpath(root + "/Stable-diffusion"));
        QVERIFY(QFile::copy(model(), root + "/Stable-diffusion/second.safetensors"));
        const QString out = dir_.filePath("ckpt");
        const CliRun r =
            runCli(base(out) + QStringList{"--hr-checkpoint", "second", "--hr-steps", "1", "--models-root", root});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        // A1111 writes the checkpoint's short title: "name [first 10 hex of its SHA-256]".
        QVERIFY2(json(r)
                     .value("infotexts")
                     .toArray()
                     .first()
                     .toString()
                     .contains("RNG: CPU, Hires checkpoint: second [f06e632b51], Hires upscale: 2.0"),
                 r.out.constData());
    }

    void refusedBeforeAnyWork_data() {
        QTest::addColumn<QStringList>("flags");
        QTest::newRow("hires too large") << QStringList{"--width", "1024", "--height", "1024", "--hr-scale", "9"};
        QTest::newRow("resize too large") << QStringList{"--hr-resize", "9000x0"};
        QTest::newRow("bad resize") << QStringList{"--hr-resize", "big"};
        QTest::newRow("strength") << QStringList{"--hires", "--denoising-strength", "1.5"};
        QTest::newRow("hires sampler") << QStringList{"--hr-sampler", "Nope"};
        QTest::newRow("hires steps") << QStringList{"--hr-steps", "-3"};
        QTest::newRow("hires checkpoint") << QStringList{"--hr-checkpoint", "missing-model"};
    }
    void refusedBeforeAnyWork() {
        LATENT_REQUIRE_GOLDEN();
        QFETCH(QStringList, flags);
        const QString out = dir_.filePath("refused");
        const CliRun r = runCli(base(out) + flags);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY(!QDir(out).exists() || listing(out).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCliHires)
#include "tst_cli_hires.moc"
