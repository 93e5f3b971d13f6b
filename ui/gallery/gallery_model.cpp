#include "ui/gallery/gallery_model.h"

#include "app/core/display_text.h"
#include "ui/widgets/thumbnail_cache.h"

#include <QFileInfo>
#include <QLocale>
#include <QMimeData>
#include <QPainter>
#include <QUrl>

namespace latent {

GalleryModel::GalleryModel(ThumbnailCache* thumbnails, QObject* parent)
    : QAbstractListModel(parent), thumbnails_(thumbnails) {
    auto tile = [this](const QString& text) {
        QPixmap pixmap(thumbnails_->size());
        pixmap.fill(QColor(60, 60, 66));
        QPainter p(&pixmap);
        p.setPen(QColor(120, 120, 130));
        p.drawText(pixmap.rect().adjusted(4, 4, -4, -4), Qt::AlignCenter | Qt::TextWordWrap, text);
        return pixmap;
    };
    placeholder_ = tile(tr("Loading…"));
    unreadable_ = tile(tr("Cannot show this image"));
    connect(thumbnails_, &ThumbnailCache::thumbnailReady, this, &GalleryModel::onThumbnailReady);
    // A file that cannot be decoded (deleted, truncated, not an image) gets its own tile instead
    // of "Loading…" for ever.
    connect(thumbnails_, &ThumbnailCache::thumbnailFailed, this, [this](const QString& path, const QString&) {
        failed_.insert(path);
        onThumbnailReady(path);
    });
}

void GalleryModel::setEntries(QList<GalleryEntry> entries) {
    beginResetModel();
    entries_ = std::move(entries);
    endResetModel();
}

void GalleryModel::prepend(const GalleryEntry& entry) {
    const int existing = rowOfId(entry.id);
    if (existing >= 0) {
        beginRemoveRows({}, existing, existing);
        entries_.removeAt(existing);
        endRemoveRows();
    }
    beginInsertRows({}, 0, 0);
    entries_.prepend(entry);
    endInsertRows();
}

void GalleryModel::updateEntry(const GalleryEntry& entry) {
    const int row = rowOfId(entry.id);
    if (row < 0) return;
    entries_[row] = entry;
    Q_EMIT dataChanged(index(row), index(row));
}

void GalleryModel::removeId(qint64 id) {
    const int row = rowOfId(id);
    if (row < 0) return;
    beginRemoveRows({}, row, row);
    entries_.removeAt(row);
    endRemoveRows();
}

const GalleryEntry* GalleryModel::entryAt(int row) const {
    return row >= 0 && row < entries_.size() ? &entries_[row] : nullptr;
}

int GalleryModel::rowOfId(qint64 id) const {
    for (int i = 0; i < entries_.size(); ++i)
        if (entries_[i].id == id) return i;
    return -1;
}

int GalleryModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(entries_.size());
}

QVariant GalleryModel::data(const QModelIndex& index, int role) const {
    const GalleryEntry* e = entryAt(index.row());
    if (!e) return {};
    switch (role) {
    case Qt::DecorationRole: {
        if (failed_.contains(e->path)) return unreadable_;
        const QImage thumb = thumbnails_->thumbnail(e->path);
        return thumb.isNull() ? placeholder_ : QPixmap::fromImage(thumb);
    }
    case Qt::ToolTipRole: {
        // Qt guesses rich text in tooltips: always hand it escaped text.
        QString text = e->prompt.isEmpty() ? QFileInfo(e->path).fileName() : e->prompt;
        QString tip = safeDisplayText(text, 300);
        QStringList details;
        if (e->width > 0) details << QStringLiteral("%1×%2").arg(e->width).arg(e->height);
        if (!e->model.isEmpty()) details << safeDisplayLine(e->model, 60);
        if (e->seed) details << tr("seed %1").arg(*e->seed);
        details << QLocale().toString(e->created.toLocalTime(), QLocale::ShortFormat);
        return safeTooltip(tip + QStringLiteral("\n") + details.join(QStringLiteral(" · ")), 600);
    }
    case Qt::AccessibleTextRole:
        return safeDisplayLine(e->prompt, 120);
    case IdRole:
        return e->id;
    case PathRole:
        return e->path;
    case FavouriteRole:
        return e->favourite;
    case InfotextRole:
        return e->infotext;
    case ThumbnailReadyRole:
        return !thumbnails_->thumbnail(e->path).isNull();
    default:
        return {};
    }
}

Qt::ItemFlags GalleryModel::flags(const QModelIndex& index) const {
    if (!index.isValid()) return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled;
}

QStringList GalleryModel::mimeTypes() const {
    return {QStringLiteral("text/uri-list")};
}

QMimeData* GalleryModel::mimeData(const QModelIndexList& indexes) const {
    QList<QUrl> urls;
    for (const QModelIndex& i : indexes)
        if (const GalleryEntry* e = entryAt(i.row())) urls << QUrl::fromLocalFile(e->path);
    if (urls.isEmpty()) return nullptr;
    auto* mime = new QMimeData;
    mime->setUrls(urls);
    return mime;
}

void GalleryModel::onThumbnailReady(const QString& path) {
    for (int i = 0; i < entries_.size(); ++i)
        if (entries_[i].path == path) Q_EMIT dataChanged(index(i), index(i), {Qt::DecorationRole, ThumbnailReadyRole});
}

} // namespace latent
