// Gallery thumbnails, made off the GUI thread (QtConcurrent on a one-thread pool so the inference
// worker keeps the cores) and cached twice: in memory (QCache) and on disk (a PNG per image under
// the cache folder, keyed by path, size and modification time, so an edited file gets a new one).
#pragma once

#include <QCache>
#include <QHash>
#include <QImage>
#include <QObject>
#include <QSet>
#include <QSize>
#include <QString>
#include <QThreadPool>

namespace latent {

class ThumbnailCache : public QObject {
    Q_OBJECT
public:
    // `diskFolder` empty = QStandardPaths::CacheLocation + "/thumbnails".
    explicit ThumbnailCache(QSize size = QSize(160, 160), QString diskFolder = {}, QObject* parent = nullptr);
    ~ThumbnailCache() override;

    QSize size() const { return size_; }
    QString diskFolder() const { return folder_; }

    // The thumbnail if it is in memory; otherwise a null image, and it is made (or read from the
    // disk cache) in the background and announced with thumbnailReady.
    QImage thumbnail(const QString& path);
    bool isPending(const QString& path) const { return pending_.contains(path); }
    int pendingCount() const { return int(pending_.size()); }
    // Forgets the thumbnail of `path` (memory and disk), e.g. after the file was deleted.
    void forget(const QString& path);
    // Waits for every background job (tests, shutdown).
    void waitForDone();

    // The disk cache file for `path` as it is now (depends on its size and modification time).
    QString diskPath(const QString& path) const;

Q_SIGNALS:
    void thumbnailReady(const QString& path);
    void thumbnailFailed(const QString& path, const QString& error);

private:
    QSize size_;
    QString folder_;
    QThreadPool pool_;
    QCache<QString, QImage> memory_;
    QSet<QString> pending_;
    QSet<QString> failed_;
};

} // namespace latent
