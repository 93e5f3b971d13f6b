// The app side of networks without a model: job parameters to folders and A1111's VAE choice,
// "Lora hashes" / "TI hashes" exactly as A1111 builds them (names without ':' and ',', a LoRA
// named twice listed once, the prompt's embeddings before the negative prompt's), restoring
// tags by hash, the networks an image used, and Civitai download links for missing ones.
#include "app/jobs/network_params.h"
#include "app/library/network_folders.h"
#include "app/library/network_restore.h"
#include "app/metadata/generation_params.h"
#include "app/metadata/network_usage.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace latent;

namespace {
void writeFile(const QString& path, const QByteArray& bytes) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
    f.write(bytes);
}
// A minimal valid safetensors file: header {"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}.
QByteArray safetensors(float value) {
    QByteArray header = R"({"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})";
    while (header.size() % 8) header += ' ';
    QByteArray out;
    quint64 n = quint64(header.size());
    for (int i = 0; i < 8; ++i) out += char((n >> (8 * i)) & 0xff);
    out += header;
    out += QByteArray(reinterpret_cast<const char*>(&value), 4);
    return out;
}
QString sha(const QByteArray& b) { return QString::fromLatin1(QCryptographicHash::hash(b, QCryptographicHash::Sha256).toHex()); }
} // namespace

class TestNetworkParams : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;

private Q_SLOTS:
    void foldersAndVae() {
        const QString webui = tmp_.filePath(QStringLiteral("webui"));
        writeFile(webui + QStringLiteral("/models/Stable-diffusion/m.safetensors"), safetensors(1));
        writeFile(webui + QStringLiteral("/models/Stable-diffusion/m.vae.pt"), "x");
        writeFile(webui + QStringLiteral("/models/Lora/a.safetensors"), safetensors(2));
        writeFile(webui + QStringLiteral("/models/LyCORIS/b.safetensors"), safetensors(3));
        writeFile(webui + QStringLiteral("/models/VAE/sub/v.safetensors"), safetensors(4));
        writeFile(webui + QStringLiteral("/embeddings/e.pt"), "x");
        const NetworkFolders f = networkFoldersOf(webui);
        QCOMPARE(f.loraDirs, (QStringList{webui + QStringLiteral("/models/Lora"), webui + QStringLiteral("/models/LyCORIS")}));
        QCOMPARE(f.embeddingDirs, QStringList{webui + QStringLiteral("/embeddings")});
        QCOMPARE(f.vaeDirs, QStringList{webui + QStringLiteral("/models/VAE")});
        const QString model = webui + QStringLiteral("/models/Stable-diffusion/m.safetensors");
        QCOMPARE(resolveVae(QString(), model, f.vaeDirs).path, webui + QStringLiteral("/models/Stable-diffusion/m.vae.pt"));
        QCOMPARE(resolveVae(QStringLiteral("Automatic"), model, f.vaeDirs).path,
                 webui + QStringLiteral("/models/Stable-diffusion/m.vae.pt"));
        QVERIFY(resolveVae(QStringLiteral("None"), model, f.vaeDirs).path.isEmpty());
        QCOMPARE(resolveVae(QStringLiteral("v.safetensors"), model, f.vaeDirs).path,
                 webui + QStringLiteral("/models/VAE/sub/v.safetensors"));
        QCOMPARE(resolveVae(QStringLiteral("v"), model, f.vaeDirs).path, webui + QStringLiteral("/models/VAE/sub/v.safetensors"));
        QVERIFY(!resolveVae(QStringLiteral("nope"), model, f.vaeDirs).error.isEmpty());

        // A job's parameters.
        GenerationJobSpec spec;
        spec.modelPath = model;
        QJsonObject params{{QStringLiteral("model_roots"), QJsonArray{webui}},
                           {QStringLiteral("override_settings"), QJsonObject{{QStringLiteral("sd_vae"), QStringLiteral("v")}}}};
        QCOMPARE(applyNetworkParams(params, spec), QString());
        QCOMPARE(spec.request.lora_dirs.size(), std::size_t(2));
        QCOMPARE(spec.request.embedding_dirs.at(0), (webui + QStringLiteral("/embeddings")).toStdString());
        QCOMPARE(spec.vaePath, webui + QStringLiteral("/models/VAE/sub/v.safetensors"));
        GenerationJobSpec bad;
        QVERIFY(!applyNetworkParams(QJsonObject{{QStringLiteral("lora_dirs"), QStringLiteral("notalist")}}, bad).isEmpty());
        QVERIFY(!applyNetworkParams(QJsonObject{{QStringLiteral("override_settings"),
                                                 QJsonObject{{QStringLiteral("sd_vae"), QStringLiteral("missing")}}}},
                                    bad)
                     .isEmpty());
    }

    void hashesAsA1111() {
        const QString a = tmp_.filePath(QStringLiteral("h/a.safetensors")), p = tmp_.filePath(QStringLiteral("h/p.pt")),
                      e = tmp_.filePath(QStringLiteral("h/e.bin"));
        const QByteArray aBytes = safetensors(5);
        writeFile(a, aBytes);
        writeFile(p, "pt bytes");
        writeFile(e, "embedding bytes");
        const QString addnet = sha(aBytes.mid(8 + int(aBytes.at(0)))).left(12);
        QCOMPARE(loraShortHash(a), addnet);
        QCOMPARE(loraShortHash(p), sha("pt bytes").left(12));
        QCOMPARE(loraShortHash(a, QStringLiteral("0123456789abcdef0123")), QStringLiteral("0123456789ab"));
        QCOMPARE(embeddingShortHash(e), sha("embedding bytes").left(12));

        GenerationResult r;
        r.networks = {{"my:lora,x", a.toStdString(), 0.5, 0.5, "lora", ""},
                      {"pt", p.toStdString(), 1, 1, "lora", ""},
                      {"my:lora,x", p.toStdString(), 1, 1, "lora", ""}};
        r.embeddings = {{"e", e.toStdString(), 1, 1, "embedding", ""}};
        r.negative_embeddings = {{"e", e.toStdString(), 1, 1, "embedding", ""}};
        GenerationParams params;
        addNetworkHashes(params, r);
        // A Python dict: the repeated name keeps its first place and takes the last hash.
        QCOMPARE(params.loraHashes, QStringLiteral("mylorax: %1, pt: %1").arg(sha("pt bytes").left(12)));
        QCOMPARE(params.tiHashes, QStringLiteral("e: %1, e: %1").arg(sha("embedding bytes").left(12)));
        params.steps = 20;
        params.sampler = QStringLiteral("Euler");
        params.seed = 1;
        QVERIFY(params.toInfotext().contains(QStringLiteral("Lora hashes: \"mylorax: ")));
    }

    void restoreAndUsage() {
        const QString dir = tmp_.filePath(QStringLiteral("r/Lora"));
        const QByteArray one = safetensors(6), two = safetensors(7);
        writeFile(dir + QStringLiteral("/mine.safetensors"), one);
        writeFile(dir + QStringLiteral("/other.safetensors"), two);
        const QString oneHash = sha(one.mid(8 + int(one.at(0)))).left(12);
        const QString twoHash = sha(two.mid(8 + int(two.at(0)))).left(12);
        const RestoredNetworks r = restoreNetworks(
            QStringLiteral("a <lora:theirs:0.5> b <lora:other:1> <lora:gone:0.7> <lyco:mine:1>"), QString(),
            QStringLiteral("theirs: %1, other: %2, gone: 0000aaaa0000").arg(oneHash, twoHash), QStringLiteral("emb: 123456789012"),
            {dir}, {});
        QCOMPARE(r.prompt, QStringLiteral("a <lora:mine:0.5> b <lora:other:1> <lora:gone:0.7> <lyco:mine:1>"));
        QCOMPARE(r.renamed.size(), 1);
        QCOMPARE(r.missingLoras, QStringList{QStringLiteral("gone (0000aaaa0000)")});
        QCOMPARE(r.missingEmbeddings, QStringList{QStringLiteral("emb (123456789012)")});

        GenerationParams p;
        p.prompt = r.prompt;
        p.loraHashes = QStringLiteral("mine: %1, other: %2").arg(oneHash, twoHash);
        p.tiHashes = QStringLiteral("emb: 123456789012");
        const NetworkUsage u = networkUsage(p);
        QCOMPARE(u.notApplied(), QStringList{QStringLiteral("gone")});
        QCOMPARE(u.summary(), QStringLiteral("LoRA: mine ×0.5, other ×1, mine ×1 · not found: gone · embeddings: emb"));
        QCOMPARE(networkUsage(QStringLiteral("x <lora:a:te=0.3:unet=1> <lora:b:0.2:0.4>")).summary(),
                 QStringLiteral("LoRA: a (TE 0.3, UNet 1), b (TE 0.2, UNet 0.4)"));

        // Civitai resources: by weight, else by order.
        p.setExtra(QStringLiteral("Civitai resources"),
                   QStringLiteral(R"([{"type":"lora","weight":0.5,"modelVersionId":1},{"type":"lora","weight":1,"modelVersionId":2},)"
                                  R"({"type":"lora","weight":0.7,"modelVersionId":3},{"type":"lora","weight":1,"modelVersionId":4}])"));
        const auto links = civitaiDownloadsForMissing(p, r);
        QCOMPARE(links.size(), 1);
        QCOMPARE(links.at(0).first, QStringLiteral("gone"));
        QCOMPARE(links.at(0).second, QStringLiteral("https://civitai.com/api/download/models/3"));
    }
};

QTEST_GUILESS_MAIN(TestNetworkParams)
#include "tst_network_params.moc"
