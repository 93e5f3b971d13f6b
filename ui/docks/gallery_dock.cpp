#include "ui/docks/gallery_dock.h"

#include "app/core/display_text.h"
#include "ui/canvas/image_loading.h"
#include "ui/gallery/gallery_model.h"
#include "ui/widgets/empty_state.h"
#include "ui/widgets/file_revealer.h"
#include "ui/widgets/thumbnail_cache.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPainter>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QTimer>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace latent {

namespace {

constexpr int kMaxShown = 20000; // rows loaded into the view at once
constexpr int kCell = 100;       // thumbnail cell (square; the thumbnail is centre-cropped into it)

// Square thumbnail cells: the thumbnail fills the cell (centre crop), a highlight frame marks the
// selection, a star the favourites.
class GalleryDelegate : public QStyledItemDelegate {
public:
    GalleryDelegate(int cell, QObject* parent) : QStyledItemDelegate(parent), cell_(cell) {}
    QSize sizeHint(const QStyleOptionViewItem&, const QModelIndex&) const override { return QSize(cell_, cell_); }
    void setCell(int cell) { cell_ = cell; }
    void paint(QPainter* p, const QStyleOptionViewItem& option, const QModelIndex& index) const override {
        p->save();
        const QRect target = option.rect.adjusted(3, 3, -3, -3);
        const QPixmap pix = index.data(Qt::DecorationRole).value<QPixmap>();
        if (!pix.isNull()) {
            // Crop the thumbnail to the cell's aspect, centred.
            const QSizeF t = QSizeF(target.size()).scaled(pix.size(), Qt::KeepAspectRatio);
            const QRectF source(QPointF((pix.width() - t.width()) / 2.0, (pix.height() - t.height()) / 2.0), t);
            p->setRenderHint(QPainter::SmoothPixmapTransform);
            p->drawPixmap(QRectF(target), pix, source);
        }
        if (option.state & QStyle::State_Selected) {
            p->setPen(QPen(option.palette.color(QPalette::Highlight), 3));
            p->setBrush(Qt::NoBrush);
            p->drawRect(QRectF(target).adjusted(-1.5, -1.5, 1.5, 1.5));
        } else if (option.state & QStyle::State_MouseOver) {
            p->setPen(QPen(option.palette.color(QPalette::Highlight).lighter(130), 1));
            p->drawRect(QRectF(target).adjusted(-0.5, -0.5, 0.5, 0.5));
        }
        if (index.data(GalleryModel::FavouriteRole).toBool()) {
            p->setRenderHint(QPainter::Antialiasing);
            const QRect r(target.right() - 22, target.top() + 3, 20, 20);
            p->setBrush(QColor(0, 0, 0, 150));
            p->setPen(Qt::NoPen);
            p->drawEllipse(r);
            p->setPen(QColor(255, 200, 40));
            QFont f = p->font();
            f.setPixelSize(14);
            p->setFont(f);
            p->drawText(r, Qt::AlignCenter, QStringLiteral("★"));
        }
        p->restore();
    }

private:
    int cell_;
};

} // namespace

GalleryDock::GalleryDock(QWidget* parent)
    : QDockWidget(tr("Gallery"), parent), thumbnails_(new ThumbnailCache(QSize(128, 128), {}, this)),
      model_(new GalleryModel(thumbnails_, this)), revealer_(new FileRevealer(this)),
      cancelScan_(std::make_shared<std::atomic_bool>(false)) {
    setObjectName(QStringLiteral("galleryDock"));
    // Files are the truth: an image deleted outside the studio leaves the index when its
    // thumbnail finds the file gone.
    connect(thumbnails_, &ThumbnailCache::thumbnailFailed, this, [this](const QString& path, const QString&) {
        if (!store_ || QFileInfo::exists(path)) return;
        if (const auto e = store_->entryByPath(path)) {
            store_->remove(e->id, GalleryStore::RemoveMode::IndexOnly);
            QTimer::singleShot(0, this, &GalleryDock::refresh);
        }
    });
    connect(revealer_, &FileRevealer::failed, this,
            [this](const QString&, const QString& error) { Q_EMIT statusMessage(error); });
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);

    auto* row = new QHBoxLayout;
    search_ = new QLineEdit;
    search_->setObjectName(QStringLiteral("gallerySearch"));
    search_->setPlaceholderText(tr("Search prompts…"));
    search_->setClearButtonEnabled(true);
    row->addWidget(search_, 2);
    modelFilter_ = new QComboBox;
    modelFilter_->setObjectName(QStringLiteral("galleryModelFilter"));
    modelFilter_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    modelFilter_->setMinimumContentsLength(8);
    modelFilter_->addItem(tr("All models"), QString());
    modelFilter_->setToolTip(tr("Show the images of one model"));
    row->addWidget(modelFilter_, 1);
    favouritesOnly_ = new QToolButton;
    favouritesOnly_->setObjectName(QStringLiteral("galleryFavouritesOnly"));
    favouritesOnly_->setText(QStringLiteral("★"));
    favouritesOnly_->setCheckable(true);
    favouritesOnly_->setToolTip(tr("Show favourites only"));
    row->addWidget(favouritesOnly_);
    menuButton_ = new QToolButton;
    menuButton_->setText(QStringLiteral("⋯"));
    menuButton_->setToolTip(tr("More gallery actions"));
    menuButton_->setPopupMode(QToolButton::InstantPopup);
    row->addWidget(menuButton_);
    layout->addLayout(row);

    stack_ = new QStackedWidget;
    empty_ = new EmptyState;
    empty_->setTitle(tr("No images yet"));
    empty_->setBody(tr("Every image you generate is kept here with its parameters, newest first."));
    view_ = new QListView;
    view_->setObjectName(QStringLiteral("galleryView"));
    view_->setViewMode(QListView::IconMode);
    view_->setIconSize(thumbnails_->size());
    view_->setGridSize(QSize(kCell, kCell));
    view_->setSpacing(0);
    view_->setMouseTracking(true);
    view_->setResizeMode(QListView::Adjust);
    view_->setMovement(QListView::Static);
    view_->setUniformItemSizes(true);
    view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view_->setDragEnabled(true);
    view_->setDragDropMode(QAbstractItemView::DragOnly);
    view_->setDefaultDropAction(Qt::CopyAction);
    view_->setContextMenuPolicy(Qt::CustomContextMenu);
    view_->setItemDelegate(new GalleryDelegate(kCell, view_));
    view_->viewport()->installEventFilter(this);
    view_->setModel(model_);
    view_->installEventFilter(this);
    stack_->addWidget(empty_);
    stack_->addWidget(view_);
    layout->addWidget(stack_, 1);
    setWidget(body);

    // Actions on the current / selected images.
    openAction_ = new QAction(tr("Open in Canvas"), this);
    initAction_ = new QAction(tr("Use as Init Image"), this);
    upscaleAction_ = new QAction(tr("Upscale…"), this);
    upscaleAction_->setObjectName(QStringLiteral("galleryUpscaleAction"));
    copyParamsAction_ = new QAction(tr("Copy Parameters"), this);
    copyImageAction_ = new QAction(tr("Copy Image"), this);
    showFolderAction_ = new QAction(tr("Show in Folder"), this);
    favouriteAction_ = new QAction(tr("Favourite"), this);
    favouriteAction_->setCheckable(true);
    deleteAction_ = new QAction(tr("Move to Trash…"), this);
    rebuildAction_ = new QAction(tr("Rebuild Index from Files"), this);
    rebuildAction_->setToolTip(
        tr("Read every image in the output folders again and rebuild the gallery from their metadata"));
    connect(openAction_, &QAction::triggered, this, [this] {
        if (const QString p = pathOf(currentId()); !p.isEmpty()) Q_EMIT openInCanvasRequested(p);
    });
    connect(initAction_, &QAction::triggered, this, [this] {
        if (const QString p = pathOf(currentId()); !p.isEmpty()) Q_EMIT useAsInitImageRequested(p);
    });
    connect(upscaleAction_, &QAction::triggered, this, [this] {
        if (const QString p = pathOf(currentId()); !p.isEmpty()) Q_EMIT upscaleRequested(p);
    });
    connect(copyParamsAction_, &QAction::triggered, this, [this] { copyParameters(currentId()); });
    connect(copyImageAction_, &QAction::triggered, this, [this] { copyImage(currentId()); });
    connect(showFolderAction_, &QAction::triggered, this, [this] { showInFolder(currentId()); });
    connect(favouriteAction_, &QAction::triggered, this, [this] {
        for (qint64 id : selectedIds()) toggleFavourite(id);
    });
    connect(deleteAction_, &QAction::triggered, this, [this] { deleteImages(selectedIds(), true); });
    connect(rebuildAction_, &QAction::triggered, this, &GalleryDock::rebuildIndex);
    auto* menu = new QMenu(this);
    menu->addAction(rebuildAction_);
    menuButton_->setMenu(menu);

    searchTimer_ = new QTimer(this);
    searchTimer_->setSingleShot(true);
    searchTimer_->setInterval(250);
    connect(searchTimer_, &QTimer::timeout, this, &GalleryDock::refresh);
    connect(search_, &QLineEdit::textChanged, searchTimer_, qOverload<>(&QTimer::start));
    connect(modelFilter_, &QComboBox::currentIndexChanged, this, &GalleryDock::refresh);
    connect(favouritesOnly_, &QToolButton::toggled, this, &GalleryDock::refresh);
    connect(view_, &QListView::customContextMenuRequested, this, &GalleryDock::showContextMenu);
    connect(view_, &QListView::doubleClicked, this, [this](const QModelIndex& i) {
        if (const GalleryEntry* e = model_->entryAt(i.row())) Q_EMIT openInCanvasRequested(e->path);
    });
    connect(view_->selectionModel(), &QItemSelectionModel::currentChanged, this, &GalleryDock::onCurrentChanged);
    connect(model_, &QAbstractItemModel::modelReset, this, &GalleryDock::updateEmptyState);
    connect(model_, &QAbstractItemModel::rowsInserted, this, &GalleryDock::updateEmptyState);
    connect(model_, &QAbstractItemModel::rowsRemoved, this, &GalleryDock::updateEmptyState);
    updateEmptyState();
}

GalleryDock::~GalleryDock() {
    cancelScan_->store(true);
    if (scanWatcher_) scanWatcher_->waitForFinished();
    thumbnails_->waitForDone();
}

void GalleryDock::setStore(GalleryStore* store) {
    store_ = store;
    reloadModels();
    refresh();
}

int GalleryDock::imageCount() const {
    return model_->rowCount();
}

bool GalleryDock::isRebuilding() const {
    return scanWatcher_ && scanWatcher_->isRunning();
}

QString GalleryDock::pathOf(qint64 id) const {
    const int row = model_->rowOfId(id);
    return row >= 0 ? model_->entryAt(row)->path : QString();
}

bool GalleryDock::matchesFilter(const GalleryEntry& e) const {
    const QString text = search_->text().trimmed();
    if (!text.isEmpty() && !e.prompt.contains(text, Qt::CaseInsensitive)) return false;
    const QString model = modelFilter_->currentData().toString();
    if (!model.isEmpty() && e.model != model) return false;
    if (favouritesOnly_->isChecked() && !e.favourite) return false;
    return true;
}

void GalleryDock::refresh() {
    searchTimer_->stop();
    if (!store_) {
        model_->setEntries({});
        return;
    }
    const qint64 current = currentId();
    GalleryQuery q;
    q.text = search_->text();
    q.model = modelFilter_->currentData().toString();
    q.favouritesOnly = favouritesOnly_->isChecked();
    q.limit = kMaxShown;
    model_->setEntries(store_->query(q));
    if (current) selectId(current);
}

void GalleryDock::reloadModels() {
    const QString current = modelFilter_->currentData().toString();
    const QSignalBlocker block(modelFilter_);
    modelFilter_->clear();
    modelFilter_->addItem(tr("All models"), QString());
    if (store_)
        for (const QString& m : store_->models()) modelFilter_->addItem(safeDisplayLine(m, 60), m);
    const int i = modelFilter_->findData(current);
    modelFilter_->setCurrentIndex(i >= 0 ? i : 0);
}

void GalleryDock::updateEmptyState() {
    const bool any = model_->rowCount() > 0;
    if (!any && store_ && store_->count() > 0) {
        empty_->setTitle(tr("No matching images"));
        empty_->setBody(tr("No image matches the search or filter."));
    } else {
        empty_->setTitle(tr("No images yet"));
        empty_->setBody(tr("Every image you generate is kept here with its parameters, newest first."));
    }
    stack_->setCurrentWidget(any ? static_cast<QWidget*>(view_) : empty_);
}

void GalleryDock::setSearchText(const QString& text) {
    search_->setText(text);
    refresh();
}

void GalleryDock::setModelFilter(const QString& model) {
    int i = modelFilter_->findData(model);
    if (i < 0) i = 0;
    if (modelFilter_->currentIndex() == i)
        refresh();
    else
        modelFilter_->setCurrentIndex(i); // refreshes
}

void GalleryDock::setFavouritesOnly(bool on) {
    if (favouritesOnly_->isChecked() == on)
        refresh();
    else
        favouritesOnly_->setChecked(on);
}

void GalleryDock::addImages(const QStringList& pngPaths) {
    if (!store_) return;
    bool newModel = false;
    const QStringList known = store_->models();
    for (const QString& path : pngPaths) {
        QString error;
        const auto e = store_->addImage(path, &error);
        if (!e) {
            Q_EMIT statusMessage(tr("%1 could not be added to the gallery: %2").arg(QFileInfo(path).fileName(), error));
            continue;
        }
        if (!e->model.isEmpty() && !known.contains(e->model)) newModel = true;
        if (matchesFilter(*e))
            model_->prepend(*e);
        else
            model_->removeId(e->id);
    }
    if (newModel) reloadModels();
}

QList<qint64> GalleryDock::selectedIds() const {
    QList<qint64> ids;
    for (const QModelIndex& i : view_->selectionModel()->selectedIndexes())
        ids << i.data(GalleryModel::IdRole).toLongLong();
    if (ids.isEmpty() && currentId()) ids << currentId();
    return ids;
}

qint64 GalleryDock::currentId() const {
    const QModelIndex i = view_->currentIndex();
    return i.isValid() ? i.data(GalleryModel::IdRole).toLongLong() : 0;
}

void GalleryDock::selectId(qint64 id) {
    const int row = model_->rowOfId(id);
    if (row < 0) return;
    view_->setCurrentIndex(model_->index(row));
}

void GalleryDock::onCurrentChanged() {
    const int row = view_->currentIndex().row();
    const GalleryEntry* e = model_->entryAt(row);
    if (e)
        Q_EMIT currentImageChanged(e->path, e->infotext);
    else
        Q_EMIT currentImageChanged(QString(), QString());
}

bool GalleryDock::copyParameters(qint64 id) {
    const int row = model_->rowOfId(id);
    if (row < 0) return false;
    const GalleryEntry* e = model_->entryAt(row);
    if (e->infotext.isEmpty()) {
        Q_EMIT statusMessage(tr("%1 carries no generation parameters.").arg(QFileInfo(e->path).fileName()));
        return false;
    }
    QApplication::clipboard()->setText(e->infotext);
    Q_EMIT statusMessage(tr("Parameters copied"));
    return true;
}

bool GalleryDock::copyImage(qint64 id) {
    const QString path = pathOf(id);
    if (path.isEmpty()) return false;
    const LoadedImage loaded = loadImageFile(path);
    if (!loaded.ok) {
        Q_EMIT statusMessage(loaded.error);
        return false;
    }
    auto* mime = new QMimeData;
    mime->setImageData(loaded.image);
    mime->setUrls({QUrl::fromLocalFile(path)});
    QApplication::clipboard()->setMimeData(mime);
    Q_EMIT statusMessage(tr("Image copied"));
    return true;
}

bool GalleryDock::showInFolder(qint64 id) {
    const QString path = pathOf(id);
    if (path.isEmpty()) return false;
    // The freedesktop file manager interface selects the file; without it, the folder opens.
    return revealer_->reveal(path);
}

bool GalleryDock::toggleFavourite(qint64 id) {
    if (!store_) return false;
    auto e = store_->entry(id);
    if (!e || !store_->setFavourite(id, !e->favourite)) return false;
    e->favourite = !e->favourite;
    if (matchesFilter(*e))
        model_->updateEntry(*e);
    else
        model_->removeId(id);
    return true;
}

int GalleryDock::deleteImages(const QList<qint64>& ids, bool confirm) {
    if (!store_ || ids.isEmpty()) return 0;
    if (confirm && QMessageBox::question(this, tr("Move to Trash"),
                                         tr("Move %n image(s) to the trash and remove them from the gallery?", nullptr,
                                            int(ids.size()))) != QMessageBox::Yes)
        return 0;
    int removed = 0;
    bool permanentAllowed = false;
    for (qint64 id : ids) {
        const auto entry = store_->entry(id);
        const QString path = entry ? entry->path : QString();
        thumbnails_->forget(path);
        QString error;
        bool ok = store_->remove(id, GalleryStore::RemoveMode::MoveToTrash, &error);
        if (!ok && confirm && QFileInfo::exists(path)) {
            // No trash on that volume: deleting for good needs its own yes.
            if (!permanentAllowed)
                permanentAllowed =
                    QMessageBox::warning(this, tr("No Trash"),
                                         tr("%1 cannot be moved to the trash. Delete it permanently?")
                                             .arg(safeDisplayLine(QFileInfo(path).fileName())),
                                         QMessageBox::Yes | QMessageBox::No, QMessageBox::No) == QMessageBox::Yes;
            if (permanentAllowed) ok = store_->remove(id, GalleryStore::RemoveMode::DeleteFile, &error);
        }
        if (!ok) {
            Q_EMIT statusMessage(error);
            continue;
        }
        model_->removeId(id);
        ++removed;
    }
    reloadModels();
    if (removed) Q_EMIT statusMessage(tr("%n image(s) moved to the trash", nullptr, removed));
    return removed;
}

void GalleryDock::rebuildIndex() {
    startScan(true);
}

void GalleryDock::rescanFolders() {
    startScan(false);
}

void GalleryDock::startScan(bool replace) {
    if (!store_ || isRebuilding()) return;
    if (scanFolders_.isEmpty()) {
        if (replace) Q_EMIT statusMessage(tr("No output folder to rescan."));
        return;
    }
    rebuildAction_->setEnabled(false);
    scanReplaces_ = replace;
    if (replace) Q_EMIT statusMessage(tr("Rebuilding the gallery index…"));
    if (!scanWatcher_) {
        scanWatcher_ = new QFutureWatcher<QList<GalleryEntry>>(this);
        connect(scanWatcher_, &QFutureWatcher<QList<GalleryEntry>>::finished, this, [this] {
            rebuildAction_->setEnabled(true);
            if (cancelScan_->load()) return;
            QString error;
            const QList<GalleryEntry> found = scanWatcher_->result();
            qInfo("latent: gallery %s finished: %d file(s) to index", scanReplaces_ ? "rebuild" : "rescan",
                  int(found.size()));
            if (!scanReplaces_ && found.isEmpty()) {
                Q_EMIT rebuildFinished(0);
                return;
            }
            const int n = scanReplaces_ ? store_->replaceAll(found, &error) : store_->addEntries(found, &error);
            reloadModels();
            refresh();
            if (n < 0)
                Q_EMIT statusMessage(tr("The gallery index could not be updated: %1").arg(error));
            else if (scanReplaces_)
                Q_EMIT statusMessage(tr("Gallery rebuilt: %n image(s)", nullptr, n));
            else
                Q_EMIT statusMessage(
                    tr("%n image(s) found in the output folders were added to the gallery", nullptr, n));
            Q_EMIT rebuildFinished(n);
        });
    }
    const QStringList folders = scanFolders_;
    const auto cancel = cancelScan_;
    // A rescan skips files already indexed (read only the new ones); a rebuild reads them all.
    const QSet<QString> known = replace ? QSet<QString>() : store_->indexedPaths();
    scanWatcher_->setFuture(QtConcurrent::run([folders, cancel, known, replace] {
        return GalleryStore::scanFolders(folders, cancel.get(), nullptr, replace ? nullptr : &known);
    }));
}

void GalleryDock::showContextMenu(const QPoint& pos) {
    const QModelIndex index = view_->indexAt(pos);
    if (!index.isValid()) return;
    if (!view_->selectionModel()->isSelected(index)) view_->setCurrentIndex(index);
    favouriteAction_->setChecked(index.data(GalleryModel::FavouriteRole).toBool());
    copyParamsAction_->setEnabled(!index.data(GalleryModel::InfotextRole).toString().isEmpty());
    QMenu menu(this);
    menu.addAction(openAction_);
    menu.addAction(initAction_);
    menu.addAction(upscaleAction_);
    menu.addSeparator();
    menu.addAction(copyParamsAction_);
    menu.addAction(copyImageAction_);
    menu.addAction(showFolderAction_);
    menu.addSeparator();
    menu.addAction(favouriteAction_);
    menu.addAction(deleteAction_);
    menu.exec(view_->viewport()->mapToGlobal(pos));
}

bool GalleryDock::eventFilter(QObject* watched, QEvent* event) {
    if (watched == view_->viewport() && event->type() == QEvent::Resize) {
        // Cells of about kCell pixels that exactly fill the width (no ragged gap on the right).
        const int width = view_->viewport()->width();
        const int columns = std::max(1, (width - 4) / kCell);
        const int cell = std::max(48, (width - 4) / columns);
        if (view_->gridSize().width() != cell) {
            static_cast<GalleryDelegate*>(view_->itemDelegate())->setCell(cell);
            view_->setGridSize(QSize(cell, cell));
        }
    }
    if (watched == view_ && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Delete) {
            deleteImages(selectedIds(), true);
            return true;
        }
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            openAction_->trigger();
            return true;
        }
        if (key->matches(QKeySequence::Copy)) {
            copyImage(currentId());
            return true;
        }
    }
    return QDockWidget::eventFilter(watched, event);
}

} // namespace latent
