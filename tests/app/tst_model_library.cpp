// The model library on a temporary A1111 tree of tiny real safetensors files plus junk: kinds,
// families, hashes (checked against ModelHashes), sidecars; add / remove / rename picked up by a
// rescan (a rename is not re-hashed); the hash cache survives reopening the database; one file
// arriving; importing (copy, never overwrite); a thousand-file folder (time printed, not
// asserted); `latentstudio-cli library scan` JSON.
#include "common/isolated_app_data.h"
#include "common/model_fixtures.h"

#include "app/library/model_hashes.h"
#include "app/library/model_import.h"
#include "app/library/model_index.h"
#include "app/library/model_library.h"
#include "app/library/model_scanner.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace latent;

namespace {

const QString kCli = QStringLiteral(LATENT_TEST_BIN_DIR "/latentstudio-cli");

QHash<QString, ModelEntry> byName(const QList<ModelEntry>& list) {
    QHash<QString, ModelEntry> out;
    for (const ModelEntry& e : list) out.insert(e.fileName(), e);
    return out;
}

} // namespace

class TestModelLibrary : public QObject {
    Q_OBJECT

public:
    // A fresh data folder per run: nothing left by an earlier run is seen.
    static void initMain() { latent::test::isolateAppData(); }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void layoutFolders() {
        QCOMPARE(modelDestinationFolder(QStringLiteral("/m"), ModelKind::Lora), QStringLiteral("/m/Lora"));
        QCOMPARE(modelDestinationFolder(QStringLiteral("/m"), ModelKind::Checkpoint),
                 QStringLiteral("/m/Stable-diffusion"));
        QCOMPARE(modelDestinationFolder(QStringLiteral("/m"), ModelKind::Vae), QStringLiteral("/m/VAE"));
        QCOMPARE(modelDestinationFolder(QStringLiteral("/m"), ModelKind::Embedding), QStringLiteral("/m/embeddings"));
        QCOMPARE(modelDestinationFolder(QStringLiteral("/m"), ModelKind::ControlNet), QStringLiteral("/m/ControlNet"));
        QVERIFY(modelDestinationFolder(QStringLiteral("/m"), ModelKind::Unknown).isEmpty());
        QVERIFY(modelKindForFolder(QStringLiteral("LyCORIS")) == ModelKind::Lora);
        QVERIFY(modelKindForFolder(QStringLiteral("stable-diffusion")) == ModelKind::Checkpoint);
        QVERIFY(modelKindForFolder(QStringLiteral("ESRGAN")) == ModelKind::Upscaler);
        QVERIFY(modelKindForFolder(QStringLiteral("RealESRGAN")) == ModelKind::Upscaler);
        QCOMPARE(modelDestinationFolder(QStringLiteral("/m"), ModelKind::Upscaler), QStringLiteral("/m/ESRGAN"));
        QVERIFY(!modelKindForFolder(QStringLiteral("GFPGAN")));
        QVERIFY(isModelFileName(QStringLiteral("a.SAFETENSORS")));
        QVERIFY(isModelFileName(QStringLiteral("a.ckpt")));
        QVERIFY(!isModelFileName(QStringLiteral("a.safetensors.part")));
        QVERIFY(!isModelFileName(QStringLiteral(".a.safetensors.import-1234")));
        QVERIFY(!isModelFileName(QStringLiteral("a.png")));
        // A webui folder maps to its models/ folder.
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("webui/models/Stable-diffusion")));
        QCOMPARE(normalizeModelRoot(dir.filePath(QStringLiteral("webui"))),
                 dir.filePath(QStringLiteral("webui/models")));
        QCOMPARE(normalizeModelRoot(dir.filePath(QStringLiteral("webui/models"))),
                 dir.filePath(QStringLiteral("webui/models")));
    }

    void scanFindsKindsFamiliesHashesAndSidecars() {
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("models"));
        test::writeA1111Tree(root);
        ModelLibrary lib(dir.filePath(QStringLiteral("index.sqlite")));
        lib.setRoots({root});
        QSignalSpy finished(&lib, &ModelLibrary::scanFinished);
        QSignalSpy progress(&lib, &ModelLibrary::scanProgress);
        lib.reload();
        QVERIFY(lib.isBusy());
        QVERIFY(lib.waitForIdle(60000));
        QCOMPARE(finished.size(), 1);
        QVERIFY(progress.size() > 0);
        const ScanStats stats = lib.lastStats();
        QVERIFY2(stats.error.isEmpty(), qPrintable(stats.error));

        const auto e = byName(lib.entries());
        QCOMPARE(e.size(), 10); // .part, .txt and the sidecars are not listed
        QVERIFY(!e.contains(QStringLiteral("x.safetensors.part")));

        QCOMPARE(e[QStringLiteral("sd1.safetensors")].kind, ModelKind::Checkpoint);
        QCOMPARE(e[QStringLiteral("sd1.safetensors")].family, QStringLiteral("sd1"));
        QVERIFY(e[QStringLiteral("sd1.safetensors")].usable);
        QVERIFY(!e[QStringLiteral("sd1.safetensors")].inpainting);
        QCOMPARE(e[QStringLiteral("sd1.safetensors")].metadata.value(QStringLiteral("modelspec.title")).toString(),
                 QStringLiteral("Tiny SD1"));
        QCOMPARE(e[QStringLiteral("sdxl.safetensors")].family, QStringLiteral("sdxl"));
        QCOMPARE(e[QStringLiteral("inpaint.safetensors")].family, QStringLiteral("sd1"));
        QVERIFY(e[QStringLiteral("inpaint.safetensors")].inpainting);
        QCOMPARE(e[QStringLiteral("inpaint.safetensors")].kind, ModelKind::Checkpoint);
        QCOMPARE(e[QStringLiteral("mylora.safetensors")].kind, ModelKind::Lora);
        QCOMPARE(e[QStringLiteral("mylora.safetensors")].family, QStringLiteral("lora"));
        QCOMPARE(e[QStringLiteral("mylora.safetensors")].baseFamily, QStringLiteral("sd1"));
        QCOMPARE(
            e[QStringLiteral("mylora.safetensors")].metadata.value(QStringLiteral("ss_base_model_version")).toString(),
            QStringLiteral("sd_v1"));
        QCOMPARE(e[QStringLiteral("mylora.safetensors")].tags.mid(0, 3),
                 (QStringList{QStringLiteral("1girl"), QStringLiteral("red hair"), QStringLiteral("smile")}));
        QCOMPARE(e[QStringLiteral("vae.safetensors")].kind, ModelKind::Vae);
        QCOMPARE(e[QStringLiteral("vae.safetensors")].family, QStringLiteral("vae"));
        QCOMPARE(e[QStringLiteral("myemb.safetensors")].kind, ModelKind::Embedding);
        QCOMPARE(e[QStringLiteral("myemb.safetensors")].family, QStringLiteral("embedding"));

        // Junk is listed with its verdict, in the folder's kind, never silently hidden.
        const ModelEntry lfs = e[QStringLiteral("pointer.safetensors")];
        QCOMPARE(lfs.format, QStringLiteral("git_lfs_pointer"));
        QVERIFY(!lfs.usable);
        QVERIFY(lfs.problem.contains(QStringLiteral("LFS"), Qt::CaseInsensitive));
        QCOMPARE(lfs.kind, ModelKind::Lora);
        QVERIFY(!lfs.hashed());
        const ModelEntry html = e[QStringLiteral("login.safetensors")];
        QCOMPARE(html.format, QStringLiteral("html"));
        QVERIFY(!html.usable);
        QVERIFY(!html.problem.isEmpty());
        const ModelEntry broken = e[QStringLiteral("broken.safetensors")];
        QCOMPARE(broken.format, QStringLiteral("safetensors"));
        QVERIFY(!broken.usable);
        QVERIFY2(!broken.problem.isEmpty(), qPrintable(broken.problem));
        const ModelEntry pickle = e[QStringLiteral("old.ckpt")];
        QCOMPARE(pickle.format, QStringLiteral("pickle"));
        QVERIFY(!pickle.usable);
        QVERIFY(stats.notModels >= 4);

        // Hashes equal the project's hasher (SHA-256, AutoV2, AutoV1, LoRA hash).
        for (const QString name : {QStringLiteral("sd1.safetensors"), QStringLiteral("sdxl.safetensors"),
                                   QStringLiteral("mylora.safetensors"), QStringLiteral("vae.safetensors"),
                                   QStringLiteral("myemb.safetensors"), QStringLiteral("old.ckpt")}) {
            const ModelEntry m = e[name];
            const ModelHashResult ref = ModelHashes::compute(m.path, m.format == QLatin1String("safetensors"));
            QVERIFY(ref.ok);
            QCOMPARE(m.sha256, ref.sha256);
            QCOMPARE(m.autoV2(), ref.autoV2());
            QCOMPARE(m.autoV1, ref.autoV1);
            QCOMPARE(m.addnet, ref.addnet);
        }
        QCOMPARE(e[QStringLiteral("mylora.safetensors")].loraHash(),
                 ModelHashes::addnetHash(e[QStringLiteral("mylora.safetensors")].path).left(12));
        QCOMPARE(e[QStringLiteral("mylora.safetensors")].shortHash().size(), 12);
        QCOMPARE(e[QStringLiteral("sd1.safetensors")].shortHash().size(), 10);
        QVERIFY(lib.findByHash(e[QStringLiteral("sd1.safetensors")].autoV2()).has_value());

        // Sidecars: previews in A1111's names, the A1111 notes file, trigger words, prompt text.
        QCOMPARE(QFileInfo(e[QStringLiteral("sd1.safetensors")].preview).fileName(), QStringLiteral("sd1.preview.png"));
        QCOMPARE(QFileInfo(e[QStringLiteral("sdxl.safetensors")].preview).fileName(), QStringLiteral("sdxl.png"));
        QVERIFY(e[QStringLiteral("vae.safetensors")].preview.isEmpty());
        const ModelEntry lora = e[QStringLiteral("mylora.safetensors")];
        QVERIFY(lora.notes.exists);
        QCOMPARE(lora.notes.activationText, QStringLiteral("red hair"));
        QCOMPARE(lora.notes.preferredWeight, 0.8);
        QCOMPARE(lora.notes.notes, QStringLiteral("keep me"));
        QCOMPARE(lora.triggerWords(), QStringList{QStringLiteral("red hair")});
        QCOMPARE(lora.promptText(), QStringLiteral("<lora:mylora:0.8> red hair"));
        QCOMPARE(e[QStringLiteral("myemb.safetensors")].promptText(), QStringLiteral("myemb"));
        QVERIFY(e[QStringLiteral("sd1.safetensors")].promptText().isEmpty());

        // Notes saved atomically through the library keep unknown keys.
        SidecarNotes n = lora.notes;
        n.notes = QStringLiteral("edited");
        n.preferredWeight = 0.0;
        QVERIFY(lib.saveNotes(lora.path, n));
        QCOMPARE(lib.entry(lora.path)->notes.notes, QStringLiteral("edited"));
        QCOMPARE(lib.entry(lora.path)->promptText(), QStringLiteral("<lora:mylora:1> red hair"));
        QFile json(ModelSidecar::notesPath(lora.path));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonObject saved = QJsonDocument::fromJson(json.readAll()).object();
        QCOMPARE(saved.value(QStringLiteral("notes")).toString(), QStringLiteral("edited"));
        QCOMPARE(saved.value(QStringLiteral("custom key")).toInt(), 42);
        QCOMPARE(saved.value(QStringLiteral("activation text")).toString(), QStringLiteral("red hair"));
    }

    void rescanPicksUpAddedRemovedRenamed() {
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("models"));
        test::writeA1111Tree(root);
        ModelIndex index;
        QVERIFY(index.open(dir.filePath(QStringLiteral("index.sqlite"))));
        ModelScanner scanner(index);
        const ScanStats first = scanner.scan({root});
        QCOMPARE(first.added, 10);
        const ScanStats firstHash = scanner.hashPending({root});
        QCOMPARE(firstHash.hashed, 8); // every file but the LFS pointer and the HTML page

        const QString oldPath = QDir(root).filePath(QStringLiteral("Stable-diffusion/sd1.safetensors"));
        const QString sha = index.entry(oldPath)->sha256;
        const QString newPath = QDir(root).filePath(QStringLiteral("Stable-diffusion/renamed.safetensors"));
        QVERIFY(QFile::rename(oldPath, newPath));
        QVERIFY(QFile::remove(QDir(root).filePath(QStringLiteral("VAE/vae.safetensors"))));
        test::writeModel(QDir(root).filePath(QStringLiteral("Lora/Style/new.safetensors")), test::loraTensors(300));

        const ScanStats second = scanner.scan({root});
        QCOMPARE(second.renamed, 1);
        QCOMPARE(second.removed, 1);
        QCOMPARE(second.added, 1);
        QCOMPARE(second.unchanged, 8);
        QCOMPARE(second.files, 10);
        QVERIFY(!index.entry(oldPath));
        QVERIFY(!index.entry(QDir(root).filePath(QStringLiteral("VAE/vae.safetensors"))));
        const std::optional<ModelEntry> renamed = index.entry(newPath);
        QVERIFY(renamed);
        QCOMPARE(renamed->sha256, sha); // kept without reading the file again
        QCOMPARE(renamed->family, QStringLiteral("sd1"));
        const std::optional<ModelEntry> added =
            index.entry(QDir(root).filePath(QStringLiteral("Lora/Style/new.safetensors")));
        QVERIFY(added);
        QCOMPARE(added->kind, ModelKind::Lora);
        QVERIFY(!added->hashed());
        const ScanStats secondHash = scanner.hashPending({root});
        QCOMPARE(secondHash.hashed, 1); // only the new file; the renamed one was not re-hashed
        QCOMPARE(index.entry(QDir(root).filePath(QStringLiteral("Lora/Style/new.safetensors")))->sha256,
                 ModelHashes::sha256File(QDir(root).filePath(QStringLiteral("Lora/Style/new.safetensors"))));

        // A changed file (new content and mtime) is re-read and re-hashed.
        const QString emb = QDir(root).filePath(QStringLiteral("embeddings/myemb.safetensors"));
        test::writeModel(emb, test::embeddingTensors(999));
        {
            QFile f(emb);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.setFileTime(QDateTime::currentDateTime().addSecs(5), QFileDevice::FileModificationTime));
        }
        const ScanStats third = scanner.scan({root});
        QCOMPARE(third.changed, 1);
        QVERIFY(!index.entry(emb)->hashed());
        QCOMPARE(scanner.hashPending({root}).hashed, 1);
        QCOMPARE(index.entry(emb)->sha256, ModelHashes::sha256File(emb));
    }

    void hashCacheSurvivesReopen() {
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("models"));
        test::writeA1111Tree(root);
        const QString db = dir.filePath(QStringLiteral("index.sqlite"));
        {
            ModelIndex index;
            QVERIFY(index.open(db));
            ModelScanner scanner(index);
            scanner.scan({root});
            QCOMPARE(scanner.hashPending({root}).hashed, 8);
        }
        {
            ModelIndex index;
            QVERIFY(index.open(db));
            ModelScanner scanner(index);
            const ScanStats s = scanner.scan({root});
            QCOMPARE(s.unchanged, 10);
            QCOMPARE(s.added, 0);
            const ScanStats h = scanner.hashPending({root});
            QCOMPARE(h.hashed, 0);
            QCOMPARE(h.hashReused, 0);
            const auto e = byName(scanner.entries({root}));
            QCOMPARE(e[QStringLiteral("sdxl.safetensors")].sha256,
                     ModelHashes::sha256File(e[QStringLiteral("sdxl.safetensors")].path));
        }
        // The same file removed and later copied back (same size, mtime, bytes): cache hit.
        {
            const QString lora = QDir(root).filePath(QStringLiteral("Lora/mylora.safetensors"));
            const QString aside = dir.filePath(QStringLiteral("aside.safetensors"));
            QVERIFY(QFile::rename(lora, aside));
            ModelIndex index;
            QVERIFY(index.open(db));
            ModelScanner scanner(index);
            QCOMPARE(scanner.scan({root}).removed, 1);
            QVERIFY(QFile::rename(aside, lora));
            const ScanStats s = scanner.scan({root});
            QCOMPARE(s.hashReused, 1);
            QVERIFY(index.entry(lora)->hashed());
            QCOMPARE(scanner.hashPending({root}).hashed, 0);
        }
    }

    void fileArrivedIndexesOneFile() {
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("models"));
        test::writeA1111Tree(root);
        ModelLibrary lib(dir.filePath(QStringLiteral("index.sqlite")));
        lib.setRoots({root});
        lib.reload();
        QVERIFY(lib.waitForIdle());
        const qsizetype before = lib.entries().size();
        QSignalSpy changed(&lib, &ModelLibrary::entryChanged);
        const QString dest = lib.destinationFolder(ModelKind::Lora);
        QCOMPARE(dest, QDir(root).filePath(QStringLiteral("Lora")));
        const QString path = QDir(dest).filePath(QStringLiteral("downloaded.safetensors"));
        test::writeModel(path, test::loraTensors(500));
        lib.fileArrived(path);
        QVERIFY(lib.waitForIdle());
        QCOMPARE(lib.entries().size(), before + 1);
        const std::optional<ModelEntry> e = lib.entry(path);
        QVERIFY(e);
        QCOMPARE(e->kind, ModelKind::Lora);
        QCOMPARE(e->sha256, ModelHashes::sha256File(path));
        QVERIFY(changed.size() >= 1);
        // The file goes away: fileArrived on a missing path removes it.
        QSignalSpy removed(&lib, &ModelLibrary::entryRemoved);
        QVERIFY(QFile::remove(path));
        lib.fileArrived(path);
        QVERIFY(lib.waitForIdle());
        QCOMPARE(removed.size(), 1);
        QVERIFY(!lib.entry(path));
        // Outside every root: ignored.
        QTemporaryDir other;
        const QString outside = other.filePath(QStringLiteral("x.safetensors"));
        test::writeModel(outside, test::loraTensors(501));
        lib.fileArrived(outside);
        QVERIFY(lib.waitForIdle());
        QVERIFY(!lib.entry(outside));
    }

    void importCopiesByKindNeverOverwrites() {
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("models"));
        const QString src = dir.filePath(QStringLiteral("downloads/cool.safetensors"));
        test::writeModel(src, test::loraTensors(600));
        test::writePreview(dir.filePath(QStringLiteral("downloads/cool.preview.png")), Qt::green);
        const ModelImportResult a = ModelImport::importFile(src, root, false);
        QVERIFY2(a.ok, qPrintable(a.error));
        QCOMPARE(a.kind, ModelKind::Lora);
        QCOMPARE(a.destination, QDir(root).filePath(QStringLiteral("Lora/cool.safetensors")));
        QVERIFY(QFile::exists(src));
        QVERIFY(QFile::exists(QDir(root).filePath(QStringLiteral("Lora/cool.preview.png"))));
        QCOMPARE(ModelHashes::sha256File(a.destination), ModelHashes::sha256File(src));
        // Same name again: a new name, the first copy untouched.
        test::writeModel(src, test::loraTensors(601));
        const ModelImportResult b = ModelImport::importFile(src, root, true);
        QVERIFY2(b.ok, qPrintable(b.error));
        QCOMPARE(b.destination, QDir(root).filePath(QStringLiteral("Lora/cool_1.safetensors")));
        QVERIFY(!QFile::exists(src)); // moved
        QVERIFY(ModelHashes::sha256File(a.destination) != ModelHashes::sha256File(b.destination));
        // Checkpoints go to Stable-diffusion/; junk is refused with its verdict.
        const QString ckpt = dir.filePath(QStringLiteral("downloads/base.safetensors"));
        test::writeModel(ckpt, test::sdxlTensors(602));
        QCOMPARE(QFileInfo(ModelImport::importFile(ckpt, root, false).destination).dir().dirName(),
                 QStringLiteral("Stable-diffusion"));
        const QString html = dir.filePath(QStringLiteral("downloads/page.safetensors"));
        test::writeBytes(html, "<html><body>Please log in</body></html>");
        const ModelImportResult c = ModelImport::importFile(html, root, false);
        QVERIFY(!c.ok);
        QVERIFY(!c.error.isEmpty());
        QCOMPARE(QDir(root).entryList(QDir::Files).size(), 0);
    }

    void corruptFilesNeverCrashTheScan() {
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("models"));
        const QDir r(root);
        auto le64 = [](quint64 n) {
            QByteArray b(8, '\0');
            for (int i = 0; i < 8; ++i) b[i] = char((n >> (8 * i)) & 0xFF);
            return b;
        };
        QVERIFY(test::writeBytes(r.filePath(QStringLiteral("Stable-diffusion/empty.safetensors")), QByteArray()));
        QVERIFY(test::writeBytes(r.filePath(QStringLiteral("Stable-diffusion/seven.safetensors")), QByteArray(7, 'x')));
        QVERIFY(test::writeBytes(r.filePath(QStringLiteral("Stable-diffusion/huge.safetensors")),
                                 le64(~quint64(0)) + QByteArray("{}")));
        QVERIFY(test::writeBytes(r.filePath(QStringLiteral("Stable-diffusion/claims100mb.safetensors")),
                                 le64(100'000'000) + QByteArray(64, ' ')));
        QVERIFY(test::writeBytes(r.filePath(QStringLiteral("Stable-diffusion/badjson.safetensors")),
                                 le64(6) + QByteArray("{\"a\":[")));
        QVERIFY(test::writeBytes(r.filePath(QStringLiteral("Stable-diffusion/polyglot.safetensors")),
                                 le64(2) + QByteArray("{}PK\x03\x04trailing")));
        QVERIFY(QDir().mkpath(r.filePath(QStringLiteral("Lora/folder.safetensors")))); // a folder with a model name
        ModelIndex index;
        QVERIFY(index.open(dir.filePath(QStringLiteral("index.sqlite"))));
        ModelScanner scanner(index);
        const ScanStats s = scanner.scan({root});
        QCOMPARE(s.added, 6);
        QCOMPARE(s.notModels, 6);
        scanner.hashPending({root});
        for (const ModelEntry& e : scanner.entries({root})) {
            QVERIFY2(!e.usable, qPrintable(e.fileName()));
            QVERIFY2(!e.problem.isEmpty(), qPrintable(e.fileName()));
            QCOMPARE(e.kind, ModelKind::Checkpoint);
        }
    }

    void thousandFileFolder() {
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("models"));
        QVERIFY(QDir().mkpath(QDir(root).filePath(QStringLiteral("embeddings"))));
        // Header from the project's writer, data written directly (no fsync per file).
        at::manual_seed(7);
        const at::Tensor t = at::randn({2, 768}, at::kFloat).to(at::kHalf);
        const std::string header = build_safetensors_header({{"emb_params", t}}, {});
        QByteArray data(reinterpret_cast<const char*>(t.data_ptr()), qsizetype(t.numel() * 2));
        QByteArray prefix(8, '\0');
        quint64 n = header.size();
        for (int i = 0; i < 8; ++i) prefix[i] = char((n >> (8 * i)) & 0xFF);
        prefix += QByteArray::fromStdString(header);
        for (int i = 0; i < 1000; ++i) {
            data[0] = char(i & 0xFF);
            data[1] = char(i >> 8);
            QVERIFY(test::writeBytes(
                QDir(root).filePath(QStringLiteral("embeddings/emb%1.safetensors").arg(i, 4, 10, QLatin1Char('0'))),
                prefix + data));
        }
        ModelIndex index;
        QVERIFY(index.open(dir.filePath(QStringLiteral("index.sqlite"))));
        ModelScanner scanner(index);
        QElapsedTimer timer;
        timer.start();
        const ScanStats s = scanner.scan({root});
        const qint64 scanMs = timer.elapsed();
        QCOMPARE(s.added, 1000);
        QCOMPARE(s.notModels, 0);
        timer.restart();
        const ScanStats h = scanner.hashPending({root});
        const qint64 hashMs = timer.elapsed();
        QCOMPARE(h.hashed, 1000);
        timer.restart();
        const ScanStats again = scanner.scan({root});
        const qint64 rescanMs = timer.elapsed();
        QCOMPARE(again.unchanged, 1000);
        qInfo("library: 1000-file folder: first scan %lld ms, hashing %lld ms, unchanged rescan %lld ms", scanMs,
              hashMs, rescanMs);
        const auto e = byName(scanner.entries({root}));
        QCOMPARE(e.size(), 1000);
        QCOMPARE(e[QStringLiteral("emb0999.safetensors")].family, QStringLiteral("embedding"));
    }

    void cliLibraryScanJson() {
        if (!QFileInfo::exists(kCli)) QSKIP("latentstudio-cli not built");
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("models"));
        test::writeA1111Tree(root);
        QProcess p;
        p.start(kCli, {QStringLiteral("library"), QStringLiteral("scan"), root, QStringLiteral("--db"),
                       dir.filePath(QStringLiteral("cli.sqlite"))});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QJsonParseError pe{};
        const QJsonDocument doc = QJsonDocument::fromJson(p.readAllStandardOutput(), &pe);
        QCOMPARE(pe.error, QJsonParseError::NoError);
        QVERIFY(doc.isArray());
        const QJsonArray arr = doc.array();
        QCOMPARE(arr.size(), 10);
        QHash<QString, QJsonObject> e;
        for (const QJsonValue& v : arr)
            e.insert(QFileInfo(v[QStringLiteral("path")].toString()).fileName(), v.toObject());
        const QJsonObject sd1 = e[QStringLiteral("sd1.safetensors")];
        QCOMPARE(sd1[QStringLiteral("kind")].toString(), QStringLiteral("checkpoint"));
        QCOMPARE(sd1[QStringLiteral("family")].toString(), QStringLiteral("sd1"));
        QCOMPARE(sd1[QStringLiteral("size")].toInteger(), QFileInfo(sd1[QStringLiteral("path")].toString()).size());
        const QString sha = ModelHashes::sha256File(sd1[QStringLiteral("path")].toString());
        QCOMPARE(sd1[QStringLiteral("hashes")][QStringLiteral("sha256")].toString(), sha);
        QCOMPARE(sd1[QStringLiteral("hashes")][QStringLiteral("autov2")].toString(), sha.left(10));
        QVERIFY(sd1[QStringLiteral("preview")].toString().endsWith(QStringLiteral("sd1.preview.png")));
        QCOMPARE(sd1[QStringLiteral("metadata")][QStringLiteral("modelspec.title")].toString(),
                 QStringLiteral("Tiny SD1"));
        const QJsonObject lora = e[QStringLiteral("mylora.safetensors")];
        QCOMPARE(lora[QStringLiteral("kind")].toString(), QStringLiteral("lora"));
        QCOMPARE(lora[QStringLiteral("hashes")][QStringLiteral("lora")].toString().size(), 12);
        QCOMPARE(lora[QStringLiteral("trigger_words")].toArray().at(0).toString(), QStringLiteral("red hair"));
        QCOMPARE(e[QStringLiteral("pointer.safetensors")][QStringLiteral("format")].toString(),
                 QStringLiteral("git_lfs_pointer"));
        QCOMPARE(e[QStringLiteral("pointer.safetensors")][QStringLiteral("usable")].toBool(), false);

        // --no-hash: no hashes for a fresh index.
        QProcess q;
        q.start(kCli, {QStringLiteral("library"), QStringLiteral("scan"), root, QStringLiteral("--no-hash"),
                       QStringLiteral("--db"), dir.filePath(QStringLiteral("fresh.sqlite"))});
        QVERIFY(q.waitForFinished(120000));
        QCOMPARE(q.exitCode(), 0);
        for (const QJsonValue& v : QJsonDocument::fromJson(q.readAllStandardOutput()).array())
            QVERIFY(v[QStringLiteral("hashes")].toObject().isEmpty());

        // Missing root: exit 2, one clear line.
        QProcess m;
        m.start(kCli, {QStringLiteral("library"), QStringLiteral("scan"), dir.filePath(QStringLiteral("nope")),
                       QStringLiteral("--db"), dir.filePath(QStringLiteral("x.sqlite"))});
        QVERIFY(m.waitForFinished(60000));
        QCOMPARE(m.exitCode(), 2);
        const QByteArray err = m.readAllStandardError().trimmed();
        QVERIFY(err.contains("does not exist"));
        QCOMPARE(err.count('\n'), 0);
        QVERIFY(m.readAllStandardOutput().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestModelLibrary)
#include "tst_model_library.moc"
