// List model over gallery entries (newest first) for the gallery dock's icon view: thumbnails
// from a ThumbnailCache, plain-text (escaped) tooltips, and file URLs as drag data so an item can
// be dropped on the canvas or on another application.
#pragma once

#include "app/gallery/gallery_store.h"

#include <QAbstractListModel>
#include <QHash>
#include <QPixmap>
#include <QSet>

namespace latent {

class ThumbnailCache;

class GalleryModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { IdRole = Qt::UserRole + 1, PathRole, FavouriteRole, InfotextRole, ThumbnailReadyRole };

    explicit GalleryModel(ThumbnailCache* thumbnails, QObject* parent = nullptr);

    void setEntries(QList<GalleryEntry> entries);
    void prepend(const GalleryEntry& entry); // or moves an existing row (same id) to the top
    void updateEntry(const GalleryEntry& entry);
    void removeId(qint64 id);
    const QList<GalleryEntry>& entries() const { return entries_; }
    const GalleryEntry* entryAt(int row) const;
    int rowOfId(qint64 id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;
    Qt::DropActions supportedDragActions() const override { return Qt::CopyAction; }

private:
    void onThumbnailReady(const QString& path);
    ThumbnailCache* thumbnails_;
    QList<GalleryEntry> entries_;
    QPixmap placeholder_;
    QPixmap unreadable_;
    QSet<QString> failed_;
};

} // namespace latent
