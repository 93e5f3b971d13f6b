// The library's "Upscaler" kind and the upscaler catalogue: models/ESRGAN and models/RealESRGAN
// are scanned (the real scanner, `library scan` JSON) with the architecture read from the header
// or the restricted pickle reader; hostile or unknown files there are listed as unusable with the
// reason; names resolve as A1111 names them (file stem, Real-ESRGAN's labels), from a models
// folder or a webui folder; an unknown name is an error listing the names available.
#include "common/cli_runner.h"
#include "common/isolated_app_data.h"
#include "common/upscaler_fixtures.h"

#include "app/library/model_layout.h"
#include "app/library/upscaler_catalog.h"
#include "pipeline/pipelines/generation.h"
#include "pipeline/upscalers/upscale_request.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace latent;
using namespace latent::test;

class TestUpscalerLibrary : public QObject {
    Q_OBJECT
public:
    static void initMain() { isolateAppData(); }

private:
    QTemporaryDir dir_;
    QString webui_, models_;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        webui_ = dir_.filePath("webui");
        models_ = webui_ + "/models";
        QVERIFY(QDir().mkpath(models_ + "/ESRGAN"));
        QVERIFY(QDir().mkpath(models_ + "/RealESRGAN"));
        QVERIFY(QDir().mkpath(models_ + "/Stable-diffusion"));
        writeUpscalerSafetensors((models_ + "/ESRGAN/4x-Tiny.safetensors").toStdString(),
                                 toRrdbLayout(rrdbWeights(8, 4, 2, 2, 3, 1), "esrgan-2019", 2, 2));
        writeBytes((models_ + "/RealESRGAN/RealESRGAN_x4plus_anime_6B.pth").toStdString(),
                   upscalerPthBytes(rrdbWeights(8, 4, 1, 2, 3, 2), "params_ema"));
        writeBytes((models_ + "/ESRGAN/evil.pth").toStdString(), [] {
            Pk p;
            p.proto().global("os", "system").mark().str("true").tuple().reduce().stop();
            return makeZip({{"archive/data.pkl", p.b}, {"archive/version", "3\n"}});
        }());
        writeBytes((models_ + "/ESRGAN/notes.safetensors").toStdString(), "not a model at all");
    }

    void kindFoldersAndNames() {
        QCOMPARE(modelKindForFolder("ESRGAN"), std::optional<ModelKind>(ModelKind::Upscaler));
        QCOMPARE(modelKindForFolder("RealESRGAN"), std::optional<ModelKind>(ModelKind::Upscaler));
        QCOMPARE(modelKindName(ModelKind::Upscaler), QStringLiteral("upscaler"));
        QCOMPARE(modelKindFromName("upscaler"), std::optional<ModelKind>(ModelKind::Upscaler));
        QCOMPARE(modelKindForFamily("upscaler"), ModelKind::Upscaler);
        QVERIFY(modelKindFolders().contains("ESRGAN"));
        QCOMPARE(UpscalerCatalog::nameForFile("/x/RealESRGAN_x4plus.pth"), QStringLiteral("R-ESRGAN 4x+"));
        QCOMPARE(UpscalerCatalog::nameForFile("/x/realesr-animevideov3.safetensors"),
                 QStringLiteral("R-ESRGAN AnimeVideo"));
        QCOMPARE(UpscalerCatalog::nameForFile("/x/4x-UltraSharp.pth"), QStringLiteral("4x-UltraSharp"));
    }

    void scannerListsUpscalers() {
        const CliRun r = runCli({"library", "scan", webui_, "--no-hash", "--db", dir_.filePath("lib.sqlite")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QHash<QString, QJsonObject> byName;
        for (const QJsonValue& v : QJsonDocument::fromJson(r.out).object().value("entries").toArray())
            byName.insert(v.toObject().value("name").toString(), v.toObject());
        if (byName.isEmpty())
            for (const QJsonValue& v : QJsonDocument::fromJson(r.out).array())
                byName.insert(v.toObject().value("name").toString(), v.toObject());
        QVERIFY2(byName.contains("4x-Tiny"), r.out.constData());
        const QJsonObject tiny = byName.value("4x-Tiny");
        QCOMPARE(tiny.value("kind").toString(), QStringLiteral("upscaler"));
        QCOMPARE(tiny.value("family").toString(), QStringLiteral("upscaler"));
        QCOMPARE(tiny.value("usable").toBool(), true);
        QCOMPARE(tiny.value("layout").toString(), QStringLiteral("esrgan-2019"));
        const QJsonObject anime = byName.value("RealESRGAN_x4plus_anime_6B");
        QCOMPARE(anime.value("kind").toString(), QStringLiteral("upscaler"));
        QCOMPARE(anime.value("usable").toBool(), true); // a .pth read by the restricted reader
        const QJsonObject evil = byName.value("evil");
        QCOMPARE(evil.value("usable").toBool(), false);
        QVERIFY2(evil.value("problem").toString().contains("cannot verify"),
                 qPrintable(evil.value("problem").toString()));
        QCOMPARE(byName.value("notes").value("usable").toBool(), false);
    }

    void catalogueResolvesNames() {
        for (const QString& root : {webui_, models_}) {
            const QStringList names = UpscalerCatalog::names({root}, false);
            QCOMPARE(names.mid(0, 3), (QStringList{"None", "Lanczos", "Nearest"}));
            QVERIFY(names.contains("4x-Tiny"));
            QVERIFY(names.contains("R-ESRGAN 4x+ Anime6B"));
            QVERIFY(!names.contains("Latent"));
            QVERIFY(UpscalerCatalog::names({root}, true).contains("Latent (bicubic antialiased)"));
        }
        QString error;
        auto c = UpscalerCatalog::resolve("r-esrgan 4x+ anime6b", {models_}, false, &error);
        QVERIFY(c);
        QCOMPARE(c->name, QStringLiteral("R-ESRGAN 4x+ Anime6B"));
        QVERIFY(c->path.endsWith("RealESRGAN_x4plus_anime_6B.pth"));
        QVERIFY(!UpscalerCatalog::resolve("Latent", {models_}, false, &error)); // not for Extras
        QVERIFY(!UpscalerCatalog::resolve("SwinIR 4x", {models_}, true, &error));
        QVERIFY2(error.contains("SwinIR 4x") && error.contains("4x-Tiny") && error.contains("Latent (nearest)"),
                 qPrintable(error));

        GenerationRequest r;
        r.hires.enable = true;
        r.hires.upscaler = "4x-tiny";
        QCOMPARE(UpscalerCatalog::resolveHires(r, {models_}), QString());
        QCOMPARE(QString::fromStdString(r.hires.upscaler), QStringLiteral("4x-Tiny"));
        QVERIFY(QString::fromStdString(r.hires.upscaler_path).endsWith("4x-Tiny.safetensors"));
        r.hires.upscaler = "Latent (antialiased)";
        QCOMPARE(UpscalerCatalog::resolveHires(r, {models_}), QString());
        QVERIFY(r.hires.upscaler_path.empty());
        r.hires.checkpoint = "missing";
        QVERIFY(!UpscalerCatalog::resolveHires(r, {models_}).isEmpty());

        UpscaleRequest u;
        u.upscaler = "Lanczos";
        u.upscaler_2 = "4x-Tiny";
        QCOMPARE(UpscalerCatalog::resolveUpscale(u, {webui_}), QString());
        QVERIFY(u.upscaler_path.empty());
        QVERIFY(QString::fromStdString(u.upscaler_2_path).endsWith("4x-Tiny.safetensors"));
    }
};

QTEST_GUILESS_MAIN(TestUpscalerLibrary)
#include "tst_upscaler_library.moc"
