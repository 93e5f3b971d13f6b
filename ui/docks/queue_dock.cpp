#include "ui/docks/queue_dock.h"

#include "ui/widgets/empty_state.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace latent {

QueueDock::QueueDock(QWidget* parent) : QDockWidget(tr("Queue"), parent) {
    setObjectName(QStringLiteral("queueDock"));
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    stack_ = new QStackedWidget;
    auto* empty = new EmptyState;
    empty->setTitle(tr("No jobs"));
    empty->setBody(tr("Jobs you start wait here. You can reorder, pause or cancel them."));
    jobs_ = new QTreeWidget;
    jobs_->setHeaderLabels({tr("Job"), tr("State"), tr("Progress"), tr("Elapsed / ETA")});
    jobs_->setRootIsDecorated(false);
    jobs_->header()->setStretchLastSection(true);
    stack_->addWidget(empty);
    stack_->addWidget(jobs_);
    layout->addWidget(stack_, 1);

    auto* buttons = new QHBoxLayout;
    cancel_ = new QPushButton(tr("Cancel"));
    cancelAll_ = new QPushButton(tr("Cancel all"));
    pause_ = new QPushButton(tr("Pause"));
    pause_->setCheckable(true);
    for (QPushButton* b : {cancel_, cancelAll_, pause_}) {
        b->setEnabled(false);
        buttons->addWidget(b);
    }
    buttons->addStretch(1);
    layout->addLayout(buttons);
    setWidget(body);
}

} // namespace latent
