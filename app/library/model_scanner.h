// The synchronous core of the model library: walks model roots in A1111's layout, reads each
// new or changed file's header (format sniff + family detection, never tensor data), keeps the
// SQLite index in step (added / removed / renamed / changed) and computes missing hashes.
// ModelLibrary runs it on QtConcurrent's pool; the CLI runs it directly. Thread-safe only in the
// sense that each instance belongs to one thread (it uses that thread's ModelIndex).
#pragma once

#include "app/library/model_entry.h"
#include "app/library/model_index.h"

#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <optional>

namespace latent {

struct ScanStats {
    int files = 0; // entries under the roots after the scan
    int added = 0;
    int removed = 0;
    int renamed = 0; // a new path whose hashes came from a file that vanished in this scan
    int changed = 0; // size or mtime differ: header re-read, hashes dropped
    int unchanged = 0;
    int notModels = 0;  // listed with their sniff verdict (LFS pointer, HTML, pickle, corrupt ...)
    int hashed = 0;     // files read in full to hash them
    int hashReused = 0; // hashes taken from the cache (size + mtime + fingerprint)
    int hashFailed = 0;
    qint64 scanMs = 0, hashMs = 0;
    bool cancelled = false;
    QString error; // the index could not be opened/written
    QJsonObject toJson() const;
    ScanStats& operator+=(const ScanStats& o);
};

struct FoundFile {
    QString path;
    QString root;
    std::optional<ModelKind> folderKind; // from the kind folder it is in; nullopt at the root's top
    bool isFolder = false;               // a diffusers folder (model_index.json)
};

class ModelScanner {
public:
    using Progress = std::function<void(int done, int total, const QString& path)>;

    explicit ModelScanner(ModelIndex& index) : index_(index) {}

    // Model files and diffusers folders under one root: its top-level model files and
    // everything below its kind folders (Stable-diffusion/, Lora/, LyCORIS/, VAE/, embeddings/,
    // ControlNet/, any case), following symlinks once, at most 16 levels deep.
    static QList<FoundFile> listFiles(const QString& root);
    // Header facts of one file or folder (no hashes, no sidecars). Never throws.
    static ModelEntry inspect(const FoundFile& f);
    // Fills preview, notes and Civitai words from the sidecars.
    static void readSidecars(ModelEntry& e);
    // SHA-256 of (size, first 64 KiB, last 64 KiB): with size and mtime, the hash cache key.
    static QString quickFingerprint(const QString& path, qint64 size);
    // Where `path` belongs: its root among `roots` and its kind folder; nullopt when the library
    // would not list it (outside every root, or in a folder that is not a kind folder).
    static std::optional<FoundFile> locate(const QString& path, const QStringList& roots);

    // Brings the index in step with the files under `roots`.
    ScanStats scan(const QStringList& roots, const Progress& progress = {}, const std::atomic<bool>* cancel = nullptr);
    // One path that appeared, changed or vanished ("a new file arrived at PATH"). Returns the
    // entry (with sidecars) when the path is a listed model file, nullopt otherwise (its row, if
    // any, is removed).
    std::optional<ModelEntry> scanOne(const QString& path, const QStringList& roots, ScanStats* stats = nullptr);
    // Hashes every entry under `roots` that has none (cache first). `done` is called after each.
    ScanStats hashPending(const QStringList& roots, const Progress& progress = {},
                          const std::atomic<bool>* cancel = nullptr,
                          const std::function<void(const ModelEntry&)>& done = {});
    // Index rows under `roots` (every row when empty), with sidecars read.
    QList<ModelEntry> entries(const QStringList& roots);

    static bool isHashable(const ModelEntry& e);

private:
    // Inserts or refreshes one found file; `vanishedHashes` are the sha256s of rows removed in
    // this scan (rename detection).
    void update(const FoundFile& f, const QSet<QString>& vanishedHashes, ScanStats& stats);
    ModelIndex& index_;
};

} // namespace latent
