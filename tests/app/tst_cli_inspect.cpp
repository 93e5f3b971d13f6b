// `latentstudio-cli inspect` end to end on the golden tiny models, a LoRA and adversarial files:
// one JSON object with format / family / prediction / components / tensors / hashes (A1111 and
// Civitai), exit 0; bad input exits 2 with exactly one line on stderr, nothing on stdout, and no
// file appears anywhere it could write (working folder, the input's folder).
#include "common/cli_runner.h"
#include "common/golden.h"

#include "pipeline/loaders/checkpoint_writer.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace latent::test;

namespace {
void writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(bytes), qint64(bytes.size()));
}

QByteArray le64(quint64 v) {
    QByteArray b(8, '\0');
    for (int i = 0; i < 8; ++i) b[i] = char((v >> (8 * i)) & 0xff);
    return b;
}

// A safetensors file from a JSON header text and a data section (written by hand, so the test
// does not depend on our writer).
QByteArray safetensors(const QByteArray& header, const QByteArray& data) {
    QByteArray h = header;
    while (h.size() % 8) h += ' ';
    return le64(quint64(h.size())) + h + data;
}

QByteArray sha256Hex(const QByteArray& b) {
    return QCryptographicHash::hash(b, QCryptographicHash::Sha256).toHex();
}

QJsonObject parseObject(const QByteArray& out) {
    QJsonParseError e{};
    const QJsonDocument d = QJsonDocument::fromJson(out, &e);
    if (e.error != QJsonParseError::NoError || !d.isObject()) return {};
    return d.object();
}

} // namespace

class TestCliInspect : public QObject {
    Q_OBJECT
    QTemporaryDir cwd_;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(cwd_.isValid());
        QVERIFY2(QFile::exists(kCli), qPrintable(kCli));
    }

    void goldenSd1SingleFile() {
        LATENT_REQUIRE_GOLDEN();
        const QString model = latent::test::goldenDir() + QStringLiteral("/tiny-sd1.safetensors");
        const CliRun r = runCli({QStringLiteral("inspect"), model}, cwd_.path(), 120000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.err.isEmpty());
        const QJsonObject j = parseObject(r.out);
        QVERIFY2(!j.isEmpty(), r.out.left(500).constData());
        QCOMPARE(j.value("format").toString(), QStringLiteral("safetensors"));
        QCOMPARE(j.value("family").toString(), QStringLiteral("sd1"));
        QCOMPARE(j.value("prediction").toString(), QStringLiteral("epsilon"));
        QCOMPARE(j.value("inpainting").toBool(), false);
        QCOMPARE(j.value("tensors").toInt(), 999);
        // golden/README.md: SHA-256 and A1111 model hash of this file.
        QCOMPARE(j.value("sha256").toString(),
                 QStringLiteral("f06e632b51c09b406dfdecdd00c3885bd5dd769456f8224550d8d2aa598fec0e"));
        QCOMPARE(j.value("hash10").toString(), QStringLiteral("f06e632b51"));
        // AutoV1: SHA-256 of the 64 KiB at offset 1 MiB, first 8 hex.
        QFile f(model);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.seek(0x100000));
        QCOMPARE(j.value("autov1").toString(), QString::fromLatin1(sha256Hex(f.read(0x10000)).left(8)));
        QVERIFY(!j.contains("lora_hash"));
        const QJsonObject c = j.value("components").toObject();
        for (const char* k : {"unet", "vae", "text_encoder"}) {
            const QJsonObject comp = c.value(QLatin1String(k)).toObject();
            QVERIFY2(comp.value("parameters").toInteger() > 0, k);
            // float16 weights; the text encoder's position_ids are int64.
            const QJsonObject dtypes = comp.value("dtypes").toObject();
            QCOMPARE(dtypes.value("F16").toInt() + dtypes.value("I64").toInt(), comp.value("tensors").toInt());
            QVERIFY(dtypes.value("I64").toInt() <= 1);
            QVERIFY2(comp.value("config").isObject(), k);
        }
        const QJsonObject unet = c.value("unet").toObject().value("config").toObject();
        QCOMPARE(unet.value("block_out_channels").toArray(), (QJsonArray{32, 64, 128, 128}));
        QCOMPARE(unet.value("cross_attention_dim").toInt(), 32);
        QCOMPARE(unet.value("in_channels").toInt(), 4);
        QCOMPARE(c.value("text_encoder").toObject().value("config").toObject().value("hidden_size").toInt(), 32);
        QCOMPARE(c.value("vae").toObject().value("config").toObject().value("scaling_factor").toDouble(), 0.18215);
        QVERIFY(listing(cwd_.path()).isEmpty());
    }

    void goldenSdxlAndDiffusersFolder() {
        LATENT_REQUIRE_GOLDEN();
        CliRun r =
            runCli({QStringLiteral("inspect"), latent::test::goldenDir() + QStringLiteral("/tiny-sdxl.safetensors")},
                   cwd_.path(), 120000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QJsonObject j = parseObject(r.out);
        QCOMPARE(j.value("family").toString(), QStringLiteral("sdxl"));
        QCOMPARE(j.value("hash10").toString(), QStringLiteral("638105bbd5"));
        QVERIFY(j.value("components").toObject().contains("text_encoder_2"));
        QCOMPARE(j.value("components")
                     .toObject()
                     .value("vae")
                     .toObject()
                     .value("config")
                     .toObject()
                     .value("scaling_factor")
                     .toDouble(),
                 0.13025);

        r = runCli({QStringLiteral("inspect"), latent::test::goldenDir() + QStringLiteral("/tiny-sd1-diffusers")},
                   cwd_.path(), 120000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        j = parseObject(r.out);
        QCOMPARE(j.value("format").toString(), QStringLiteral("diffusers_folder"));
        QCOMPARE(j.value("family").toString(), QStringLiteral("sd1"));
        QVERIFY(j.value("sha256").isNull()); // a folder has no single-file hash
        QVERIFY(j.value("tensors").toInt() > 900);
        QVERIFY(j.value("components").toObject().value("unet").toObject().value("parameters").toInteger() > 0);
        QVERIFY(listing(cwd_.path()).isEmpty());
    }

    void loraHash() {
        QTemporaryDir dir;
        // A kohya-style SD1 LoRA: 3 modules of rank 4, F16 weights and F32 alphas.
        QJsonObject h;
        QByteArray data;
        auto add = [&](const QString& name, const QString& dtype, const QJsonArray& shape, int bytes) {
            const int begin = int(data.size());
            for (int i = 0; i < bytes; ++i) data += char((i * 37 + begin) & 0x7f);
            h.insert(name, QJsonObject{
                               {"dtype", dtype}, {"shape", shape}, {"data_offsets", QJsonArray{begin, begin + bytes}}});
        };
        for (const char* m : {"lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn2_to_k",
                              "lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_q",
                              "lora_te_text_model_encoder_layers_0_self_attn_q_proj"}) {
            const bool k = QByteArray(m).contains("attn2_to_k");
            const int in = k ? 768 : 320;
            add(QString::fromLatin1(m) + ".lora_down.weight", "F16", {4, in}, 4 * in * 2);
            add(QString::fromLatin1(m) + ".lora_up.weight", "F16", {320, 4}, 320 * 4 * 2);
            add(QString::fromLatin1(m) + ".alpha", "F32", {}, 4);
        }
        h.insert("__metadata__", QJsonObject{{"ss_network_module", "networks.lora"}});
        const QString path = dir.filePath("style.safetensors");
        const QByteArray bytes = safetensors(QJsonDocument(h).toJson(QJsonDocument::Compact), data);
        writeFile(path, bytes);
        const CliRun r = runCli({QStringLiteral("inspect"), path}, cwd_.path(), 120000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject j = parseObject(r.out);
        QCOMPARE(j.value("family").toString(), QStringLiteral("lora"));
        QCOMPARE(j.value("base_family").toString(), QStringLiteral("sd1"));
        QCOMPARE(j.value("sha256").toString(), QString::fromLatin1(sha256Hex(bytes)));
        QCOMPARE(j.value("hash10").toString(), QString::fromLatin1(sha256Hex(bytes).left(10)));
        // A1111/kohya addnet hash: SHA-256 of everything after the 8 + N header bytes.
        const qint64 n = qint64(bytes.size() - data.size());
        QCOMPARE(j.value("lora_hash").toString(), QString::fromLatin1(sha256Hex(bytes.mid(n)).left(12)));
        QCOMPARE(j.value("lora_hash").toString().size(), 12);
        QCOMPARE(j.value("tensors").toInt(), 9);
        QCOMPARE(listing(dir.path()), QStringList{"style.safetensors"});
    }

    // SD 2.x single files: the prediction is what A1111 decides (its UNet test), unless a
    // sidecar `name.yaml` says it; --no-probe reports that the test is still needed.
    void sd2PredictionAsA1111Decides() {
        QTemporaryDir dir;
        latent::UNetConfig u = latent::unet_config_sd1();
        u.block_out_channels = {32, 64, 64, 64};
        u.num_attention_heads = {2, 4, 4, 4};
        u.cross_attention_dim = 32;
        u.use_linear_projection = true;
        latent::VaeConfig v;
        v.block_out_channels = {32, 32, 64, 64};
        v.layers_per_block = 1;
        latent::ClipTextConfig t;
        t.hidden_size = 32, t.intermediate_size = 64, t.num_hidden_layers = 2, t.num_attention_heads = 4;
        t.hidden_act = "gelu";
        const QString file = dir.filePath("tiny-sd2.safetensors");
        latent::write_a1111_checkpoint(file.toStdString(),
                                       latent::make_random_modules(latent::ModelFamily::SD2, u, v, t, {}, 11));
        CliRun r = runCli({QStringLiteral("inspect"), file}, cwd_.path(), 120000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QJsonObject j = parseObject(r.out);
        QCOMPARE(j.value("family").toString(), QStringLiteral("sd2"));
        QCOMPARE(j.value("prediction_source").toString(), QStringLiteral("a1111_probe"));
        QVERIFY(!j.contains("prediction_needs_probe"));
        QVERIFY(j.value("prediction").toString() == QLatin1String("epsilon") ||
                j.value("prediction").toString() == QLatin1String("v_prediction"));
        r = runCli({QStringLiteral("inspect"), QStringLiteral("--no-probe"), QStringLiteral("--no-hash"), file},
                   cwd_.path(), 120000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        j = parseObject(r.out);
        QCOMPARE(j.value("prediction_needs_probe").toBool(), true);
        QVERIFY(j.value("sha256").isNull());
        writeFile(dir.filePath("tiny-sd2.yaml"), "model:\n  params:\n    parameterization: \"v\"\n");
        r = runCli({QStringLiteral("inspect"), file}, cwd_.path(), 120000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        j = parseObject(r.out);
        QCOMPARE(j.value("prediction").toString(), QStringLiteral("v_prediction"));
        QCOMPARE(j.value("prediction_source").toString(), QStringLiteral("sidecar"));
        QVERIFY(listing(cwd_.path()).isEmpty());
    }

    void badInputExitsTwoWithOneLine() {
        QTemporaryDir in;
        QVERIFY(in.isValid());
        struct Case {
            const char* name;
            QByteArray bytes;
            const char* expect; // substring of the message (case-insensitive)
        };
        const QByteArray zipCkpt =
            QByteArray("PK\x03\x04", 4) + QByteArray(26, '\0') + "archive/data.pkl" + QByteArray(200, '\0');
        const QByteArray pickle = QByteArray("\x80\x02}q\x00.", 6);
        const QByteArray goodHeader = R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})";
        const QList<Case> cases = {
            {"empty.safetensors", QByteArray(), "empty"},
            {"seven.safetensors", QByteArray(7, 'x'), "short"},
            {"lfs.safetensors", "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a\nsize 2132625894\n",
             "LFS"},
            {"login.safetensors", "<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body></body></html>",
             "web page"},
            {"error.safetensors", R"({"error":"Unauthorized","message":"token required"})", "JSON"},
            {"pickle.safetensors", pickle, "pickle"},
            {"model.ckpt", zipCkpt, "convert"},
            {"huge_n.safetensors", le64(~0ull) + QByteArray(64, ' '), ""},
            {"trailing.safetensors", safetensors(goodHeader, QByteArray(8, '\0') + "PK\x05\x06 appended zip"),
             "extra bytes"},
            {"array.safetensors", safetensors("[1,2,3]", QByteArray()), ""},
            {"dup.safetensors",
             safetensors(
                 R"({"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})",
                 QByteArray(8, '\0')),
             "twice"},
            {"overflow.safetensors",
             safetensors(R"({"w":{"dtype":"F32","shape":[8589934592,8589934592],"data_offsets":[0,16]}})",
                         QByteArray(16, '\0')),
             "overflow"},
        };
        for (const Case& c : cases) writeFile(in.filePath(QLatin1String(c.name)), c.bytes);
        QVERIFY(QDir(in.path()).mkdir("plain-folder"));
        const QStringList before = listing(in.path());
        auto check = [&](const QStringList& args, const char* expect) {
            const CliRun r = runCli(args, cwd_.path(), 120000);
            const QString what = args.join(' ');
            QVERIFY2(r.exitCode == 2, qPrintable(what + " -> exit " + QString::number(r.exitCode) + ": " + r.err));
            QVERIFY2(r.out.isEmpty(), qPrintable(what + " printed to stdout: " + r.out.left(200)));
            const QByteArray err = r.err.trimmed();
            QVERIFY2(!err.isEmpty() && !err.contains('\n'), qPrintable(what + " stderr: " + r.err));
            QVERIFY2(err.startsWith("latentstudio-cli: "), err.constData());
            QVERIFY2(QString::fromUtf8(err).contains(QLatin1String(expect), Qt::CaseInsensitive),
                     qPrintable(what + " message lacks '" + expect + "': " + err));
            QCOMPARE(listing(in.path()), before);
            QVERIFY2(listing(cwd_.path()).isEmpty(), qPrintable(listing(cwd_.path()).join(',')));
        };
        for (const Case& c : cases) check({QStringLiteral("inspect"), in.filePath(QLatin1String(c.name))}, c.expect);
        check({QStringLiteral("inspect"), in.filePath("does-not-exist.safetensors")}, "does not exist");
        check({QStringLiteral("inspect"), in.filePath("plain-folder")}, "");
        check({QStringLiteral("inspect")}, "PATH");
        check({QStringLiteral("inspect"), in.filePath("empty.safetensors"), in.filePath("seven.safetensors")}, "PATH");
    }
};

QTEST_GUILESS_MAIN(TestCliInspect)
#include "tst_cli_inspect.moc"
