#include "app/storage/sqlite_schema.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace latent {

namespace {

bool run(QSqlDatabase& db, const QString& sql, QString* why) {
    QSqlQuery q(db);
    if (q.exec(sql)) return true;
    if (why) *why = q.lastError().text();
    return false;
}

} // namespace

int databaseUserVersion(const QSqlDatabase& db) {
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next()) return -1;
    return q.value(0).toInt();
}

SchemaOpenResult openVersionedDatabase(QSqlDatabase& db, const SqliteSchema& schema, const QString& connectOptions) {
    SchemaOpenResult r;
    const int current = schema.currentVersion();
    const auto failed = [&](const QString& what, const QString& why) {
        if (db.isOpen()) db.close();
        r.ok = false;
        r.error = what.arg(schema.fileLabel, why);
        return r;
    };

    db.setConnectOptions(connectOptions);
    if (!db.open())
        return failed(QCoreApplication::translate("Schema", "%1 could not be opened: %2"), db.lastError().text());
    r.foundVersion = databaseUserVersion(db);
    if (r.foundVersion < 0)
        return failed(QCoreApplication::translate("Schema", "%1 could not be read (is it a database?): %2"),
                      db.lastError().text());

    if (r.foundVersion > current) {
        // Written by a newer Latent Studio: read what we can, never write.
        db.close();
        QString options = connectOptions;
        if (!options.isEmpty()) options += QLatin1Char(';');
        db.setConnectOptions(options + QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (!db.open())
            return failed(QCoreApplication::translate("Schema", "%1 could not be opened read-only: %2"),
                          db.lastError().text());
        r.ok = true;
        r.readOnly = true;
        r.version = r.foundVersion;
        r.message = QCoreApplication::translate(
                        "Schema", "%1 was written by a newer version of Latent Studio (data version %2; this version "
                                  "knows up to %3). It is opened read-only and left unchanged: what you do now is not "
                                  "saved in it. Update Latent Studio to keep working with it.")
                        .arg(schema.fileLabel)
                        .arg(r.foundVersion)
                        .arg(current);
        return r;
    }

    QString why;
    if (!run(db, QStringLiteral("PRAGMA journal_mode=WAL"), &why) ||
        !run(db, QStringLiteral("PRAGMA synchronous=NORMAL"), &why))
        return failed(QCoreApplication::translate("Schema", "%1 could not be prepared: %2"), why);

    if (r.foundVersion < current) {
        // One transaction for every step and the version: all or nothing. BEGIN IMMEDIATE takes
        // the write lock first, so two processes starting together migrate once.
        if (!run(db, QStringLiteral("BEGIN IMMEDIATE"), &why))
            return failed(QCoreApplication::translate("Schema", "%1 could not be upgraded: %2"), why);
        const int start = databaseUserVersion(db);
        bool ok = start >= 0 && start <= current;
        if (!ok) why = QCoreApplication::translate("Schema", "its version changed while it was being opened");
        for (const SchemaStep& step : schema.steps) {
            if (!ok) break;
            if (step.version <= start) continue;
            for (const QString& sql : step.statements) {
                if (!run(db, sql, &why)) {
                    ok = false;
                    break;
                }
            }
        }
        if (ok) ok = run(db, QStringLiteral("PRAGMA user_version = %1").arg(current), &why);
        if (ok) ok = run(db, QStringLiteral("COMMIT"), &why);
        if (!ok) {
            QString ignored;
            run(db, QStringLiteral("ROLLBACK"), &ignored);
            return failed(
                QCoreApplication::translate(
                    "Schema", "%1 could not be upgraded to this version's format (nothing in it was changed): %2"),
                why);
        }
        r.migrated = start < current;
    }
    r.ok = true;
    r.version = current;
    return r;
}

} // namespace latent
