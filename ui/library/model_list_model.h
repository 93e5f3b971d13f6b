// Item model over the library's snapshot (one row per entry) and the filter the dock uses
// (kind tab + search words).
#pragma once

#include "app/library/model_entry.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>
#include <QSortFilterProxyModel>

namespace latent {

class ModelLibrary;
class ThumbnailCache;

class ModelListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        PathRole = Qt::UserRole + 1,
        KindRole,       // int(ModelKind)
        EntryRole,      // QVariant<ModelEntry>
        SearchTextRole, // lower-case text the search matches
        BadgeRole,      // "SD 1.x", "SDXL", "LoRA · SDXL", "LFS pointer", ...
        SubtitleRole,   // "2.0 GB · a1b2c3d4e5"
        TriggerRole,    // trigger words, joined
        ProblemRole,    // non-empty when the file is not a usable model
        UsableRole,     // bool
    };

    ModelListModel(ModelLibrary* library, ThumbnailCache* thumbnails, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    const ModelEntry* entryAt(int row) const;
    int rowOf(const QString& path) const;

    // Display helpers (also used by the details panel).
    static QString familyBadge(const ModelEntry& e);
    static QString formatSize(qint64 bytes);

private:
    void reset();
    void entryChanged(const QString& path);
    void entryRemoved(const QString& path);
    void thumbnailReady(const QString& imagePath);

    ModelLibrary* library_;
    ThumbnailCache* thumbnails_;
    QList<ModelEntry> rows_;
    QHash<QString, int> byPath_;
};

class ModelFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit ModelFilterProxy(QObject* parent = nullptr);
    void setKind(ModelKind kind);
    ModelKind kind() const { return kind_; }
    void setSearchText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    ModelKind kind_ = ModelKind::Checkpoint;
    QStringList words_;
};

} // namespace latent
