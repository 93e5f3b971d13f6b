// Preview thumbnails for the library, decoded off the GUI thread (QtConcurrent) and cached.
// Untrusted images: size checked before decoding, decoded scaled, at most 64 MiB files.
#pragma once

#include <QHash>
#include <QObject>
#include <QPixmap>
#include <QSet>
#include <QSize>

namespace latent {

class PreviewCache : public QObject {
    Q_OBJECT
public:
    explicit PreviewCache(QSize size = QSize(72, 72), QObject* parent = nullptr);
    ~PreviewCache() override;

    // The thumbnail of `imagePath` if it is ready; otherwise a null pixmap and a background
    // load is started (thumbnailReady follows).
    QPixmap thumbnail(const QString& imagePath);
    bool isPending(const QString& imagePath) const { return pending_.contains(imagePath); }
    void clear();
    QSize size() const { return size_; }

    // Decodes a scaled thumbnail (any thread). Null image for unreadable or absurd images.
    static QImage load(const QString& imagePath, QSize size);

Q_SIGNALS:
    void thumbnailReady(const QString& imagePath);

private:
    QSize size_;
    QHash<QString, QPixmap> cache_;
    QSet<QString> pending_;
    QSet<QString> failed_;
    int generation_ = 0;
};

} // namespace latent
