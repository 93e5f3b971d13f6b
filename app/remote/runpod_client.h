// A RunPod serverless endpoint (url = https://api.runpod.ai/v2/ENDPOINT_ID): POST /run with the
// seed worker's input, then GET /status/ID with back-off (1 s growing to 5 s) until COMPLETED,
// FAILED, CANCELLED or TIMED_OUT; POST /cancel/ID on cancel; GET /health for check. A cold
// start (IN_QUEUE for minutes) is shown as "waiting for a worker" with the elapsed time, never as
// an error. Polling is by job id, so a lost connection or a restarted gateway only delays it,
// and the studio resumes polling after its own restart (resume with RemoteJobInput::remoteId).
#pragma once

#include "app/remote/remote_client.h"

namespace latent {

class RunPodClient : public RemoteClient {
    Q_OBJECT
public:
    RunPodClient(const BackendConfig& config, const QString& secret, QNetworkAccessManager* nam, QObject* parent);

    void start(const RemoteJobInput& input) override;
    void cancel() override;
    bool canResume() const override { return true; }
    void check(std::function<void(const BackendCheck&)> done) override;

    QString remoteId() const { return id_; }

    // The images of a COMPLETED job's "output": a list of base64 strings / data URLs / URLs, or
    // of objects with "image" / "url" / "base64"; or an object with "images" (A1111 workers,
    // with "info"), "image", "image_url" or "images_url". `urls` gets (index, URL) of images to
    // download. Empty images + *error when there is no image in it.
    static RemoteJobOutput parseOutput(const QJsonValue& output, QList<QPair<int, QUrl>>* urls, QString* error);

private:
    void schedulePoll();
    void poll();
    void onStatus(const QJsonObject& status);

    QString kind_;
    QJsonObject params_;
    QString id_;
    int interval_ = 1000;
    int pollFailures_ = 0;
    bool cancelling_ = false;
};

} // namespace latent
