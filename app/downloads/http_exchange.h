// One HTTP request with redirects followed by hand (QNetworkRequest::ManualRedirectPolicy):
// the bearer token is attached only while the URL is on the token's own origin and dropped as
// soon as a redirect leaves it; https→http, other schemes, loops and more than 10 hops are
// refused; no cookies are sent or stored; `Accept-Encoding: identity`. Every error string is
// redacted (no token, no `token=` query value).
#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;

namespace latent {

// Where the sites live (overridable for mirrors and tests) and their tokens.
struct SiteConfig {
    QUrl hfEndpoint{QStringLiteral("https://huggingface.co")};
    QUrl civitaiEndpoint{QStringLiteral("https://civitai.com")};
    QString hfToken;
    QString civitaiToken;

    // LATENT_HF_ENDPOINT / LATENT_CIVITAI_ENDPOINT and HF_TOKEN / CIVITAI_TOKEN.
    static SiteConfig fromEnvironment();
    // The token bound to `url`'s origin ("" when none): a token is only ever sent to its site.
    QString tokenFor(const QUrl& url) const;
};

class HttpExchange : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaxRedirects = 10;
    static constexpr qint64 kStreamReadBuffer = 4 << 20;

    HttpExchange(QNetworkAccessManager* nam, const SiteConfig& sites, QObject* parent = nullptr);
    ~HttpExchange() override;

    // `method` "GET" or "HEAD". `followRedirects` false: the first answer (even a 3xx) is final.
    void start(const QByteArray& method, const QUrl& url, const QList<QPair<QByteArray, QByteArray>>& headers = {},
               bool followRedirects = true);
    void abort();

    // The final (non-redirect) reply once responseStarted() fired; owned by this object.
    QNetworkReply* reply() const { return reply_; }
    int status() const;
    QUrl finalUrl() const { return url_; }
    QList<QUrl> hops() const { return hops_; }
    // "" while fine; a redacted sentence after a failure.
    QString errorString() const { return error_; }
    bool failed() const { return !error_.isEmpty(); }
    bool redirectRefused() const { return redirectRefused_; }

    // Convenience for small API bodies: whole body after finished().
    QByteArray body() const { return body_; }
    void setBuffering(bool on) { buffering_ = on; }

Q_SIGNALS:
    void responseStarted(); // final status + headers available
    void dataAvailable();   // final reply has bytes (not emitted when buffering)
    void finished();        // done, failed or aborted (check errorString())

private:
    void issue();
    void onMetaData();
    void onFinished();
    void fail(const QString& message);
    void discardReply(QNetworkReply* r);

    QNetworkAccessManager* nam_;
    SiteConfig sites_;
    QByteArray method_;
    QUrl url_;
    QList<QPair<QByteArray, QByteArray>> headers_;
    bool follow_ = true;
    QList<QUrl> hops_;
    QPointer<QNetworkReply> reply_;
    QString error_;
    bool redirectRefused_ = false;
    bool started_ = false;
    bool done_ = false;
    bool buffering_ = false;
    QByteArray body_;
};

} // namespace latent
