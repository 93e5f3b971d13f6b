// HTTP for remote backends (QtNetwork, asynchronous: never blocks the thread it runs on). One
// call = one request with redirects followed by hand under the downloader's rules (see
// app/downloads/http_exchange.h): the credentials go only to the backend's own origin (scheme,
// host and port) and are dropped as soon as a URL or redirect leaves it; https→http and other
// schemes are refused; no cookies; responses are capped in size; every error is redacted.
// Failures are classified so callers can tell "wait and retry" from "stop".
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace latent {

enum class RemoteFailure {
    None,
    Unreachable, // refused, DNS failure, no route, connect timeout: before the request was sent
    Tls,         // TLS handshake / certificate failure
    Timeout,     // no answer within the call's time limit
    Dropped,     // the connection broke after the request was sent (server restarted?)
    Auth,        // 401 / 403
    RateLimited, // 429
    ServerError, // 5xx
    ClientError, // other 4xx (the request was refused as it is)
    TooLarge,    // response over the size limit
    Redirect,    // a redirect that must not be followed
    Cancelled,
};

// Stable name for logs and tests ("unreachable", "auth", ...).
QString remoteFailureName(RemoteFailure failure);
// Worth retrying the same request later: unreachable, timeout, 429, 5xx.
bool isTransient(RemoteFailure failure);

struct RemoteCall {
    QByteArray method = "GET";
    QUrl url;
    QByteArray body;
    QByteArray contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> headers;
    int timeoutMs = 30000;                  // the whole call, from start to the last byte
    qint64 maxResponseBytes = 256LL << 20;  // larger answers fail with TooLarge
};

struct RemoteReply {
    int status = 0;
    QHash<QByteArray, QByteArray> headers;  // lower-case names
    QByteArray body;
    QUrl finalUrl;
    RemoteFailure failure = RemoteFailure::None;
    QString error;                          // redacted sentence (translated) when failed
    bool requestSent = false;               // every byte of the request went out

    bool ok() const { return failure == RemoteFailure::None; }
    QByteArray header(const QByteArray& name) const { return headers.value(name.toLower()); }
    // Retry-After in milliseconds (delta-seconds or an HTTP date), -1 when absent or unusable.
    int retryAfterMs() const;
    // The server's own words for an error body: A1111/FastAPI "detail", OpenAI "error.message",
    // RunPod "error", else the first 200 characters of text. "" when none.
    QString serverMessage() const;
};

// One call in flight; abort() ends it without calling back.
class RemoteHttpCall : public QObject {
    Q_OBJECT
public:
    void abort();

private:
    friend class RemoteHttp;
    RemoteHttpCall(QObject* parent) : QObject(parent) {}
    void issue();
    void onMetaData();
    void onFinished();
    void finish(RemoteFailure failure, const QString& error);

    QNetworkAccessManager* nam_ = nullptr;
    RemoteCall call_;
    QUrl url_;
    QByteArray method_;
    QByteArray body_;
    QUrl authOrigin_;
    QByteArray authorization_;
    QList<QUrl> hops_;
    QPointer<QNetworkReply> reply_;
    QTimer* timer_ = nullptr;
    RemoteReply result_;
    std::function<void(const RemoteReply&)> done_;
    bool finished_ = false;
};

class RemoteHttp : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaxRedirects = 10;

    // `authorization` (an Authorization header value, may be empty) is sent only to URLs on
    // `authOrigin`'s origin.
    RemoteHttp(QNetworkAccessManager* nam, const QUrl& authOrigin, const QByteArray& authorization,
               QObject* parent = nullptr);

    // Starts `call`; `done` runs once, later, on this object's thread (never from inside send).
    // The returned call is owned by this object (deleted after `done`).
    QPointer<RemoteHttpCall> send(const RemoteCall& call, std::function<void(const RemoteReply&)> done);
    void abortAll();

    QUrl authOrigin() const { return authOrigin_; }

private:
    QNetworkAccessManager* nam_;
    QUrl authOrigin_;
    QByteArray authorization_;
};

// Exponential back-off with jitter for transient failures, honouring Retry-After.
struct RetryPolicy {
    int maxRetries = 5;        // 429 / 5xx / timeouts: retries before the job fails
    int baseDelayMs = 1000;    // first delay; doubles per retry
    int maxDelayMs = 30000;
    double jitter = 0.25;      // ± this fraction
    int maxRetryAfterMs = 10 * 60 * 1000;
    // Unreachable backend (refused, DNS): how long a job keeps waiting for it to come back before
    // it fails (0 = as long as it takes: the studio; the CLI gives up).
    int offlineWaitMs = 0;

    // Delay before retry number `attempt` (0-based); `retryAfterMs` >= 0 from the server wins
    // (capped at maxRetryAfterMs).
    int delayMs(int attempt, int retryAfterMs = -1) const;
};

} // namespace latent
