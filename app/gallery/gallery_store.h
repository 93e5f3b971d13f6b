// The gallery index: one SQLite database (QtSql, WAL) with a row per finished image. The files
// are the truth: every row is derived from a PNG's own `parameters` chunk (read with the capped
// PNG text reader), so the whole index can be rebuilt from the output folders (scanFolders +
// replaceAll) after the database was lost. Favourites live only in the index.
//
// A GalleryStore is used from one thread (the GUI thread). readImageFile() and scanFolders() touch
// no database and may run on any thread (QtConcurrent).
#pragma once

#include <QDateTime>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <atomic>
#include <optional>

namespace latent {

struct GalleryEntry {
    qint64 id = 0;
    QString path;      // absolute file path
    QDateTime created; // the file's modification time (UTC)
    qint64 fileSize = 0;
    int width = 0; // from the PNG header
    int height = 0;
    QString infotext; // the `parameters` chunk, capped (GenerationParams::kMaxInfotextChars)
    QString prompt;
    QString negativePrompt;
    QString model; // "Model" (empty when unknown)
    QString modelHash;
    QString sampler;
    std::optional<qint64> seed;
    std::optional<int> steps;
    std::optional<double> cfgScale;
    bool favourite = false;
};

struct GalleryQuery {
    QString text;  // substring of the prompt (case-insensitive for ASCII)
    QString model; // exact "Model" value; empty = every model
    bool favouritesOnly = false;
    int limit = -1; // -1 = no limit
    int offset = 0;
};

class GalleryStore {
public:
    enum class RemoveMode { IndexOnly, MoveToTrash, DeleteFile };

    // The database file (created on open()). Nothing happens before open().
    explicit GalleryStore(QString databasePath);
    ~GalleryStore();
    GalleryStore(const GalleryStore&) = delete;
    GalleryStore& operator=(const GalleryStore&) = delete;

    // Opens (creating if needed), upgrading an older schema (app/storage/sqlite_schema.h). An
    // index written by a newer version is opened read-only: isReadOnly(), a notice is posted,
    // and every change fails (the images themselves are unaffected).
    bool open(QString* error = nullptr);
    bool isOpen() const { return open_; }
    bool isReadOnly() const { return readOnly_; }
    static constexpr int kSchemaVersion = 1; // 1: the table of the unversioned releases
    QString databasePath() const { return path_; }
    QString lastError() const { return lastError_; }

    // QStandardPaths::AppDataLocation + "/gallery.sqlite".
    static QString defaultDatabasePath();

    // Reads one image's metadata from its file (no database). nullopt + *error when the file is
    // missing or not a PNG. A PNG without a `parameters` chunk is still an entry (empty prompt).
    static std::optional<GalleryEntry> readImageFile(const QString& path, QString* error = nullptr);
    // Every *.png under the folders (recursively, hidden files skipped), oldest first.
    // `cancel` (optional) stops the scan early. Files that cannot be read are counted in *skipped.
    // Paths in `known` are not read (a rescan that only looks for files missing from the index).
    static QList<GalleryEntry> scanFolders(const QStringList& folders, const std::atomic_bool* cancel = nullptr,
                                           int* skipped = nullptr, const QSet<QString>* known = nullptr);

    // Adds (or refreshes, keeping its id and favourite) the image at `path`. Returns its row.
    std::optional<GalleryEntry> addImage(const QString& path, QString* error = nullptr);
    // Inserts or refreshes an entry read before (e.g. on another thread); fills in id/favourite.
    std::optional<GalleryEntry> upsert(const GalleryEntry& entry, QString* error = nullptr);
    // Replaces the whole index by `entries` in one transaction; favourites of paths already
    // indexed are kept. Returns the number of rows, or -1 on error.
    int replaceAll(const QList<GalleryEntry>& entries, QString* error = nullptr);
    // Adds or refreshes entries in one transaction (orphan images found by a rescan). Returns how
    // many were written, or -1 on error (then none were).
    int addEntries(const QList<GalleryEntry>& entries, QString* error = nullptr);
    // Every indexed path.
    QSet<QString> indexedPaths() const;
    // scanFolders() + replaceAll() on this thread.
    int rebuild(const QStringList& folders, QString* error = nullptr);

    // Newest first (file time, then id).
    QList<GalleryEntry> query(const GalleryQuery& query = {}) const;
    std::optional<GalleryEntry> entry(qint64 id) const;
    std::optional<GalleryEntry> entryByPath(const QString& path) const;
    int count() const;
    // Every distinct non-empty model name, sorted.
    QStringList models() const;

    bool setFavourite(qint64 id, bool favourite);
    // Removes the row; with MoveToTrash / DeleteFile also the file. When the file cannot be moved
    // to the trash (no trash on that volume), nothing is changed and false is returned.
    bool remove(qint64 id, RemoveMode mode, QString* error = nullptr);

private:
    bool fail(const QString& message, QString* error) const;
    QString connection_;
    QString path_;
    bool open_ = false;
    bool readOnly_ = false;
    mutable QString lastError_;
};

} // namespace latent
