#include "ui/library/preview_cache.h"

#include <QFileInfo>
#include <QFutureWatcher>
#include <QImageReader>
#include <QtConcurrent/QtConcurrentRun>

namespace latent {

PreviewCache::PreviewCache(QSize size, QObject* parent) : QObject(parent), size_(size) {}

PreviewCache::~PreviewCache() = default;

QImage PreviewCache::load(const QString& imagePath, QSize size) {
    const QFileInfo fi(imagePath);
    if (!fi.isFile() || fi.size() > (qint64(64) << 20)) return {};
    QImageReader reader(imagePath);
    reader.setAutoTransform(true);
    const QSize full = reader.size();
    if (!full.isValid() || full.isEmpty() || qint64(full.width()) * full.height() > qint64(16384) * 16384) return {};
    // Crop to a square from the centre-top (portrait previews keep the face), then scale.
    const int side = qMin(full.width(), full.height());
    reader.setClipRect(QRect((full.width() - side) / 2, 0, side, side));
    reader.setScaledSize(size);
    QImage img = reader.read();
    return img;
}

QPixmap PreviewCache::thumbnail(const QString& imagePath) {
    if (imagePath.isEmpty()) return {};
    const auto it = cache_.constFind(imagePath);
    if (it != cache_.constEnd()) return *it;
    if (pending_.contains(imagePath) || failed_.contains(imagePath)) return {};
    pending_.insert(imagePath);
    const QSize size = size_;
    const int generation = generation_;
    auto* watcher = new QFutureWatcher<QImage>(this);
    connect(watcher, &QFutureWatcher<QImage>::finished, this, [this, watcher, imagePath, generation] {
        watcher->deleteLater();
        if (generation != generation_) return;
        pending_.remove(imagePath);
        const QImage img = watcher->result();
        if (img.isNull()) {
            failed_.insert(imagePath);
            return;
        }
        cache_.insert(imagePath, QPixmap::fromImage(img));
        Q_EMIT thumbnailReady(imagePath);
    });
    watcher->setFuture(QtConcurrent::run([imagePath, size] { return load(imagePath, size); }));
    return {};
}

void PreviewCache::clear() {
    ++generation_;
    cache_.clear();
    pending_.clear();
    failed_.clear();
}

} // namespace latent
