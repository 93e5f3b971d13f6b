// VAE override on a loaded model: a standalone VAE (A1111 single-file layout) replaces only the
// VAE (the UNet and text encoders stay loaded), going back to the checkpoint's own VAE gives the
// original image bit for bit, and a broken VAE file leaves the current one in place.
#include "common/golden.h"
#include "pipeline/core/error.h"
#include "pipeline/engine.h"
#include "pipeline/tensors/safetensors.h"

#include <ATen/ATen.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace latent;

class TestVaeOverride : public QObject {
    Q_OBJECT

private slots:
    void swapsOnlyTheVae() {
        LATENT_REQUIRE_GOLDEN();
        QTemporaryDir tmp;
        const std::string model = QDir(test::goldenDir()).filePath("tiny-sd1.safetensors").toStdString();
        const SafetensorsFile ck = SafetensorsFile::open(model);
        std::vector<std::pair<std::string, at::Tensor>> vae;
        for (const auto& t : ck.tensors())
            if (t.name.rfind("first_stage_model.", 0) == 0) {
                at::Tensor x = ck.load(t);
                if (t.name.find("decoder.conv_out.bias") != std::string::npos) x = x + 0.25;
                vae.emplace_back(t.name, x);
            }
        const std::string vaePath = QDir(tmp.path()).filePath("other.vae.safetensors").toStdString();
        write_safetensors(vaePath, vae);
        const std::string broken = QDir(tmp.path()).filePath("broken.safetensors").toStdString();
        {
            QFile f(QString::fromStdString(broken));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("<html>not a vae</html>");
        }
        GenerationRequest r;
        r.prompt = "a lighthouse";
        r.steps = 2;
        r.width = r.height = 64;
        r.seed = 3;
        r.rng = "cpu";
        Engine engine("cpu");
        const ModelLoadResult first = engine.load_model(model);
        QVERIFY(!first.cached);
        const auto own = engine.txt2img(r).images.at(0).rgb;
        const ModelLoadResult swapped = engine.load_model(model, vaePath);
        QVERIFY(swapped.cached);
        QVERIFY(swapped.vae_swapped);
        QCOMPARE(swapped.vae_path, vaePath);
        const auto other = engine.txt2img(r).images.at(0).rgb;
        QVERIFY(own != other);
        // Same model and VAE again: nothing is loaded.
        const ModelLoadResult again = engine.load_model(model, vaePath);
        QVERIFY(again.cached && !again.vae_swapped);
        // A broken VAE file: an error, and the loaded VAE stays.
        bool threw = false;
        try {
            engine.load_model(model, broken);
        } catch (const PipelineError&) {
            threw = true;
        }
        QVERIFY(threw);
        QCOMPARE(engine.txt2img(r).images.at(0).rgb, other);
        // Back to the checkpoint's own VAE: the first image, bit for bit.
        const ModelLoadResult back = engine.load_model(model);
        QVERIFY(back.vae_swapped);
        QCOMPARE(engine.txt2img(r).images.at(0).rgb, own);
    }
};

QTEST_GUILESS_MAIN(TestVaeOverride)
#include "tst_vae_override.moc"
