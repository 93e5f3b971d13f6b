#include "ui/widgets/thumbnail_cache.h"

#include "ui/canvas/image_loading.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QSaveFile>
#include <QStandardPaths>
#include <QtConcurrent/QtConcurrentRun>

namespace latent {

namespace {
struct ThumbResult {
    QImage image;
    QString error;
};
} // namespace

ThumbnailCache::ThumbnailCache(QSize size, QString diskFolder, QObject* parent)
    : QObject(parent), size_(size),
      folder_(diskFolder.isEmpty()
                  ? QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/thumbnails")
                  : std::move(diskFolder)) {
    pool_.setMaxThreadCount(1);
    pool_.setObjectName(QStringLiteral("thumbnails"));
    memory_.setMaxCost(64 * 1024); // KiB of pixels (~650 thumbnails of 160×160)
}

ThumbnailCache::~ThumbnailCache() {
    pool_.waitForDone();
}

void ThumbnailCache::waitForDone() {
    pool_.waitForDone();
}

QString ThumbnailCache::diskPath(const QString& path) const {
    const QFileInfo fi(path);
    const QByteArray key = fi.absoluteFilePath().toUtf8() + '\n' + QByteArray::number(fi.size()) + '\n' +
                           QByteArray::number(fi.lastModified().toMSecsSinceEpoch()) + '\n' +
                           QByteArray::number(size_.width()) + 'x' + QByteArray::number(size_.height());
    return folder_ + QLatin1Char('/') +
           QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha1).toHex()) +
           QStringLiteral(".png");
}

QImage ThumbnailCache::thumbnail(const QString& path) {
    if (QImage* hit = memory_.object(path)) return *hit;
    if (pending_.contains(path) || failed_.contains(path)) return {};
    pending_.insert(path);
    const QString cacheFile = diskPath(path);
    const QString folder = folder_;
    const QSize box = size_;
    auto* watcher = new QFutureWatcher<ThumbResult>(this);
    connect(watcher, &QFutureWatcher<ThumbResult>::finished, this, [this, watcher, path] {
        const ThumbResult r = watcher->result();
        watcher->deleteLater();
        pending_.remove(path);
        if (r.image.isNull()) {
            failed_.insert(path);
            Q_EMIT thumbnailFailed(path, r.error);
            return;
        }
        memory_.insert(path, new QImage(r.image), int(std::max<qsizetype>(1, r.image.sizeInBytes() / 1024)));
        Q_EMIT thumbnailReady(path);
    });
    watcher->setFuture(QtConcurrent::run(&pool_, [path, cacheFile, folder, box]() {
        ThumbResult r;
        // 1. The disk cache (made by an earlier run).
        if (QFileInfo::exists(cacheFile)) {
            QImage cached(cacheFile);
            if (!cached.isNull()) {
                r.image = cached;
                return r;
            }
        }
        // 2. Decode the image at reduced size and keep a copy on disk (atomically).
        r.image = loadThumbnail(path, box, &r.error);
        if (!r.image.isNull() && QDir().mkpath(folder)) {
            QSaveFile out(cacheFile);
            // Unbuffered: see app/storage/atomic_file.h (a full disk must not leave a short file).
            if (out.open(QIODevice::WriteOnly | QIODevice::Unbuffered) && r.image.save(&out, "PNG")) out.commit();
        }
        return r;
    }));
    return {};
}

void ThumbnailCache::forget(const QString& path) {
    QFile::remove(diskPath(path));
    memory_.remove(path);
    failed_.remove(path);
}

} // namespace latent
