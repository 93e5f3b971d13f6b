// SQLite index of the model library (QtSql, WAL). Files are the truth: the index can always be
// rebuilt by a scan; it exists so a restart does not re-read headers or re-hash anything.
//   models      one row per file: path, root, kind, size, mtime, format, header facts, hashes,
//               metadata highlights
//   hash_cache  hashes keyed by (size, mtime, quick fingerprint), so a renamed or re-added
//               file keeps its hashes without being read again
// One ModelIndex = one connection; use it on one thread only (the scanner opens its own).
#pragma once

#include "app/library/model_entry.h"

#include <QList>
#include <QString>

#include <optional>

namespace latent {

struct CachedHashes {
    QString sha256, autoV1, addnet;
};

class ModelIndex {
public:
    ModelIndex();
    ~ModelIndex();
    ModelIndex(const ModelIndex&) = delete;
    ModelIndex& operator=(const ModelIndex&) = delete;

    // Opens (creating if needed) the database at `path`, upgrading an older schema (see
    // app/storage/sqlite_schema.h). Returns false with errorString() set. An index written by a
    // newer version is opened read-only (isReadOnly(), a notice is posted): scans then change
    // nothing in it.
    bool open(const QString& path);
    bool isOpen() const;
    bool isReadOnly() const { return readOnly_; }
    static constexpr int kSchemaVersion = 1; // 1: the tables of the unversioned releases
    QString errorString() const { return error_; }

    // Rows whose path lies under `root` (every row when `root` is empty), ordered by path.
    QList<ModelEntry> entries(const QString& root = {});
    std::optional<ModelEntry> entry(const QString& path);
    // Insert or replace the row of `e.path`; `quick` is the fingerprint used by the hash cache.
    bool upsert(const ModelEntry& e, const QString& quick);
    bool remove(const QString& path);
    QString quickFingerprint(const QString& path); // stored value for a row, or empty
    // Stores hashes on the row and in the hash cache.
    bool setHashes(const QString& path, qint64 size, qint64 mtimeMs, const QString& quick, const CachedHashes& h);
    std::optional<CachedHashes> cachedHashes(qint64 size, qint64 mtimeMs, const QString& quick);

    bool beginTransaction();
    bool commit();

private:
    bool exec(const QString& sql);
    QString connection_;
    QString error_;
    bool readOnly_ = false;
};

} // namespace latent
