// The canvas's input files of img2img / inpainting jobs over the real SQLite queue and real PNG
// files in a studio session's inputs/ folder: a file stays while any job references it (re-run
// and duplicate reuse it), goes when the last referencing job is removed or cleared, and the
// startup sweep deletes only unreferenced files the studio wrote there — never a file a persisted
// job (interrupted ones included) still names, never another file in the folder, never a file
// outside it, and nothing at all when the queue could not be read.
#include "app/core/settings.h"
#include "app/jobs/job_inputs.h"
#include "app/jobs/job_queue.h"
#include "app/storage/image_writer.h"
#include "app/worker/studio_session.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QJsonArray>
#include <QTest>

using namespace latent;

namespace {

// A real PNG written the way CanvasDocument::writeInputs writes the canvas's inputs.
QString writeCanvasPng(const QString& folder, const QString& stem, int channels) {
    ImagePixels px;
    px.width = 16;
    px.height = 16;
    px.channels = channels;
    px.data = QByteArray(16 * 16 * channels, char(channels == 1 ? 255 : 90));
    QString error;
    const QByteArray png = ImageWriter::encodePng(px, QString(), 6, &error);
    if (png.isEmpty()) return {};
    return ImageWriter::writeUnique(folder, stem, QStringLiteral(".png"), false, png, &error);
}

struct CanvasFiles {
    QString init;
    QString mask;
};

CanvasFiles writeCanvasInputs(const QString& folder) {
    const QString stem = JobInputFiles::canvasInputStem();
    return {writeCanvasPng(folder, stem + QStringLiteral("-init"), 3),
            writeCanvasPng(folder, stem + QStringLiteral("-mask"), 1)};
}

QJsonObject img2imgParams(const CanvasFiles& f) {
    QJsonObject p{{QStringLiteral("prompt"), QStringLiteral("a lighthouse")},
                  {QStringLiteral("init_image_path"), f.init},
                  {QStringLiteral("width"), 16},
                  {QStringLiteral("height"), 16}};
    if (!f.mask.isEmpty()) p.insert(QStringLiteral("mask_path"), f.mask);
    return p;
}

bool setAge(const QString& path, int seconds) {
    QFile f(path);
    if (!f.open(QIODevice::ReadWrite)) return false;
    return f.setFileTime(QDateTime::currentDateTime().addSecs(-seconds), QFileDevice::FileModificationTime);
}

bool exists(const QString& path) {
    return QFileInfo::exists(path);
}

} // namespace

class TestJobInputs : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    std::unique_ptr<QSettings> backend_;
    std::unique_ptr<Settings> settings_;

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(dir_.isValid());
        backend_ = std::make_unique<QSettings>(dir_.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        settings_ = std::make_unique<Settings>(backend_.get());
        settings_->setValue(settings::OutputFolder, dir_.filePath(QStringLiteral("out")));
    }

    void canvasNamesAreRecognised() {
        const QString data = dir_.filePath(QStringLiteral("names"));
        StudioSession s(*settings_, data);
        QCOMPARE(s.inputsDir(), QDir::cleanPath(data + QStringLiteral("/inputs")));
        const CanvasFiles f = writeCanvasInputs(s.inputsDir());
        QVERIFY(exists(f.init) && exists(f.mask));
        QVERIFY(s.inputFiles()->isStudioInput(f.init));
        QVERIFY(s.inputFiles()->isStudioInput(f.mask));
        // A second pair in the same millisecond gets "-1": still the studio's.
        const QString again = writeCanvasPng(s.inputsDir(), QFileInfo(f.init).completeBaseName(), 3);
        QVERIFY(again.endsWith(QLatin1String("-init-1.png")));
        QVERIFY(s.inputFiles()->isStudioInput(again));
        // Other files in the folder, the same name elsewhere, and a symlink are not.
        const QString notes = s.inputsDir() + QStringLiteral("/notes.txt");
        QFile n(notes);
        QVERIFY(n.open(QIODevice::WriteOnly));
        n.close();
        QVERIFY(!s.inputFiles()->isStudioInput(notes));
        const QString elsewhere = dir_.filePath(QStringLiteral("names-elsewhere"));
        QVERIFY(QDir().mkpath(elsewhere));
        QVERIFY(QFile::copy(f.init, elsewhere + QLatin1Char('/') + QFileInfo(f.init).fileName()));
        QVERIFY(!s.inputFiles()->isStudioInput(elsewhere + QLatin1Char('/') + QFileInfo(f.init).fileName()));
        const QString link = s.inputsDir() + QStringLiteral("/canvas-20240101-000000-000-init.png");
        QVERIFY(QFile::link(elsewhere + QLatin1Char('/') + QFileInfo(f.init).fileName(), link));
        QVERIFY(!s.inputFiles()->isStudioInput(link));
        QVERIFY(!s.inputFiles()->isStudioInput(s.inputsDir() + QStringLiteral("/../s.ini")));
    }

    // Remove and clear over the persisted queue: the files go with the last job naming them.
    void keptWhileReferencedDeletedWithTheLastJob() {
        const QString data = dir_.filePath(QStringLiteral("refs"));
        StudioSession s(*settings_, data);
        QVERIFY2(s.storeError().isEmpty(), qPrintable(s.storeError()));
        JobQueue* q = s.queue();
        const CanvasFiles f = writeCanvasInputs(s.inputsDir());
        const qint64 a = q->enqueue(QStringLiteral("img2img"), img2imgParams(f)).id;
        QVERIFY(a > 0);
        const qint64 dup = q->duplicate(a).id;
        QVERIFY(dup > 0);
        QVERIFY(q->cancel(a));
        const qint64 again = q->rerun(a).id;
        QVERIFY(again > 0);
        QCOMPARE(q->job(again)->params.value(QStringLiteral("init_image_path")).toString(), f.init);
        QSignalSpy deleted(s.inputFiles(), &JobInputFiles::filesDeleted);

        QVERIFY(q->remove(a));
        QVERIFY(exists(f.init) && exists(f.mask)); // the duplicate and the re-run still use them
        QVERIFY(q->cancel(dup));
        QVERIFY(q->remove(dup));
        QVERIFY(exists(f.init) && exists(f.mask));
        QCOMPARE(deleted.size(), 0);
        QVERIFY(!q->remove(again)); // queued: cannot be removed, the files stay
        QVERIFY(exists(f.init));

        // A second job's files, and a job naming a file outside the folder (e.g. an API client's).
        const CanvasFiles g = writeCanvasInputs(s.inputsDir());
        const qint64 b = q->enqueue(QStringLiteral("img2img"), img2imgParams(g)).id;
        const QString outside = dir_.filePath(QStringLiteral("user-photo.png"));
        QVERIFY(QFile::copy(f.init, outside));
        const qint64 c = q->enqueue(QStringLiteral("img2img"), img2imgParams({outside, {}})).id;
        QVERIFY(b > 0 && c > 0);
        q->cancelAll();
        QCOMPARE(q->clearFinished(), 3);
        QVERIFY(q->jobs().isEmpty());
        QVERIFY(!exists(f.init) && !exists(f.mask));
        QVERIFY(!exists(g.init) && !exists(g.mask));
        QVERIFY2(exists(outside), "a file outside the inputs folder is never deleted");
        QCOMPARE(deleted.size(), 2);

        // The store agrees: a restarted studio finds no job that could want the files back.
        StudioSession restarted(*settings_, data);
        QVERIFY(restarted.storeError().isEmpty());
        QVERIFY(restarted.queue()->jobs().isEmpty());
    }

    // A job's extra init images (A1111's init_images[1:], from the API) hold their files too.
    void moreInitImagesAreReferenced() {
        const QString data = dir_.filePath(QStringLiteral("more"));
        StudioSession s(*settings_, data);
        JobQueue* q = s.queue();
        const CanvasFiles f = writeCanvasInputs(s.inputsDir());
        const QString more = writeCanvasPng(s.inputsDir(), JobInputFiles::canvasInputStem() + QStringLiteral("-init"), 3);
        QJsonObject withMore = img2imgParams({f.init, {}});
        withMore.insert(QStringLiteral("more_init_image_paths"), QJsonArray{more});
        const qint64 x = q->enqueue(QStringLiteral("img2img"), withMore).id;
        const qint64 y = q->enqueue(QStringLiteral("img2img"), img2imgParams({more, {}})).id;
        QVERIFY(x > 0 && y > 0);
        QVERIFY(q->cancel(y));
        QVERIFY(q->remove(y));
        QVERIFY2(exists(more), "the other job still names it in more_init_image_paths");
        QVERIFY(q->cancel(x));
        QVERIFY(q->remove(x));
        QVERIFY(!exists(more) && !exists(f.init));
        QVERIFY(QFile::remove(f.mask));
    }

    // Restart: the sweep deletes the unreferenced old files the studio wrote, keeps the files
    // of persisted jobs (an interrupted one too, so it can be run again) and everything else.
    void restartSweepsOnlyUnreferencedStudioFiles() {
        const QString data = dir_.filePath(QStringLiteral("restart"));
        CanvasFiles queued, interrupted, orphan, fresh;
        QString part, notes, link, target;
        qint64 interruptedId = 0, queuedId = 0;
        {
            StudioSession s(*settings_, data);
            JobQueue* q = s.queue();
            interrupted = writeCanvasInputs(s.inputsDir());
            queued = writeCanvasInputs(s.inputsDir());
            interruptedId = q->enqueue(QStringLiteral("img2img"), img2imgParams(interrupted)).id;
            queuedId = q->enqueue(QStringLiteral("img2img"), img2imgParams(queued)).id;
            QCOMPARE(q->takeNext()->id, interruptedId); // "running" when the studio dies
            // Written for a job the queue refused, then the studio died before deleting them.
            orphan = writeCanvasInputs(s.inputsDir());
            fresh = writeCanvasInputs(s.inputsDir());
            part = s.inputsDir() + QStringLiteral("/.latent-0123456789abcdef.part");
            notes = s.inputsDir() + QStringLiteral("/canvas-notes.png");
            for (const QString& p : {part, notes}) {
                QFile f(p);
                QVERIFY(f.open(QIODevice::WriteOnly));
                f.write("x");
            }
            target = dir_.filePath(QStringLiteral("restart-target.png"));
            QVERIFY(QFile::copy(orphan.init, target));
            link = s.inputsDir() + QStringLiteral("/canvas-20200101-000000-000-mask.png");
            QVERIFY(QFile::link(target, link));
            for (const QString& p : {queued.init, queued.mask, interrupted.init, interrupted.mask, orphan.init,
                                     orphan.mask, part, notes, target})
                QVERIFY2(setAge(p, 3600), qPrintable(p));
        }
        StudioSession s(*settings_, data);
        QCOMPARE(s.queue()->interruptedAtStartup(), 1);
        QCOMPARE(s.sweptAtStartup(), 3); // the orphan pair and the temporary
        QVERIFY(!exists(orphan.init) && !exists(orphan.mask) && !exists(part));
        QVERIFY(exists(queued.init) && exists(queued.mask));
        QVERIFY(exists(interrupted.init) && exists(interrupted.mask));
        QVERIFY2(exists(fresh.init) && exists(fresh.mask), "files younger than the grace period stay");
        QVERIFY(exists(notes));
        QVERIFY(QFileInfo(link).isSymLink());
        QVERIFY(exists(target));

        // The interrupted job can be run again with its inputs; removing it keeps them for the
        // re-run, clearing both finally deletes them.
        JobQueue* q = s.queue();
        QCOMPARE(q->job(interruptedId)->state, JobState::Interrupted);
        const qint64 rerun = q->rerun(interruptedId).id;
        QVERIFY(rerun > 0);
        QVERIFY(q->remove(interruptedId));
        QVERIFY(exists(interrupted.init));
        QVERIFY(q->cancel(rerun));
        QVERIFY(q->cancel(queuedId));
        QCOMPARE(q->clearFinished(), 2);
        for (const QString& p : {interrupted.init, interrupted.mask, queued.init, queued.mask})
            QVERIFY2(!exists(p), qPrintable(p));
        QVERIFY(exists(fresh.init)); // unreferenced but young: the next startup's sweep
    }

    // When the queue's database cannot be read, every file would look unreferenced: no sweep.
    void unreadableQueueSweepsNothing() {
        const QString data = dir_.filePath(QStringLiteral("broken"));
        QVERIFY(QDir().mkpath(data + QStringLiteral("/jobs.sqlite"))); // a folder where the file should be
        const CanvasFiles f = writeCanvasInputs(data + QStringLiteral("/inputs"));
        QVERIFY(setAge(f.init, 3600) && setAge(f.mask, 3600));
        StudioSession s(*settings_, data);
        QVERIFY(!s.storeError().isEmpty());
        QCOMPARE(s.sweptAtStartup(), 0);
        QVERIFY(exists(f.init) && exists(f.mask));
    }
};

QTEST_GUILESS_MAIN(TestJobInputs)
#include "tst_job_inputs.moc"
