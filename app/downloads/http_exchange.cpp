#include "app/downloads/http_exchange.h"

#include "app/downloads/download_safety.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcessEnvironment>

namespace latent {

SiteConfig SiteConfig::fromEnvironment() {
    SiteConfig c;
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const auto endpoint = [&](const char* name, QUrl& into) {
        const QString v = env.value(QString::fromLatin1(name)).trimmed();
        if (v.isEmpty()) return;
        QUrl u(v);
        if (u.isValid() && (u.scheme() == QLatin1String("http") || u.scheme() == QLatin1String("https"))) {
            u.setPath(QString());
            into = u;
        }
    };
    endpoint("LATENT_HF_ENDPOINT", c.hfEndpoint);
    endpoint("LATENT_CIVITAI_ENDPOINT", c.civitaiEndpoint);
    c.hfToken = env.value(QStringLiteral("HF_TOKEN")).trimmed();
    if (c.hfToken.isEmpty()) c.hfToken = env.value(QStringLiteral("HUGGING_FACE_HUB_TOKEN")).trimmed();
    c.civitaiToken = env.value(QStringLiteral("CIVITAI_TOKEN")).trimmed();
    registerSecret(c.hfToken);
    registerSecret(c.civitaiToken);
    return c;
}

QString SiteConfig::tokenFor(const QUrl& url) const {
    if (!hfToken.isEmpty() && sameOrigin(url, hfEndpoint)) return hfToken;
    if (!civitaiToken.isEmpty() && sameOrigin(url, civitaiEndpoint)) return civitaiToken;
    return {};
}

HttpExchange::HttpExchange(QNetworkAccessManager* nam, const SiteConfig& sites, QObject* parent)
    : QObject(parent), nam_(nam), sites_(sites) {
    registerSecret(sites_.hfToken);
    registerSecret(sites_.civitaiToken);
}

// Aborting a reply from inside one of its own signals upsets QNetworkReplyImpl: abort it from
// the event loop instead (it is disconnected right away, so nothing more reaches us).
void HttpExchange::discardReply(QNetworkReply* r) {
    r->disconnect(this);
    QPointer<QNetworkReply> p(r);
    QMetaObject::invokeMethod(
        r,
        [p] {
            if (p) {
                if (p->isRunning() && p->error() == QNetworkReply::NoError) p->abort();
                p->deleteLater();
            }
        },
        Qt::QueuedConnection);
}

HttpExchange::~HttpExchange() {
    if (reply_) {
        reply_->disconnect(this);
        if (reply_->isRunning() && reply_->error() == QNetworkReply::NoError) reply_->abort();
        delete reply_.data();
    }
}

int HttpExchange::status() const {
    return reply_ ? reply_->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() : 0;
}

void HttpExchange::start(const QByteArray& method, const QUrl& url, const QList<QPair<QByteArray, QByteArray>>& headers,
                         bool followRedirects) {
    method_ = method;
    url_ = url;
    headers_ = headers;
    follow_ = followRedirects;
    hops_ = {url};
    error_.clear();
    redirectRefused_ = false;
    started_ = done_ = false;
    body_.clear();
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        fail(QCoreApplication::translate("Downloads", "\"%1\" is not an http(s) address").arg(url.toString()));
        return;
    }
    issue();
}

void HttpExchange::issue() {
    QNetworkRequest req(url_);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    // Never send or keep cookies (a signed-storage host must not get the site's session).
    req.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    req.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    req.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    req.setRawHeader("User-Agent", "LatentStudio/" LATENT_VERSION);
    // Bytes as stored: hashes and Range offsets refer to the identity encoding.
    req.setRawHeader("Accept-Encoding", "identity");
    for (const auto& h : headers_) req.setRawHeader(h.first, h.second);
    const QString token = sites_.tokenFor(url_);
    if (!token.isEmpty()) req.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    QNetworkReply* r = method_ == "HEAD"  ? nam_->head(req)
                       : method_ == "GET" ? nam_->get(req)
                                          : nam_->sendCustomRequest(req, method_);
    reply_ = r;
    // Back-pressure for streamed bodies: Qt buffers at most this much ahead of the reader, so
    // a multi-GB download never sits in memory when the disk or the hash is slower than the wire.
    if (!buffering_) r->setReadBufferSize(kStreamReadBuffer);
    connect(r, &QNetworkReply::metaDataChanged, this, &HttpExchange::onMetaData);
    connect(r, &QNetworkReply::readyRead, this, [this, r] {
        if (r != reply_ || !started_) return;
        if (buffering_)
            body_ += r->readAll();
        else
            Q_EMIT dataAvailable();
    });
    connect(r, &QNetworkReply::finished, this, &HttpExchange::onFinished);
}

void HttpExchange::onMetaData() {
    QNetworkReply* r = reply_;
    if (!r || started_) return;
    const int code = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (code == 0) return;
    const bool redirect = code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
    if (!redirect || !follow_) {
        started_ = true;
        Q_EMIT responseStarted();
        return;
    }
    const QByteArray location = r->rawHeader("Location");
    discardReply(r);
    reply_ = nullptr;
    if (location.isEmpty()) {
        fail(QCoreApplication::translate("Downloads", "the server answered %1 without a Location").arg(code));
        return;
    }
    const QUrl next = url_.resolved(QUrl::fromEncoded(location));
    const QString refusal = redirectRefusal(url_, next);
    if (!refusal.isEmpty()) {
        redirectRefused_ = true;
        fail(refusal);
        return;
    }
    if (hops_.contains(next)) {
        redirectRefused_ = true;
        fail(QCoreApplication::translate("Downloads", "the server redirected in a loop"));
        return;
    }
    if (hops_.size() > kMaxRedirects) {
        redirectRefused_ = true;
        fail(QCoreApplication::translate("Downloads", "more than %1 redirects were refused").arg(kMaxRedirects));
        return;
    }
    if (code == 303 && method_ != "HEAD") method_ = "GET";
    hops_ << next;
    url_ = next;
    issue();
}

void HttpExchange::onFinished() {
    QNetworkReply* r = qobject_cast<QNetworkReply*>(sender());
    if (!r || r != reply_ || done_) return;
    if (!started_) {
        onMetaData();                     // a reply without a separate metaDataChanged
        if (reply_ != r || done_) return; // redirected (or failed) meanwhile
    }
    if (buffering_) body_ += r->readAll();
    if (r->error() != QNetworkReply::NoError && r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 0) {
        error_ = redactSecrets(r->errorString());
        if (error_.isEmpty()) error_ = QCoreApplication::translate("Downloads", "network error");
    } else if (r->error() != QNetworkReply::NoError && r->error() != QNetworkReply::OperationCanceledError &&
               r->error() < QNetworkReply::ContentAccessDenied) {
        // A transport error after the headers (cut connection).
        error_ = redactSecrets(r->errorString());
    }
    done_ = true;
    Q_EMIT finished();
}

void HttpExchange::abort() {
    if (done_) return;
    if (reply_) discardReply(reply_);
    reply_ = nullptr;
    if (error_.isEmpty()) error_ = QCoreApplication::translate("Downloads", "cancelled");
    done_ = true;
    Q_EMIT finished();
}

void HttpExchange::fail(const QString& message) {
    error_ = redactSecrets(message);
    done_ = true;
    // Asynchronous so callers can connect after start().
    QMetaObject::invokeMethod(
        this, [this] { Q_EMIT finished(); }, Qt::QueuedConnection);
}

} // namespace latent
