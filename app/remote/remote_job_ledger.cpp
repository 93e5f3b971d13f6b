#include "app/remote/remote_job_ledger.h"

#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

namespace latent {

RemoteJobLedger::RemoteJobLedger()
    : connection_(QStringLiteral("remote-jobs-") + QUuid::createUuid().toString(QUuid::WithoutBraces)) {}

RemoteJobLedger::~RemoteJobLedger() {
    {
        QSqlDatabase db = QSqlDatabase::database(connection_, false);
        if (db.isOpen()) db.close();
    }
    if (QSqlDatabase::contains(connection_)) QSqlDatabase::removeDatabase(connection_);
}

bool RemoteJobLedger::open(const QString& path) {
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection_);
    db.setDatabaseName(path);
    if (!db.open()) {
        error_ = db.lastError().text();
        return false;
    }
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")) ||
        !q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS remote_jobs (job_id INTEGER PRIMARY KEY, backend TEXT NOT "
                               "NULL, kind TEXT NOT NULL, remote_id TEXT, state TEXT NOT NULL, info TEXT)")) ||
        !q.exec(QStringLiteral("SELECT job_id, backend, kind, remote_id, state, info FROM remote_jobs"))) {
        error_ = q.lastError().text();
        db.close();
        return false;
    }
    while (q.next()) {
        RemoteJobRecord r;
        r.jobId = q.value(0).toLongLong();
        r.backend = q.value(1).toString();
        r.kind = q.value(2).toString();
        r.remoteId = q.value(3).toString();
        r.state = q.value(4).toString();
        r.info = QJsonDocument::fromJson(q.value(5).toString().toUtf8()).object();
        records_.insert(r.jobId, r);
    }
    open_ = true;
    return true;
}

void RemoteJobLedger::write(const RemoteJobRecord& r) {
    records_.insert(r.jobId, r);
    if (!open_) return;
    QSqlQuery q(QSqlDatabase::database(connection_));
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO remote_jobs (job_id, backend, kind, remote_id, state, info) VALUES "
                             "(?, ?, ?, ?, ?, ?)"));
    q.addBindValue(r.jobId);
    q.addBindValue(r.backend);
    q.addBindValue(r.kind);
    q.addBindValue(r.remoteId);
    q.addBindValue(r.state);
    q.addBindValue(QString::fromUtf8(QJsonDocument(r.info).toJson(QJsonDocument::Compact)));
    if (!q.exec()) {
        error_ = q.lastError().text();
        qWarning("latent: the remote job record of job %lld could not be written: %s", static_cast<long long>(r.jobId),
                 qPrintable(error_));
    }
}

void RemoteJobLedger::started(qint64 jobId, const QString& backend, const QString& kind) {
    RemoteJobRecord r;
    r.jobId = jobId;
    r.backend = backend;
    r.kind = kind;
    r.state = QStringLiteral("running");
    write(r);
}

void RemoteJobLedger::setRemoteId(qint64 jobId, const QString& remoteId) {
    auto it = records_.find(jobId);
    if (it == records_.end()) return;
    RemoteJobRecord r = *it;
    r.remoteId = remoteId;
    write(r);
}

void RemoteJobLedger::setState(qint64 jobId, const QString& state, const QJsonObject& info) {
    auto it = records_.find(jobId);
    if (it == records_.end()) return;
    RemoteJobRecord r = *it;
    r.state = state;
    for (auto i = info.begin(); i != info.end(); ++i) r.info.insert(i.key(), i.value());
    write(r);
}

void RemoteJobLedger::remove(qint64 jobId) {
    if (!records_.remove(jobId) || !open_) return;
    QSqlQuery q(QSqlDatabase::database(connection_));
    q.prepare(QStringLiteral("DELETE FROM remote_jobs WHERE job_id=?"));
    q.addBindValue(jobId);
    q.exec();
}

std::optional<RemoteJobRecord> RemoteJobLedger::record(qint64 jobId) const {
    auto it = records_.constFind(jobId);
    if (it == records_.constEnd()) return std::nullopt;
    return *it;
}

} // namespace latent
