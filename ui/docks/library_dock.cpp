#include "ui/docks/library_dock.h"

#include "ui/widgets/empty_state.h"

#include <QLineEdit>
#include <QListWidget>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

namespace latent {

LibraryDock::LibraryDock(QAction* addModel, QAction* downloadModel, QAction* useA1111Folder, QWidget* parent)
    : QDockWidget(tr("Library"), parent) {
    setObjectName(QStringLiteral("libraryDock"));
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    search_ = new QLineEdit;
    search_->setPlaceholderText(tr("Search models…"));
    search_->setClearButtonEnabled(true);
    layout->addWidget(search_);

    stack_ = new QStackedWidget;
    auto* empty = new EmptyState;
    empty->setTitle(tr("Your library is empty"));
    empty->setBody(tr("Checkpoints, LoRAs, VAEs and embeddings you add appear here. "
                      "Files stay where they are; an existing AUTOMATIC1111 models folder works as is."));
    empty->addAction(addModel);
    empty->addAction(downloadModel);
    empty->addAction(useA1111Folder);
    tabs_ = new QTabWidget;
    tabs_->addTab(new QListWidget, tr("Checkpoints"));
    tabs_->addTab(new QListWidget, tr("LoRA"));
    tabs_->addTab(new QListWidget, tr("VAE"));
    tabs_->addTab(new QListWidget, tr("Embeddings"));
    stack_->addWidget(empty);
    stack_->addWidget(tabs_);
    layout->addWidget(stack_, 1);
    setWidget(body);
}

} // namespace latent
