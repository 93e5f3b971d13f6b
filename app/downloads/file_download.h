// One file fetched into a `.part` next to its destination (same volume), resumable, verified,
// then renamed into place atomically under a name that never overwrites anything.
//
//  - Resume: a `.part` plus its `.part.json` (URL, validator, expected hash) continue with
//    `Range: bytes=N-` + `If-Range`; 206 with Content-Range starting at N appends, 200 (or a
//    wrong start, or 416) starts over from zero. The SHA-256 continues over the existing bytes.
//  - Cut connections are retried (resume) up to maxRetries times, then the download stops with
//    the `.part` kept for a later resume (also after an app restart).
//  - The SHA-256 (and size) is checked against the site's published values BEFORE the rename;
//    a mismatch deletes the `.part` and installs nothing.
//  - 401/403, an HTML/JSON body or a login page instead of model bytes → NeedsToken/NotAModel,
//    nothing saved as a model.
//  - Free space is checked before and during; a failed write is "disk full", `.part` kept.
//  - One writer per `.part` (a QLockFile, across processes too).
#pragma once

#include "app/downloads/download_types.h"
#include "app/downloads/http_exchange.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QLockFile;
class QNetworkAccessManager;

namespace latent {

enum class DownloadError {
    None,
    Cancelled,
    Paused,
    Network,      // connection lost after the retries; .part kept (resumable)
    NeedsToken,   // 401/403 or a login page
    NotAModel,    // HTML/JSON/empty body where model bytes were expected
    HashMismatch, // SHA-256 or git blob id differs; .part deleted
    SizeMismatch, // size differs from the published one; .part deleted
    DiskFull,     // preflight or a failed write; .part kept
    Busy,         // another writer holds this .part
    Redirect,     // redirect refused (https→http, loop, > 10, other scheme)
    Http,         // other HTTP error status
    Io,           // local file error
};
// Stable names ("none", "cancelled", ..., "io").
QString downloadErrorName(DownloadError e);

struct FileTask {
    PlannedFile spec;
    QString partPath;  // bytes go here (…/name.part)
    QString finalPath; // wanted destination (made unique at install time)
};

// Seams for tests (and nothing else): free space of a folder and the write of one chunk.
struct DiskHooks {
    std::function<qint64(const QString& dir)> bytesAvailable;            // default QStorageInfo
    std::function<qint64(QFile& f, const char* data, qint64 len)> write; // default QFile::write
};

class FileDownload : public QObject {
    Q_OBJECT
public:
    FileDownload(QNetworkAccessManager* nam, const SiteConfig& sites, const FileTask& task, QObject* parent = nullptr);
    ~FileDownload() override;

    void setHooks(const DiskHooks& hooks) { hooks_ = hooks; }
    void setMaxRetries(int n) { maxRetries_ = n; }

    void start();
    void pause();  // stops, keeps the .part for resume
    void cancel(); // stops, deletes the .part

    bool isRunning() const { return running_; }
    qint64 received() const { return offset_; }
    qint64 total() const { return total_; }
    const FileTask& task() const { return task_; }
    QString installedPath() const { return installed_; }
    DownloadError error() const { return error_; }
    QString errorString() const { return errorString_; }
    // Statistics (tests, logs): how often the .part was resumed and how often it was restarted
    // from zero (server ignored Range / answered a wrong Content-Range).
    int resumes() const { return resumes_; }
    int restarts() const { return restarts_; }

    static QString metaPathFor(const QString& partPath) { return partPath + QStringLiteral(".json"); }

Q_SIGNALS:
    void progress(qint64 received, qint64 total);
    void finished(); // success (error() == None) or failure

private:
    void sendRequest();
    void onResponse();
    void onData();
    void onExchangeFinished();
    void complete();
    void restartFromZero();
    bool writeChunk(const QByteArray& bytes);
    qint64 freeBytes() const;
    void saveMeta();
    void fail(DownloadError e, const QString& message, bool deletePart);
    void finishOk(const QString& path);
    void dropExchange();

    QNetworkAccessManager* nam_;
    SiteConfig sites_;
    FileTask task_;
    DiskHooks hooks_;
    int maxRetries_ = 5;

    std::unique_ptr<QLockFile> lock_;
    QFile part_;
    QCryptographicHash hash_{QCryptographicHash::Sha256};
    QPointer<HttpExchange> exchange_;
    qint64 offset_ = 0;
    qint64 total_ = -1;
    qint64 sinceSpaceCheck_ = 0;
    QString validator_;
    QString serverName_;
    QByteArray head_; // first bytes of the body (sniffed for HTML/JSON)
    bool running_ = false;
    bool responseOk_ = false;
    int retries_ = 0;
    int resumes_ = 0;
    int restarts_ = 0;
    DownloadError error_ = DownloadError::None;
    QString errorString_;
    QString installed_;
};

} // namespace latent
