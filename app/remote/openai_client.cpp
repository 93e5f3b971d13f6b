#include "app/remote/openai_client.h"

#include "app/remote/remote_request.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QTimer>

#include <memory>

namespace latent {

OpenAiClient::OpenAiClient(const BackendConfig& config, const QString& secret, QNetworkAccessManager* nam,
                           QObject* parent)
    : RemoteClient(config, secret, nam, parent) {
    ticker_ = new QTimer(this);
    ticker_->setInterval(1000);
    connect(ticker_, &QTimer::timeout, this, [this] {
        if (!active()) {
            ticker_->stop();
            return;
        }
        Q_EMIT status(QCoreApplication::translate("Backends", "waiting for %1 (%2)")
                          .arg(config_.name, elapsedText(elapsed_.elapsed())));
    });
}

void OpenAiClient::start(const RemoteJobInput& input) {
    begin();
    QString error;
    const QJsonObject body = openAiBody(input.kind, input.params, config_, &error);
    if (!error.isEmpty()) {
        // Reported from the event loop, like every other outcome.
        after(0, [this, error] { emitFailed(error); });
        return;
    }
    RemoteCall call;
    call.method = "POST";
    call.url = endpoint(QStringLiteral("/v1/images/generations"));
    call.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    call.timeoutMs = config_.effectiveTimeoutSeconds() * 1000;
    call.maxResponseBytes = 512LL << 20;
    ticker_->start();
    Q_EMIT status(QCoreApplication::translate("Backends", "sent to %1").arg(config_.name));
    auto latency = std::make_shared<QElapsedTimer>();
    latency->start();
    send(call, false, QCoreApplication::translate("Backends", "Sending the job"),
         [this, latency](const RemoteReply& reply) {
             ticker_->stop();
             if (!reply.ok()) {
                 emitFailed(reply.failure == RemoteFailure::Auth ? credentialsMessage(reply) : reply.error);
                 return;
             }
             const qint64 roundTrip = latency->elapsed();
             parseJson(reply.body, [this, roundTrip](const QJsonDocument& doc, const QString& error) {
                 if (!error.isEmpty()) {
                     emitFailed(error);
                     return;
                 }
                 QList<QPair<int, QUrl>> urls;
                 QString e;
                 RemoteJobOutput out = parseResult(doc, &urls, &e);
                 if (!e.isEmpty()) {
                     emitFailed(e);
                     return;
                 }
                 if (!out.info.contains(QStringLiteral("latency_ms")))
                     out.info.insert(QStringLiteral("round_trip_ms"), roundTrip);
                 fetchUrls(out, urls, [this](RemoteJobOutput o, const QString& err) {
                     if (!err.isEmpty()) emitFailed(err);
                     else emitSucceeded(o);
                 });
             });
         });
}

RemoteJobOutput OpenAiClient::parseResult(const QJsonDocument& doc, QList<QPair<int, QUrl>>* urls, QString* error) {
    RemoteJobOutput out;
    const QJsonObject o = doc.object();
    const QJsonArray data = o.value(QStringLiteral("data")).toArray();
    if (!doc.isObject() || data.isEmpty()) {
        *error = QCoreApplication::translate("Backends", "The images API answered without images (no \"data\").");
        return out;
    }
    for (int i = 0; i < data.size(); ++i) {
        const QJsonObject item = data[i].toObject();
        RemoteImageData img;
        const QString b64 = item.value(QStringLiteral("b64_json")).toString();
        const QString url = item.value(QStringLiteral("url")).toString();
        if (!b64.isEmpty()) {
            img.data = b64.toLatin1();
            img.base64 = true;
        } else if (url.startsWith(QLatin1String("http://")) || url.startsWith(QLatin1String("https://"))) {
            urls->append({int(out.images.size()), QUrl(url)});
        } else {
            *error = QCoreApplication::translate("Backends", "Image %1 of the answer has neither b64_json nor an http(s) url.")
                         .arg(i + 1);
            return {};
        }
        out.images << img;
        const QString revised = item.value(QStringLiteral("revised_prompt")).toString();
        if (!revised.isEmpty()) out.info.insert(QStringLiteral("revised_prompt"), revised);
    }
    const QJsonObject usage = o.value(QStringLiteral("usage")).toObject();
    if (!usage.isEmpty()) out.info.insert(QStringLiteral("usage"), usage);
    for (const QJsonObject& src : {o, usage}) {
        for (const char* k : {"latency_ms", "cost", "total_cost"})
            if (src.contains(QLatin1String(k)) && !out.info.contains(QLatin1String(k)))
                out.info.insert(QLatin1String(k), src.value(QLatin1String(k)));
    }
    return out;
}

void OpenAiClient::cancel() {
    // No cancel endpoint: dropping the request is all there is.
    ticker_->stop();
    stop();
    QMetaObject::invokeMethod(this, [this] { Q_EMIT cancelled(); }, Qt::QueuedConnection);
}

void OpenAiClient::check(std::function<void(const BackendCheck&)> done) {
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    RemoteCall call;
    call.url = endpoint(QStringLiteral("/v1/models"));
    call.timeoutMs = 15000;
    QPointer<OpenAiClient> self(this);
    sendOnce(call, [self, timer, done](const RemoteReply& reply) {
        if (!self) return;
        BackendCheck r;
        r.latencyMs = int(timer->elapsed());
        if (reply.failure == RemoteFailure::Unreachable || reply.failure == RemoteFailure::Tls ||
            reply.failure == RemoteFailure::Timeout || reply.failure == RemoteFailure::Dropped) {
            r.reachability = reply.error;
            done(r);
            return;
        }
        r.reachable = true;
        r.reachability = QCoreApplication::translate("Backends", "reachable (%1 ms)").arg(r.latencyMs);
        if (reply.failure == RemoteFailure::Auth) {
            r.auth = self->secret_.isEmpty() ? BackendCheck::Auth::Missing : BackendCheck::Auth::Refused;
            done(r);
            return;
        }
        r.auth = self->secret_.isEmpty() ? BackendCheck::Auth::NotNeeded : BackendCheck::Auth::Accepted;
        if (!reply.ok()) {
            r.reachability = reply.error;
            done(r);
            return;
        }
        const QJsonObject o = QJsonDocument::fromJson(reply.body).object();
        for (const QJsonValue& m : o.value(QStringLiteral("data")).toArray()) {
            const QString id = m.toObject().value(QStringLiteral("id")).toString();
            if (!id.isEmpty()) r.models << id;
        }
        r.version = QString::fromUtf8(reply.header("openai-version"));
        if (r.version.isEmpty()) r.version = QString::fromUtf8(reply.header("server"));
        r.currentModel = self->config_.model;
        done(r);
    });
}

} // namespace latent
