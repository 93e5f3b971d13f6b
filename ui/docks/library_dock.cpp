#include "ui/docks/library_dock.h"

#include "app/library/model_library.h"
#include "ui/library/model_card_delegate.h"
#include "ui/library/model_details_panel.h"
#include "ui/library/model_list_model.h"
#include "ui/widgets/thumbnail_cache.h"
#include "ui/widgets/empty_state.h"

#include <QAction>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QTabBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace latent {

namespace {
const ModelKind kTabKinds[] = {ModelKind::Checkpoint, ModelKind::Lora,       ModelKind::Vae,
                               ModelKind::Embedding,  ModelKind::ControlNet, ModelKind::Upscaler,
                               ModelKind::Unknown};
constexpr int kTabCount = int(sizeof kTabKinds / sizeof kTabKinds[0]);
} // namespace

LibraryDock::LibraryDock(QAction* addModel, QAction* downloadModel, QAction* useA1111Folder, QWidget* parent)
    : QDockWidget(tr("Library"), parent) {
    setObjectName(QStringLiteral("libraryDock"));
    thumbnails_ = new ThumbnailCache(QSize(ModelCardDelegate::kThumb, ModelCardDelegate::kThumb), {}, this);
    proxy_ = new ModelFilterProxy(this);

    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    auto* top = new QHBoxLayout;
    search_ = new QLineEdit;
    search_->setObjectName(QStringLiteral("librarySearch"));
    search_->setPlaceholderText(tr("Search models…"));
    search_->setClearButtonEnabled(true);
    reload_ = new QAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("Reload"), this);
    reload_->setObjectName(QStringLiteral("libraryReloadAction"));
    reload_->setToolTip(tr("Rescan the model folders"));
    auto* reloadButton = new QToolButton;
    reloadButton->setDefaultAction(reload_);
    top->addWidget(search_, 1);
    top->addWidget(reloadButton);
    layout->addLayout(top);

    tabs_ = new QTabBar;
    tabs_->setObjectName(QStringLiteral("libraryKindTabs"));
    tabs_->setExpanding(false);
    tabs_->setUsesScrollButtons(true);
    tabs_->setDrawBase(false);
    // The "Other files" tab (last kind) exists only while there are such files: hidden tabs
    // confuse QTabBar's scrolling in Qt 6.4, so it is added and removed instead.
    for (int i = 0; i + 1 < kTabCount; ++i) tabs_->addTab(modelKindDisplayName(kTabKinds[i]));

    stack_ = new QStackedWidget;
    auto* empty = new EmptyState;
    empty->setObjectName(QStringLiteral("libraryEmptyState"));
    empty->setTitle(tr("Your library is empty"));
    empty->setBody(tr("Checkpoints, LoRAs, VAEs and embeddings you add appear here. "
                      "Files stay where they are; an existing AUTOMATIC1111 models folder works as is."));
    if (addModel) empty->addAction(addModel);
    if (downloadModel) empty->addAction(downloadModel);
    if (useA1111Folder) empty->addAction(useA1111Folder);

    auto* browser = new QWidget;
    auto* browserLayout = new QVBoxLayout(browser);
    browserLayout->setContentsMargins(0, 0, 0, 0);
    browserLayout->setSpacing(2);
    browserLayout->addWidget(tabs_);
    auto* splitter = new QSplitter(Qt::Vertical);
    list_ = new QListView;
    list_->setObjectName(QStringLiteral("libraryList"));
    list_->setModel(proxy_);
    list_->setItemDelegate(new ModelCardDelegate(list_));
    list_->setUniformItemSizes(true);
    list_->setSelectionMode(QAbstractItemView::SingleSelection);
    list_->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    list_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    details_ = new ModelDetailsPanel;
    auto* scroll = new QScrollArea;
    scroll->setWidget(details_);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    splitter->addWidget(list_);
    splitter->addWidget(scroll);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    list_->setMinimumHeight(2 * 70);
    browserLayout->addWidget(splitter, 1);

    stack_->addWidget(empty);
    stack_->addWidget(browser);
    layout->addWidget(stack_, 1);
    status_ = new QLabel;
    status_->setObjectName(QStringLiteral("libraryStatus"));
    status_->setTextFormat(Qt::PlainText);
    layout->addWidget(status_);
    setWidget(body);

    connect(search_, &QLineEdit::textChanged, proxy_, &ModelFilterProxy::setSearchText);
    connect(search_, &QLineEdit::textChanged, this, [this] { updateState(); });
    connect(tabs_, &QTabBar::currentChanged, this, [this](int tab) {
        proxy_->setKind(kindAtTab(tab));
        updateState();
    });
    connect(list_->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { currentChanged(current); });
    connect(list_, &QListView::activated, this, &LibraryDock::activate);
    connect(list_, &QListView::doubleClicked, this, &LibraryDock::activate);
    connect(details_, &ModelDetailsPanel::useRequested, this, &LibraryDock::useModel);
    connect(details_, &ModelDetailsPanel::insertRequested, this, &LibraryDock::insertIntoPrompt);
    connect(details_, &ModelDetailsPanel::saveRequested, this, [this](const QString& path, const SidecarNotes& notes) {
        if (!library_) return;
        QString error;
        if (!library_->saveNotes(path, notes, &error)) {
            QMessageBox box(QMessageBox::Warning, tr("Notes not saved"),
                            tr("The notes for %1 could not be saved: %2").arg(QFileInfo(path).fileName(), error),
                            QMessageBox::Ok, this);
            box.setTextFormat(Qt::PlainText);
            box.exec();
            return;
        }
        if (model_ && details_->currentPath() == path) details_->setEntry(model_->entryAt(model_->rowOf(path)));
    });
    connect(reload_, &QAction::triggered, this, [this] {
        if (library_) library_->reload();
    });
    setLibrary(nullptr);
}

LibraryDock::~LibraryDock() = default;

void LibraryDock::setLibrary(ModelLibrary* library) {
    if (library_) disconnect(library_, nullptr, this, nullptr);
    library_ = library;
    proxy_->setSourceModel(nullptr);
    delete model_;
    model_ = nullptr;
    reload_->setEnabled(library_ != nullptr);
    if (library_) {
        model_ = new ModelListModel(library_, thumbnails_, this);
        proxy_->setSourceModel(model_);
        connect(library_, &ModelLibrary::entriesChanged, this, &LibraryDock::updateState);
        connect(library_, &ModelLibrary::entryRemoved, this, &LibraryDock::updateState);
        connect(library_, &ModelLibrary::entryChanged, this, [this](const QString& path) {
            updateState();
            if (path == details_->currentPath() && model_) {
                const int row = model_->rowOf(path);
                // Refresh facts (hashes arrive later) without dropping unsaved edits: only when
                // the editor holds what is on disk.
                if (const ModelEntry* e = model_->entryAt(row); e && !details_->saveButton()->isEnabled())
                    details_->setEntry(e);
            }
        });
        connect(library_, &ModelLibrary::scanProgress, this, &LibraryDock::scanProgress);
        connect(library_, &ModelLibrary::scanFinished, this, &LibraryDock::scanFinished);
    }
    updateState();
}

ModelKind LibraryDock::kindAtTab(int tab) const {
    return tab >= 0 && tab < kTabCount ? kTabKinds[tab] : ModelKind::Checkpoint;
}

ModelKind LibraryDock::currentKind() const {
    return kindAtTab(tabs_->currentIndex());
}

void LibraryDock::showKind(ModelKind kind) {
    for (int i = 0; i < kTabCount; ++i)
        if (kTabKinds[i] == kind) {
            if (i >= tabs_->count()) tabs_->addTab(modelKindDisplayName(kind));
            tabs_->setCurrentIndex(i);
        }
}

bool LibraryDock::selectPath(const QString& path) {
    if (!model_) return false;
    const int row = model_->rowOf(path);
    const ModelEntry* e = model_->entryAt(row);
    if (!e) return false;
    showKind(e->kind);
    const QModelIndex idx = proxy_->mapFromSource(model_->index(row));
    if (!idx.isValid()) return false; // hidden by the search
    list_->setCurrentIndex(idx);
    return true;
}

int LibraryDock::visibleCount() const {
    return proxy_->rowCount();
}

QStringList LibraryDock::visiblePaths() const {
    QStringList out;
    for (int i = 0; i < proxy_->rowCount(); ++i) out << proxy_->index(i, 0).data(ModelListModel::PathRole).toString();
    return out;
}

void LibraryDock::updateTabCounts() {
    int counts[kTabCount] = {};
    if (model_)
        for (int r = 0; r < model_->rowCount(); ++r)
            for (int i = 0; i < kTabCount; ++i)
                if (model_->entryAt(r)->kind == kTabKinds[i]) ++counts[i];
    const bool wantOther = counts[kTabCount - 1] > 0 || currentKind() == ModelKind::Unknown;
    if (wantOther && tabs_->count() < kTabCount) tabs_->addTab(modelKindDisplayName(ModelKind::Unknown));
    if (!wantOther && tabs_->count() == kTabCount) tabs_->removeTab(kTabCount - 1);
    for (int i = 0; i < tabs_->count(); ++i) {
        const QString name = modelKindDisplayName(kTabKinds[i]);
        tabs_->setTabText(i, counts[i] ? QStringLiteral("%1 (%2)").arg(name).arg(counts[i]) : name);
    }
}

void LibraryDock::updateState() {
    const bool hasEntries = model_ && model_->rowCount() > 0;
    stack_->setCurrentIndex(hasEntries ? 1 : 0);
    updateTabCounts();
    if (hasEntries && !list_->currentIndex().isValid() && proxy_->rowCount() > 0)
        list_->setCurrentIndex(proxy_->index(0, 0));
    if (!list_->currentIndex().isValid()) details_->setEntry(nullptr);
}

void LibraryDock::currentChanged(const QModelIndex& current) {
    if (!model_ || !current.isValid()) {
        details_->setEntry(nullptr);
        return;
    }
    const int row = model_->rowOf(current.data(ModelListModel::PathRole).toString());
    details_->setEntry(model_->entryAt(row));
}

void LibraryDock::activate(const QModelIndex& index) {
    const QString path = index.data(ModelListModel::PathRole).toString();
    const ModelKind kind = ModelKind(index.data(ModelListModel::KindRole).toInt());
    if (kind == ModelKind::Checkpoint)
        useModel(path);
    else if (kind == ModelKind::Lora || kind == ModelKind::Embedding)
        insertIntoPrompt(path);
}

void LibraryDock::useModel(const QString& path) {
    if (!library_) return;
    const std::optional<ModelEntry> e = library_->entry(path);
    if (!e || e->kind != ModelKind::Checkpoint || !e->usable) return;
    Q_EMIT activeModelChanged(e->path);
}

void LibraryDock::insertIntoPrompt(const QString& path) {
    if (!library_) return;
    const std::optional<ModelEntry> e = library_->entry(path);
    if (!e || !e->usable) return;
    const QString text = e->promptText();
    if (!text.isEmpty()) Q_EMIT insertPromptText(text);
}

void LibraryDock::scanProgress(const QString& phase, int done, int total, const QString& path) {
    if (phase == QLatin1String("hash"))
        status_->setText(
            tr("Hashing %1 of %2: %3").arg(done + 1).arg(total).arg(displayText(QFileInfo(path).fileName(), 80)));
    else
        status_->setText(tr("Scanning %1 of %2…").arg(done).arg(total));
    if (path.isEmpty()) status_->clear();
}

void LibraryDock::scanFinished(const ScanStats& stats) {
    if (!stats.error.isEmpty()) {
        status_->setText(displayText(stats.error, 300));
        return;
    }
    const int models = model_ ? model_->rowCount() : 0;
    QString text = tr("%n file(s)", nullptr, models);
    if (stats.notModels > 0) text += QStringLiteral(" · ") + tr("%n not usable", nullptr, stats.notModels);
    status_->setText(text);
}

} // namespace latent
