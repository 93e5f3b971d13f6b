// An OpenAI-style images API (OpenAI, APIpie, Together, ...): POST {url}/v1/images/generations
// with model, prompt, n, size and response_format b64_json (plus the backend's provider extras),
// GET {url}/v1/models for check. `url` results are downloaded with the downloader's rules (the
// API key only on the backend's own origin, never on a storage host). `usage`, latency and cost,
// when the answer has them, are kept with the job. There is no progress to poll: the job shows
// the time it has waited.
#pragma once

#include "app/remote/remote_client.h"

class QTimer;

namespace latent {

class OpenAiClient : public RemoteClient {
    Q_OBJECT
public:
    OpenAiClient(const BackendConfig& config, const QString& secret, QNetworkAccessManager* nam, QObject* parent);

    void start(const RemoteJobInput& input) override;
    void cancel() override;
    void check(std::function<void(const BackendCheck&)> done) override;

    // {"data": [{"b64_json": ...} | {"url": ...}], "usage": {...}, "cost": ...}.
    static RemoteJobOutput parseResult(const QJsonDocument& doc, QList<QPair<int, QUrl>>* urls, QString* error);

private:
    QTimer* ticker_ = nullptr;
};

} // namespace latent
