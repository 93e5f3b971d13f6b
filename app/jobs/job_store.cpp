#include "app/jobs/job_store.h"

#include "app/core/notices.h"
#include "app/storage/sqlite_schema.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace latent {

namespace {
QString toText(const QDateTime& t) { return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString(); }
QDateTime fromText(const QString& s) {
    if (s.isEmpty()) return {};
    QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
    t.setTimeSpec(Qt::UTC);
    return t;
}
// Binds the 12 data columns in table order (kind .. results).
void bindColumns(QSqlQuery& q, const Job& job) {
    q.addBindValue(job.kind);
    q.addBindValue(QString::fromUtf8(QJsonDocument(job.params).toJson(QJsonDocument::Compact)));
    q.addBindValue(jobStateName(job.state));
    q.addBindValue(job.progress);
    q.addBindValue(job.step);
    q.addBindValue(job.totalSteps);
    q.addBindValue(job.position);
    q.addBindValue(toText(job.created));
    q.addBindValue(toText(job.started));
    q.addBindValue(toText(job.finished));
    q.addBindValue(job.error);
    q.addBindValue(QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(job.results)).toJson(QJsonDocument::Compact)));
    q.addBindValue(QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(job.warnings)).toJson(QJsonDocument::Compact)));
}
} // namespace

JobStore::JobStore() : connection_(QStringLiteral("jobs-") + QUuid::createUuid().toString(QUuid::WithoutBraces)) {}

JobStore::~JobStore() {
    {
        QSqlDatabase db = QSqlDatabase::database(connection_, false);
        if (db.isOpen()) db.close();
    }
    QSqlDatabase::removeDatabase(connection_);
}

bool JobStore::isOpen() const { return QSqlDatabase::database(connection_, false).isOpen(); }

bool JobStore::exec(const QString& sql) {
    QSqlQuery q(QSqlDatabase::database(connection_));
    if (!q.exec(sql)) {
        error_ = q.lastError().text();
        return false;
    }
    return true;
}

bool JobStore::open(const QString& path) {
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection_);
    db.setDatabaseName(path);
    SqliteSchema schema;
    schema.fileLabel = QCoreApplication::translate("JobStore", "The job queue (%1)").arg(QFileInfo(path).fileName());
    // Version 1: the table of the unversioned releases (IF NOT EXISTS: it may be there already).
    schema.steps << SchemaStep{1,
                               {QStringLiteral("CREATE TABLE IF NOT EXISTS jobs ("
                                               " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                                               " kind TEXT NOT NULL,"
                                               " params TEXT NOT NULL,"
                                               " state TEXT NOT NULL,"
                                               " progress REAL NOT NULL DEFAULT 0,"
                                               " step INTEGER NOT NULL DEFAULT 0,"
                                               " total_steps INTEGER NOT NULL DEFAULT 0,"
                                               " position INTEGER NOT NULL,"
                                               " created TEXT, started TEXT, finished TEXT,"
                                               " error TEXT, results TEXT)")}};
    // Version 2: what a finished job noted but survived (missing LoRAs, ...), a JSON array.
    schema.steps << SchemaStep{2, {QStringLiteral("ALTER TABLE jobs ADD COLUMN warnings TEXT")}};
    static_assert(kSchemaVersion == 2, "add a SchemaStep for the new version");
    const SchemaOpenResult r = openVersionedDatabase(db, schema);
    if (!r.ok) {
        error_ = r.error;
        return false;
    }
    readOnly_ = r.readOnly;
    readOnlyMessage_ = r.message;
    if (r.readOnly) Notices::instance()->post(r.message);
    if (r.migrated) qInfo("latent: %s upgraded from data version %d to %d", qPrintable(path), r.foundVersion, r.version);
    return true;
}

QList<Job> JobStore::loadAll(bool* ok) {
    QList<Job> jobs;
    if (ok) *ok = false;
    QSqlQuery q(QSqlDatabase::database(connection_));
    // A database opened read-only without its upgrade (a newer version's file, a write-protected
    // one) may lack the later columns: read what is there.
    bool hasWarnings = false;
    if (q.exec(QStringLiteral("PRAGMA table_info(jobs)")))
        while (q.next()) hasWarnings = hasWarnings || q.value(1).toString() == QLatin1String("warnings");
    if (!q.exec(QStringLiteral("SELECT id, kind, params, state, progress, step, total_steps, position, created, "
                               "started, finished, error, results, %1 FROM jobs ORDER BY id")
                    .arg(hasWarnings ? QStringLiteral("warnings") : QStringLiteral("NULL")))) {
        error_ = q.lastError().text();
        return jobs;
    }
    if (ok) *ok = true;
    while (q.next()) {
        Job j;
        j.id = q.value(0).toLongLong();
        j.kind = q.value(1).toString();
        j.params = QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object();
        j.state = jobStateFromName(q.value(3).toString()).value_or(JobState::Interrupted);
        j.progress = q.value(4).toDouble();
        j.step = q.value(5).toInt();
        j.totalSteps = q.value(6).toInt();
        j.position = q.value(7).toLongLong();
        j.created = fromText(q.value(8).toString());
        j.started = fromText(q.value(9).toString());
        j.finished = fromText(q.value(10).toString());
        j.error = q.value(11).toString();
        for (const auto& v : QJsonDocument::fromJson(q.value(12).toString().toUtf8()).array())
            j.results << v.toString();
        for (const auto& v : QJsonDocument::fromJson(q.value(13).toString().toUtf8()).array())
            j.warnings << v.toString();
        jobs << j;
    }
    return jobs;
}

bool JobStore::insert(Job& job) {
    QSqlQuery q(QSqlDatabase::database(connection_));
    q.prepare(QStringLiteral("INSERT INTO jobs (kind, params, state, progress, step, total_steps, position, created, "
                             "started, finished, error, results, warnings) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    bindColumns(q, job);
    if (!q.exec()) {
        error_ = q.lastError().text();
        return false;
    }
    job.id = q.lastInsertId().toLongLong();
    return true;
}

bool JobStore::update(const Job& job) {
    QSqlQuery q(QSqlDatabase::database(connection_));
    q.prepare(QStringLiteral("UPDATE jobs SET kind=?, params=?, state=?, progress=?, step=?, total_steps=?, "
                             "position=?, created=?, started=?, finished=?, error=?, results=?, warnings=? WHERE id=?"));
    bindColumns(q, job);
    q.addBindValue(job.id);
    if (!q.exec()) {
        error_ = q.lastError().text();
        return false;
    }
    return true;
}

bool JobStore::remove(qint64 id) {
    QSqlQuery q(QSqlDatabase::database(connection_));
    q.prepare(QStringLiteral("DELETE FROM jobs WHERE id=?"));
    q.addBindValue(id);
    if (!q.exec()) {
        error_ = q.lastError().text();
        return false;
    }
    return true;
}

bool JobStore::remove(const QList<qint64>& ids) {
    if (ids.isEmpty()) return true;
    QSqlDatabase db = QSqlDatabase::database(connection_);
    if (!db.transaction()) {
        error_ = db.lastError().text();
        return false;
    }
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM jobs WHERE id=?"));
    for (qint64 id : ids) {
        q.addBindValue(id);
        if (!q.exec()) {
            error_ = q.lastError().text();
            db.rollback();
            return false;
        }
    }
    if (!db.commit()) {
        error_ = db.lastError().text();
        db.rollback();
        return false;
    }
    return true;
}

int JobStore::markRunningInterrupted(const QString& reason) {
    QSqlQuery q(QSqlDatabase::database(connection_));
    q.prepare(QStringLiteral("UPDATE jobs SET state=?, error=? WHERE state=?"));
    q.addBindValue(jobStateName(JobState::Interrupted));
    q.addBindValue(reason);
    q.addBindValue(jobStateName(JobState::Running));
    if (!q.exec()) {
        error_ = q.lastError().text();
        return 0;
    }
    return q.numRowsAffected();
}

} // namespace latent
