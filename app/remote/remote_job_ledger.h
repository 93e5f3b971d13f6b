// What the studio knows about jobs that ran (or run) on remote backends, beside the job queue:
// which backend took the job, the backend's own job id (RunPod: to resume polling after a
// restart), the last state, and what the backend reported (usage, latency, cost). SQLite
// (remote_jobs.sqlite next to jobs.sqlite), or memory only when no path is given.
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace latent {

struct RemoteJobRecord {
    qint64 jobId = 0;
    QString backend;
    QString kind;
    QString remoteId;
    QString state;     // "running", "done", "failed", "cancelled", "left" (left running on the server)
    QJsonObject info;  // usage, cost, latency_ms, ...
};

class RemoteJobLedger {
public:
    RemoteJobLedger();
    ~RemoteJobLedger();
    RemoteJobLedger(const RemoteJobLedger&) = delete;
    RemoteJobLedger& operator=(const RemoteJobLedger&) = delete;

    // Opens (creates) the database and reads it. False + errorString() on failure (the ledger
    // then works in memory).
    bool open(const QString& path);
    QString errorString() const { return error_; }

    void started(qint64 jobId, const QString& backend, const QString& kind);
    void setRemoteId(qint64 jobId, const QString& remoteId);
    void setState(qint64 jobId, const QString& state, const QJsonObject& info = {});
    void remove(qint64 jobId);

    std::optional<RemoteJobRecord> record(qint64 jobId) const;
    QList<RemoteJobRecord> records() const { return records_.values(); }

private:
    void write(const RemoteJobRecord& r);

    QString connection_;
    bool open_ = false;
    QString error_;
    QHash<qint64, RemoteJobRecord> records_;
};

} // namespace latent
