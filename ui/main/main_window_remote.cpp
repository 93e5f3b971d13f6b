// The main window's remote-backend wiring (issue 16): the backend picker next to Generate, the
// Backend column of the queue, the backends' health in the status bar, Settings ▸ Backends, and
// what happens to remote jobs when the studio closes. Results, progress and previews of remote
// jobs arrive through the InferenceController's signals (StudioSession forwards them), so the
// canvas, gallery and queue need nothing else.
#include "ui/main/main_window.h"

#include "app/remote/backend_registry.h"
#include "app/remote/remote_dispatcher.h"
#include "app/worker/studio_session.h"
#include "ui/dialogs/backends_dialog.h"
#include "ui/docks/prompt_dock.h"
#include "ui/docks/queue_dock.h"
#include "ui/widgets/backend_picker.h"

#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>

namespace latent {

void MainWindow::wireRemoteBackends() {
    RemoteDispatcher* dispatcher = session_->dispatcher();
    backendPicker_ = new BackendPicker;
    backendPicker_->attach(dispatcher, &settings_);
    promptDock_->setBackendPicker(backendPicker_);

    queueDock_->setBackendLabeler([dispatcher](const Job& job) { return dispatcher->targetLabel(job); },
                                  [dispatcher](qint64 id) { return dispatcher->statusNote(id); });
    connect(dispatcher, &RemoteDispatcher::statusChanged, queueDock_, &QueueDock::updateBackendCells);
    connect(dispatcher, &RemoteDispatcher::healthChanged, queueDock_, &QueueDock::updateBackendCells);
    connect(dispatcher, &RemoteDispatcher::statusChanged, this, [this, dispatcher](qint64 id, const QString& note) {
        if (note.isEmpty()) return;
        statusBar()->showMessage(tr("Job #%1 on %2: %3").arg(id).arg(dispatcher->backendOf(id), note), 8000);
    });

    backendHealthLabel_ = new QLabel;
    backendHealthLabel_->setObjectName(QStringLiteral("backendHealthLabel"));
    statusBar()->insertPermanentWidget(0, backendHealthLabel_);
    connect(dispatcher, &RemoteDispatcher::healthChanged, this, &MainWindow::updateBackendHealth);
    connect(dispatcher->registry(), &BackendRegistry::changed, this, &MainWindow::updateBackendHealth);
    connect(dispatcher, &RemoteDispatcher::runningChanged, this, &MainWindow::updateBackendHealth);
    updateBackendHealth();

    QMenu* settingsMenu = new QMenu(tr("&Settings"), this);
    settingsMenu->setObjectName(QStringLiteral("settingsMenu"));
    backendsAction_ = settingsMenu->addAction(tr("&Backends…"));
    backendsAction_->setObjectName(QStringLiteral("backendsAction"));
    backendsAction_->setToolTip(tr("Remote servers that run jobs: A1111 / Forge / SD.Next, RunPod, OpenAI-style APIs"));
    connect(backendsAction_, &QAction::triggered, this, &MainWindow::showBackendsDialog);
    const QList<QAction*> top = menuBar()->actions();
    menuBar()->insertMenu(top.isEmpty() ? nullptr : top.last(), settingsMenu); // before Help
}

void MainWindow::showBackendsDialog() {
    if (!session_) return;
    if (!backendsDialog_) backendsDialog_ = new BackendsDialog(session_->dispatcher(), this);
    backendsDialog_->show();
    backendsDialog_->raise();
    backendsDialog_->activateWindow();
}

void MainWindow::updateBackendHealth() {
    RemoteDispatcher* dispatcher = session_->dispatcher();
    const QList<BackendConfig> all = dispatcher->registry()->backends();
    backendHealthLabel_->setVisible(!all.isEmpty());
    if (all.isEmpty()) return;
    QString text = tr("Backends: %1").arg(dispatcher->healthSummary());
    if (const int running = dispatcher->runningCount()) text += tr(" · %n remote job(s)", nullptr, running);
    backendHealthLabel_->setText(text);
    QStringList lines;
    bool anyProblem = false;
    for (const BackendConfig& c : all) {
        QString state;
        switch (dispatcher->health(c.name)) {
        case RemoteDispatcher::Health::Online: state = tr("online"); break;
        case RemoteDispatcher::Health::Offline:
            state = tr("offline — its jobs wait until it is back");
            anyProblem = true;
            break;
        case RemoteDispatcher::Health::AuthFailed:
            state = tr("credentials refused");
            anyProblem = true;
            break;
        case RemoteDispatcher::Health::Unknown: state = tr("not checked yet"); break;
        }
        const QString message = dispatcher->healthMessage(c.name);
        lines << tr("%1 (%2): %3%4")
                     .arg(c.name, backendKindDisplayName(c.kind), state, message.isEmpty() ? QString() : QStringLiteral(" — ") + message);
    }
    backendHealthLabel_->setToolTip(lines.join(QLatin1Char('\n')));
    backendHealthLabel_->setStyleSheet(anyProblem ? QStringLiteral("color: #e53935;") : QString());
}

bool MainWindow::confirmCloseWithRemoteJobs() {
    if (!session_) return true;
    RemoteDispatcher* dispatcher = session_->dispatcher();
    const int running = dispatcher->runningCount();
    if (running == 0) return true;
    QMessageBox box(QMessageBox::Question, tr("Remote jobs are running"),
                    tr("%n job(s) are running on remote backends.", nullptr, running), QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("remoteJobsOnClose"));
    box.setInformativeText(tr("Cancel them on their servers, or leave them running? RunPod jobs that are left "
                              "running are picked up again when the studio starts; other servers finish them "
                              "without sending the images back."));
    QPushButton* cancel = box.addButton(tr("Cancel them"), QMessageBox::DestructiveRole);
    cancel->setObjectName(QStringLiteral("cancelRemoteJobs"));
    QPushButton* leave = box.addButton(tr("Leave them running"), QMessageBox::AcceptRole);
    leave->setObjectName(QStringLiteral("leaveRemoteJobs"));
    QPushButton* stay = box.addButton(tr("Don't close"), QMessageBox::RejectRole);
    stay->setObjectName(QStringLiteral("keepStudioOpen"));
    box.setDefaultButton(stay);
    box.exec();
    if (box.clickedButton() == cancel) {
        dispatcher->cancelAll();
        statusBar()->showMessage(tr("Cancelling the remote jobs…"));
        dispatcher->waitIdle(5000); // the cancel requests go out before the window closes
        return true;
    }
    if (box.clickedButton() == leave) {
        dispatcher->leaveAll();
        return true;
    }
    return false;
}

} // namespace latent
