// Disk full, for real (issue 20 item 3; SAFETY.md §2 items 28 and 40): a small tmpfs is mounted
// as the output folder, the models folder and the app-data folder in turn and filled up. No
// write seams: the kernel says ENOSPC.
//   output folder  -> the image goes to the recovery folder, the user is told, nothing is left
//                     behind; when the recovery folder is full too the job fails with a message
//   models folder  -> a download refuses to start without room, stops with the .part kept (a
//                     correct prefix) and a clear message when the disk fills up under it, and
//                     never installs a short file; it resumes and verifies once there is room
//   app-data folder -> the queue, the gallery index, the settings file and the download list are
//                     never truncated or damaged: writes fail with a message, the old contents
//                     stay readable, and everything works again once there is room
// Mounting needs root (CI runs as root): elsewhere every test is skipped, saying why. The
// mounts live in a private mount namespace of this test process when the kernel allows it, so
// nothing stays mounted if the test dies.
#include "app/downloads/download_manager.h"
#include "app/downloads/file_download.h"
#include "app/gallery/gallery_store.h"
#include "app/jobs/job_queue.h"
#include "app/jobs/job_store.h"
#include "app/metadata/png_text.h"
#include "app/storage/atomic_file.h"
#include "app/storage/image_writer.h"
#include "app/worker/inference_worker.h"
#include "app/worker/studio_session.h"

#include "common/fake_hub_server.h"
#include "common/isolated_app_data.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStorageInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

using namespace latent;
using namespace latent::test;

namespace {

QString g_namespaceNote; // how mounts are isolated (or why they are not)

// A tmpfs of `bytes` mounted on a fresh folder; unmounted when destroyed.
class Tmpfs {
public:
    explicit Tmpfs(qint64 bytes) {
        if (::geteuid() != 0) {
            why_ = QStringLiteral("mounting a tmpfs needs root (this is uid %1; CI runs the tests as root)")
                       .arg(::geteuid());
            return;
        }
        if (!dir_.isValid()) {
            why_ = QStringLiteral("no temporary folder");
            return;
        }
        const QByteArray path = QFile::encodeName(dir_.path());
        const QByteArray options = "size=" + QByteArray::number(bytes) + ",mode=0700";
        if (::mount("tmpfs", path.constData(), "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, options.constData()) != 0) {
            why_ = QStringLiteral("mount(2) of a tmpfs was refused: %1 (a container without CAP_SYS_ADMIN?)")
                       .arg(QString::fromLocal8Bit(std::strerror(errno)));
            return;
        }
        mounted_ = true;
    }
    ~Tmpfs() {
        if (mounted_) ::umount2(QFile::encodeName(dir_.path()).constData(), MNT_DETACH);
    }
    bool ok() const { return mounted_; }
    QString why() const { return why_; }
    QString path() const { return dir_.path(); }
    QString filePath(const QString& name) const { return dir_.filePath(name); }

    // Writes a filler file until the kernel says ENOSPC; then frees `leave` bytes again.
    // Returns the filler's size.
    qint64 fill(qint64 leave = 0, const QString& name = QStringLiteral(".filler")) {
        const QByteArray path = QFile::encodeName(filePath(name));
        const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
        if (fd < 0) return -1;
        const QByteArray block(4096, 'f');
        qint64 total = 0;
        for (;;) {
            const ssize_t n = ::write(fd, block.constData(), size_t(block.size()));
            if (n <= 0) break;
            total += n;
        }
        if (leave > 0) {
            total = qMax<qint64>(0, total - leave);
            if (::ftruncate(fd, total) != 0) total = -1;
        }
        ::close(fd);
        fillers_ << filePath(name);
        return total;
    }
    void unfill() {
        for (const QString& f : std::as_const(fillers_)) QFile::remove(f);
        fillers_.clear();
    }

private:
    QTemporaryDir dir_{QDir::tempPath() + QStringLiteral("/latent-full-XXXXXX")};
    bool mounted_ = false;
    QString why_;
    QStringList fillers_;
};

#define REQUIRE_MOUNT(fs)                                                                                              \
    do {                                                                                                               \
        if (!(fs).ok()) QSKIP(qPrintable(QStringLiteral("disk-full tests skipped: ") + (fs).why()));                   \
    } while (0)

QByteArray readFile(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList entries(const QString& dir) {
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

QJsonObject demoJob(const QString& model, int steps = 2) {
    return QJsonObject{{QStringLiteral("prompt"), QStringLiteral("a lighthouse")},
                       {QStringLiteral("steps"), steps},
                       {QStringLiteral("width"), 64},
                       {QStringLiteral("height"), 64},
                       {QStringLiteral("seed"), 11},
                       {QStringLiteral("sampler_name"), QStringLiteral("Euler")},
                       {QStringLiteral("model_path"), model}};
}

bool waitFinal(JobQueue& q, qint64 id, int ms = 120000) {
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms) {
        const auto j = q.job(id);
        if (j && isFinalState(j->state)) return true;
        QTest::qWait(20);
    }
    return false;
}

ImagePixels noise(int w, int h, quint32 seed) {
    ImagePixels p;
    p.width = w;
    p.height = h;
    p.channels = 3;
    p.data.resize(w * h * 3);
    QRandomGenerator rng(seed);
    for (char& c : p.data) c = char(rng.generate() & 0xff); // incompressible: the PNG is ~w*h*3 bytes
    return p;
}

QString integrity(const QString& path) {
    const QString name = QUuid::createUuid().toString();
    QString result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next()) result = q.value(0).toString();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

} // namespace

class TestDiskFull : public QObject {
    Q_OBJECT
public:
    static void initMain() {
        latent::test::isolateAppData();
        // A private mount namespace (before any thread exists): the tmpfs mounts are this
        // process's alone and vanish with it.
        if (::geteuid() == 0 && ::unshare(CLONE_NEWNS) == 0 &&
            ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0)
            g_namespaceNote = QStringLiteral("private mount namespace");
        else
            g_namespaceNote = QStringLiteral("shared mount namespace (mounts are removed at the end of each test)");
    }

private:
    QString demo_;
    QNetworkAccessManager nam_;

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        qInfo("mounts: %s", qPrintable(g_namespaceNote));
        demo_ = StudioSession::demoModelPath();
    }

    // --- the output folder -------------------------------------------------------------------

    void fullOutputFolderSendsTheImageToRecovery() {
        Tmpfs out(1 << 20);
        REQUIRE_MOUNT(out);
        QVERIFY2(!demo_.isEmpty(), "the demo model was not generated by the build (tools/)");
        const qint64 filler = out.fill();
        QVERIFY(filler > 0);
        QDir(ImageWriter::recoveryDirectory()).removeRecursively();

        JobQueue q(nullptr);
        WorkerOptions options;
        options.outputDir = out.path();
        InferenceController c(&q, options);
        QSignalSpy recovered(&c, &InferenceController::imagesRecovered);
        QSignalSpy saved(&c, &InferenceController::imagesSaved);
        c.start();
        const qint64 id = q.enqueue(QStringLiteral("txt2img"), demoJob(demo_)).id;
        QVERIFY(waitFinal(q, id));
        const Job job = *q.job(id);
        QCOMPARE(job.state, JobState::Done);
        QCOMPARE(job.results.size(), 1);
        const QString path = job.results.constFirst();
        QVERIFY2(path.startsWith(ImageWriter::recoveryDirectory() + QLatin1Char('/')), qPrintable(path));
        // A complete PNG with its parameters.
        const PngTextReadResult png = PngText::readFile(path);
        QVERIFY(png.ok);
        QCOMPARE(png.width, 64);
        QVERIFY(png.value(QStringLiteral("parameters")).contains(QStringLiteral("Steps: 2")));
        QVERIFY(!QImage(path).isNull());
        // The user is told where it went and why.
        QTRY_COMPARE(recovered.size(), 1);
        const QString note = recovered.at(0).at(1).toStringList().join(QLatin1Char('\n'));
        QVERIFY2(note.contains(path) && note.contains(QStringLiteral("recovery folder")), qPrintable(note));
        QVERIFY2(note.contains(QStringLiteral("disk full")), qPrintable(note));
        QCOMPARE(saved.size(), 1);
        // Nothing half-written in the full folder: only the filler, at its size.
        QCOMPARE(entries(out.path()), QStringList{QStringLiteral(".filler")});
        QCOMPARE(QFileInfo(out.filePath(QStringLiteral(".filler"))).size(), filler);

        // Room again: the next image goes to the output folder.
        out.unfill();
        const qint64 next = q.enqueue(QStringLiteral("txt2img"), demoJob(demo_)).id;
        QVERIFY(waitFinal(q, next));
        QCOMPARE(q.job(next)->state, JobState::Done);
        QVERIFY(q.job(next)->results.constFirst().startsWith(out.path() + QLatin1Char('/')));
        QCOMPARE(recovered.size(), 1);
    }

    void fullOutputAndRecoveryFoldersFailTheSaveCleanly() {
        Tmpfs out(256 << 10), rescue(256 << 10);
        REQUIRE_MOUNT(out);
        REQUIRE_MOUNT(rescue);
        out.fill();
        rescue.fill();
        ImageWriter writer(rescue.path());
        ImageSaveRequest r;
        r.image = noise(96, 96, 5);
        r.infotext = QStringLiteral("noise\nSteps: 1, Sampler: Euler, Seed: 5, Size: 96x96");
        r.outputDir = out.path();
        const ImageSaveResult result = writer.save(r);
        QVERIFY(!result.ok);
        QVERIFY2(result.error.contains(QStringLiteral("disk full")), qPrintable(result.error));
        QVERIFY(result.error.contains(QStringLiteral("recovery folder failed too")));
        QCOMPARE(entries(out.path()), QStringList{QStringLiteral(".filler")});
        QCOMPARE(entries(rescue.path()), QStringList{QStringLiteral(".filler")});
        // With room in the recovery folder only, it is saved there.
        rescue.unfill();
        const ImageSaveResult second = writer.save(r);
        QVERIFY(second.ok && second.recovered);
        QCOMPARE(PngText::readFile(second.path).value(QStringLiteral("parameters")), r.infotext);
    }

    // Every whole-file write of the app goes through writeFileAtomically (the download list,
    // sidecar notes, a download's resume data, canvas inputs, reports). Qt 6.4's QSaveFile alone
    // replaced a file by an empty one when its buffered tail met a full disk.
    void fullDiskNeverReplacesAFileByAShortOne() {
        Tmpfs fs(64 << 10);
        REQUIRE_MOUNT(fs);
        const QString path = fs.filePath(QStringLiteral("notes.json"));
        QVERIFY(writeFileAtomically(path, QByteArray("{\"notes\": \"old\"}\n")));
        fs.fill();
        QString error;
        QVERIFY(!writeFileAtomically(path, QByteArray(1400, 'x'), &error));
        QVERIFY2(error.contains(QStringLiteral("space"), Qt::CaseInsensitive), qPrintable(error));
        QCOMPARE(readFile(path), QByteArray("{\"notes\": \"old\"}\n"));
        QCOMPARE(entries(fs.path()), (QStringList{QStringLiteral(".filler"), QStringLiteral("notes.json")}));
        fs.unfill();
        QVERIFY(writeFileAtomically(path, QByteArray(1400, 'x')));
        QCOMPARE(readFile(path), QByteArray(1400, 'x'));
    }

    // --- the models folder -------------------------------------------------------------------

    void downloadWithoutRoomDoesNotStart() {
        Tmpfs models(512 << 10);
        REQUIRE_MOUNT(models);
        const QByteArray data = fakeSafetensors(2 << 20, 3);
        FakeHubServer server;
        QVERIFY(server.isListening());
        server.route("/big.safetensors", [&](const HttpRequest& req) { return serveFile(req, data); });
        FileTask task;
        task.spec.url = server.url(QStringLiteral("/big.safetensors"));
        task.spec.size = data.size();
        task.spec.sha256 = sha256Hex(data);
        task.spec.isWeights = true;
        task.partPath = models.filePath(QStringLiteral("big.safetensors.part"));
        task.finalPath = models.filePath(QStringLiteral("big.safetensors"));
        FileDownload fd(&nam_, SiteConfig{}, task);
        QSignalSpy finished(&fd, &FileDownload::finished);
        fd.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        QCOMPARE(fd.error(), DownloadError::DiskFull);
        QVERIFY2(fd.errorString().contains(QStringLiteral("Not enough free space")), qPrintable(fd.errorString()));
        QCOMPARE(server.hits("/big.safetensors"), 0); // nothing was even asked for
        QVERIFY(!QFile::exists(task.finalPath));
        QVERIFY(QFileInfo(task.partPath).size() == 0);
    }

    // The disk fills up (another program) while the download runs: it stops with a clear message
    // and a .part that is exactly a prefix of the file; it never installs a short file; after
    // room is made it resumes and the installed file is verified. Chunks are small, and the disk
    // fills when only the last ones are missing, so a write that the file's buffer accepted but
    // the disk could not take is caught too.
    void diskFillingUpDuringADownloadKeepsTheParts() {
        QFETCH(int, fillWhenLeft);
        Tmpfs models(1 << 20);
        REQUIRE_MOUNT(models);
        const QByteArray data = fakeSafetensors(300000, 7);
        FakeHubServer server;
        QVERIFY(server.isListening());
        server.route("/m.safetensors", [&](const HttpRequest& req) {
            HttpReply r = serveFile(req, data, FileOptions{"\"etag-7\""});
            r.chunkDelayMs = 5;
            r.chunkSize = 5000;
            return r;
        });
        FileTask task;
        task.spec.url = server.url(QStringLiteral("/m.safetensors"));
        task.spec.size = data.size();
        task.spec.sha256 = sha256Hex(data);
        task.spec.isWeights = true;
        task.partPath = models.filePath(QStringLiteral("m.safetensors.part"));
        task.finalPath = models.filePath(QStringLiteral("m.safetensors"));
        {
            FileDownload fd(&nam_, SiteConfig{}, task);
            fd.setMaxRetries(0);
            bool filled = false;
            connect(&fd, &FileDownload::progress, this, [&](qint64 received, qint64) {
                if (!filled && received >= data.size() - fillWhenLeft) {
                    filled = true;
                    models.fill();
                }
            });
            QSignalSpy finished(&fd, &FileDownload::finished);
            fd.start();
            QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
            QVERIFY(filled);
            QCOMPARE(fd.error(), DownloadError::DiskFull);
            QVERIFY2(fd.errorString().contains(QStringLiteral("disk is full")) ||
                         fd.errorString().contains(QStringLiteral("free space")),
                     qPrintable(fd.errorString()));
            QVERIFY2(!QFile::exists(task.finalPath), "a short file was installed");
            const QByteArray part = readFile(task.partPath);
            QVERIFY(part.size() < data.size());
            QVERIFY2(data.startsWith(part), "the .part is not a prefix of the file");
        }
        // Room again: resume from the .part, verify, install.
        models.unfill();
        FileDownload again(&nam_, SiteConfig{}, task);
        QSignalSpy finished(&again, &FileDownload::finished);
        again.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        QCOMPARE(again.error(), DownloadError::None);
        QCOMPARE(readFile(again.installedPath()), data);
        QVERIFY(again.resumes() >= 1 || QFileInfo(task.partPath).exists() == false);
    }
    void diskFillingUpDuringADownloadKeepsTheParts_data() {
        QTest::addColumn<int>("fillWhenLeft");
        QTest::newRow("half way") << 150000;
        QTest::newRow("last chunks only") << 12000;
    }

    // --- the app-data folder -----------------------------------------------------------------

    void fullAppDataNeverTruncatesTheQueue() {
        Tmpfs data(512 << 10);
        REQUIRE_MOUNT(data);
        const QString db = data.filePath(QStringLiteral("jobs.sqlite"));
        JobStore store;
        QVERIFY(store.open(db));
        JobQueue q(&store, QueueLimits{1000, 4});
        const QString big(2000, QLatin1Char('p'));
        QList<qint64> stored;
        for (int i = 0; i < 5; ++i) {
            const auto r =
                q.enqueue(QStringLiteral("txt2img"), QJsonObject{{QStringLiteral("prompt"), big + QString::number(i)}});
            QVERIFY(r.ok());
            stored << r.id;
        }
        data.fill();
        // Until SQLite has no room left: then a clear refusal, and the job is not in the queue.
        JobQueue::EnqueueResult refused;
        for (int i = 0; i < 400 && refused.error.isEmpty(); ++i) {
            const auto r = q.enqueue(QStringLiteral("txt2img"),
                                     QJsonObject{{QStringLiteral("prompt"), big + QString::number(100 + i)}});
            if (r.ok())
                stored << r.id;
            else
                refused = r;
        }
        QVERIFY2(!refused.error.isEmpty(), "the queue never noticed the full disk");
        QVERIFY2(refused.error.contains(QStringLiteral("could not be saved")), qPrintable(refused.error));
        QVERIFY2(refused.error.contains(QStringLiteral("full"), Qt::CaseInsensitive), qPrintable(refused.error));
        QCOMPARE(q.pending().size(), stored.size());
        // State changes of stored jobs either reach the file or are reported; the file stays whole.
        q.cancel(stored.constFirst());
        QCOMPARE(integrity(db), QStringLiteral("ok"));
        {
            JobStore reader;
            QVERIFY(reader.open(db));
            bool ok = false;
            const QList<Job> onDisk = reader.loadAll(&ok);
            QVERIFY(ok);
            QCOMPARE(onDisk.size(), stored.size());
            for (int i = 0; i < onDisk.size(); ++i) QCOMPARE(onDisk[i].id, stored[i]);
        }
        // Room again: jobs are stored again.
        data.unfill();
        QVERIFY(q.enqueue(QStringLiteral("txt2img"), QJsonObject{{QStringLiteral("prompt"), QStringLiteral("after")}})
                    .ok());
        QCOMPARE(store.loadAll().size(), stored.size() + 1);
    }

    void fullAppDataNeverTruncatesTheSettings() {
        Tmpfs data(256 << 10);
        REQUIRE_MOUNT(data);
        const QString path = data.filePath(QStringLiteral("latentstudio.conf"));
        {
            QSettings s(path, QSettings::IniFormat);
            s.setValue(QStringLiteral("ui/language"), QStringLiteral("de"));
            s.setValue(QStringLiteral("library/roots"),
                       QStringList{QStringLiteral("/models/a"), QStringLiteral("/models/b")});
            s.sync();
            QCOMPARE(s.status(), QSettings::NoError);
        }
        const QByteArray before = readFile(path);
        QVERIFY(!before.isEmpty());
        data.fill();
        {
            QSettings s(path, QSettings::IniFormat);
            s.setValue(QStringLiteral("ui/language"), QStringLiteral("en"));
            s.setValue(QStringLiteral("generation/big"), QString(200000, QLatin1Char('x'))); // needs room
            s.sync();
            QCOMPARE(s.status(), QSettings::AccessError);
        }
        QCOMPARE(readFile(path), before);          // the old file, whole
        QVERIFY(entries(data.path()).size() == 2); // no temporary left next to it
        // With room again the change that could not be written is written (QSettings keeps it).
        data.unfill();
        QSettings s(path, QSettings::IniFormat);
        s.sync();
        QCOMPARE(s.status(), QSettings::NoError);
        QVERIFY(readFile(path).contains("language=en"));
        QVERIFY(readFile(path).contains("/models/b"));
    }

    void fullAppDataKeepsTheGalleryAndDownloadList() {
        Tmpfs data(512 << 10);
        REQUIRE_MOUNT(data);
        QTemporaryDir images;
        ImageWriter writer(images.filePath(QStringLiteral("recovery")));
        GalleryStore gallery(data.filePath(QStringLiteral("gallery.sqlite")));
        QVERIFY(gallery.open());
        QStringList files;
        for (int i = 0; i < 40; ++i) {
            ImageSaveRequest r;
            r.image = noise(8, 8, quint32(i));
            r.infotext = QStringLiteral("%1\nSteps: 4, Sampler: Euler, Seed: %2, Size: 8x8")
                             .arg(QString(1500, QLatin1Char('q')))
                             .arg(i);
            r.outputDir = images.path();
            const ImageSaveResult s = writer.save(r);
            QVERIFY(s.ok);
            files << s.path;
        }
        for (int i = 0; i < 3; ++i) QVERIFY(gallery.addImage(files[i]));

        DownloadManager downloads;
        downloads.setStateFile(data.filePath(QStringLiteral("downloads.json")));
        DownloadPlan plan;
        plan.site = QStringLiteral("huggingface");
        plan.title = QStringLiteral("org/model");
        plan.destinationDir = images.filePath(QStringLiteral("models"));
        plan.installName = QStringLiteral("model.safetensors");
        PlannedFile f;
        f.url = QUrl(QStringLiteral("http://127.0.0.1:9/model.safetensors"));
        f.relativePath = plan.installName;
        plan.files << f;
        const QString first = downloads.add(plan);
        downloads.pause(first);
        const QByteArray listBefore = readFile(downloads.stateFile());
        QVERIFY(listBefore.contains("org/model"));

        data.fill();
        QString error;
        int refused = 0;
        for (int i = 3; i < files.size(); ++i)
            if (!gallery.addImage(files[i], &error)) ++refused;
        QVERIFY2(refused > 0, "the gallery never noticed the full disk");
        QVERIFY2(error.contains(QStringLiteral("could not be added")), qPrintable(error));
        QCOMPARE(integrity(data.filePath(QStringLiteral("gallery.sqlite"))), QStringLiteral("ok"));
        QCOMPARE(gallery.count(), files.size() - refused);
        // The download list is rewritten atomically: a second download cannot be remembered,
        // the first stays.
        plan.title = QStringLiteral("org/second");
        plan.installName = QStringLiteral("second.safetensors");
        plan.files[0].relativePath = plan.installName;
        downloads.pause(downloads.add(plan));
        QCOMPARE(readFile(downloads.stateFile()), listBefore);

        data.unfill();
        QVERIFY(gallery.addImage(files.constLast()));
        DownloadManager reloaded;
        reloaded.setStateFile(downloads.stateFile());
        QVERIFY(reloaded.loadState());
        QVERIFY(!reloaded.entries().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDiskFull)
#include "tst_disk_full.moc"
