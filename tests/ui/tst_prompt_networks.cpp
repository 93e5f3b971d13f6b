// The studio's side of networks: the prompt panel completes `<lora:` and embedding names from the
// model folders, counts an embedding's vectors in the token counter, lists the prompt's networks
// with their weights, passes the folders and A1111's VAE choice with the job, and restores an
// infotext's networks by hash (offering Civitai's download for a missing one); the image info
// panel and the queue list what an image used and what was not found.
#include "common/isolated_app_data.h"

#include "app/core/settings.h"
#include "app/jobs/job_queue.h"
#include "app/jobs/job_store.h"
#include "app/library/model_library.h"
#include "app/worker/inference_worker.h"
#include "app/metadata/generation_params.h"
#include "pipeline/tensors/safetensors.h"
#include "ui/docks/image_info_dock.h"
#include "ui/docks/prompt_dock.h"
#include "ui/docks/queue_dock.h"
#include "ui/widgets/prompt_completer.h"

#include <ATen/ATen.h>

#include <QAbstractItemView>
#include <QComboBox>
#include <QCompleter>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace latent;

namespace {
QString addnetHash(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    const QByteArray b = f.readAll();
    quint64 n = 0;
    for (int i = 7; i >= 0; --i) n = (n << 8) | quint8(b.at(i));
    return QString::fromLatin1(QCryptographicHash::hash(b.mid(int(8 + n)), QCryptographicHash::Sha256).toHex()).left(12);
}
} // namespace

class TestPromptNetworks : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    QString root_;

public:
    static void initMain() { latent::test::isolateAppData(); }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        root_ = tmp_.filePath(QStringLiteral("webui"));
        QDir d(root_);
        for (const char* sub : {"models/Stable-diffusion", "models/Lora/sub", "models/VAE", "embeddings"})
            QVERIFY(d.mkpath(QLatin1String(sub)));
        const auto lora = [](const QString& path, double v) {
            const std::string k = "lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_q";
            write_safetensors(path.toStdString(),
                              {{k + ".lora_down.weight", at::full({2, 8}, v)}, {k + ".lora_up.weight", at::ones({8, 2})}});
        };
        lora(d.filePath(QStringLiteral("models/Lora/style.safetensors")), 1);
        lora(d.filePath(QStringLiteral("models/Lora/sub/stylish.safetensors")), 2);
        lora(d.filePath(QStringLiteral("models/Lora/detail.safetensors")), 3);
        write_safetensors(d.filePath(QStringLiteral("embeddings/goodthing.safetensors")).toStdString(),
                          {{"emb_params", at::zeros({5, 768})}});
        write_safetensors(d.filePath(QStringLiteral("models/VAE/myvae.safetensors")).toStdString(),
                          {{"first_stage_model.decoder.conv_in.weight", at::zeros({8, 4, 3, 3})}});
    }

    void completesNamesAndCountsEmbeddings() {
        QSettings backend(tmp_.filePath(QStringLiteral("s1.ini")), QSettings::IniFormat);
        Settings settings(&backend);
        settings.setValue(settings::ModelRoots, QStringList{root_});
        PromptDock dock;
        QSignalSpy embeddings(&dock, &PromptDock::embeddingsUpdated);
        dock.setSettings(&settings);
        dock.show();
        QVERIFY(embeddings.wait(10000) || !dock.embeddingVectors().isEmpty());
        QCOMPARE(dock.embeddingVectors().value(QStringLiteral("goodthing")), 5);

        auto* edit = dock.findChild<QPlainTextEdit*>(QStringLiteral("promptEdit"));
        QVERIFY(edit);
        edit->setFocus();
        // `<lora:sty` lists both LoRAs starting with "sty" (one in a subfolder).
        QTest::keyClicks(edit, QStringLiteral("a photo <lora:sty"));
        PromptCompleter* c = dock.promptCompleter();
        QTRY_VERIFY(c->completer()->popup()->isVisible());
        QCOMPARE(c->completer()->completionModel()->rowCount(), 2);
        QCOMPARE(c->completer()->popup()->model()->index(0, 0).data().toString(), QStringLiteral("style"));
        c->completer()->popup()->setCurrentIndex(c->completer()->completionModel()->index(1, 0));
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(edit->toPlainText(), QStringLiteral("a photo <lora:stylish:1>"));
        QVERIFY(!c->completer()->popup()->isVisible());
        // An embedding by the start of its name.
        QTest::keyClicks(edit, QStringLiteral(" goodt"));
        QTRY_VERIFY(c->completer()->popup()->isVisible());
        QTest::keyClick(edit, Qt::Key_Tab);
        QCOMPARE(edit->toPlainText(), QStringLiteral("a photo <lora:stylish:1> goodthing"));
        // Weights are never completed as names.
        QCOMPARE(PromptCompleter::contextAt(QStringLiteral("<lora:style:0.8"), 15).kind, QString());
        QCOMPARE(PromptCompleter::contextAt(QStringLiteral("x <lyco:de"), 10).prefix, QStringLiteral("de"));

        // The counter counts the embedding's 5 vectors; the networks line shows the weights.
        edit->setPlainText(QStringLiteral("goodthing cat <lora:style:0.8> <lora:nothere:1:0.5>"));
        QTRY_COMPARE(dock.promptTokenText(), QStringLiteral("6/75"));
        QTRY_VERIFY(dock.networksText().contains(QStringLiteral("style ×0.8")));
        QVERIFY(dock.networksText().contains(QStringLiteral("nothere (TE 1, UNet 0.5)")));
        QVERIFY(dock.networksText().contains(QStringLiteral("not in the library: nothere")));
        QVERIFY(dock.networksText().contains(QStringLiteral("goodthing")));

        // The job carries the model roots and A1111's VAE choice.
        QJsonObject p = dock.buildParams();
        QCOMPARE(p.value(QStringLiteral("model_roots")).toArray().at(0).toString(), root_);
        QCOMPARE(p.value(QStringLiteral("override_settings")).toObject().value(QStringLiteral("sd_vae")).toString(),
                 QStringLiteral("Automatic"));
        auto* vae = dock.findChild<QComboBox*>(QStringLiteral("vaeCombo"));
        vae->setCurrentIndex(vae->findData(QStringLiteral("None")));
        p = dock.buildParams();
        QCOMPARE(p.value(QStringLiteral("override_settings")).toObject().value(QStringLiteral("sd_vae")).toString(),
                 QStringLiteral("None"));
        QVERIFY(!p.contains(QStringLiteral("vae_path")));
    }

    void completesFromTheLibrary() {
        // With the library: its LoRAs with the sidecar's preferred weight, and the embeddings of
        // the webui folder (beside models/, where A1111 keeps them and the worker looks).
        ModelLibrary lib(tmp_.filePath(QStringLiteral("library.sqlite")));
        lib.setHashingEnabled(false);
        lib.setRoots({root_});
        lib.reload();
        QVERIFY(lib.waitForIdle());
        const QString detail = QDir(root_).filePath(QStringLiteral("models/Lora/detail.safetensors"));
        QVERIFY(lib.entry(detail));
        SidecarNotes notes = lib.entry(detail)->notes;
        notes.preferredWeight = 0.7;
        QString error;
        QVERIFY2(lib.saveNotes(detail, notes, &error), qPrintable(error));
        PromptDock dock;
        dock.setLibrary(&lib);
        dock.show();
        QTRY_COMPARE_WITH_TIMEOUT(dock.embeddingVectors().value(QStringLiteral("goodthing")), 5, 10000);
        QStringList loras;
        for (const PromptCompleter::Candidate& c : dock.promptCompleter()->candidates())
            if (c.kind == QLatin1String("lora")) loras << c.name;
        loras.sort();
        QCOMPARE(loras, (QStringList{QStringLiteral("detail"), QStringLiteral("style"), QStringLiteral("stylish")}));
        auto* edit = dock.findChild<QPlainTextEdit*>(QStringLiteral("promptEdit"));
        edit->setFocus();
        QTest::keyClicks(edit, QStringLiteral("<lora:det"));
        QTRY_VERIFY(dock.promptCompleter()->completer()->popup()->isVisible());
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(edit->toPlainText(), QStringLiteral("<lora:detail:0.7>"));
        // The negative prompt completes embeddings too.
        QCOMPARE(dock.negativeCompleter()->matches(PromptCompleter::contextAt(QStringLiteral("bad, go"), 7)),
                 QStringList{QStringLiteral("goodthing")});
    }

    void restoresNetworksByHash() {
        QSettings backend(tmp_.filePath(QStringLiteral("s2.ini")), QSettings::IniFormat);
        Settings settings(&backend);
        settings.setValue(settings::ModelRoots, QStringList{root_});
        PromptDock dock;
        dock.setSettings(&settings);
        const QString detailHash = addnetHash(QDir(root_).filePath(QStringLiteral("models/Lora/detail.safetensors")));
        const QString text =
            QStringLiteral("castle <lora:their_detail:0.6> <lora:missing_one:0.7>\nNegative prompt: blurry\n"
                           "Steps: 20, Sampler: Euler, CFG scale: 7, Seed: 1, Size: 512x512, Model: x, VAE: myvae.safetensors, "
                           "Lora hashes: \"their_detail: %1, missing_one: abcdefabcdef\", Version: v1.10.1")
                .arg(detailHash);
        GenerationParams params = GenerationParams::fromInfotext(text);
        // Civitai's list of resources (A1111 keeps such a value quoted in the infotext).
        params.setExtra(QStringLiteral("Civitai resources"),
                        QStringLiteral(R"([{"type":"checkpoint","modelVersionId":1},{"type":"lora","weight":0.6,"modelVersionId":111},)"
                                       R"({"type":"lora","weight":0.7,"modelVersionId":222}])"));
        QVERIFY(GenerationParams::fromInfotext(params.toInfotext()).extra(QStringLiteral("Civitai resources")).contains(
            QStringLiteral("222")));
        dock.applyParameters(params);
        QCOMPARE(dock.prompt(), QStringLiteral("castle <lora:detail:0.6> <lora:missing_one:0.7>"));
        QCOMPARE(dock.missingNetworks(), QStringList{QStringLiteral("missing_one (abcdefabcdef)")});
        QCOMPARE(dock.missingDownloads().size(), 1);
        QCOMPARE(dock.missingDownloads().at(0).second, QStringLiteral("https://civitai.com/api/download/models/222"));
        auto* vae = dock.findChild<QComboBox*>(QStringLiteral("vaeCombo"));
        QCOMPARE(QFileInfo(vae->currentData().toString()).fileName(), QStringLiteral("myvae.safetensors"));
        auto* download = dock.findChild<QPushButton*>(QStringLiteral("downloadMissingButton"));
        QVERIFY(download && !download->isHidden());
        QSignalSpy spy(&dock, &PromptDock::downloadRequested);
        download->click();
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("https://civitai.com/api/download/models/222"));

        // The image info panel lists what the image used and what was not applied.
        ImageInfoDock info;
        info.setImage(QStringLiteral("/x/image.png"),
                      QStringLiteral("castle <lora:detail:0.6> <lora:gone:1>, goodthing\nSteps: 20, Sampler: Euler, Seed: 1, "
                                     "Size: 64x64, Lora hashes: \"detail: %1\", TI hashes: \"goodthing: 0123456789ab\"")
                          .arg(detailHash));
        QCOMPARE(info.networksText(), QStringLiteral("LoRA: detail ×0.6 · not found: gone · embeddings: goodthing"));
    }

    void queueListsJobNetworks() {
        JobStore store;
        QVERIFY2(store.open(tmp_.filePath(QStringLiteral("jobs.sqlite"))), qPrintable(store.errorString()));
        JobQueue queue(&store);
        InferenceController controller(&queue, WorkerOptions{}); // never started: the test plays the worker
        QueueDock dock;
        dock.attach(&queue, &controller);
        const auto row = [&dock](qint64 id) -> QTreeWidgetItem* {
            for (int i = 0; i < dock.jobList()->topLevelItemCount(); ++i)
                if (dock.jobList()->topLevelItem(i)->text(0).startsWith(QStringLiteral("#%1 ").arg(id)))
                    return dock.jobList()->topLevelItem(i);
            return nullptr;
        };
        const QJsonObject params{{QStringLiteral("prompt"), QStringLiteral("castle <lora:detail:0.6> <lora:gone:1:0.5>")},
                                 {QStringLiteral("width"), 64},
                                 {QStringLiteral("height"), 64}};
        const qint64 id = queue.enqueue(QStringLiteral("txt2img"), params).id;
        QVERIFY(id);
        // Waiting: what the prompt asks for (nothing is known to be missing yet).
        QCOMPARE(dock.jobNetworksText(id), QStringLiteral("LoRA: detail ×0.6, gone (TE 1, UNet 0.5)"));
        QVERIFY(row(id) && row(id)->toolTip(0).endsWith(dock.jobNetworksText(id)));
        // Its image's infotext: only "detail" was applied (it alone has a hash).
        QCOMPARE(queue.takeNext()->id, id);
        dock.setJobInfotext(id, QStringLiteral("castle <lora:detail:0.6> <lora:gone:1:0.5>\nSteps: 20, Sampler: Euler, "
                                               "Seed: 1, Size: 64x64, Lora hashes: \"detail: 0123456789ab\""));
        QCOMPARE(dock.jobNetworksText(id), QStringLiteral("LoRA: detail ×0.6 · not found: gone"));
        QVERIFY(row(id)->toolTip(0).endsWith(QStringLiteral("not found: gone")));
        // A job without networks has no such line.
        const qint64 plain = queue.enqueue(QStringLiteral("txt2img"), QJsonObject{{QStringLiteral("prompt"), QStringLiteral("a cat")}}).id;
        QCOMPARE(dock.jobNetworksText(plain), QString());
        QCOMPARE(row(plain)->toolTip(0), QStringLiteral("a cat"));
    }
};

QTEST_MAIN(TestPromptNetworks)
#include "tst_prompt_networks.moc"
