// MainWindow's API server wiring (issue 15): View ▸ Serve the API toggles the studio's HTTP API
// (StudioApiService over this window's session and library); Settings ▸ API server… configures
// it. API jobs run in the same queue (the queue dock marks them "API") and their images go to
// the gallery like the studio's own.
#include "ui/main/main_window.h"

#include "app/api/studio_api_service.h"
#include "app/core/settings.h"
#include "ui/dialogs/api_server_dialog.h"

#include <QAction>
#include <QMenuBar>
#include <QStatusBar>

namespace latent {

void MainWindow::wireApiServer() {
    if (api_ || !session_) return;
    api_ = new StudioApiService(settings_, session_, library_, this);
    serveApiAction_ = new QAction(tr("Serve the &API"), this);
    serveApiAction_->setObjectName(QStringLiteral("serveApiAction"));
    serveApiAction_->setCheckable(true);
    serveApiAction_->setToolTip(tr("Let other programs generate through this studio (A1111 and OpenAI-style HTTP API)"));
    apiSettingsAction_ = new QAction(tr("&API Server…"), this);
    apiSettingsAction_->setObjectName(QStringLiteral("apiSettingsAction"));
    viewMenu_->addSeparator();
    viewMenu_->addAction(serveApiAction_);
    QMenu* settingsMenu = new QMenu(tr("&Settings"), this);
    settingsMenu->setObjectName(QStringLiteral("settingsMenu"));
    settingsMenu->addAction(apiSettingsAction_);
    const QList<QAction*> top = menuBar()->actions();
    menuBar()->insertMenu(top.isEmpty() ? nullptr : top.last(), settingsMenu); // before Help

    connect(serveApiAction_, &QAction::triggered, this, [this](bool on) {
        if (on) api_->start();
        else api_->stop();
    });
    connect(apiSettingsAction_, &QAction::triggered, this, &MainWindow::showApiServerSettings);
    connect(api_, &StudioApiService::runningChanged, this, [this](bool running, const QString& url) {
        const QSignalBlocker quiet(serveApiAction_);
        serveApiAction_->setChecked(running);
        if (running) statusBar()->showMessage(tr("Serving the API on %1").arg(url), 8000);
    });
    connect(api_, &StudioApiService::failed, this, [this](const QString& message) {
        statusBar()->showMessage(tr("The API server did not start: %1").arg(message), 15000);
    });
    if (settings_.value(settings::ApiServerEnabled)) api_->start();
}

void MainWindow::showApiServerSettings() {
    if (!api_) return;
    auto* dialog = new ApiServerDialog(settings_, api_, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace latent
