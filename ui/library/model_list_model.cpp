#include "ui/library/model_list_model.h"

#include "app/library/model_library.h"
#include "ui/widgets/thumbnail_cache.h"

#include <QCoreApplication>
#include <QLocale>

namespace latent {

namespace {

QString familyLabel(const QString& f) {
    if (f == QLatin1String("sd1")) return QStringLiteral("SD 1.x");
    if (f == QLatin1String("sd2")) return QStringLiteral("SD 2.x");
    if (f == QLatin1String("sdxl")) return QStringLiteral("SDXL");
    if (f == QLatin1String("sdxl_refiner")) return QStringLiteral("SDXL Refiner");
    if (f == QLatin1String("vae")) return QStringLiteral("VAE");
    if (f == QLatin1String("lora")) return QStringLiteral("LoRA");
    if (f == QLatin1String("embedding")) return QCoreApplication::translate("ModelLibrary", "Embedding");
    if (f == QLatin1String("controlnet")) return QStringLiteral("ControlNet");
    return {};
}

QString formatLabel(const QString& format) {
    if (format == QLatin1String("git_lfs_pointer")) return QCoreApplication::translate("ModelLibrary", "LFS pointer");
    if (format == QLatin1String("html")) return QCoreApplication::translate("ModelLibrary", "Web page");
    if (format == QLatin1String("json")) return QCoreApplication::translate("ModelLibrary", "JSON text");
    if (format == QLatin1String("pickle") || format == QLatin1String("pytorch_zip"))
        return QCoreApplication::translate("ModelLibrary", "Pickle (not loaded)");
    if (format == QLatin1String("empty")) return QCoreApplication::translate("ModelLibrary", "Empty file");
    if (format == QLatin1String("gguf")) return QStringLiteral("GGUF");
    if (format == QLatin1String("safetensors")) return QCoreApplication::translate("ModelLibrary", "Damaged");
    return QCoreApplication::translate("ModelLibrary", "Not a model");
}

} // namespace

ModelListModel::ModelListModel(ModelLibrary* library, ThumbnailCache* thumbnails, QObject* parent)
    : QAbstractListModel(parent), library_(library), thumbnails_(thumbnails) {
    connect(library_, &ModelLibrary::entriesChanged, this, &ModelListModel::reset);
    connect(library_, &ModelLibrary::entryChanged, this, &ModelListModel::entryChanged);
    connect(library_, &ModelLibrary::entryRemoved, this, &ModelListModel::entryRemoved);
    connect(thumbnails_, &ThumbnailCache::thumbnailReady, this, &ModelListModel::thumbnailReady);
    reset();
}

void ModelListModel::reset() {
    beginResetModel();
    rows_ = library_->entries();
    byPath_.clear();
    for (int i = 0; i < rows_.size(); ++i) byPath_.insert(rows_[i].path, i);
    endResetModel();
}

void ModelListModel::entryChanged(const QString& path) {
    const std::optional<ModelEntry> e = library_->entry(path);
    if (!e) return;
    const auto it = byPath_.constFind(path);
    if (it == byPath_.constEnd()) {
        beginInsertRows({}, int(rows_.size()), int(rows_.size()));
        byPath_.insert(path, int(rows_.size()));
        rows_ << *e;
        endInsertRows();
        return;
    }
    rows_[*it] = *e;
    Q_EMIT dataChanged(index(*it), index(*it));
}

void ModelListModel::entryRemoved(const QString& path) {
    const auto it = byPath_.constFind(path);
    if (it == byPath_.constEnd()) return;
    const int row = *it;
    beginRemoveRows({}, row, row);
    rows_.removeAt(row);
    byPath_.clear();
    for (int i = 0; i < rows_.size(); ++i) byPath_.insert(rows_[i].path, i);
    endRemoveRows();
}

void ModelListModel::thumbnailReady(const QString& imagePath) {
    for (int i = 0; i < rows_.size(); ++i)
        if (rows_[i].preview == imagePath) Q_EMIT dataChanged(index(i), index(i), {Qt::DecorationRole});
}

int ModelListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(rows_.size());
}

const ModelEntry* ModelListModel::entryAt(int row) const {
    return row >= 0 && row < rows_.size() ? &rows_[row] : nullptr;
}

int ModelListModel::rowOf(const QString& path) const {
    return byPath_.value(path, -1);
}

QString ModelListModel::familyBadge(const ModelEntry& e) {
    if (!e.usable) return formatLabel(e.format);
    QString badge = familyLabel(e.family);
    if (badge.isEmpty()) badge = QCoreApplication::translate("ModelLibrary", "Unknown");
    const QString base = familyLabel(e.baseFamily);
    if (!base.isEmpty() && base != badge) badge += QStringLiteral(" · ") + base;
    if (e.inpainting) badge += QStringLiteral(" · ") + QCoreApplication::translate("ModelLibrary", "inpainting");
    if (e.prediction == QLatin1String("v_prediction")) badge += QStringLiteral(" · v");
    return badge;
}

QString ModelListModel::formatSize(qint64 bytes) {
    return QLocale().formattedDataSize(bytes, 1);
}

QVariant ModelListModel::data(const QModelIndex& index, int role) const {
    const ModelEntry* e = entryAt(index.row());
    if (!e) return {};
    switch (role) {
    case Qt::DisplayRole:
        return displayText(e->name(), 200);
    case Qt::ToolTipRole:
        return {}; // tooltips may render rich text: the details panel shows plain text
    case Qt::DecorationRole:
        return thumbnails_->thumbnail(e->preview);
    case PathRole:
        return e->path;
    case KindRole:
        return int(e->kind);
    case EntryRole:
        return QVariant::fromValue(*e);
    case BadgeRole:
        return familyBadge(*e);
    case SubtitleRole: {
        QString s = formatSize(e->size);
        if (e->hashed())
            s += QStringLiteral(" · ") + e->shortHash();
        else if (ModelScanner::isHashable(*e))
            s += QStringLiteral(" · ") + QCoreApplication::translate("ModelLibrary", "hashing…");
        return s;
    }
    case TriggerRole:
        return displayText(e->triggerWords().join(QStringLiteral(", ")), 300);
    case UsableRole:
        return e->usable;
    case ProblemRole:
        return e->usable && e->problem.isEmpty() ? QString() : displayText(e->problem, 300);
    case SearchTextRole: {
        QStringList parts{e->name(),
                          e->family,
                          e->baseFamily,
                          familyBadge(*e),
                          e->triggerWords().join(QLatin1Char(' ')),
                          e->tags.join(QLatin1Char(' ')),
                          e->notes.notes,
                          e->notes.description,
                          e->sha256.left(12),
                          e->addnet.left(12)};
        return parts.join(QLatin1Char(' ')).toLower();
    }
    default:
        return {};
    }
}

ModelFilterProxy::ModelFilterProxy(QObject* parent) : QSortFilterProxyModel(parent) {
    setDynamicSortFilter(true);
    sort(0);
}

void ModelFilterProxy::setKind(ModelKind kind) {
    kind_ = kind;
    invalidateFilter();
}

void ModelFilterProxy::setSearchText(const QString& text) {
    words_ = text.toLower().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    invalidateFilter();
}

bool ModelFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    const QModelIndex idx = sourceModel()->index(sourceRow, 0, sourceParent);
    if (ModelKind(idx.data(ModelListModel::KindRole).toInt()) != kind_) return false;
    if (words_.isEmpty()) return true;
    const QString text = idx.data(ModelListModel::SearchTextRole).toString();
    for (const QString& w : words_)
        if (!text.contains(w)) return false;
    return true;
}

bool ModelFilterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const {
    return QString::localeAwareCompare(left.data(Qt::DisplayRole).toString(), right.data(Qt::DisplayRole).toString()) <
           0;
}

} // namespace latent
