#include "app/api/studio_api_service.h"

#include "app/api/api_server.h"
#include "app/core/settings.h"
#include "app/downloads/token_store.h"
#include "app/worker/studio_session.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

#include <qt6keychain/keychain.h>

namespace latent {

StudioApiService::StudioApiService(Settings& settings, StudioSession* session, ModelLibrary* library, QObject* parent)
    : QObject(parent), settings_(settings), session_(session), library_(library) {}

StudioApiService::~StudioApiService() { server_.reset(); }

bool StudioApiService::isRunning() const { return server_ && server_->isRunning(); }
QString StudioApiService::url() const { return isRunning() ? server_->url() : QString(); }

void StudioApiService::setPassword(const QString& password) {
    password_ = password;
    passwordLoaded_ = true;
    passwordWarning_.clear();
    auto* job = new QKeychain::WritePasswordJob(TokenStore::serviceName(), this);
    job->setAutoDelete(true);
    job->setKey(keychainKey());
    job->setTextData(password);
    connect(job, &QKeychain::Job::finished, this, [this, job] {
        if (job->error() != QKeychain::NoError) {
            passwordWarning_ = QCoreApplication::translate("StudioApiService",
                                                           "No keychain is available: the API password is kept for this "
                                                           "session only.");
            qWarning("latent: the API password could not be stored in the keychain (session only)");
        }
    });
    job->start();
}

void StudioApiService::start() {
    settings_.setValue(settings::ApiServerEnabled, true);
    const QString user = settings_.value(settings::ApiServerUser).trimmed();
    if (user.isEmpty() || passwordLoaded_) {
        startWithPassword();
        return;
    }
    auto* job = new QKeychain::ReadPasswordJob(TokenStore::serviceName(), this);
    job->setAutoDelete(true);
    job->setKey(keychainKey());
    connect(job, &QKeychain::Job::finished, this, [this, job] {
        if (job->error() == QKeychain::NoError) password_ = job->textData();
        passwordLoaded_ = true;
        startWithPassword();
    });
    job->start();
}

void StudioApiService::startWithPassword() {
    server_.reset();
    ApiServerConfig config;
    const bool listen = settings_.value(settings::ApiServerListen);
    config.address = listen ? QHostAddress(QHostAddress::AnyIPv4) : QHostAddress(QHostAddress::LocalHost);
    config.port = quint16(std::clamp(settings_.value(settings::ApiServerPort), 0, 65535));
    const QString user = settings_.value(settings::ApiServerUser).trimmed();
    if (listen && user.isEmpty()) {
        Q_EMIT runningChanged(false, {});
        Q_EMIT failed(QCoreApplication::translate("StudioApiService",
                                                  "Serving on the network needs a user and a password (Settings ▸ API "
                                                  "Server…)."));
        return;
    }
    if (!user.isEmpty()) {
        if (password_.isEmpty()) {
            Q_EMIT runningChanged(false, {});
            Q_EMIT failed(QCoreApplication::translate("StudioApiService", "Set a password for the API user %1 first.").arg(user));
            return;
        }
        config.credentials = {{user, password_}};
    }
    for (const QString& o : settings_.value(settings::ApiServerCorsOrigins).split(QLatin1Char(','), Qt::SkipEmptyParts))
        config.corsOrigins << o.trimmed();
    config.dataDir = QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("api"));
    config.outputDir = session_->outputDir();
    config.inputsDir = session_->inputsDir();
    config.imagesToGallery = true;
    config.fallbackModelPath = StudioSession::demoModelPath();
    server_ = std::make_unique<ApiServer>(config, session_->queue(), session_->controller(), library_);
    QString error;
    if (!server_->start(&error)) {
        server_.reset();
        Q_EMIT runningChanged(false, {});
        Q_EMIT failed(error);
        return;
    }
    Q_EMIT runningChanged(true, server_->url());
}

void StudioApiService::stop() {
    settings_.setValue(settings::ApiServerEnabled, false);
    if (!server_) return;
    server_.reset();
    Q_EMIT runningChanged(false, {});
}

} // namespace latent
