// GalleryStore over a real SQLite file and real PNGs written by ImageWriter: add, newest first,
// persistence across reopen, search (LIKE wildcards literal), model filter, favourites, delete
// (trash / file), index rebuild from the files' own metadata after the database was deleted,
// hostile metadata capped, display-text cleaning.
#include "common/isolated_app_data.h"
#include "app/core/display_text.h"
#include "app/gallery/gallery_store.h"
#include "app/metadata/png_text.h"
#include "app/storage/image_writer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using latent::GalleryEntry;
using latent::GalleryQuery;
using latent::GalleryStore;
using latent::GenerationParams;
using latent::ImageWriter;

namespace {

latent::ImagePixels pixels(int w, int h, int shade) {
    latent::ImagePixels px;
    px.width = w;
    px.height = h;
    px.channels = 3;
    px.data = QByteArray(w * h * 3, char(shade));
    return px;
}

} // namespace

class TestGalleryStore : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    int counter_ = 0;

    QString outDir() const { return dir_.filePath(QStringLiteral("outputs")); }
    QString dbPath() const { return dir_.filePath(QStringLiteral("db/gallery.sqlite")); }

    // A real output PNG with its infotext; its modification time is set `minutesAgo` back.
    QString writeImage(const QString& prompt, const QString& model, qint64 seed, int minutesAgo,
                       const QString& folder = QString()) {
        GenerationParams p;
        p.prompt = prompt;
        p.negativePrompt = QStringLiteral("blurry");
        p.steps = 20;
        p.sampler = QStringLiteral("Euler a");
        p.cfgScale = 7;
        p.seed = seed;
        p.width = 16;
        p.height = 8;
        if (!model.isEmpty()) {
            p.modelName = model;
            p.modelHash = QStringLiteral("0123456789");
        }
        latent::ImageSaveRequest req;
        req.image = pixels(16, 8, 40 + (counter_++ * 13) % 200);
        req.params = p;
        req.outputDir = folder.isEmpty() ? outDir() : folder;
        const auto r = ImageWriter(dir_.filePath(QStringLiteral("recovery"))).save(req);
        if (!r.ok) qWarning() << r.error;
        QFile f(r.path);
        f.open(QIODevice::ReadWrite);
        f.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-60 * minutesAgo), QFileDevice::FileModificationTime);
        return r.path;
    }

    static QStringList prompts(const QList<GalleryEntry>& entries) {
        QStringList out;
        for (const auto& e : entries) out << e.prompt;
        return out;
    }

    void removeDatabase() {
        for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(dbPath() + suffix);
    }

public:
    // A fresh data folder per run: nothing left by an earlier run is seen.
    static void initMain() { latent::test::isolateAppData(); }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(dir_.isValid());
    }

    void init() {
        QDir(outDir()).removeRecursively();
        removeDatabase();
    }

    void readsEntryFromTheFileItself() {
        const QString path = writeImage(QStringLiteral("a red fox in snow"), QStringLiteral("dreamy-v2"), 77, 5);
        QString error;
        const auto e = GalleryStore::readImageFile(path, &error);
        QVERIFY2(e, qPrintable(error));
        QCOMPARE(e->path, QFileInfo(path).absoluteFilePath());
        QCOMPARE(e->prompt, QStringLiteral("a red fox in snow"));
        QCOMPARE(e->negativePrompt, QStringLiteral("blurry"));
        QCOMPARE(e->model, QStringLiteral("dreamy-v2"));
        QCOMPARE(e->modelHash, QStringLiteral("0123456789"));
        QCOMPARE(e->sampler, QStringLiteral("Euler a"));
        QCOMPARE(*e->seed, 77);
        QCOMPARE(*e->steps, 20);
        QCOMPARE(*e->cfgScale, 7.0);
        QCOMPARE(e->width, 16);
        QCOMPARE(e->height, 8);
        QCOMPARE(e->infotext, latent::PngText::readFile(path).value(QStringLiteral("parameters")));
        QVERIFY(!GalleryStore::readImageFile(dir_.filePath(QStringLiteral("missing.png")), &error));
        QFile bogus(dir_.filePath(QStringLiteral("bogus.png")));
        QVERIFY(bogus.open(QIODevice::WriteOnly));
        bogus.write("version https://git-lfs.github.com/spec/v1\n");
        bogus.close();
        QVERIFY(!GalleryStore::readImageFile(bogus.fileName(), &error));
        QVERIFY(error.contains(QStringLiteral("not a PNG")));
    }

    void addQueryNewestFirstAndPersist() {
        const QString old = writeImage(QStringLiteral("old castle"), QStringLiteral("modelA"), 1, 30);
        const QString mid = writeImage(QStringLiteral("middle forest"), QStringLiteral("modelB"), 2, 20);
        const QString fresh = writeImage(QStringLiteral("fresh sunrise"), QStringLiteral("modelA"), 3, 10);
        {
            GalleryStore store(dbPath());
            QString error;
            QVERIFY2(store.open(&error), qPrintable(error));
            QVERIFY(store.addImage(mid));
            QVERIFY(store.addImage(fresh));
            QVERIFY(store.addImage(old));
            QCOMPARE(store.count(), 3);
            QCOMPARE(prompts(store.query()),
                     QStringList({QStringLiteral("fresh sunrise"), QStringLiteral("middle forest"),
                                  QStringLiteral("old castle")}));
            // Adding the same file again refreshes it, it does not duplicate it.
            const auto again = store.addImage(mid);
            QVERIFY(again);
            QCOMPARE(store.count(), 3);
            QCOMPARE(again->id, store.entryByPath(mid)->id);
            QVERIFY(!store.addImage(dir_.filePath(QStringLiteral("nope.png")), &error));
            QCOMPARE(store.count(), 3);
        }
        QVERIFY(QFile::exists(dbPath()));
        GalleryStore reopened(dbPath());
        QVERIFY(reopened.open());
        QCOMPARE(reopened.count(), 3);
        const auto all = reopened.query();
        QCOMPARE(all.first().path, QFileInfo(fresh).absoluteFilePath());
        QCOMPARE(all.first().model, QStringLiteral("modelA"));
        QCOMPARE(*all.first().seed, 3);
        QCOMPARE(all.first().infotext, latent::PngText::readFile(fresh).value(QStringLiteral("parameters")));
        QCOMPARE(reopened.models(), QStringList({QStringLiteral("modelA"), QStringLiteral("modelB")}));
    }

    void databaseUsesWal() {
        GalleryStore store(dbPath());
        QVERIFY(store.open());
        QVERIFY(store.addImage(writeImage(QStringLiteral("x"), {}, 1, 1)));
        // A second, independent connection sees the WAL journal mode persisted in the file.
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("probe"));
            db.setDatabaseName(dbPath());
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("probe"));
    }

    void searchAndFilter() {
        GalleryStore store(dbPath());
        QVERIFY(store.open());
        store.addImage(writeImage(QStringLiteral("A Cat on a sofa"), QStringLiteral("modelA"), 1, 40));
        store.addImage(writeImage(QStringLiteral("a dog, 100% good_boy"), QStringLiteral("modelB"), 2, 30));
        store.addImage(writeImage(QStringLiteral("cathedral at night"), QStringLiteral("modelB"), 3, 20));
        store.addImage(writeImage(QStringLiteral("no model here"), QString(), 4, 10));

        GalleryQuery q;
        q.text = QStringLiteral("cat");
        QCOMPARE(prompts(store.query(q)),
                 QStringList({QStringLiteral("cathedral at night"), QStringLiteral("A Cat on a sofa")}));
        q.model = QStringLiteral("modelB");
        QCOMPARE(prompts(store.query(q)), QStringList({QStringLiteral("cathedral at night")}));
        q.text.clear();
        QCOMPARE(store.query(q).size(), 2);
        // Wildcards are literal.
        GalleryQuery w;
        w.text = QStringLiteral("100%");
        QCOMPARE(store.query(w).size(), 1);
        w.text = QStringLiteral("d_g");
        QCOMPARE(store.query(w).size(), 0);
        w.text = QStringLiteral("%");
        QCOMPARE(store.query(w).size(), 1);
        // Paging.
        GalleryQuery page;
        page.limit = 2;
        page.offset = 1;
        QCOMPARE(prompts(store.query(page)),
                 QStringList({QStringLiteral("cathedral at night"), QStringLiteral("a dog, 100% good_boy")}));
        QCOMPARE(store.models(), QStringList({QStringLiteral("modelA"), QStringLiteral("modelB")}));
    }

    void favouritesPersist() {
        qint64 id = 0;
        {
            GalleryStore store(dbPath());
            QVERIFY(store.open());
            store.addImage(writeImage(QStringLiteral("one"), {}, 1, 3));
            id = store.addImage(writeImage(QStringLiteral("two"), {}, 2, 2))->id;
            QVERIFY(store.setFavourite(id, true));
            QVERIFY(!store.setFavourite(999999, true));
            GalleryQuery fav;
            fav.favouritesOnly = true;
            QCOMPARE(prompts(store.query(fav)), QStringList({QStringLiteral("two")}));
            // Re-adding the file keeps the flag.
            store.addImage(store.entry(id)->path);
            QVERIFY(store.entry(id)->favourite);
        }
        GalleryStore store(dbPath());
        QVERIFY(store.open());
        QVERIFY(store.entry(id)->favourite);
        QVERIFY(store.setFavourite(id, false));
        QVERIFY(!store.entry(id)->favourite);
    }

    void deleteMovesFileToTrashOrDeletes() {
        GalleryStore store(dbPath());
        QVERIFY(store.open());
        const QString a = writeImage(QStringLiteral("keep"), {}, 1, 3);
        const QString b = writeImage(QStringLiteral("trash me"), {}, 2, 2);
        const QString c = writeImage(QStringLiteral("delete me"), {}, 3, 1);
        const qint64 idA = store.addImage(a)->id;
        const qint64 idB = store.addImage(b)->id;
        const qint64 idC = store.addImage(c)->id;

        QString error;
        if (store.remove(idB, GalleryStore::RemoveMode::MoveToTrash, &error)) {
            QVERIFY(!QFile::exists(b));
            QVERIFY(!store.entry(idB));
        } else {
            // No trash on this volume: nothing was changed.
            qWarning() << "moveToTrash unavailable here:" << error;
            QVERIFY(QFile::exists(b));
            QVERIFY(store.entry(idB));
        }
        QVERIFY(store.remove(idC, GalleryStore::RemoveMode::DeleteFile, &error));
        QVERIFY(!QFile::exists(c));
        QVERIFY(!store.entry(idC));
        QVERIFY(store.remove(idA, GalleryStore::RemoveMode::IndexOnly, &error));
        QVERIFY(QFile::exists(a));
        QVERIFY(!store.entry(idA));
        QVERIFY(!store.remove(idA, GalleryStore::RemoveMode::DeleteFile, &error));
    }

    void rebuildFromFilesAfterDatabaseDeleted() {
        const QString sub = outDir() + QStringLiteral("/2026-12-01");
        QStringList paths = {writeImage(QStringLiteral("first"), QStringLiteral("modelA"), 11, 50),
                             writeImage(QStringLiteral("second"), QStringLiteral("modelB"), 22, 40, sub),
                             writeImage(QStringLiteral("third"), QStringLiteral("modelA"), 33, 30)};
        // A PNG without parameters is still an image; a fake PNG and a hidden temp file are skipped.
        latent::ImageSaveRequest plain;
        plain.image = pixels(4, 4, 9);
        plain.infotext = QStringLiteral("");
        plain.outputDir = outDir();
        const QString plainPath = ImageWriter(dir_.filePath(QStringLiteral("recovery"))).save(plain).path;
        QFile(plainPath).open(QIODevice::ReadWrite);
        QFile fake(outDir() + QStringLiteral("/broken.png"));
        QVERIFY(fake.open(QIODevice::WriteOnly));
        fake.write("<html>");
        fake.close();
        QFile hidden(outDir() + QStringLiteral("/.latent-1234.png"));
        QVERIFY(hidden.open(QIODevice::WriteOnly));
        hidden.write(latent::PngText::signature());
        hidden.close();

        qint64 favouritePathIdx = 2;
        {
            GalleryStore store(dbPath());
            QVERIFY(store.open());
            for (const QString& p : paths) QVERIFY(store.addImage(p));
            store.setFavourite(store.entryByPath(paths[favouritePathIdx])->id, true);
            // Rebuild with the database present keeps favourites.
            QCOMPARE(store.rebuild({outDir()}), 4);
            QVERIFY(store.entryByPath(paths[favouritePathIdx])->favourite);
        }
        removeDatabase();
        QVERIFY(!QFile::exists(dbPath()));

        GalleryStore store(dbPath());
        QVERIFY(store.open());
        QCOMPARE(store.count(), 0);
        int skipped = 0;
        const auto scanned =
            GalleryStore::scanFolders({outDir(), dir_.filePath(QStringLiteral("nonexistent"))}, nullptr, &skipped);
        QCOMPARE(scanned.size(), 4);
        QCOMPARE(skipped, 1); // broken.png
        QString error;
        QCOMPARE(store.replaceAll(scanned, &error), 4);
        // Everything comes back from the files: prompts, models, seeds, order (file times).
        const auto all = store.query();
        QCOMPARE(all.size(), 4);
        QCOMPARE(all[0].path, QFileInfo(plainPath).absoluteFilePath()); // newest (written just now)
        QCOMPARE(all[0].prompt, QString());
        QCOMPARE(prompts(all.mid(1)),
                 QStringList({QStringLiteral("third"), QStringLiteral("second"), QStringLiteral("first")}));
        QCOMPARE(*all[1].seed, 33);
        QCOMPARE(all[2].model, QStringLiteral("modelB"));
        QCOMPARE(all[2].path, QFileInfo(paths[1]).absoluteFilePath());
        QCOMPARE(all[3].infotext, latent::PngText::readFile(paths[0]).value(QStringLiteral("parameters")));
        QCOMPARE(store.models(), QStringList({QStringLiteral("modelA"), QStringLiteral("modelB")}));
        GalleryQuery q;
        q.text = QStringLiteral("second");
        QCOMPARE(store.query(q).size(), 1);

        // A cancelled scan returns early.
        std::atomic_bool cancel{true};
        QVERIFY(GalleryStore::scanFolders({outDir()}, &cancel).isEmpty());
    }

    void hostileMetadataIsCapped() {
        // A 1 MB prompt with markup and bidi controls: stored capped, parsed without trouble.
        const QString huge =
            QStringLiteral("<img src=http://evil/x.png><a href=file:///etc/passwd>x</a>\u202Egnp.exe ") +
            QString(1 << 20, QLatin1Char('w'));
        latent::ImageSaveRequest req;
        req.image = pixels(8, 8, 1);
        req.infotext =
            huge + QStringLiteral("\nSteps: 1000000000, Sampler: Euler, CFG scale: 7, Seed: 1, Size: 100000x100000");
        req.outputDir = outDir();
        const QString path = ImageWriter(dir_.filePath(QStringLiteral("recovery"))).save(req).path;
        GalleryStore store(dbPath());
        QVERIFY(store.open());
        const auto e = store.addImage(path);
        QVERIFY(e);
        QVERIFY(e->infotext.size() <= GenerationParams::kMaxInfotextChars);
        QVERIFY(e->prompt.size() <= GenerationParams::kMaxInfotextChars);
        if (e->steps) QVERIFY(*e->steps <= GenerationParams::kMaxSteps);

        const QString shown = latent::safeDisplayText(e->prompt, 100);
        QVERIFY(!shown.contains(QChar(0x202E)));
        QVERIFY(shown.size() <= 101);
        QVERIFY(shown.endsWith(QChar(0x2026)));
        QVERIFY(latent::safeTooltip(QStringLiteral("<b>x</b>")).contains(QStringLiteral("&lt;b&gt;")));
        QCOMPARE(latent::safeDisplayLine(QStringLiteral("a\nb\tc\u200Fd")), QStringLiteral("a b cd"));
        // 10 MB of text costs no more than a short string to clean.
        const QString tenMb(10 << 20, QLatin1Char('x'));
        QCOMPARE(latent::safeDisplayText(tenMb, 50).size(), 51);
    }
};

QTEST_GUILESS_MAIN(TestGalleryStore)
#include "tst_gallery_store.moc"
