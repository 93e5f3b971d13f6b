// Several downloads at once, each a DownloadPlan fetched file by file through FileDownload,
// with per-download progress, speed, ETA, pause, resume and cancel. The list is persisted
// (JSON, written atomically) so it survives an app restart; the `.part` files are resumed.
// After a model is installed (verified, renamed, sidecars written) modelInstalled(path) fires.
#pragma once

#include "app/downloads/download_types.h"
#include "app/downloads/file_download.h"
#include "app/downloads/http_exchange.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>

class QNetworkAccessManager;

namespace latent {

class DownloadManager : public QObject {
    Q_OBJECT
public:
    enum class State { Queued, Running, Paused, Failed, Completed, Cancelled };
    static QString stateName(State s); // "queued", "running", "paused", "failed", "completed", "cancelled"

    struct Entry {
        QString id;
        DownloadPlan plan;
        State state = State::Queued;
        int fileIndex = 0;         // next file of the plan
        qint64 doneBytes = 0;      // bytes of the files already finished
        qint64 received = 0;       // doneBytes + the current file's bytes
        qint64 total = 0;          // plan.totalBytes() (refined by the servers' answers)
        double bytesPerSecond = 0; // smoothed
        qint64 etaSeconds = -1;    // -1 unknown
        DownloadError error = DownloadError::None;
        QString errorString;   // redacted, translated
        QString installedPath; // file or folder, when completed
    };

    explicit DownloadManager(QNetworkAccessManager* nam = nullptr, QObject* parent = nullptr);
    ~DownloadManager() override;

    void setSiteConfig(const SiteConfig& sites) { sites_ = sites; }
    const SiteConfig& siteConfig() const { return sites_; }
    void setMaxConcurrent(int n);
    void setMaxRetries(int n) { maxRetries_ = n; }
    void setDiskHooks(const DiskHooks& hooks) { hooks_ = hooks; }
    // Persistence file (default: AppDataLocation/downloads.json). "" disables persistence.
    void setStateFile(const QString& path) { stateFile_ = path; }
    QString stateFile() const { return stateFile_; }
    static QString defaultStateFile();

    // Queues a plan; returns its id. A plan for a destination already being downloaded returns
    // the existing id (one writer per file).
    QString add(const DownloadPlan& plan);
    void pause(const QString& id);
    void resume(const QString& id);
    void cancel(const QString& id); // stops and deletes the partial files
    void remove(const QString& id); // forgets a finished/failed/cancelled entry

    QList<Entry> entries() const;
    Entry entry(const QString& id) const { return entries_.value(id); }
    bool contains(const QString& id) const { return entries_.contains(id); }

    // Restores the persisted list: unfinished downloads come back Paused (or Queued and started
    // when `autoResume`). Returns false when the file exists but cannot be read. A list written
    // by a newer version ("version" above kStateVersion) is not loaded and never overwritten in
    // this run (isStateReadOnly(); a notice is posted).
    bool loadState(bool autoResume = false);
    static constexpr int kStateVersion = 1;
    bool isStateReadOnly() const { return stateReadOnly_; }

Q_SIGNALS:
    void added(const QString& id);
    void changed(const QString& id); // state, progress, speed
    void modelInstalled(const QString& path);
    void downloadFinished(const QString& id); // completed, failed or cancelled
    void removed(const QString& id);

private:
    struct Live {
        QPointer<FileDownload> file;
        QElapsedTimer clock;
        qint64 lastBytes = 0;
        qint64 lastMs = 0;
    };
    void schedule();
    void startNextFile(const QString& id);
    void onFileFinished(const QString& id);
    void onFileProgress(const QString& id, qint64 received);
    void install(const QString& id);
    void writeSidecars(const QString& id, const QString& installed, std::function<void()> then);
    FileTask taskFor(const Entry& e, int index) const;
    QString stagingDir(const Entry& e) const;
    void save() const;
    void setState(const QString& id, State s);

    QNetworkAccessManager* nam_;
    bool ownNam_ = false;
    SiteConfig sites_;
    DiskHooks hooks_;
    int maxConcurrent_ = 3;
    int maxRetries_ = 5;
    QString stateFile_;
    bool stateReadOnly_ = false;
    QStringList order_;
    QHash<QString, Entry> entries_;
    QHash<QString, Live> live_;
};

} // namespace latent
