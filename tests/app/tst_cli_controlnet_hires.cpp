// The ControlNet unit's hires fix option (sd-webui-controlnet's hr_option) in the app:
//   * the A1111 body's `hr_option` as the extension takes it ("Both", "Low res only", "High res
//     only", the enum's "HiResFixOption.LOW_RES_ONLY", its index 0-2), a bad value refused with
//     the field's name, and the studio's queued args carrying it;
//   * the infotext: "Hr Option: ..." after the extension's fields when the job ran the hires fix
//     (none without), read back in both forms;
//   * `latentstudio-cli txt2img --hires ... --control-hr-option low`: the infotext says so, the
//     image differs from "both", restoring the infotext repeats the image, and a bad value
//     exits 2 with one line and writes nothing.
#include "common/cli_runner.h"
#include "common/golden.h"

#include "app/jobs/control_units.h"
#include "app/metadata/generation_params.h"
#include "app/metadata/png_text.h"
#include "pipeline/loaders/checkpoint_loader.h"
#include "pipeline/loaders/controlnet_writer.h"

#include <c10/core/GradMode.h>

#include <QDir>
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

QJsonObject bodyWith(const QJsonArray& units) {
    return QJsonObject{{QStringLiteral("alwayson_scripts"),
                        QJsonObject{{QStringLiteral("controlnet"), QJsonObject{{QStringLiteral("args"), units}}}}}};
}

QJsonObject unitWith(const QJsonValue& option) {
    QJsonObject o{{QStringLiteral("module"), QStringLiteral("canny")}, {QStringLiteral("model"), QStringLiteral("x")}};
    if (!option.isUndefined()) o.insert(QStringLiteral("hr_option"), option);
    return o;
}

QString infotextOf(const QString& png) { return PngText::readFile(png).value(QStringLiteral("parameters")); }

} // namespace

class TestCliControlNetHires : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString root_, cnPath_, imagePath_;

private Q_SLOTS:
    void apiBodyTakesTheExtensionsForms() {
        GenerationRequest r;
        QList<ControlInputFiles> inputs;
        const QJsonArray units{unitWith(QStringLiteral("Low res only")), unitWith(QStringLiteral("HiResFixOption.HIGH_RES_ONLY")),
                               unitWith(0), unitWith(2), unitWith(QJsonValue::Undefined),
                               unitWith(QStringLiteral("HiResFixOption.LOW_RES_ONLY"))};
        QCOMPARE(applyControlNetApiArgs(bodyWith(units), r, &inputs), QString());
        QCOMPARE(r.controlnet.size(), size_t(6));
        QVERIFY(r.controlnet[0].hr_option == ControlHiresOption::LowResOnly);
        QVERIFY(r.controlnet[1].hr_option == ControlHiresOption::HighResOnly);
        QVERIFY(r.controlnet[2].hr_option == ControlHiresOption::Both);
        QVERIFY(r.controlnet[3].hr_option == ControlHiresOption::HighResOnly);
        QVERIFY(r.controlnet[4].hr_option == ControlHiresOption::Both);
        QVERIFY(r.controlnet[5].hr_option == ControlHiresOption::LowResOnly);
        // The studio's queued args keep it.
        const QJsonArray args = controlNetApiArgs(r.controlnet, inputs);
        QCOMPARE(args[1].toObject().value(QStringLiteral("hr_option")).toString(), QStringLiteral("High res only"));
        GenerationRequest again;
        QCOMPARE(applyControlNetApiArgs(bodyWith(args), again, nullptr), QString());
        for (size_t i = 0; i < r.controlnet.size(); ++i) QVERIFY(again.controlnet[i].hr_option == r.controlnet[i].hr_option);
        // Bad values name the field.
        for (const QJsonValue& bad : {QJsonValue(QStringLiteral("Medium res")), QJsonValue(3), QJsonValue(1.5), QJsonValue(true)}) {
            GenerationRequest b;
            const QString e = applyControlNetApiArgs(bodyWith({unitWith(bad)}), b, nullptr);
            QVERIFY2(e.contains(QStringLiteral("alwayson_scripts.controlnet.args[0].hr_option")), qPrintable(e));
        }
    }

    void infotextWritesAndReadsIt() {
        ControlUnit u;
        u.module = "canny";
        u.model_title = "tiny [01234567]";
        u.hr_option = ControlHiresOption::LowResOnly;
        const QString plain = controlUnitInfotext(u);
        QVERIFY(!plain.contains(QStringLiteral("Hr Option")));
        QVERIFY(plain.endsWith(QStringLiteral("Control Mode: Balanced")));
        const QString hires = controlUnitInfotext(u, true);
        QCOMPARE(hires, plain + QStringLiteral(", Hr Option: Low res only"));
        GenerationParams p;
        p.setExtra(QStringLiteral("ControlNet 0"), hires);
        p.setExtra(QStringLiteral("ControlNet 1"), plain + QStringLiteral(", Hr Option: HiResFixOption.HIGH_RES_ONLY"));
        p.setExtra(QStringLiteral("ControlNet 2"), plain);
        p.setExtra(QStringLiteral("ControlNet 3"), plain + QStringLiteral(", Hr Option: Sometimes"));
        QStringList warnings;
        const std::vector<ControlUnit> units = controlUnitsFromInfotext(p, &warnings);
        QCOMPARE(units.size(), size_t(3));
        QVERIFY(units[0].hr_option == ControlHiresOption::LowResOnly);
        QVERIFY(units[1].hr_option == ControlHiresOption::HighResOnly);
        QVERIFY(units[2].hr_option == ControlHiresOption::Both);
        QCOMPARE(warnings.size(), 1);
    }

    void cliHiresRunAndRestore() {
        LATENT_REQUIRE_GOLDEN();
        {
            LoadOptions o;
            o.load_text_encoders = false;
            o.load_vae = false;
            LoadedCheckpoint sd = load_checkpoint(model().toStdString(), o);
            c10::NoGradGuard no_grad;
            ControlNetModel cn = make_random_controlnet(controlnet_config_for_unet(sd.unet->config()), 7);
            copy_unet_into_controlnet(*sd.unet, *cn);
            root_ = dir_.filePath(QStringLiteral("webui"));
            QVERIFY(QDir().mkpath(root_ + QStringLiteral("/models/ControlNet")));
            cnPath_ = root_ + QStringLiteral("/models/ControlNet/tiny_control.safetensors");
            write_controlnet_file(cnPath_.toStdString(), *cn, "ldm");
        }
        QImage img(64, 64, QImage::Format_RGB888);
        img.fill(QColor(20, 30, 40));
        for (int y = 16; y < 48; ++y)
            for (int x = 12; x < 44; ++x) img.setPixelColor(x, y, QColor(230, 220, 210));
        imagePath_ = dir_.filePath(QStringLiteral("control.png"));
        QVERIFY(img.save(imagePath_));

        const QStringList common{QStringLiteral("txt2img"), QStringLiteral("--model"), model(), QStringLiteral("--prompt"),
                                 QStringLiteral("a house"), QStringLiteral("--steps"), QStringLiteral("3"),
                                 QStringLiteral("--width"), QStringLiteral("64"), QStringLiteral("--height"),
                                 QStringLiteral("64"), QStringLiteral("--seed"), QStringLiteral("3"), QStringLiteral("--hires"),
                                 QStringLiteral("--hr-steps"), QStringLiteral("2"), QStringLiteral("--hr-scale"),
                                 QStringLiteral("1.5")};
        const QStringList unit{QStringLiteral("--controlnet"), cnPath_, QStringLiteral("--control-image"), imagePath_,
                               QStringLiteral("--control-module"), QStringLiteral("canny")};
        auto run = [&](const QString& name, const QStringList& extra) {
            const QString out = dir_.filePath(name);
            const CliRun r = runCli(common + QStringList{QStringLiteral("--out"), out} + extra);
            if (r.exitCode != 0) qWarning("%s", r.err.constData());
            return QJsonDocument::fromJson(r.out).object().value(QStringLiteral("files")).toArray().first().toString();
        };
        const QString low = run(QStringLiteral("low"), unit + QStringList{QStringLiteral("--control-hr-option"), QStringLiteral("low")});
        const QString both = run(QStringLiteral("both"), unit);
        QVERIFY(!low.isEmpty() && !both.isEmpty());
        QCOMPARE(QImage(low).size(), QSize(96, 96));
        const GenerationParams pl = GenerationParams::fromInfotext(infotextOf(low));
        QVERIFY2(pl.extra(QStringLiteral("ControlNet 0")).endsWith(QStringLiteral(", Hr Option: Low res only")),
                 qPrintable(infotextOf(low)));
        QVERIFY(GenerationParams::fromInfotext(infotextOf(both)).extra(QStringLiteral("ControlNet 0")).endsWith(QStringLiteral(", Hr Option: Both")));
        QVERIFY(QImage(low) != QImage(both));
        // The infotext restores the option (and the hires fix, the rest of the unit): the same image.
        const QString againOut = dir_.filePath(QStringLiteral("again"));
        const CliRun again = runCli({QStringLiteral("txt2img"), QStringLiteral("--model"), model(), QStringLiteral("--infotext"),
                                     infotextOf(low), QStringLiteral("--models-root"), root_, QStringLiteral("--control-image"),
                                     imagePath_, QStringLiteral("--out"), againOut});
        QVERIFY2(again.exitCode == 0, again.err.constData());
        const QString againPng = QJsonDocument::fromJson(again.out).object().value(QStringLiteral("files")).toArray().first().toString();
        QCOMPARE(QImage(againPng), QImage(low));
        // A bad value: exit 2, one line, nothing written.
        QTemporaryDir bad;
        const CliRun refused = runCli(common + QStringList{QStringLiteral("--out"), bad.path()} + unit +
                                      QStringList{QStringLiteral("--control-hr-option"), QStringLiteral("sometimes")});
        QCOMPARE(refused.exitCode, 2);
        const QString err = QString::fromUtf8(refused.err).trimmed();
        QVERIFY2(err.contains(QStringLiteral("--control-hr-option")) && !err.contains(QLatin1Char('\n')), qPrintable(err));
        QVERIFY(listing(bad.path()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCliControlNetHires)
#include "tst_cli_controlnet_hires.moc"
