#include "app/remote/remote_http.h"

#include "app/downloads/download_safety.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace latent {

QString remoteFailureName(RemoteFailure f) {
    switch (f) {
    case RemoteFailure::None: return QStringLiteral("none");
    case RemoteFailure::Unreachable: return QStringLiteral("unreachable");
    case RemoteFailure::Tls: return QStringLiteral("tls");
    case RemoteFailure::Timeout: return QStringLiteral("timeout");
    case RemoteFailure::Dropped: return QStringLiteral("dropped");
    case RemoteFailure::Auth: return QStringLiteral("auth");
    case RemoteFailure::RateLimited: return QStringLiteral("rate_limited");
    case RemoteFailure::ServerError: return QStringLiteral("server_error");
    case RemoteFailure::ClientError: return QStringLiteral("client_error");
    case RemoteFailure::TooLarge: return QStringLiteral("too_large");
    case RemoteFailure::Redirect: return QStringLiteral("redirect");
    case RemoteFailure::Cancelled: return QStringLiteral("cancelled");
    }
    return {};
}

bool isTransient(RemoteFailure f) {
    return f == RemoteFailure::Unreachable || f == RemoteFailure::Timeout || f == RemoteFailure::RateLimited ||
           f == RemoteFailure::ServerError;
}

int RemoteReply::retryAfterMs() const {
    const QByteArray v = header("retry-after").trimmed();
    if (v.isEmpty()) return -1;
    bool ok = false;
    const double seconds = v.toDouble(&ok);
    if (ok) return seconds < 0 || !std::isfinite(seconds) ? -1 : int(std::min(seconds, 86400.0) * 1000.0);
    const QDateTime when = QDateTime::fromString(QString::fromLatin1(v), Qt::RFC2822Date);
    if (!when.isValid()) return -1;
    return int(std::clamp<qint64>(QDateTime::currentDateTimeUtc().msecsTo(when), 0, 86400000));
}

QString RemoteReply::serverMessage() const {
    if (body.isEmpty()) return {};
    const QJsonDocument doc = QJsonDocument::fromJson(body.left(1 << 20));
    QString text;
    if (doc.isObject()) {
        const QJsonObject o = doc.object();
        const QJsonValue detail = o.value(QStringLiteral("detail"));
        const QJsonValue error = o.value(QStringLiteral("error"));
        if (detail.isString())
            text = detail.toString();
        else if (detail.isArray() || detail.isObject())
            text = QString::fromUtf8(QJsonDocument(detail.isArray() ? QJsonDocument(detail.toArray())
                                                                    : QJsonDocument(detail.toObject()))
                                         .toJson(QJsonDocument::Compact));
        else if (error.isObject())
            text = error.toObject().value(QStringLiteral("message")).toString();
        else if (error.isString())
            text = error.toString();
        else if (o.value(QStringLiteral("message")).isString())
            text = o.value(QStringLiteral("message")).toString();
    }
    if (text.isEmpty() && !doc.isObject() && !doc.isArray()) {
        // Plain text or HTML from a proxy: the first line, without markup.
        text = QString::fromUtf8(body.left(400)).section(QLatin1Char('\n'), 0, 0).trimmed();
        if (text.startsWith(QLatin1Char('<'))) text.clear();
    }
    text = text.simplified();
    if (text.size() > 300) text = text.left(299) + QStringLiteral("…");
    return redactSecrets(text);
}

// ---------------------------------------------------------------------------------------------

RemoteHttp::RemoteHttp(QNetworkAccessManager* nam, const QUrl& authOrigin, const QByteArray& authorization,
                       QObject* parent)
    : QObject(parent), nam_(nam), authOrigin_(authOrigin), authorization_(authorization) {
    if (!authorization_.isEmpty()) {
        registerSecret(QString::fromUtf8(authorization_));
        const int space = authorization_.indexOf(' ');
        if (space > 0) registerSecret(QString::fromUtf8(authorization_.mid(space + 1)));
    }
}

QPointer<RemoteHttpCall> RemoteHttp::send(const RemoteCall& call, std::function<void(const RemoteReply&)> done) {
    auto* c = new RemoteHttpCall(this);
    c->nam_ = nam_;
    c->call_ = call;
    c->url_ = call.url;
    c->method_ = call.method;
    c->body_ = call.body;
    c->authOrigin_ = authOrigin_;
    c->authorization_ = authorization_;
    c->hops_ = {call.url};
    c->done_ = std::move(done);
    c->timer_ = new QTimer(c);
    c->timer_->setSingleShot(true);
    connect(c->timer_, &QTimer::timeout, c, [c] {
        c->finish(RemoteFailure::Timeout,
                  QCoreApplication::translate("Backends", "%1 did not answer within %2 s.")
                      .arg(c->url_.host())
                      .arg(c->call_.timeoutMs / 1000.0, 0, 'f', c->call_.timeoutMs % 1000 ? 1 : 0));
    });
    c->timer_->start(std::max(1, call.timeoutMs));
    // Asynchronous start: callers may connect and store the handle first.
    QMetaObject::invokeMethod(c, [c] { c->issue(); }, Qt::QueuedConnection);
    return c;
}

void RemoteHttp::abortAll() {
    for (RemoteHttpCall* c : findChildren<RemoteHttpCall*>(Qt::FindDirectChildrenOnly)) c->abort();
}

namespace {
// Drops a reply without touching it from inside its own signal handlers.
void discard(QNetworkReply* r, QObject* owner) {
    if (!r) return;
    r->disconnect(owner);
    QPointer<QNetworkReply> p(r);
    QMetaObject::invokeMethod(
        r,
        [p] {
            if (p) {
                if (p->isRunning()) p->abort();
                p->deleteLater();
            }
        },
        Qt::QueuedConnection);
}
} // namespace

void RemoteHttpCall::abort() {
    if (finished_) return;
    finished_ = true;
    done_ = nullptr;
    timer_->stop();
    discard(reply_, this);
    reply_ = nullptr;
    deleteLater();
}

void RemoteHttpCall::issue() {
    if (finished_) return;
    const QString scheme = url_.scheme().toLower();
    if (!url_.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        finish(RemoteFailure::ClientError,
               QCoreApplication::translate("Backends", "\"%1\" is not an http(s) address.").arg(url_.toString()));
        return;
    }
    QNetworkRequest req(url_);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    req.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    req.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    req.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    req.setRawHeader("User-Agent", "LatentStudio/" LATENT_VERSION);
    req.setRawHeader("Accept", "application/json, image/*;q=0.9, */*;q=0.5");
    for (const auto& h : call_.headers) req.setRawHeader(h.first, h.second);
    if (!body_.isEmpty() || method_ == "POST" || method_ == "PUT")
        req.setHeader(QNetworkRequest::ContentTypeHeader, call_.contentType);
    // Credentials only on the backend's own origin.
    if (!authorization_.isEmpty() && sameOrigin(url_, authOrigin_)) req.setRawHeader("Authorization", authorization_);
    QNetworkReply* r = nullptr;
    if (method_ == "GET")
        r = nam_->get(req);
    else if (method_ == "POST")
        r = nam_->post(req, body_);
    else
        r = nam_->sendCustomRequest(req, method_, body_);
    reply_ = r;
    result_.requestSent = false;
    // Once the request is out, a broken connection may mean the server took it (and may run it):
    // such a call is not sent again blindly.
    connect(r, &QNetworkReply::requestSent, this, [this, r] {
        if (r == reply_) result_.requestSent = true;
    });
    connect(r, &QNetworkReply::uploadProgress, this, [this, r](qint64 sent, qint64 total) {
        if (r == reply_ && total > 0 && sent >= total) result_.requestSent = true;
    });
    connect(r, &QNetworkReply::metaDataChanged, this, &RemoteHttpCall::onMetaData);
    connect(r, &QNetworkReply::readyRead, this, [this, r] {
        if (r != reply_ || finished_) return;
        // Metadata has arrived by now: the server answered, so the request went out.
        result_.requestSent = true;
        result_.body += r->readAll();
        if (result_.body.size() > call_.maxResponseBytes)
            finish(RemoteFailure::TooLarge,
                   QCoreApplication::translate("Backends", "The answer of %1 is larger than %2 MB; it was refused.")
                       .arg(url_.host())
                       .arg(call_.maxResponseBytes >> 20));
    });
    connect(r, &QNetworkReply::finished, this, &RemoteHttpCall::onFinished);
}

void RemoteHttpCall::onMetaData() {
    QNetworkReply* r = reply_;
    if (!r || finished_) return;
    const int code = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (code == 0) return;
    result_.requestSent = true;
    const bool redirect = code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
    if (!redirect) return;
    const QByteArray location = r->rawHeader("Location");
    discard(r, this);
    reply_ = nullptr;
    if (location.isEmpty()) {
        finish(RemoteFailure::Redirect,
               QCoreApplication::translate("Backends", "%1 answered %2 without a Location.").arg(url_.host()).arg(code));
        return;
    }
    const QUrl next = url_.resolved(QUrl::fromEncoded(location));
    QString refusal = redirectRefusal(url_, next);
    if (refusal.isEmpty() && hops_.contains(next))
        refusal = QCoreApplication::translate("Backends", "the server redirected in a loop");
    if (refusal.isEmpty() && hops_.size() > RemoteHttp::kMaxRedirects)
        refusal = QCoreApplication::translate("Backends", "more than %1 redirects").arg(RemoteHttp::kMaxRedirects);
    if (!refusal.isEmpty()) {
        finish(RemoteFailure::Redirect,
               QCoreApplication::translate("Backends", "A redirect from %1 was refused: %2.").arg(url_.host(), refusal));
        return;
    }
    // 301/302/303 turn a POST into a GET without a body (as browsers do); 307/308 keep both.
    if (code == 303 || ((code == 301 || code == 302) && method_ == "POST")) {
        method_ = "GET";
        body_.clear();
    }
    hops_ << next;
    url_ = next;
    result_.body.clear();
    issue();
}

void RemoteHttpCall::onFinished() {
    QNetworkReply* r = qobject_cast<QNetworkReply*>(sender());
    if (!r || r != reply_ || finished_) return;
    onMetaData(); // a reply without a separate metaDataChanged may be a redirect
    if (r != reply_ || finished_) return;
    result_.body += r->readAll();
    if (result_.body.size() > call_.maxResponseBytes) {
        finish(RemoteFailure::TooLarge,
               QCoreApplication::translate("Backends", "The answer of %1 is larger than %2 MB; it was refused.")
                   .arg(url_.host())
                   .arg(call_.maxResponseBytes >> 20));
        return;
    }
    result_.status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result_.finalUrl = url_;
    for (const auto& pair : r->rawHeaderPairs()) result_.headers.insert(pair.first.toLower(), pair.second);
    const QString host = url_.host();
    if (result_.status == 0) {
        const QNetworkReply::NetworkError e = r->error();
        const QString detail = redactSecrets(r->errorString());
        if (e == QNetworkReply::SslHandshakeFailedError) {
            finish(RemoteFailure::Tls,
                   QCoreApplication::translate("Backends", "The secure connection to %1 failed (TLS): %2").arg(host, detail));
            return;
        }
        if (result_.requestSent) {
            // The request went out and the connection broke (Qt may even have tried again and been
            // refused): the server may have taken the job.
            finish(RemoteFailure::Dropped,
                   QCoreApplication::translate("Backends", "%1 closed the connection before it answered.").arg(host));
            return;
        }
        switch (e) {
        case QNetworkReply::HostNotFoundError:
            finish(RemoteFailure::Unreachable,
                   QCoreApplication::translate("Backends", "The host name %1 was not found (DNS).").arg(host));
            return;
        case QNetworkReply::ConnectionRefusedError:
            finish(RemoteFailure::Unreachable,
                   QCoreApplication::translate("Backends", "%1 refused the connection (is the server running?).")
                       .arg(url_.authority()));
            return;
        case QNetworkReply::RemoteHostClosedError:
        case QNetworkReply::UnknownNetworkError:
        case QNetworkReply::ProtocolFailure:
            finish(RemoteFailure::Unreachable,
                   QCoreApplication::translate("Backends", "%1 closed the connection: %2").arg(host, detail));
            return;
        default:
            finish(RemoteFailure::Unreachable, QCoreApplication::translate("Backends", "Cannot reach %1: %2").arg(host, detail));
            return;
        }
    }
    const int s = result_.status;
    if (s >= 200 && s < 300) {
        finish(RemoteFailure::None, {});
        return;
    }
    const QString said = result_.serverMessage();
    const QString tail = said.isEmpty() ? QString() : QStringLiteral(": ") + said;
    if (s == 401 || s == 403)
        finish(RemoteFailure::Auth, QCoreApplication::translate("Backends", "%1 refused the credentials (HTTP %2)%3")
                                        .arg(host)
                                        .arg(s)
                                        .arg(tail));
    else if (s == 429)
        finish(RemoteFailure::RateLimited,
               QCoreApplication::translate("Backends", "%1 is rate-limiting requests (HTTP 429)%2").arg(host, tail));
    else if (s >= 500)
        finish(RemoteFailure::ServerError,
               QCoreApplication::translate("Backends", "%1 failed (HTTP %2)%3").arg(host).arg(s).arg(tail));
    else
        finish(RemoteFailure::ClientError,
               QCoreApplication::translate("Backends", "%1 refused the request (HTTP %2)%3").arg(host).arg(s).arg(tail));
}

void RemoteHttpCall::finish(RemoteFailure failure, const QString& error) {
    if (finished_) return;
    finished_ = true;
    timer_->stop();
    if (reply_ && reply_->isRunning()) discard(reply_, this);
    else if (reply_) reply_->deleteLater();
    reply_ = nullptr;
    result_.failure = failure;
    result_.error = redactSecrets(error);
    if (result_.finalUrl.isEmpty()) result_.finalUrl = url_;
    auto done = std::move(done_);
    done_ = nullptr;
    const RemoteReply reply = result_;
    deleteLater();
    if (done) done(reply);
}

// ---------------------------------------------------------------------------------------------

int RetryPolicy::delayMs(int attempt, int retryAfterMs) const {
    if (retryAfterMs >= 0) return std::min(retryAfterMs, maxRetryAfterMs);
    double d = double(baseDelayMs) * std::pow(2.0, std::clamp(attempt, 0, 30));
    d = std::min(d, double(maxDelayMs));
    const double spread = d * jitter;
    d += (QRandomGenerator::global()->generateDouble() * 2.0 - 1.0) * spread;
    return std::max(0, int(d));
}

} // namespace latent
