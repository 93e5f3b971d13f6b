// Data that outlives versions (issue 20 item 6): every SQLite database and the settings file
// carry a version; files of the unversioned releases (tests/fixtures/schema-v0, written by the
// old code paths) are upgraded with every value kept; a file from a newer version is opened
// read-only, left byte for byte unchanged, and the user is told. The migration ladder itself
// (several steps, all-or-nothing) is checked on a schema made up for the test.
#include "app/core/notices.h"
#include "app/core/settings.h"
#include "app/core/settings_schema.h"
#include "app/downloads/download_manager.h"
#include "app/gallery/gallery_store.h"
#include "app/jobs/job_queue.h"
#include "app/jobs/job_store.h"
#include "app/library/model_index.h"
#include "app/storage/sqlite_schema.h"

#include "common/isolated_app_data.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSettings>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace latent;

namespace {

QString fixture(const QString& name) {
    return QStringLiteral(LATENT_TEST_SOURCE_DIR "/tests/fixtures/schema-v0/") + name;
}

// A private copy of a fixture file in `dir`.
QString copyFixture(const QTemporaryDir& dir, const QString& name) {
    const QString to = dir.filePath(name);
    QFile::remove(to);
    if (!QFile::copy(fixture(name), to)) return {};
    QFile::setPermissions(to, QFile::ReadOwner | QFile::WriteOwner);
    return to;
}

QByteArray fileHash(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex();
}

// Runs SQL on a database through its own short-lived connection (not the store's).
QVariant sqlValue(const QString& path, const QString& sql) {
    const QString name = QUuid::createUuid().toString();
    QVariant v;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                v = q.value(0);
            else
                qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return v;
}

bool sqlExec(const QString& path, const QStringList& statements) {
    const QString name = QUuid::createUuid().toString();
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        ok = db.open();
        for (const QString& sql : statements) {
            QSqlQuery q(db);
            if (ok && !q.exec(sql)) {
                qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
                ok = false;
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

int userVersion(const QString& path) {
    return sqlValue(path, QStringLiteral("PRAGMA user_version")).toInt();
}

bool noticeMentions(const QString& needle) {
    for (const QString& n : Notices::instance()->all())
        if (n.contains(needle)) return true;
    return false;
}

} // namespace

class TestDataVersions : public QObject {
    Q_OBJECT
public:
    static void initMain() { latent::test::isolateAppData(); }

private Q_SLOTS:
    void cleanup() { Settings::setReadOnly(false); }

    // --- forward from the unversioned releases -----------------------------------------------

    void jobQueueFromVersion0() {
        QTemporaryDir dir;
        const QString path = copyFixture(dir, QStringLiteral("jobs.sqlite"));
        QVERIFY(!path.isEmpty());
        QCOMPARE(userVersion(path), 0);
        {
            JobStore store;
            QVERIFY2(store.open(path), qPrintable(store.errorString()));
            QVERIFY(!store.isReadOnly());
            bool ok = false;
            const QList<Job> jobs = store.loadAll(&ok);
            QVERIFY(ok);
            QCOMPARE(jobs.size(), 5);
            QCOMPARE(jobs[0].state, JobState::Done);
            QCOMPARE(jobs[0].results, QStringList{QStringLiteral("/home/user/Pictures/Latent Studio/00000-42.png")});
            QCOMPARE(jobs[0].params.value(QStringLiteral("prompt")).toString(), QStringLiteral("a red cat"));
            QCOMPARE(jobs[0].created,
                     QDateTime::fromString(QStringLiteral("2026-12-01T10:00:00.000Z"), Qt::ISODateWithMs));
            QCOMPARE(jobs[1].state, JobState::Failed);
            QCOMPARE(jobs[1].error, QStringLiteral("The engine failed: out of memory"));
            QCOMPARE(jobs[2].state, JobState::Running);
            QCOMPARE(jobs[2].step, 3);
            // 2^53 + 1 survives as an integer (JSON text, never a double).
            QCOMPARE(jobs[2].params.value(QStringLiteral("seed")).toInteger(), 9007199254740993LL);
            QCOMPARE(jobs[3].state, JobState::Queued);
            QCOMPARE(jobs[4].params.value(QStringLiteral("prompt")).toString(), QStringLiteral("third pending"));
            // Version 2's column: none of the old jobs has warnings; a new one keeps its own.
            for (const Job& j : jobs) QVERIFY(j.warnings.isEmpty());
            Job w = jobs[0];
            w.warnings = QStringList{QStringLiteral("Lora not found: gone")};
            QVERIFY2(store.update(w), qPrintable(store.errorString()));
            QCOMPARE(store.loadAll().at(0).warnings, w.warnings);
        }
        QCOMPARE(userVersion(path), JobStore::kSchemaVersion);
        QCOMPARE(sqlValue(path, QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));

        // The queue over the upgraded file: the "running" job is interrupted, the two pending
        // ones are intact and new jobs are stored.
        JobStore store;
        QVERIFY(store.open(path));
        JobQueue queue(&store, QueueLimits{});
        QCOMPARE(queue.interruptedAtStartup(), 1);
        QCOMPARE(queue.pending().size(), 2);
        QVERIFY(queue.enqueue(QStringLiteral("txt2img"), QJsonObject{{QStringLiteral("prompt"), QStringLiteral("new")}})
                    .ok());
        QCOMPARE(store.loadAll().size(), 6);
    }

    // Version 1 (the first versioned schema) to 2 (jobs.warnings). A version-1 file is what
    // version 1's code path made of a version-0 file: step 1 created nothing new (CREATE TABLE IF
    // NOT EXISTS over the same table) and set user_version 1, so the fixture is the version-0
    // file with user_version 1. The upgrade keeps every row and value and adds the column.
    void jobQueueFromVersion1() {
        QTemporaryDir dir;
        const QString path = copyFixture(dir, QStringLiteral("jobs.sqlite"));
        QVERIFY(sqlExec(path, {QStringLiteral("PRAGMA user_version = 1")}));
        QCOMPARE(userVersion(path), 1);
        {
            JobStore store;
            QVERIFY2(store.open(path), qPrintable(store.errorString()));
            QVERIFY(!store.isReadOnly());
            bool ok = false;
            const QList<Job> jobs = store.loadAll(&ok);
            QVERIFY(ok);
            QCOMPARE(jobs.size(), 5);
            QCOMPARE(jobs[0].results, QStringList{QStringLiteral("/home/user/Pictures/Latent Studio/00000-42.png")});
            QCOMPARE(jobs[1].error, QStringLiteral("The engine failed: out of memory"));
            QCOMPARE(jobs[2].params.value(QStringLiteral("seed")).toInteger(), 9007199254740993LL);
            for (const Job& j : jobs) QVERIFY(j.warnings.isEmpty());
        }
        QCOMPARE(userVersion(path), 2);
        QCOMPARE(sqlValue(path, QStringLiteral("SELECT COUNT(*) FROM pragma_table_info('jobs') WHERE name = 'warnings'"))
                     .toInt(),
                 1);
        QCOMPARE(sqlValue(path, QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
    }

    void galleryFromVersion0() {
        QTemporaryDir dir;
        const QString path = copyFixture(dir, QStringLiteral("gallery.sqlite"));
        QCOMPARE(userVersion(path), 0);
        GalleryStore store(path);
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        QVERIFY(!store.isReadOnly());
        QCOMPARE(userVersion(path), GalleryStore::kSchemaVersion);
        QCOMPARE(store.count(), 2);
        const QList<GalleryEntry> all = store.query();
        QCOMPARE(all.size(), 2);
        int favourites = 0;
        for (const GalleryEntry& e : all) {
            QVERIFY(e.path.startsWith(QStringLiteral("/tmp/latent-schema-v0/images/")));
            QVERIFY(e.prompt.startsWith(QStringLiteral("a cat number ")));
            QCOMPARE(e.negativePrompt, QStringLiteral("dog"));
            QCOMPARE(e.steps.value_or(0), 8);
            QCOMPARE(e.modelHash, QStringLiteral("0123456789"));
            if (e.favourite) {
                ++favourites;
                QCOMPARE(e.seed.value_or(0), 101);
            }
        }
        QCOMPARE(favourites, 1);
        // New images are indexed into the upgraded file.
        const QString image = dir.filePath(QStringLiteral("00000.png"));
        QVERIFY(QFile::copy(fixture(QStringLiteral("images/00000.png")), image));
        QVERIFY(store.addImage(image, &error));
        QCOMPARE(store.count(), 3);
    }

    void libraryFromVersion0() {
        QTemporaryDir dir;
        const QString path = copyFixture(dir, QStringLiteral("library.sqlite"));
        QCOMPARE(userVersion(path), 0);
        ModelIndex index;
        QVERIFY2(index.open(path), qPrintable(index.errorString()));
        QVERIFY(!index.isReadOnly());
        QCOMPARE(userVersion(path), ModelIndex::kSchemaVersion);
        const QList<ModelEntry> entries = index.entries();
        QCOMPARE(entries.size(), 3);
        const auto demo = index.entry(QStringLiteral("/models/Stable-diffusion/demo.safetensors"));
        QVERIFY(demo);
        QCOMPARE(demo->sha256, QString(64, QLatin1Char('a')));
        QCOMPARE(demo->autoV1, QStringLiteral("abcdef01"));
        QCOMPARE(demo->tags, (QStringList{QStringLiteral("demo"), QStringLiteral("random")}));
        QCOMPARE(demo->metadata.value(QStringLiteral("ss_output_name")).toString(), QStringLiteral("demo"));
        const auto pointer = index.entry(QStringLiteral("/models/Stable-diffusion/pointer.safetensors"));
        QVERIFY(pointer && !pointer->usable);
        QCOMPARE(pointer->problem, QStringLiteral("This is a Git LFS pointer, not the model."));
        const auto cached = index.cachedHashes(30912345, 1764583200000, QStringLiteral("q1"));
        QVERIFY(cached);
        QCOMPARE(cached->addnet, QString(64, QLatin1Char('b')));
    }

    void settingsFromVersion0() {
        QTemporaryDir dir;
        const QString path = copyFixture(dir, QStringLiteral("latentstudio.conf"));
        {
            QSettings s(path, QSettings::IniFormat);
            const SettingsUpgrade r = upgradeSettings(&s);
            QCOMPARE(r.foundVersion, 0);
            QCOMPARE(r.version, kSettingsSchemaVersion);
            QVERIFY(r.upgraded);
            QVERIFY(!r.readOnly);
            QVERIFY(r.message.isEmpty());
        }
        QSettings s(path, QSettings::IniFormat);
        Settings typed(&s);
        QCOMPARE(typed.value(settings::SchemaVersion), kSettingsSchemaVersion);
        // The ';'-separated roots of the old builds are a list now.
        QCOMPARE(s.value(QStringLiteral("library/roots")).toStringList(),
                 (QStringList{QStringLiteral("/data/sd/models"), QStringLiteral("/mnt/usb/models")}));
        QCOMPARE(typed.value(settings::ModelRoots),
                 (QStringList{QStringLiteral("/data/sd/models"), QStringLiteral("/mnt/usb/models")}));
        // Everything else as it was.
        QCOMPARE(typed.value(settings::Language), QStringLiteral("de"));
        QCOMPARE(typed.value(settings::MaxQueueSize), 50);
        QCOMPARE(typed.value(settings::OutputFolder), QStringLiteral("/home/user/Pictures/Latent Studio"));
        QCOMPARE(typed.value(settings::LastModel), QStringLiteral("/data/sd/models/Stable-diffusion/demo.safetensors"));
        QCOMPARE(typed.value(settings::WindowGeometry), QByteArray("\x01\xd9\xd0\xcb\x00\x03", 6));
        // A second start changes nothing.
        const QByteArray before = fileHash(path);
        const SettingsUpgrade again = upgradeSettings(&s);
        QVERIFY(!again.upgraded);
        QCOMPARE(fileHash(path), before);
    }

    void newSettingsFileIsStampedOnceItHasValues() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("fresh.conf"));
        {
            QSettings s(path, QSettings::IniFormat);
            const SettingsUpgrade r = upgradeSettings(&s);
            QCOMPARE(r.version, kSettingsSchemaVersion);
            QVERIFY(!r.upgraded);
        }
        QVERIFY(!QFile::exists(path)); // no file just for the stamp
        {
            QSettings s(path, QSettings::IniFormat);
            Settings(&s).setValue(settings::ModelRoots, QStringList{QStringLiteral("/x"), QStringLiteral("/y")});
        }
        QSettings s(path, QSettings::IniFormat);
        upgradeSettings(&s);
        QSettings reread(path, QSettings::IniFormat);
        QCOMPARE(reread.value(QStringLiteral("meta/schemaVersion")).toInt(), kSettingsSchemaVersion);
        // A list written by this version stays as it was (step 1 run again changes nothing).
        QCOMPARE(Settings(&reread).value(settings::ModelRoots),
                 (QStringList{QStringLiteral("/x"), QStringLiteral("/y")}));
    }

    void downloadListVersion1Loads() {
        QTemporaryDir dir;
        const QString path = copyFixture(dir, QStringLiteral("downloads.json"));
        DownloadManager m;
        m.setStateFile(path);
        QVERIFY(m.loadState(false));
        QVERIFY(!m.isStateReadOnly());
        QCOMPARE(m.entries().size(), 1);
        const DownloadManager::Entry e = m.entries().constFirst();
        QCOMPARE(e.state, DownloadManager::State::Paused);
        QCOMPARE(e.plan.title, QStringLiteral("org/repo"));
        QCOMPARE(e.plan.files.size(), 1);
        QCOMPARE(e.plan.files[0].sha256, QString(64, QLatin1Char('c')));
    }

    // --- newer versions: read-only, untouched, the user told ------------------------------------

    void newerJobQueueIsReadOnly() {
        QTemporaryDir dir;
        const QString path = copyFixture(dir, QStringLiteral("jobs.sqlite"));
        QVERIFY(sqlExec(path, {QStringLiteral("PRAGMA journal_mode=DELETE"),
                               QStringLiteral("ALTER TABLE jobs ADD COLUMN owner TEXT"),
                               QStringLiteral("PRAGMA user_version = 7")}));
        const QByteArray before = fileHash(path);
        {
            JobStore store;
            QVERIFY2(store.open(path), qPrintable(store.errorString()));
            QVERIFY(store.isReadOnly());
            QVERIFY(store.readOnlyMessage().contains(QStringLiteral("newer version")));
            QVERIFY(store.readOnlyMessage().contains(QStringLiteral("jobs.sqlite")));
            QVERIFY(noticeMentions(QStringLiteral("jobs.sqlite")));
            QCOMPARE(store.loadAll().size(), 5); // readable
            Job j;
            j.kind = QStringLiteral("txt2img");
            QVERIFY(!store.insert(j)); // never written
            QCOMPARE(store.markRunningInterrupted(QStringLiteral("x")), 0);
        }
        QCOMPARE(fileHash(path), before);
        QCOMPARE(userVersion(path), 7);
    }

    void newerGalleryIsReadOnly() {
        QTemporaryDir dir;
        const QString path = copyFixture(dir, QStringLiteral("gallery.sqlite"));
        QVERIFY(
            sqlExec(path, {QStringLiteral("PRAGMA journal_mode=DELETE"), QStringLiteral("PRAGMA user_version = 2")}));
        const QByteArray before = fileHash(path);
        {
            GalleryStore store(path);
            QString error;
            QVERIFY2(store.open(&error), qPrintable(error));
            QVERIFY(store.isReadOnly());
            QVERIFY(noticeMentions(QStringLiteral("gallery.sqlite")));
            QCOMPARE(store.count(), 2);
            const QString image = dir.filePath(QStringLiteral("00000.png"));
            QVERIFY(QFile::copy(fixture(QStringLiteral("images/00000.png")), image));
            QVERIFY(!store.addImage(image, &error));
            QVERIFY(!store.setFavourite(store.query().constFirst().id, true));
        }
        QCOMPARE(fileHash(path), before);
    }

    void newerLibraryIsReadOnly() {
        QTemporaryDir dir;
        const QString path = copyFixture(dir, QStringLiteral("library.sqlite"));
        QVERIFY(
            sqlExec(path, {QStringLiteral("PRAGMA journal_mode=DELETE"), QStringLiteral("PRAGMA user_version = 3")}));
        const QByteArray before = fileHash(path);
        {
            ModelIndex index;
            QVERIFY2(index.open(path), qPrintable(index.errorString()));
            QVERIFY(index.isReadOnly());
            QVERIFY(noticeMentions(QStringLiteral("library.sqlite")));
            QCOMPARE(index.entries().size(), 3);
            QVERIFY(!index.remove(QStringLiteral("/models/Lora/style.safetensors")));
        }
        QCOMPARE(fileHash(path), before);
    }

    void newerSettingsAreReadOnly() {
        QTemporaryDir dir;
        const QString path = copyFixture(dir, QStringLiteral("latentstudio.conf"));
        {
            QSettings s(path, QSettings::IniFormat);
            s.setValue(QStringLiteral("meta/schemaVersion"), 9);
            s.setValue(QStringLiteral("future/thing"), QStringLiteral("kept"));
        }
        const QByteArray before = fileHash(path);
        {
            QSettings s(path, QSettings::IniFormat);
            const SettingsUpgrade r = upgradeSettings(&s);
            QVERIFY(r.readOnly);
            QCOMPARE(r.foundVersion, 9);
            QVERIFY(r.message.contains(QStringLiteral("newer version")));
            QVERIFY(Settings::readOnly());
            Settings typed(&s);
            QCOMPARE(typed.value(settings::Language), QStringLiteral("de")); // still read
            typed.setValue(settings::Language, QStringLiteral("en"));
            typed.remove(settings::MaxQueueSize);
            typed.sync();
            QCOMPARE(typed.value(settings::Language), QStringLiteral("de"));
        }
        QCOMPARE(fileHash(path), before);
    }

    void newerDownloadListIsLeftAlone() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("downloads.json"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(R"({"version": 2, "downloads": [], "queues": {"new": "format"}})");
        }
        const QByteArray before = fileHash(path);
        DownloadManager m;
        m.setStateFile(path);
        QVERIFY(m.loadState(false));
        QVERIFY(m.isStateReadOnly());
        QVERIFY(noticeMentions(QStringLiteral("downloads.json")));
        DownloadPlan p;
        p.site = QStringLiteral("huggingface");
        p.title = QStringLiteral("x/y");
        p.destinationDir = dir.filePath(QStringLiteral("models"));
        p.installName = QStringLiteral("y.safetensors");
        PlannedFile f;
        f.url = QUrl(QStringLiteral("http://127.0.0.1:9/y.safetensors"));
        f.relativePath = QStringLiteral("y.safetensors");
        p.files << f;
        const QString id = m.add(p);
        m.pause(id);
        QCOMPARE(fileHash(path), before);
    }

    // --- the ladder ------------------------------------------------------------------------------

    void migrationStepsRunInOrderAllOrNothing() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("ladder.sqlite"));
        auto schemaUpTo = [](int version, bool breakLast) {
            SqliteSchema s;
            s.fileLabel = QStringLiteral("The test database");
            s.steps << SchemaStep{1, {QStringLiteral("CREATE TABLE IF NOT EXISTS t (a INTEGER)")}};
            if (version >= 2)
                s.steps << SchemaStep{2,
                                      {QStringLiteral("ALTER TABLE t ADD COLUMN b INTEGER NOT NULL DEFAULT 0"),
                                       QStringLiteral("UPDATE t SET b = a * 10")}};
            if (version >= 3)
                s.steps << SchemaStep{3,
                                      {breakLast ? QStringLiteral("CREATE INDEX t_c ON t(no_such_column)")
                                                 : QStringLiteral("CREATE INDEX t_b ON t(b)")}};
            return s;
        };
        auto openWith = [&](const SqliteSchema& s) {
            const QString name = QUuid::createUuid().toString();
            SchemaOpenResult r;
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
                db.setDatabaseName(path);
                r = openVersionedDatabase(db, s);
                db.close();
            }
            QSqlDatabase::removeDatabase(name);
            return r;
        };
        // A new file gets every step at once.
        SchemaOpenResult r = openWith(schemaUpTo(1, false));
        QVERIFY(r.ok);
        QCOMPARE(r.foundVersion, 0);
        QCOMPARE(r.version, 1);
        QVERIFY(sqlExec(path, {QStringLiteral("INSERT INTO t (a) VALUES (1), (2), (3)")}));

        // 1 -> 3 with a broken step 3: nothing of step 2 remains either.
        r = openWith(schemaUpTo(3, true));
        QVERIFY(!r.ok);
        QVERIFY(r.error.contains(QStringLiteral("nothing in it was changed")));
        QVERIFY(r.error.contains(QStringLiteral("no_such_column")));
        QCOMPARE(userVersion(path), 1);
        QCOMPARE(sqlValue(path, QStringLiteral("SELECT count(*) FROM pragma_table_info('t') WHERE name = 'b'")).toInt(),
                 0);
        QCOMPARE(sqlValue(path, QStringLiteral("SELECT sum(a) FROM t")).toInt(), 6);

        // 1 -> 3 for real: step 2 transformed the rows, step 3 ran after it.
        r = openWith(schemaUpTo(3, false));
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(r.migrated);
        QCOMPARE(r.foundVersion, 1);
        QCOMPARE(userVersion(path), 3);
        QCOMPARE(sqlValue(path, QStringLiteral("SELECT sum(b) FROM t")).toInt(), 60);
        QCOMPARE(sqlValue(path, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 't_b'")).toInt(), 1);

        // Opened again by the version-1 code: read-only, with the message.
        r = openWith(schemaUpTo(1, false));
        QVERIFY(r.ok);
        QVERIFY(r.readOnly);
        QCOMPARE(r.foundVersion, 3);
        QVERIFY(r.message.contains(QStringLiteral("data version 3")));

        // Not a database at all: an error, the file untouched.
        const QString junk = dir.filePath(QStringLiteral("junk.sqlite"));
        {
            QFile f(junk);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(4096, 'x'));
        }
        const QByteArray junkHash = fileHash(junk);
        const QString name = QUuid::createUuid().toString();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(junk);
            r = openVersionedDatabase(db, schemaUpTo(1, false));
            QVERIFY(!r.ok);
            QVERIFY(!db.isOpen());
        }
        QSqlDatabase::removeDatabase(name);
        QCOMPARE(fileHash(junk), junkHash);
    }
};

QTEST_GUILESS_MAIN(TestDataVersions)
#include "tst_data_versions.moc"
