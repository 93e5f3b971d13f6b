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

    // Opens (creating if needed) the database at `path`. Returns false with errorString() set.
    bool open(const QString& path);
    bool isOpen() const;
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
};

} // namespace latent
