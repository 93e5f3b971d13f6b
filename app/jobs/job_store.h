// SQLite persistence of the job queue (QtSql, WAL). Files are written through SQLite's own
// journal, so a crash leaves either the old or the new row, never a partial one.
#pragma once

#include "app/jobs/job.h"

#include <QList>
#include <QString>

namespace latent {

class JobStore {
public:
    JobStore();
    ~JobStore();
    JobStore(const JobStore&) = delete;
    JobStore& operator=(const JobStore&) = delete;

    // Opens (creating if needed) the database at `path`, upgrading an older schema (see
    // app/storage/sqlite_schema.h). Returns false with errorString() set. A database written by
    // a newer version is opened read-only: isReadOnly(), readOnlyMessage() says so (also posted
    // to Notices), and every write fails.
    bool open(const QString& path);
    bool isOpen() const;
    bool isReadOnly() const { return readOnly_; }
    QString readOnlyMessage() const { return readOnlyMessage_; }
    // Schema version this build writes (PRAGMA user_version). 1: the first versioned schema
    // (the tables of the unversioned releases, unchanged). 2: jobs.warnings (JSON array).
    static constexpr int kSchemaVersion = 2;
    QString errorString() const { return error_; }

    QList<Job> loadAll(bool* ok = nullptr);  // ordered by id; *ok = false when the query failed
    bool insert(Job& job);                // assigns job.id
    bool update(const Job& job);
    bool remove(qint64 id);
    bool remove(const QList<qint64>& ids);  // in one transaction: all or none
    // Marks every "running" job as "interrupted" (the app died while it ran); returns how many.
    int markRunningInterrupted(const QString& reason);

private:
    bool exec(const QString& sql);
    QString connection_;
    QString error_;
    bool readOnly_ = false;
    QString readOnlyMessage_;
};

} // namespace latent
