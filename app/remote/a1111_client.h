// An A1111-compatible server (A1111, Forge, SD.Next, `latentstudio-cli serve`): the job goes to
// /sdapi/v1/txt2img or /img2img with the exact body the local engine would read; while it runs,
// /sdapi/v1/progress is polled (at most once a second) for step, ETA and the live preview;
// cancel calls /sdapi/v1/interrupt. The answer's PNGs keep the server's infotext. A connection
// that breaks after the job was sent means the server restarted: the job fails (it is not sent
// again, which could run it twice).
#pragma once

#include "app/remote/remote_client.h"

class QTimer;

namespace latent {

class A1111Client : public RemoteClient {
    Q_OBJECT
public:
    A1111Client(const BackendConfig& config, const QString& secret, QNetworkAccessManager* nam, QObject* parent);

    void start(const RemoteJobInput& input) override;
    void cancel() override;
    bool stopEarly(bool skip) override;
    void check(std::function<void(const BackendCheck&)> done) override;
    void ping(std::function<void(const BackendCheck&)> done) override;

    // The images and infotexts of an A1111 txt2img/img2img answer ({"images": [...], "info":
    // "<json with infotexts>"}). Empty images + *error for a malformed answer.
    static RemoteJobOutput parseResult(const QJsonDocument& doc, QString* error);

private:
    void submit(const QJsonObject& body);
    void poll();
    void onProgress(const QJsonDocument& doc);

    QString kind_;
    QTimer* pollTimer_ = nullptr;
    bool pollInFlight_ = false;
    bool cancelling_ = false;
    QByteArray lastPreview_;
};

} // namespace latent
