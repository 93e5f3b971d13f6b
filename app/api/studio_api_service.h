// "Serve the API" inside the studio: the same ApiServer as `latentstudio-cli serve`, over the
// studio's own session (queue, worker) and model library, so API jobs show in the queue dock and
// their images in the gallery (imagesToGallery). Configured by the settings keys api/* (port,
// LAN, user, CORS origins); the password lives in the OS keychain (qtkeychain), or for this
// session only when no keychain answers — never in a plain file.
#pragma once

#include <QObject>
#include <QString>

#include <memory>

namespace latent {

class ApiServer;
class ModelLibrary;
class Settings;
class StudioSession;

class StudioApiService : public QObject {
    Q_OBJECT
public:
    StudioApiService(Settings& settings, StudioSession* session, ModelLibrary* library, QObject* parent = nullptr);
    ~StudioApiService() override;

    // Starts with the current settings (reading the password from the keychain first when a
    // user is set); the outcome arrives as runningChanged / failed. Saves api/enabled.
    void start();
    void stop();
    bool isRunning() const;
    QString url() const;
    ApiServer* server() const { return server_.get(); }

    // Stores the password for the configured user (keychain, else this session only).
    void setPassword(const QString& password);
    bool hasPassword() const { return !password_.isEmpty(); }
    // Why the keychain could not keep the password (empty when it did).
    QString passwordWarning() const { return passwordWarning_; }

    static QString keychainKey() { return QStringLiteral("api-server-password"); }

Q_SIGNALS:
    void runningChanged(bool running, const QString& url);
    void failed(const QString& message);

private:
    void startWithPassword();

    Settings& settings_;
    StudioSession* session_;
    ModelLibrary* library_;
    std::unique_ptr<ApiServer> server_;
    QString password_;
    QString passwordWarning_;
    bool passwordLoaded_ = false;
};

} // namespace latent
