// `latentstudio-cli txt2img / img2img` with ControlNet units, end to end on the golden tiny SD1
// model and a tiny ControlNet written by the test into an A1111 folder (models/ControlNet):
//   * an A1111 body with `alwayson_scripts.controlnet.args` through --request (model by name with
//     --models-root, base64 image, the extension's field names and mode names) gives a PNG whose
//     infotext carries the extension's `ControlNet 0: "Module: ..., Control Mode: ..."` entry,
//     `control.hint` in --save-latents equal to the preprocessed map, and another image than
//     without the unit;
//   * --controlnet / --control-* flags for two units (control.1.hint);
//   * --infotext of that image plus --control-image restores the unit and repeats the image;
//   * a .pth ControlNet (PyTorch zip) is converted out of process and used;
//   * img2img without a control image uses the init image;
//   * bad input exits 2 with one line and writes nothing.
#include "common/cli_runner.h"
#include "common/golden.h"
#include "common/torch_zip_builder.h"

#include "app/library/model_hashes.h"
#include "app/metadata/generation_params.h"
#include "app/metadata/png_text.h"
#include "pipeline/control/control_set.h"
#include "pipeline/control/preprocessors.h"
#include "pipeline/loaders/checkpoint_loader.h"
#include "pipeline/loaders/controlnet_writer.h"
#include "pipeline/loaders/key_map_controlnet.h"
#include "pipeline/tensors/safetensors.h"

#include <ATen/ATen.h>
#include <c10/core/GradMode.h>

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace latent;
using namespace latent::test;

namespace {

QString model() { return goldenDir() + QStringLiteral("/tiny-sd1.safetensors"); }

// A 64x64 RGB image with edges: a bright square on a dark background.
QImage controlImage() {
    QImage img(64, 64, QImage::Format_RGB888);
    img.fill(QColor(20, 30, 40));
    for (int y = 16; y < 48; ++y)
        for (int x = 12; x < 44; ++x) img.setPixelColor(x, y, QColor(230, 220, 210));
    return img;
}

ImageU8 toU8(const QImage& q) {
    const QImage c = q.convertToFormat(QImage::Format_RGB888);
    ImageU8 out(c.width(), c.height(), 3);
    for (int y = 0; y < c.height(); ++y) std::memcpy(out.row(y), c.constScanLine(y), size_t(c.width()) * 3);
    return out;
}

QString base64Png(const QImage& img) {
    QByteArray bytes;
    QBuffer buf(&bytes);
    buf.open(QIODevice::WriteOnly);
    img.save(&buf, "PNG");
    return QString::fromLatin1(bytes.toBase64());
}

QJsonObject readJson(const QByteArray& out) { return QJsonDocument::fromJson(out).object(); }

QString infotextOf(const QString& png) { return PngText::readFile(png).value(QStringLiteral("parameters")); }

// The tiny ControlNet of the tests (the tiny UNet's down path, random hint embedding and zero
// convolutions), in memory.
ControlNetModel tinyControlNet(uint64_t seed) {
    LoadOptions o;
    o.load_text_encoders = false;
    o.load_vae = false;
    LoadedCheckpoint sd = load_checkpoint(model().toStdString(), o);
    c10::NoGradGuard no_grad;
    ControlNetModel cn = make_random_controlnet(controlnet_config_for_unet(sd.unet->config()), seed);
    copy_unet_into_controlnet(*sd.unet, *cn);
    return cn;
}

// lllyasviel's .pth layout: a PyTorch zip with a pickled dict of control_model.* fp16 tensors.
void writePth(const QString& path, ControlNetModelImpl& cn) {
    Pk pk;
    pk.proto().op('}').mark();
    std::vector<ZipMember> members;
    int index = 0;
    for (const auto& p : cn.named_parameters(true)) {
        const std::string name = std::string(kLdmControlNetPrefix) + *controlnet_diffusers_to_ldm(p.key(), cn.config());
        const at::Tensor t = p.value().to(at::kHalf).contiguous();
        std::vector<int64_t> stride(t.dim(), 1);
        for (int64_t d = t.dim() - 2; d >= 0; --d) stride[d] = stride[d + 1] * t.size(d + 1);
        const std::string key = std::to_string(index++);
        pk.str(name).tensor(key, "HalfStorage", t.numel(), 0, t.sizes().vec(), stride);
        members.push_back({"archive/data/" + key, std::string(static_cast<const char*>(t.data_ptr()), t.nbytes())});
    }
    pk.op('u').stop();
    members.insert(members.begin(), ZipMember{"archive/data.pkl", pk.b});
    members.push_back({"archive/version", "3\n"});
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    const std::string zip = makeZip(members);
    f.write(zip.data(), qint64(zip.size()));
}

} // namespace

class TestCliControlNet : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString root_, cnPath_, pthPath_, plainPath_, xlPath_, imagePath_;

private Q_SLOTS:
    void initTestCase() {
        // Converted .pth files are cached under the children's XDG cache: keep it in the test.
        qputenv("XDG_CACHE_HOME", dir_.filePath(QStringLiteral("cache")).toUtf8());
        LATENT_REQUIRE_GOLDEN();
        root_ = dir_.filePath(QStringLiteral("webui"));
        QVERIFY(QDir().mkpath(root_ + QStringLiteral("/models/ControlNet")));
        cnPath_ = root_ + QStringLiteral("/models/ControlNet/tiny_control.safetensors");
        ControlNetModel cn = tinyControlNet(7);
        write_controlnet_file(cnPath_.toStdString(), *cn, "ldm");
        pthPath_ = dir_.filePath(QStringLiteral("tiny_control_pth.pth"));
        writePth(pthPath_, *cn);
        // The same tensors as safetensors without the config metadata a .pth lacks too (the
        // tiny model's head count then comes from the same defaults for both).
        {
            std::vector<std::pair<std::string, at::Tensor>> tensors;
            for (const auto& p : cn->named_parameters(true))
                tensors.emplace_back(std::string(kLdmControlNetPrefix) + *controlnet_diffusers_to_ldm(p.key(), cn->config()),
                                     p.value().to(at::kHalf).contiguous());
            plainPath_ = dir_.filePath(QStringLiteral("tiny_control_plain.safetensors"));
            write_safetensors(plainPath_.toStdString(), tensors);
        }
        // A ControlNet for the tiny SDXL (context width 96): the wrong family for tiny SD1.
        LoadOptions o;
        o.load_text_encoders = false;
        o.load_vae = false;
        LoadedCheckpoint xl = load_checkpoint((goldenDir() + QStringLiteral("/tiny-sdxl.safetensors")).toStdString(), o);
        ControlNetModel xcn = make_random_controlnet(controlnet_config_for_unet(xl.unet->config()), 9);
        xlPath_ = dir_.filePath(QStringLiteral("tiny_xl_control.safetensors"));
        write_controlnet_file(xlPath_.toStdString(), *xcn, "diffusers");
        imagePath_ = dir_.filePath(QStringLiteral("control.png"));
        QVERIFY(controlImage().save(imagePath_));
    }

    void requestWithAlwaysOnScripts() {
        LATENT_REQUIRE_GOLDEN();
        QJsonObject unit{{QStringLiteral("enabled"), true},
                         {QStringLiteral("module"), QStringLiteral("canny")},
                         {QStringLiteral("model"), QStringLiteral("tiny_control")},
                         {QStringLiteral("image"), base64Png(controlImage())},
                         {QStringLiteral("weight"), 0.8},
                         {QStringLiteral("guidance_end"), 0.8},
                         {QStringLiteral("control_mode"), QStringLiteral("My prompt is more important")},
                         {QStringLiteral("resize_mode"), 1},
                         {QStringLiteral("processor_res"), 64},
                         {QStringLiteral("threshold_a"), 50},
                         {QStringLiteral("threshold_b"), 150}};
        QJsonObject disabled = unit;
        disabled.insert(QStringLiteral("enabled"), false);
        disabled.insert(QStringLiteral("model"), QStringLiteral("does_not_exist"));
        QJsonObject body{{QStringLiteral("prompt"), QStringLiteral("a house")},
                         {QStringLiteral("negative_prompt"), QStringLiteral("blurry")},
                         {QStringLiteral("seed"), 42},
                         {QStringLiteral("steps"), 4},
                         {QStringLiteral("width"), 64},
                         {QStringLiteral("height"), 64},
                         {QStringLiteral("sampler_name"), QStringLiteral("Euler")},
                         {QStringLiteral("override_settings"), QJsonObject{{QStringLiteral("randn_source"), QStringLiteral("CPU")}}},
                         {QStringLiteral("alwayson_scripts"),
                          QJsonObject{{QStringLiteral("controlnet"), QJsonObject{{QStringLiteral("args"), QJsonArray{unit, disabled}}}}}}};
        const QString requestPath = dir_.filePath(QStringLiteral("request.json"));
        {
            QFile f(requestPath);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QJsonDocument(body).toJson());
        }
        const QString out = dir_.filePath(QStringLiteral("out-request"));
        const CliRun run = runCli({QStringLiteral("txt2img"), QStringLiteral("--model"), model(), QStringLiteral("--request"),
                                   requestPath, QStringLiteral("--models-root"), root_, QStringLiteral("--out"), out,
                                   QStringLiteral("--save-latents")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject summary = readJson(run.out);
        const QString png = summary.value(QStringLiteral("files")).toArray().first().toString();
        const QString infotext = infotextOf(png);
        const QString hash = ModelHashes::autoV1(cnPath_).left(8);
        const QString entry = QStringLiteral(
                                  "ControlNet 0: \"Module: canny, Model: tiny_control [%1], Weight: 0.8, Resize Mode: Crop and "
                                  "Resize, Processor Res: 64, Threshold A: 50.0, Threshold B: 150.0, Guidance Start: 0.0, "
                                  "Guidance End: 0.8, Pixel Perfect: False, Control Mode: My prompt is more important\"")
                                  .arg(hash);
        QVERIFY2(infotext.contains(entry), qPrintable(infotext));
        QVERIFY(!infotext.contains(QStringLiteral("ControlNet 1")));
        // The hint fed to the net: canny of the image at resolution 64, / 255.
        const SafetensorsFile lat = SafetensorsFile::open(QDir(out).filePath(QStringLiteral("latents.safetensors")).toStdString());
        ControlUnit u;
        u.module = "canny";
        u.image = toU8(controlImage());
        u.processor_res = 64;
        u.threshold_a = 50;
        u.threshold_b = 150;
        const at::Tensor want = control_hint_tensor(prepare_control_map(u, 64, 64));
        QCOMPARE((lat.load("control.hint") - want).abs().max().item<double>(), 0.0);
        QVERIFY(want.sum().item<double>() > 10);  // the square's edges
        // Without the unit the image differs.
        const QString plainOut = dir_.filePath(QStringLiteral("out-plain"));
        const CliRun plain = runCli({QStringLiteral("txt2img"), QStringLiteral("--model"), model(), QStringLiteral("--prompt"),
                                     QStringLiteral("a house"), QStringLiteral("--negative"), QStringLiteral("blurry"),
                                     QStringLiteral("--seed"), QStringLiteral("42"), QStringLiteral("--steps"), QStringLiteral("4"),
                                     QStringLiteral("--width"), QStringLiteral("64"), QStringLiteral("--height"), QStringLiteral("64"),
                                     QStringLiteral("--rng"), QStringLiteral("cpu"), QStringLiteral("--out"), plainOut});
        QVERIFY2(plain.exitCode == 0, plain.err.constData());
        const QString plainPng = readJson(plain.out).value(QStringLiteral("files")).toArray().first().toString();
        QVERIFY(QImage(plainPng) != QImage(png));

        // Restoring the infotext (the unit's settings, the model by its title) plus the image
        // repeats the image exactly.
        const QString again = dir_.filePath(QStringLiteral("out-again"));
        const CliRun rerun = runCli({QStringLiteral("txt2img"), QStringLiteral("--model"), model(), QStringLiteral("--infotext"),
                                     infotext, QStringLiteral("--models-root"), root_, QStringLiteral("--control-image"),
                                     imagePath_, QStringLiteral("--out"), again});
        QVERIFY2(rerun.exitCode == 0, rerun.err.constData());
        const QString againPng = readJson(rerun.out).value(QStringLiteral("files")).toArray().first().toString();
        QCOMPARE(QImage(againPng), QImage(png));
        QVERIFY(infotextOf(againPng).contains(entry));
    }

    void flagsForTwoUnits() {
        LATENT_REQUIRE_GOLDEN();
        const QString out = dir_.filePath(QStringLiteral("out-flags"));
        const CliRun run = runCli(
            {QStringLiteral("txt2img"), QStringLiteral("--model"), model(), QStringLiteral("--prompt"), QStringLiteral("a tree"),
             QStringLiteral("--steps"), QStringLiteral("3"), QStringLiteral("--width"), QStringLiteral("64"), QStringLiteral("--height"),
             QStringLiteral("64"), QStringLiteral("--seed"), QStringLiteral("5"), QStringLiteral("--out"), out,
             QStringLiteral("--save-latents"), QStringLiteral("--controlnet"), cnPath_, QStringLiteral("--control-image"), imagePath_,
             QStringLiteral("--control-module"), QStringLiteral("invert"), QStringLiteral("--control-weight"), QStringLiteral("0.5"),
             QStringLiteral("--guidance-start"), QStringLiteral("0.1"), QStringLiteral("--guidance-end"), QStringLiteral("0.9"),
             QStringLiteral("--control-mode"), QStringLiteral("controlnet"), QStringLiteral("--control-resize"), QStringLiteral("fill"),
             QStringLiteral("--controlnet"), QStringLiteral("tiny_control"), QStringLiteral("--models-root"), root_,
             QStringLiteral("--control-image"), imagePath_, QStringLiteral("--pixel-perfect")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QString png = readJson(run.out).value(QStringLiteral("files")).toArray().first().toString();
        const GenerationParams p = GenerationParams::fromInfotext(infotextOf(png));
        const QString hash = ModelHashes::autoV1(cnPath_).left(8);
        QCOMPARE(p.extra(QStringLiteral("ControlNet 0")),
                 QStringLiteral("Module: invert (from white bg & black line), Model: tiny_control [%1], Weight: 0.5, Resize "
                                "Mode: Resize and Fill, Processor Res: 512, Threshold A: 0.5, Threshold B: 0.5, Guidance "
                                "Start: 0.1, Guidance End: 0.9, Pixel Perfect: False, Control Mode: ControlNet is more important")
                     .arg(hash));
        QVERIFY(p.extra(QStringLiteral("ControlNet 1")).contains(QStringLiteral("Module: none")));
        QVERIFY(p.extra(QStringLiteral("ControlNet 1")).contains(QStringLiteral("Pixel Perfect: True")));
        const SafetensorsFile lat = SafetensorsFile::open(QDir(out).filePath(QStringLiteral("latents.safetensors")).toStdString());
        const at::Tensor h0 = lat.load("control.hint"), h1 = lat.load("control.1.hint");
        // invert: the dark background 20 -> 235; none: as it is.
        QVERIFY(std::abs(h0[0][0][0][0].item<double>() - 235.0 / 255.0) < 1e-6);
        QVERIFY(std::abs(h1[0][0][0][0].item<double>() - 20.0 / 255.0) < 1e-6);
    }

    // bf16 precision (where the CPU has it) with a ControlNet: the UNet computes in bf16, the
    // ControlNet in fp32, and its residuals join the UNet's bf16 activations. The run works and
    // stays close to the fp32 image; without bf16 hardware it is refused before anything runs.
    void bf16WithControlNet() {
        LATENT_REQUIRE_GOLDEN();
        const auto run = [&](const QString& precision, const QString& out) {
            return runCli({QStringLiteral("txt2img"), QStringLiteral("--model"), model(), QStringLiteral("--prompt"),
                           QStringLiteral("a tree"), QStringLiteral("--steps"), QStringLiteral("3"), QStringLiteral("--width"),
                           QStringLiteral("64"), QStringLiteral("--height"), QStringLiteral("64"), QStringLiteral("--seed"),
                           QStringLiteral("5"), QStringLiteral("--out"), dir_.filePath(out), QStringLiteral("--precision"),
                           precision, QStringLiteral("--controlnet"), cnPath_, QStringLiteral("--control-image"), imagePath_,
                           QStringLiteral("--control-weight"), QStringLiteral("1.5")});
        };
        const CliRun fp32 = run(QStringLiteral("fp32"), QStringLiteral("cn-fp32"));
        QVERIFY2(fp32.exitCode == 0, fp32.err.constData());
        const CliRun bf16 = run(QStringLiteral("bf16"), QStringLiteral("cn-bf16"));
        if (bf16.exitCode == 2 && bf16.err.contains("bf16")) {
            QVERIFY(QDir(dir_.filePath(QStringLiteral("cn-bf16"))).entryList(QDir::Files).isEmpty());
            QSKIP("this CPU has no bf16 support (refused as it should be)");
        }
        QVERIFY2(bf16.exitCode == 0, bf16.err.constData());
        const QString a = readJson(fp32.out).value(QStringLiteral("files")).toArray().first().toString();
        const QString b = readJson(bf16.out).value(QStringLiteral("files")).toArray().first().toString();
        QVERIFY(infotextOf(b).contains(QStringLiteral("Precision: bf16")));
        QVERIFY(infotextOf(b).contains(QStringLiteral("ControlNet 0")));
        QImage x(a), y(b);
        QCOMPARE(x.size(), y.size());
        x = x.convertToFormat(QImage::Format_RGB888);
        y = y.convertToFormat(QImage::Format_RGB888);
        double sum = 0;
        for (int row = 0; row < x.height(); ++row)
            for (int i = 0; i < x.width() * 3; ++i)
                sum += std::abs(int(x.constScanLine(row)[i]) - int(y.constScanLine(row)[i]));
        const double mean = sum / (x.width() * x.height() * 3);
        QVERIFY2(mean < 8.0, qPrintable(QStringLiteral("mean difference %1 levels").arg(mean)));
    }

    void pthIsConvertedOutOfProcess() {
        LATENT_REQUIRE_GOLDEN();
        const QString out = dir_.filePath(QStringLiteral("out-pth"));
        const QString outSt = dir_.filePath(QStringLiteral("out-st"));
        const QStringList common = {QStringLiteral("txt2img"), QStringLiteral("--model"), model(), QStringLiteral("--prompt"),
                                    QStringLiteral("a tree"), QStringLiteral("--steps"), QStringLiteral("2"),
                                    QStringLiteral("--width"), QStringLiteral("64"), QStringLiteral("--height"),
                                    QStringLiteral("64"), QStringLiteral("--seed"), QStringLiteral("3")};
        const CliRun a = runCli(common + QStringList{QStringLiteral("--out"), out, QStringLiteral("--controlnet"), pthPath_,
                                                     QStringLiteral("--control-image"), imagePath_});
        QVERIFY2(a.exitCode == 0, a.err.constData());
        const CliRun b = runCli(common + QStringList{QStringLiteral("--out"), outSt, QStringLiteral("--controlnet"), plainPath_,
                                                     QStringLiteral("--control-image"), imagePath_});
        QVERIFY2(b.exitCode == 0, b.err.constData());
        // Same fp16 weights in both files: the same image.
        QCOMPARE(QImage(readJson(a.out).value(QStringLiteral("files")).toArray().first().toString()),
                 QImage(readJson(b.out).value(QStringLiteral("files")).toArray().first().toString()));
    }

    void img2imgFallsBackToTheInitImage() {
        LATENT_REQUIRE_GOLDEN();
        const QString out = dir_.filePath(QStringLiteral("out-i2i"));
        const CliRun run = runCli({QStringLiteral("img2img"), QStringLiteral("--model"), model(), QStringLiteral("--init"),
                                   imagePath_, QStringLiteral("--steps"), QStringLiteral("4"), QStringLiteral("--strength"),
                                   QStringLiteral("0.5"), QStringLiteral("--out"), out, QStringLiteral("--save-latents"),
                                   QStringLiteral("--controlnet"), cnPath_, QStringLiteral("--control-module"),
                                   QStringLiteral("invert")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const SafetensorsFile lat = SafetensorsFile::open(QDir(out).filePath(QStringLiteral("latents.safetensors")).toStdString());
        const at::Tensor h = lat.load("control.hint");
        QVERIFY(std::abs(h[0][0][32][28].item<double>() - 25.0 / 255.0) < 1e-6);  // 255 − 230 inside the square
    }

    void inspectDescribesControlNets() {
        LATENT_REQUIRE_GOLDEN();
        const QString folder = dir_.filePath(QStringLiteral("tiny_control_folder"));
        {
            ControlNetModel cn = tinyControlNet(7);
            write_controlnet_folder(folder.toStdString(), *cn);
        }
        for (const QString& path : {cnPath_, xlPath_, folder}) {
            const CliRun run = runCli({QStringLiteral("inspect"), path, QStringLiteral("--no-hash")});
            QVERIFY2(run.exitCode == 0, run.err.constData());
            const QJsonObject j = readJson(run.out);
            QCOMPARE(j.value(QStringLiteral("family")).toString(), QStringLiteral("controlnet"));
            QCOMPARE(j.value(QStringLiteral("layout")).toString(),
                     path == cnPath_ ? QStringLiteral("controlnet_ldm") : QStringLiteral("controlnet_diffusers"));
            const QJsonObject c = j.value(QStringLiteral("components")).toObject().value(QStringLiteral("controlnet")).toObject();
            QVERIFY2(!c.isEmpty(), run.out.constData());
            QCOMPARE(c.value(QStringLiteral("config")).toObject().value(QStringLiteral("_class_name")).toString(),
                     QStringLiteral("ControlNetModel"));
            QVERIFY(c.value(QStringLiteral("parameters")).toDouble() > 1000);
        }
    }

    void badInputExitsTwo_data() {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("message");
        QTest::newRow("unreadable image") << QStringList{QStringLiteral("--controlnet"), QStringLiteral("@CN"),
                                                         QStringLiteral("--control-image"), QStringLiteral("@DIR/nope.png")}
                                          << QStringLiteral("nope.png");
        QTest::newRow("missing model") << QStringList{QStringLiteral("--controlnet"), QStringLiteral("no_such_net"),
                                                      QStringLiteral("--models-root"), QStringLiteral("@ROOT"),
                                                      QStringLiteral("--control-image"), QStringLiteral("@IMG")}
                                       << QStringLiteral("not found");
        QTest::newRow("unknown module") << QStringList{QStringLiteral("--controlnet"), QStringLiteral("@CN"),
                                                       QStringLiteral("--control-image"), QStringLiteral("@IMG"),
                                                       QStringLiteral("--control-module"), QStringLiteral("cany")}
                                        << QStringLiteral("cany");
        QTest::newRow("needs model") << QStringList{QStringLiteral("--controlnet"), QStringLiteral("@CN"),
                                                    QStringLiteral("--control-image"), QStringLiteral("@IMG"),
                                                    QStringLiteral("--control-module"), QStringLiteral("depth_midas")}
                                     << QStringLiteral("needs its own model");
        QTest::newRow("weight") << QStringList{QStringLiteral("--controlnet"), QStringLiteral("@CN"), QStringLiteral("--control-image"),
                                               QStringLiteral("@IMG"), QStringLiteral("--control-weight"), QStringLiteral("3")}
                                << QStringLiteral("weight");
        QTest::newRow("start after end") << QStringList{QStringLiteral("--controlnet"), QStringLiteral("@CN"),
                                                        QStringLiteral("--control-image"), QStringLiteral("@IMG"),
                                                        QStringLiteral("--guidance-start"), QStringLiteral("0.7"),
                                                        QStringLiteral("--guidance-end"), QStringLiteral("0.2")}
                                         << QStringLiteral("guidance start");
        QTest::newRow("end out of range") << QStringList{QStringLiteral("--controlnet"), QStringLiteral("@CN"),
                                                         QStringLiteral("--control-image"), QStringLiteral("@IMG"),
                                                         QStringLiteral("--guidance-end"), QStringLiteral("1.5")}
                                          << QStringLiteral("guidance end");
        QTest::newRow("image without unit") << QStringList{QStringLiteral("--control-image"), QStringLiteral("@IMG")}
                                            << QStringLiteral("--controlnet");
        QTest::newRow("no image") << QStringList{QStringLiteral("--controlnet"), QStringLiteral("@CN")}
                                  << QStringLiteral("no image");
        QTest::newRow("other family") << QStringList{QStringLiteral("--controlnet"), QStringLiteral("@XL"),
                                                     QStringLiteral("--control-image"), QStringLiteral("@IMG")}
                                      << QStringLiteral("is for SDXL models, but the loaded model is SD 1.x");
        QTest::newRow("bad mode") << QStringList{QStringLiteral("--controlnet"), QStringLiteral("@CN"), QStringLiteral("--control-image"),
                                                 QStringLiteral("@IMG"), QStringLiteral("--control-mode"), QStringLiteral("loud")}
                                  << QStringLiteral("--control-mode");
    }
    void badInputExitsTwo() {
        LATENT_REQUIRE_GOLDEN();
        QFETCH(QStringList, extra);
        QFETCH(QString, message);
        for (QString& a : extra) {
            a.replace(QStringLiteral("@CN"), cnPath_);
            a.replace(QStringLiteral("@XL"), xlPath_);
            a.replace(QStringLiteral("@IMG"), imagePath_);
            a.replace(QStringLiteral("@ROOT"), root_);
            a.replace(QStringLiteral("@DIR"), dir_.path());
        }
        QTemporaryDir out;
        const CliRun run = runCli(QStringList{QStringLiteral("txt2img"), QStringLiteral("--model"), model(),
                                              QStringLiteral("--steps"), QStringLiteral("2"), QStringLiteral("--width"),
                                              QStringLiteral("64"), QStringLiteral("--height"), QStringLiteral("64"),
                                              QStringLiteral("--out"), out.path()} +
                                  extra);
        QCOMPARE(run.exitCode, 2);
        const QString err = QString::fromUtf8(run.err).trimmed();
        QVERIFY2(err.contains(message), qPrintable(err));
        QVERIFY2(!err.contains(QLatin1Char('\n')), qPrintable(err));
        QVERIFY(listing(out.path()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCliControlNet)
#include "tst_cli_controlnet.moc"
