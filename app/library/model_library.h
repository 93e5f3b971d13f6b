// The model library: one or more model roots in A1111's layout, scanned on QtConcurrent's pool
// (progress reported), indexed in SQLite, hashed once in the background. The GUI thread sees a
// snapshot of entries; every change arrives as a signal. See model_layout.h for the folders and
// model_scanner.h for what a scan does.
//
// For the downloader and the importer:
//   destinationFolder(kind)  where a new file of that kind goes (under primaryRoot())
//   fileArrived(path)        "a new file arrived at PATH": index it (and hash it) now
#pragma once

#include "app/library/model_entry.h"
#include "app/library/model_scanner.h"

#include <QFuture>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <atomic>
#include <optional>

namespace latent {

class Settings;

class ModelLibrary : public QObject {
    Q_OBJECT
public:
    // `databasePath` empty = defaultDatabasePath().
    explicit ModelLibrary(const QString& databasePath = {}, QObject* parent = nullptr);
    ~ModelLibrary() override; // cancels a running scan and waits for it

    static QString defaultDatabasePath(); // <AppLocalData>/library.sqlite
    static QString defaultModelRoot();    // <AppData>/models (used when no root is configured)

    // Roots (normalised; a webui folder maps to its models/ folder). Setting them does not scan:
    // call reload().
    void setRoots(const QStringList& roots);
    QStringList roots() const { return roots_; }
    // The root new files go to: the first configured root, else defaultModelRoot().
    QString primaryRoot() const;
    // modelDestinationFolder(primaryRoot(), kind), created if missing. Empty for Unknown or when
    // the folder cannot be created.
    QString destinationFolder(ModelKind kind) const;

    // Roots from settings (settings::ModelRoots) / back.
    static QStringList rootsFromSettings(const Settings& settings);
    static void saveRootsToSettings(Settings& settings, const QStringList& roots);

    void setHashingEnabled(bool on) { hashing_ = on; }
    bool hashingEnabled() const { return hashing_; }

    // A1111's "Refresh": rescan every root (added, removed, renamed, changed files), then hash
    // what has no hashes. A reload while a job runs stops that job and starts over.
    void reload();
    // A single file appeared, changed or vanished (downloads, imports). Safe to call any time.
    // With no root configured, a file under defaultModelRoot() makes that folder the first root.
    void fileArrived(const QString& path);

    bool isBusy() const { return busy_; }
    // Spins the event loop until no scan or hash job is running (tests, CLI). False on timeout.
    bool waitForIdle(int timeoutMs = 60000);

    QList<ModelEntry> entries() const { return entries_; }
    QList<ModelEntry> entries(ModelKind kind) const;
    std::optional<ModelEntry> entry(const QString& path) const;
    // First entry whose sha256 / AutoV2 / LoRA hash starts with `hash` (case-insensitive).
    std::optional<ModelEntry> findByHash(const QString& hash) const;
    ScanStats lastStats() const { return lastStats_; }

    // Writes the <stem>.json sidecar atomically and updates the entry.
    bool saveNotes(const QString& path, const SidecarNotes& notes, QString* error = nullptr);

Q_SIGNALS:
    // The roots changed inside the library (fileArrived() under the default root when none was
    // configured): save them.
    void rootsChanged(const QStringList& roots);
    void scanStarted();
    // phase: "scan" or "hash"; path: the file being looked at (may be empty).
    void scanProgress(const QString& phase, int done, int total, const QString& path);
    void scanFinished(const latent::ScanStats& stats);
    void entriesChanged();                  // the whole snapshot changed
    void entryChanged(const QString& path); // one entry changed (hashes, notes, one file)
    void entryRemoved(const QString& path);

private:
    struct JobResult;
    void startJob();
    void onJobFinished();
    void applySnapshot(const QList<ModelEntry>& list);
    void applyEntry(const ModelEntry& e);
    void removeEntry(const QString& path);

    QString dbPath_;
    QStringList roots_;
    bool hashing_ = true;
    bool busy_ = false;
    bool reloadPending_ = false;
    QList<ModelEntry> entries_;
    QHash<QString, qsizetype> byPath_;
    ScanStats lastStats_;
    QFuture<ScanStats> job_;
    std::atomic<bool> cancel_{false};
    QMutex pendingMutex_;
    QStringList pendingFiles_; // guarded by pendingMutex_
};

} // namespace latent

Q_DECLARE_METATYPE(latent::ScanStats)
