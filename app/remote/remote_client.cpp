#include "app/remote/remote_client.h"

#include "app/downloads/download_safety.h"
#include "app/remote/a1111_client.h"
#include "app/remote/backend_secrets.h"
#include "app/remote/openai_client.h"
#include "app/remote/runpod_client.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QTimer>

#include <memory>

namespace latent {

QJsonObject BackendCheck::toJson() const {
    auto authName = [](Auth a) {
        switch (a) {
        case Auth::NotNeeded: return QStringLiteral("not_needed");
        case Auth::Accepted: return QStringLiteral("accepted");
        case Auth::Refused: return QStringLiteral("refused");
        case Auth::Missing: return QStringLiteral("missing");
        }
        return QString();
    };
    return QJsonObject{{QStringLiteral("reachable"), reachable},
                       {QStringLiteral("reachability"), reachability},
                       {QStringLiteral("auth"), authName(auth)},
                       {QStringLiteral("version"), version},
                       {QStringLiteral("models"), QJsonArray::fromStringList(models)},
                       {QStringLiteral("current_model"), currentModel},
                       {QStringLiteral("samplers"), QJsonArray::fromStringList(samplers)},
                       {QStringLiteral("detail"), detail},
                       {QStringLiteral("latency_ms"), latencyMs}};
}

std::unique_ptr<RemoteClient> RemoteClient::create(const BackendConfig& config, const QString& secret,
                                                   QNetworkAccessManager* nam, QObject* parent) {
    qRegisterMetaType<RemoteJobOutput>("latent::RemoteJobOutput");
    switch (config.kind) {
    case BackendKind::A1111: return std::make_unique<A1111Client>(config, secret, nam, parent);
    case BackendKind::RunPod: return std::make_unique<RunPodClient>(config, secret, nam, parent);
    case BackendKind::OpenAI: return std::make_unique<OpenAiClient>(config, secret, nam, parent);
    }
    return nullptr;
}

RemoteClient::RemoteClient(const BackendConfig& config, const QString& secret, QNetworkAccessManager* nam,
                           QObject* parent)
    : QObject(parent), config_(config), secret_(secret), nam_(nam) {
    http_ = new RemoteHttp(nam, config.url, authorizationFor(config, secret), this);
}

RemoteClient::~RemoteClient() { stop(); }

QUrl RemoteClient::endpoint(const QString& path) const {
    QUrl u = config_.url;
    QString base = u.path();
    while (base.endsWith(QLatin1Char('/'))) base.chop(1);
    QString tail = path;
    if (base.endsWith(QLatin1String("/v1")) && tail.startsWith(QLatin1String("/v1/"))) tail = tail.mid(3);
    const int q = tail.indexOf(QLatin1Char('?'));
    if (q >= 0) {
        u.setQuery(tail.mid(q + 1));
        tail = tail.left(q);
    }
    u.setPath(base + tail);
    return u;
}

void RemoteClient::leave() { stop(); }

void RemoteClient::begin() {
    stop();
    active_ = true;
    ++epoch_;
    elapsed_.start();
}

void RemoteClient::stop() {
    active_ = false;
    ++epoch_;
    if (http_) http_->abortAll();
}

void RemoteClient::after(int ms, std::function<void()> fn) {
    const quint64 job = epoch_;
    QTimer::singleShot(std::max(0, ms), this, [this, job, fn] {
        if (job == epoch_ && active_) fn();
    });
}

void RemoteClient::emitSucceeded(const RemoteJobOutput& output) {
    if (!active_) return;
    stop();
    Q_EMIT succeeded(output);
}

void RemoteClient::emitFailed(const QString& message) {
    if (!active_) return;
    stop();
    Q_EMIT failed(redactSecrets(message));
}

void RemoteClient::emitCancelled() {
    stop();
    Q_EMIT cancelled();
}

QString RemoteClient::elapsedText(qint64 ms) {
    const qint64 s = std::max<qint64>(0, ms / 1000);
    if (s < 3600) return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2:%3")
        .arg(s / 3600)
        .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
        .arg(s % 60, 2, 10, QLatin1Char('0'));
}

QString RemoteClient::credentialsMessage(const RemoteReply& reply) const {
    const QString what = config_.kind == BackendKind::A1111
                             ? QCoreApplication::translate("Backends", "user name and password")
                             : QCoreApplication::translate("Backends", "API key");
    if (secret_.isEmpty())
        return QCoreApplication::translate("Backends",
                                           "Backend \"%1\" needs credentials (HTTP %2): set its %3 in Settings ▸ "
                                           "Backends or in the environment variable it names.")
            .arg(config_.name)
            .arg(reply.status)
            .arg(what);
    return QCoreApplication::translate("Backends",
                                       "Backend \"%1\" refused the credentials (HTTP %2): check its %3. The job was "
                                       "not retried.")
        .arg(config_.name)
        .arg(reply.status)
        .arg(what);
}

void RemoteClient::sendOnce(const RemoteCall& call, std::function<void(const RemoteReply&)> done) {
    http_->send(call, std::move(done));
}

void RemoteClient::send(const RemoteCall& call, bool idempotent, const QString& label,
                        std::function<void(const RemoteReply&)> done) {
    // Attempt state shared by the retries of this call.
    struct State {
        int attempt = 0;
        QElapsedTimer offlineSince;
    };
    auto state = std::make_shared<State>();
    auto attemptFn = std::make_shared<std::function<void()>>();
    const quint64 job = epoch_;
    *attemptFn = [this, call, idempotent, label, done, state, attemptFn, job] {
        if (job != epoch_ || !active_) return;
        http_->send(call, [this, call, idempotent, label, done, state, attemptFn, job](const RemoteReply& reply) {
            // The retry closure refers to itself: release it once this call is settled.
            if (job != epoch_ || !active_) {
                *attemptFn = nullptr;
                return;
            }
            RemoteFailure f = reply.failure;
            // A GET that lost its connection is simply tried again.
            if (idempotent && f == RemoteFailure::Dropped) f = RemoteFailure::Unreachable;
            const bool sentAndUnsure = !idempotent && (f == RemoteFailure::Dropped ||
                                                       (f == RemoteFailure::Timeout && reply.requestSent));
            if (f == RemoteFailure::None || sentAndUnsure || !isTransient(f)) {
                *attemptFn = nullptr;
                done(reply);
                return;
            }
            int delay = 0;
            if (f == RemoteFailure::Unreachable) {
                // The backend is away: wait for it (the studio: as long as it takes).
                if (!state->offlineSince.isValid()) state->offlineSince.start();
                if (retry.offlineWaitMs > 0 && state->offlineSince.elapsed() >= retry.offlineWaitMs) {
                    *attemptFn = nullptr;
                    done(reply);
                    return;
                }
                delay = retry.delayMs(std::min(state->attempt, 5));
                ++state->attempt;
                Q_EMIT unreachable(reply.error);
                Q_EMIT status(QCoreApplication::translate("Backends", "%1 is offline (%2); trying again in %3 s")
                                  .arg(config_.name, reply.error)
                                  .arg((delay + 999) / 1000));
            } else {
                if (state->attempt >= retry.maxRetries) {
                    RemoteReply last = reply;
                    last.error = QCoreApplication::translate("Backends", "%1 (gave up after %n retries)", nullptr,
                                                             retry.maxRetries)
                                     .arg(reply.error);
                    *attemptFn = nullptr;
                    done(last);
                    return;
                }
                delay = retry.delayMs(state->attempt, reply.retryAfterMs());
                ++state->attempt;
                Q_EMIT status(QCoreApplication::translate("Backends", "%1: %2; retry %3 of %4 in %5 s")
                                  .arg(label, reply.error)
                                  .arg(state->attempt)
                                  .arg(retry.maxRetries)
                                  .arg((delay + 999) / 1000));
            }
            after(delay, [attemptFn] { (*attemptFn)(); });
        });
    };
    (*attemptFn)();
}

void RemoteClient::parseJson(const QByteArray& body, std::function<void(const QJsonDocument&, const QString&)> done) {
    struct Parsed {
        QJsonDocument doc;
        QString error;
    };
    offThread<Parsed>(
        [body] {
            Parsed p;
            QJsonParseError e;
            p.doc = QJsonDocument::fromJson(body, &e);
            if (e.error != QJsonParseError::NoError)
                p.error = QCoreApplication::translate("Backends", "The server's answer is not valid JSON (%1 at byte %2).")
                              .arg(e.errorString())
                              .arg(e.offset);
            return p;
        },
        [done](Parsed p) { done(p.doc, p.error); });
}

void RemoteClient::fetchUrls(RemoteJobOutput output, QList<QPair<int, QUrl>> urls,
                             std::function<void(RemoteJobOutput, QString)> done) {
    if (urls.isEmpty()) {
        done(output, {});
        return;
    }
    const QPair<int, QUrl> next = urls.takeFirst();
    RemoteCall call;
    call.url = next.second;
    call.timeoutMs = 120000;
    call.maxResponseBytes = 64LL << 20;
    // Credentials go only to the backend's origin (RemoteHttp); a storage host gets none.
    send(call, true, QCoreApplication::translate("Backends", "Downloading the image"),
         [this, output, urls, next, done](const RemoteReply& reply) mutable {
             if (!reply.ok()) {
                 done(output,
                      QCoreApplication::translate("Backends", "The image at %1 could not be downloaded: %2")
                          .arg(redactSecrets(next.second.toString(QUrl::RemoveQuery)), reply.error));
                 return;
             }
             output.images[next.first].data = reply.body;
             output.images[next.first].base64 = false;
             fetchUrls(output, urls, done);
         });
}

} // namespace latent
