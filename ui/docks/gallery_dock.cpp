#include "ui/docks/gallery_dock.h"

#include "ui/widgets/empty_state.h"

#include <QLineEdit>
#include <QListWidget>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace latent {

GalleryDock::GalleryDock(QWidget* parent) : QDockWidget(tr("Gallery"), parent) {
    setObjectName(QStringLiteral("galleryDock"));
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    search_ = new QLineEdit;
    search_->setPlaceholderText(tr("Search prompts…"));
    search_->setClearButtonEnabled(true);
    layout->addWidget(search_);

    stack_ = new QStackedWidget;
    empty_ = new EmptyState;
    empty_->setTitle(tr("No images yet"));
    empty_->setBody(tr("Every image you generate is kept here with its parameters, newest first."));
    list_ = new QListWidget;
    list_->setViewMode(QListView::IconMode);
    list_->setIconSize(QSize(128, 128));
    list_->setResizeMode(QListView::Adjust);
    list_->setUniformItemSizes(true);
    stack_->addWidget(empty_);
    stack_->addWidget(list_);
    layout->addWidget(stack_, 1);
    setWidget(body);
}

int GalleryDock::imageCount() const { return list_->count(); }

} // namespace latent
