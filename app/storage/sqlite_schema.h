// Versioned SQLite databases. Each database the app keeps (job queue, gallery index, model
// library) records its schema version in SQLite's own header field (PRAGMA user_version; the
// databases of releases before versioning read 0). Opening one:
//   - a new or older file is brought forward step by step, all steps and the new version number
//     in one transaction: it is either fully upgraded or left exactly as it was;
//   - a file written by a newer version (user_version above what this build knows) is opened
//     read-only and the caller gets a message to show: this build never changes it, so the
//     newer version finds its data intact.
// Step N turns a version N-1 database into version N. Step 1 starts from a database that is
// empty or was made before versioning, so it uses CREATE ... IF NOT EXISTS.
#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace latent {

struct SchemaStep {
    int version = 0;        // the version this step produces
    QStringList statements; // SQL run in order inside the migration transaction
};

struct SqliteSchema {
    QString fileLabel;       // what the database is, for messages: "The job queue (jobs.sqlite)"
    QList<SchemaStep> steps; // steps[i].version == i + 1; the last one is the current version
    int currentVersion() const { return steps.isEmpty() ? 0 : steps.constLast().version; }
};

struct SchemaOpenResult {
    bool ok = false;       // the database is open (read-write, or read-only when readOnly)
    bool readOnly = false; // a newer version's database: never written
    int foundVersion = 0;  // user_version when the file was opened
    int version = 0;       // user_version now
    bool migrated = false; // steps ran (foundVersion < version)
    QString message;       // for the user when readOnly (translated)
    QString error;         // why !ok (translated, with SQLite's reason)
};

// Opens the database configured on `db` (driver QSQLITE, database name set, not yet open;
// `connectOptions` as for QSqlDatabase::setConnectOptions, without QSQLITE_OPEN_READONLY).
// Writable databases get journal_mode=WAL and synchronous=NORMAL.
SchemaOpenResult openVersionedDatabase(QSqlDatabase& db, const SqliteSchema& schema,
                                       const QString& connectOptions = QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));

// PRAGMA user_version of an open database (-1 on error).
int databaseUserVersion(const QSqlDatabase& db);

} // namespace latent
