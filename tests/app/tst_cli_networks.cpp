// Networks through `latentstudio-cli`: an A1111 webui folder given with --models-root (LoRAs in
// models/Lora and models/LyCORIS, subfolders, aliases; embeddings in ROOT/embeddings; VAEs in
// models/VAE), the infotext exactly as A1111 writes it ("Lora hashes", "TI hashes", "VAE hash",
// "VAE"; hashes computed here independently from the file bytes), A1111's VAE choice
// (Automatic = MODEL.vae.* beside the checkpoint, None, a name, override_settings.sd_vae),
// restoring an infotext (tags renamed to the local file with the same hash, missing ones
// reported) and `inspect` on LoRA / LyCORIS / .pt / embedding files.
#include "common/cli_runner.h"
#include "common/golden.h"
#include "common/torch_save.h"

#include "app/metadata/generation_params.h"
#include "app/metadata/png_text.h"
#include "pipeline/tensors/safetensors.h"

#include <ATen/ATen.h>

#include <QCryptographicHash>
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

QByteArray fileBytes(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return f.readAll();
}
QString sha256(const QByteArray& b) { return QString::fromLatin1(QCryptographicHash::hash(b, QCryptographicHash::Sha256).toHex()); }
// kohya / A1111 addnet hash: SHA-256 of what follows the 8 + N header bytes.
QString addnet(const QString& path) {
    const QByteArray b = fileBytes(path);
    quint64 n = 0;
    for (int i = 7; i >= 0; --i) n = (n << 8) | quint8(b.at(i));
    return sha256(b.mid(int(8 + n)));
}

at::Tensor rnd(std::vector<int64_t> s) { return at::randn(s) * 0.3; }

} // namespace

class TestCliNetworks : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    QString root_, model_, lora_, hada_, pt_, emb_, vae_, nearVae_;

    CliRun gen(QStringList extra, const QString& prompt, const QString& out) {
        QStringList args{QStringLiteral("txt2img"), QStringLiteral("--model"), model_, QStringLiteral("--models-root"), root_,
                         QStringLiteral("--prompt"), prompt, QStringLiteral("--steps"), QStringLiteral("2"),
                         QStringLiteral("--width"), QStringLiteral("64"), QStringLiteral("--height"), QStringLiteral("64"),
                         QStringLiteral("--seed"), QStringLiteral("7"), QStringLiteral("--rng"), QStringLiteral("cpu"),
                         QStringLiteral("--out"), out};
        return runCli(args + extra);
    }
    static QString infotextOf(const CliRun& r) {
        return QJsonDocument::fromJson(r.out).object().value(QStringLiteral("infotexts")).toArray().at(0).toString();
    }

private Q_SLOTS:
    void initTestCase() {
        LATENT_REQUIRE_GOLDEN();
        QVERIFY(tmp_.isValid());
        // An A1111 webui folder.
        root_ = tmp_.filePath(QStringLiteral("webui"));
        QDir d(root_);
        for (const char* sub : {"models/Stable-diffusion", "models/Lora/styles", "models/LyCORIS", "models/VAE", "embeddings"})
            QVERIFY(d.mkpath(QLatin1String(sub)));
        model_ = d.filePath(QStringLiteral("models/Stable-diffusion/tiny.safetensors"));
        QVERIFY(QFile::copy(goldenDir() + QStringLiteral("/tiny-sd1.safetensors"), model_));
        at::manual_seed(3);
        const std::string q = "lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_q";
        const std::string te = "lora_te_text_model_encoder_layers_0_self_attn_q_proj";
        lora_ = d.filePath(QStringLiteral("models/Lora/styles/style.safetensors"));
        write_safetensors(lora_.toStdString(),
                          {{q + ".lora_down.weight", rnd({4, 32}).to(at::kHalf)}, {q + ".lora_up.weight", rnd({32, 4}).to(at::kHalf)},
                           {q + ".alpha", at::scalar_tensor(4.0)}, {te + ".lora_down.weight", rnd({4, 32}).to(at::kHalf)},
                           {te + ".lora_up.weight", rnd({32, 4}).to(at::kHalf)}},
                          {{"ss_output_name", "stylealias"}, {"ss_base_model_version", "sd_v1"}, {"ss_network_dim", "4"}});
        hada_ = d.filePath(QStringLiteral("models/LyCORIS/hada.safetensors"));
        const std::string k = "lora_unet_down_blocks_0_resnets_0_conv1";
        write_safetensors(hada_.toStdString(), {{k + ".hada_w1_a", rnd({32, 2})}, {k + ".hada_w1_b", rnd({2, 288})},
                                                {k + ".hada_w2_a", rnd({32, 2})}, {k + ".hada_w2_b", rnd({2, 288})},
                                                {k + ".alpha", at::scalar_tensor(1.0)}});
        pt_ = d.filePath(QStringLiteral("models/Lora/oldstyle.pt"));
        torchSave(pt_, {{q + ".lora_down.weight", rnd({4, 32})}, {q + ".lora_up.weight", rnd({32, 4})}});
        emb_ = d.filePath(QStringLiteral("embeddings/goodthing.safetensors"));
        write_safetensors(emb_.toStdString(), {{"emb_params", rnd({2, 32})}});
        // A standalone VAE (the checkpoint's, slightly changed) and one named like the model.
        const SafetensorsFile ck = SafetensorsFile::open(model_.toStdString());
        std::vector<std::pair<std::string, at::Tensor>> vae;
        for (const auto& t : ck.tensors())
            if (t.name.rfind("first_stage_model.", 0) == 0) {
                at::Tensor x = ck.load(t);
                if (t.name.find("decoder.conv_out.bias") != std::string::npos) x = x + 0.3;
                vae.emplace_back(t.name, x);
            }
        vae_ = d.filePath(QStringLiteral("models/VAE/myvae.safetensors"));
        write_safetensors(vae_.toStdString(), vae);
        nearVae_ = d.filePath(QStringLiteral("models/Stable-diffusion/tiny.vae.safetensors"));
        for (auto& [n, t] : vae)
            if (n.find("decoder.conv_out.bias") != std::string::npos) t = t - 0.6;
        write_safetensors(nearVae_.toStdString(), vae);
    }

    // The infotext as A1111 writes it, hashes computed here from the bytes.
    void infotextHashesAsA1111() {
        LATENT_REQUIRE_GOLDEN();
        const QString out = tmp_.filePath(QStringLiteral("out1"));
        const CliRun r = gen({QStringLiteral("--negative"), QStringLiteral("goodthing, blurry"), QStringLiteral("--vae"),
                              QStringLiteral("myvae")},
                             QStringLiteral("astronaut <lora:style:0.8>, goodthing <lyco:hada:0.5:1> <lora:oldstyle>"), out);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject summary = QJsonDocument::fromJson(r.out).object();
        const QJsonArray nets = summary.value(QStringLiteral("networks")).toArray();
        QCOMPARE(nets.size(), 3);
        QCOMPARE(nets.at(0).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("style"));
        QCOMPARE(nets.at(1).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("oldstyle"));
        QCOMPARE(nets.at(2).toObject().value(QStringLiteral("type")).toString(), QStringLiteral("loha"));
        QCOMPARE(nets.at(2).toObject().value(QStringLiteral("te")).toDouble(), 0.5);
        QCOMPARE(nets.at(2).toObject().value(QStringLiteral("unet")).toDouble(), 1.0);
        const QString info = infotextOf(r);
        const QString styleHash = addnet(lora_).left(12), ptHash = sha256(fileBytes(pt_)).left(12),
                      hadaHash = addnet(hada_).left(12), embHash = sha256(fileBytes(emb_)).left(12);
        const QString expectedTail =
            QStringLiteral("Model hash: %1, Model: tiny, VAE hash: %2, VAE: myvae.safetensors, RNG: CPU, "
                           "Lora hashes: \"style: %3, oldstyle: %4, hada: %5\", TI hashes: \"goodthing: %6, goodthing: %6\", Version: ")
                .arg(sha256(fileBytes(model_)).left(10), sha256(fileBytes(vae_)).left(10), styleHash, ptHash, hadaHash, embHash);
        QVERIFY2(info.contains(expectedTail), qPrintable(info + QStringLiteral("\n---\n") + expectedTail));
        // The PNG carries the same text.
        const QString file = summary.value(QStringLiteral("files")).toArray().at(0).toString();
        QCOMPARE(PngText::readFile(file).value(QStringLiteral("parameters")), info);

        // A name that is not found: a warning on stderr, the image is still made.
        const CliRun m = gen({}, QStringLiteral("astronaut <lora:nothere:1>"), tmp_.filePath(QStringLiteral("out2")));
        QVERIFY2(m.exitCode == 0, m.err.constData());
        QVERIFY2(m.err.contains("Lora not found: nothere"), m.err.constData());
        QVERIFY(!infotextOf(m).contains(QStringLiteral("Lora hashes")));
        // The alias (ss_output_name) finds the same file.
        const CliRun a = gen({}, QStringLiteral("astronaut <lora:stylealias:1>"), tmp_.filePath(QStringLiteral("out3")));
        QVERIFY2(a.exitCode == 0, a.err.constData());
        QVERIFY(infotextOf(a).contains(QStringLiteral("Lora hashes: \"stylealias: ") + styleHash));
        // A weight that is not a number: exit 2, the tag quoted.
        const CliRun bad = gen({}, QStringLiteral("astronaut <lora:style:strong>"), tmp_.filePath(QStringLiteral("out4")));
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("<lora:style:strong>"), bad.err.constData());
    }

    // A1111's VAE choice.
    void vaeChoice() {
        LATENT_REQUIRE_GOLDEN();
        auto vaeOf = [&](const QStringList& extra, const char* out) {
            const CliRun r = gen(extra, QStringLiteral("astronaut"), tmp_.filePath(QLatin1String(out)));
            if (r.exitCode != 0) qWarning("%s", r.err.constData());
            return r;
        };
        const CliRun automatic = vaeOf({}, "vae1");
        QVERIFY(infotextOf(automatic).contains(QStringLiteral("VAE: tiny.vae.safetensors")));
        QVERIFY(infotextOf(automatic).contains(QStringLiteral("VAE hash: ") + sha256(fileBytes(nearVae_)).left(10)));
        const CliRun none = vaeOf({QStringLiteral("--vae"), QStringLiteral("None")}, "vae2");
        QVERIFY(!infotextOf(none).contains(QStringLiteral("VAE")));
        const CliRun named = vaeOf({QStringLiteral("--vae"), QStringLiteral("myvae.safetensors")}, "vae3");
        QVERIFY(infotextOf(named).contains(QStringLiteral("VAE: myvae.safetensors")));
        const CliRun missing = vaeOf({QStringLiteral("--vae"), QStringLiteral("nosuchvae")}, "vae4");
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains("nosuchvae"), missing.err.constData());
        // override_settings.sd_vae in a request body.
        const QString request = tmp_.filePath(QStringLiteral("req.json"));
        QFile f(request);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"prompt": "astronaut", "steps": 2, "width": 64, "height": 64, "seed": 7,
                   "override_settings": {"sd_vae": "myvae", "randn_source": "CPU"}})");
        f.close();
        const CliRun viaRequest = runCli({QStringLiteral("txt2img"), QStringLiteral("--model"), model_, QStringLiteral("--models-root"),
                                          root_, QStringLiteral("--request"), request, QStringLiteral("--out"),
                                          tmp_.filePath(QStringLiteral("vae5"))});
        QVERIFY2(viaRequest.exitCode == 0, viaRequest.err.constData());
        QVERIFY(infotextOf(viaRequest).contains(QStringLiteral("VAE: myvae.safetensors")));
        // Three different VAEs, three different images.
        auto firstFile = [](const CliRun& r) {
            return fileBytes(QJsonDocument::fromJson(r.out).object().value(QStringLiteral("files")).toArray().at(0).toString());
        };
        QVERIFY(firstFile(automatic) != firstFile(none));
        QVERIFY(firstFile(named) != firstFile(none));
    }

    // Restoring an infotext from another machine: the LoRA is found by its hash under another
    // name; one that is not here is reported.
    void infotextRestoreFindsByHash() {
        LATENT_REQUIRE_GOLDEN();
        const QString styleHash = addnet(lora_).left(12);
        const QString infotext = QStringLiteral(
                                     "astronaut <lora:renamed_style:0.8> <lora:gone:1>\nNegative prompt: blurry\n"
                                     "Steps: 2, Sampler: Euler, Schedule type: Automatic, CFG scale: 7, Seed: 7, Size: 64x64, "
                                     "Model: tiny, RNG: CPU, Lora hashes: \"renamed_style: %1, gone: 0123456789ab\", "
                                     "Version: v1.10.1")
                                     .arg(styleHash);
        const CliRun r = runCli({QStringLiteral("txt2img"), QStringLiteral("--model"), model_, QStringLiteral("--models-root"),
                                 root_, QStringLiteral("--infotext"), infotext, QStringLiteral("--out"),
                                 tmp_.filePath(QStringLiteral("restore"))});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("\"renamed_style\" is \"stylealias\" here"), r.err.constData());
        QVERIFY2(r.err.contains("Missing Lora: gone (0123456789ab)"), r.err.constData());
        const QJsonArray nets = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("networks")).toArray();
        QCOMPARE(nets.size(), 1);
        QCOMPARE(nets.at(0).toObject().value(QStringLiteral("path")).toString(), lora_);
    }

    // `inspect` on networks and embeddings.
    void inspectNetworks() {
        LATENT_REQUIRE_GOLDEN();
        auto inspect = [&](const QStringList& args) {
            const CliRun r = runCli(QStringList{QStringLiteral("inspect")} + args);
            if (r.exitCode != 0) qWarning("%s", r.err.constData());
            return QJsonDocument::fromJson(r.out).object();
        };
        QJsonObject j = inspect({lora_, QStringLiteral("--model"), model_});
        QCOMPARE(j.value(QStringLiteral("family")).toString(), QStringLiteral("lora"));
        QCOMPARE(j.value(QStringLiteral("kind")).toString(), QStringLiteral("lora"));
        QCOMPARE(j.value(QStringLiteral("base_family")).toString(), QStringLiteral("sd1"));
        QCOMPARE(j.value(QStringLiteral("rank")).toInt(), 4);
        QCOMPARE(j.value(QStringLiteral("alpha")).toDouble(), 4.0);
        QCOMPARE(j.value(QStringLiteral("modules")).toObject().value(QStringLiteral("matched")).toInt(), 2);
        QCOMPARE(j.value(QStringLiteral("modules")).toObject().value(QStringLiteral("text_encoder")).toInt(), 1);
        QCOMPARE(j.value(QStringLiteral("lora_hash")).toString(), addnet(lora_).left(12));
        // Without --model: the real SD 1.5 layers.
        j = inspect({hada_});
        QCOMPARE(j.value(QStringLiteral("kind")).toString(), QStringLiteral("loha"));
        QCOMPARE(j.value(QStringLiteral("modules")).toObject().value(QStringLiteral("matched")).toInt(), 1);
        QCOMPARE(j.value(QStringLiteral("rank")).toInt(), 2);
        // A .pt LoRA through the restricted reader.
        j = inspect({pt_, QStringLiteral("--model"), model_});
        QCOMPARE(j.value(QStringLiteral("format")).toString(), QStringLiteral("pytorch_zip"));
        QCOMPARE(j.value(QStringLiteral("kind")).toString(), QStringLiteral("lora"));
        QCOMPARE(j.value(QStringLiteral("modules")).toObject().value(QStringLiteral("matched")).toInt(), 1);
        // An embedding.
        j = inspect({emb_});
        QCOMPARE(j.value(QStringLiteral("kind")).toString(), QStringLiteral("embedding"));
        QCOMPARE(j.value(QStringLiteral("vectors")).toInt(), 2);
        QCOMPARE(j.value(QStringLiteral("ti_hash")).toString(), sha256(fileBytes(emb_)).left(12));
        // Unmatched tensors are counted.
        const QString odd = tmp_.filePath(QStringLiteral("odd.safetensors"));
        write_safetensors(odd.toStdString(),
                          {{"lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_q.lora_down.weight", rnd({4, 32})},
                           {"lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_q.lora_up.weight", rnd({32, 4})},
                           {"lora_unet_no_such_layer.lora_down.weight", rnd({4, 32})}});
        j = inspect({odd, QStringLiteral("--model"), model_});
        QCOMPARE(j.value(QStringLiteral("modules")).toObject().value(QStringLiteral("unmatched_tensors")).toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(TestCliNetworks)
#include "tst_cli_networks.moc"
