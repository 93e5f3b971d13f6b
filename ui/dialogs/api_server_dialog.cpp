#include "ui/dialogs/api_server_dialog.h"

#include "app/api/studio_api_service.h"
#include "app/core/settings.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace latent {

ApiServerDialog::ApiServerDialog(Settings& settings, StudioApiService* service, QWidget* parent)
    : QDialog(parent), settings_(settings), service_(service) {
    setObjectName(QStringLiteral("apiServerDialog"));
    setWindowTitle(tr("API server"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Other programs (scripts, Krita, ComfyUI, A1111 and OpenAI clients) can generate "
                                "through this studio's queue. Documentation is served at /docs."));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* form = new QFormLayout;
    enabled_ = new QCheckBox(tr("Serve the API"));
    enabled_->setObjectName(QStringLiteral("apiEnabled"));
    enabled_->setChecked(service_->isRunning());
    form->addRow(enabled_);
    port_ = new QSpinBox;
    port_->setObjectName(QStringLiteral("apiPort"));
    port_->setRange(0, 65535);
    port_->setSpecialValueText(tr("any free port"));
    port_->setValue(settings_.value(settings::ApiServerPort));
    form->addRow(tr("Port:"), port_);
    listen_ = new QCheckBox(tr("Allow other computers on the network (needs a user and a password)"));
    listen_->setObjectName(QStringLiteral("apiListen"));
    listen_->setChecked(settings_.value(settings::ApiServerListen));
    form->addRow(listen_);
    user_ = new QLineEdit(settings_.value(settings::ApiServerUser));
    user_->setObjectName(QStringLiteral("apiUser"));
    user_->setPlaceholderText(tr("no sign-in"));
    form->addRow(tr("User:"), user_);
    password_ = new QLineEdit;
    password_->setObjectName(QStringLiteral("apiPassword"));
    password_->setEchoMode(QLineEdit::Password);
    password_->setPlaceholderText(service_->hasPassword() ? tr("unchanged") : tr("kept in the keychain"));
    form->addRow(tr("Password:"), password_);
    origins_ = new QLineEdit(settings_.value(settings::ApiServerCorsOrigins));
    origins_->setObjectName(QStringLiteral("apiOrigins"));
    origins_->setPlaceholderText(tr("https://example.app, … (browser pages allowed to call the API)"));
    form->addRow(tr("Allowed origins:"), origins_);
    layout->addLayout(form);

    status_ = new QLabel;
    status_->setObjectName(QStringLiteral("apiStatus"));
    status_->setTextFormat(Qt::PlainText);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    status_->setWordWrap(true);
    layout->addWidget(status_);
    connect(service_, &StudioApiService::runningChanged, this, &ApiServerDialog::updateStatus);
    connect(service_, &StudioApiService::failed, this, [this](const QString& message) { status_->setText(message); });

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel);
    connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &ApiServerDialog::apply);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        apply();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    updateStatus();
}

void ApiServerDialog::apply() {
    // Read before updateStatus(), which ticks the box while the server still runs.
    const bool serve = enabled_->isChecked();
    settings_.setValue(settings::ApiServerPort, port_->value());
    settings_.setValue(settings::ApiServerListen, listen_->isChecked());
    settings_.setValue(settings::ApiServerUser, user_->text().trimmed());
    settings_.setValue(settings::ApiServerCorsOrigins, origins_->text().trimmed());
    if (!password_->text().isEmpty()) service_->setPassword(password_->text());
    password_->clear();
    updateStatus();
    // The outcome (URL or why it did not start) arrives through the service's signals.
    if (serve) service_->start(); // restarts with the new settings
    else service_->stop();
}

void ApiServerDialog::updateStatus() {
    if (service_->isRunning())
        status_->setText(tr("Serving on %1 (documentation: %1/docs)").arg(service_->url()));
    else
        status_->setText(tr("The API server is off."));
    enabled_->setChecked(service_->isRunning() || enabled_->isChecked());
}

} // namespace latent
