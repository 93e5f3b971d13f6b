// The built-in demo model (pipeline/loaders/demo_model.h): written with the real safetensors
// writer in the A1111 single-file layout, loaded by the real loader as SD 1.x without missing or
// unexpected weights, deterministic per seed; its diffusers -> ldm UNet names invert the loader's
// ldm -> diffusers map on a real A1111-layout file (the golden tiny SD1).
#include "common/golden.h"

#include "pipeline/loaders/checkpoint_loader.h"
#include "pipeline/loaders/checkpoint_writer.h"
#include "pipeline/loaders/demo_model.h"
#include "pipeline/loaders/key_map_unet.h"
#include "pipeline/models/unet_config.h"
#include "pipeline/tensors/safetensors.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace latent;

namespace {
QByteArray sha(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex();
}
} // namespace

class TestDemoModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void loadsAsSd1WithEveryWeight() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QString::fromLatin1(kDemoModelFileName));
        write_demo_model(path.toStdString(), 5);
        LoadedCheckpoint ck = load_checkpoint(path.toStdString());
        QCOMPARE(QString::fromStdString(family_name(ck.detection.family)), QStringLiteral("sd1"));
        QVERIFY(!ck.detection.inpainting);
        std::string warnings;
        for (const auto& w : ck.warnings) warnings += w + "\n";
        QVERIFY2(ck.warnings.empty(), warnings.c_str());
        const auto meta = SafetensorsFile::open(path.toStdString()).metadata();
        QVERIFY(meta.at("latent.demo").find("random weights") != std::string::npos);
        // Every tensor is in the A1111 layout.
        const SafetensorsFile file = SafetensorsFile::open(path.toStdString());
        QVERIFY(file.tensors().size() > 900);
        for (const auto& t : file.tensors()) {
            const std::string& n = t.name;
            QVERIFY2(n.rfind("model.diffusion_model.", 0) == 0 || n.rfind("first_stage_model.", 0) == 0 ||
                         n.rfind("cond_stage_model.transformer.", 0) == 0,
                     n.c_str());
        }
    }

    void deterministicPerSeed() {
        QTemporaryDir dir;
        const QString a = dir.filePath("a.safetensors"), b = dir.filePath("b.safetensors"),
                      c = dir.filePath("c.safetensors");
        write_demo_model(a.toStdString(), 11);
        write_demo_model(b.toStdString(), 11);
        write_demo_model(c.toStdString(), 12);
        QCOMPARE(sha(a), sha(b));
        QVERIFY(sha(a) != sha(c));
    }

    void unetNamesInvertTheLoadersMapOnARealFile() {
        LATENT_REQUIRE_GOLDEN();
        const auto file =
            SafetensorsFile::open((test::goldenDir() + QStringLiteral("/tiny-sd1.safetensors")).toStdString());
        const nlohmann::json cfg = nlohmann::json::parse(file.metadata().at("reference.unet_config"));
        const UNetConfig config = unet_config_from_json(cfg);
        std::vector<std::string> ldm;
        for (const auto& t : file.tensors())
            if (t.name.rfind(kLdmUNetPrefix, 0) == 0) ldm.push_back(t.name.substr(std::string(kLdmUNetPrefix).size()));
        const auto forward = unet_ldm_to_diffusers(ldm, config);
        QCOMPARE(forward.size(), ldm.size());
        std::vector<std::string> diffusers;
        for (const auto& [l, d] : forward) diffusers.push_back(d);
        // The writer's diffusers -> ldm names (what the demo model is written with) invert it.
        for (const auto& [l, d] : forward) {
            const auto back = unet_diffusers_to_ldm(d, config);
            QVERIFY2(back.has_value(), d.c_str());
            QCOMPARE(QString::fromStdString(*back), QString::fromStdString(l));
        }
    }
};

QTEST_GUILESS_MAIN(TestDemoModel)
#include "tst_demo_model.moc"
