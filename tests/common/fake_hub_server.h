// A real HTTP/1.1 server on a loopback address for download tests: plays Hugging Face and
// Civitai (API JSON, redirects to a second host, files with Range/If-Range), records every
// request it receives (method, path, headers) and can misbehave on purpose: ignore Range,
// answer a wrong Content-Range, cut the connection after N bytes, send slowly, gzip.
// Header-only, no Q_OBJECT (lambdas only), one connection per request (Connection: close).
#pragma once

#include <QByteArray>
#include <QCryptographicHash>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QMutex>
#include <QPair>
#include <QPointer>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <memory>

namespace latent::test {

struct HttpRequest {
    QByteArray method;
    QByteArray target;                     // path + query as sent
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray path() const { return target.split('?').first(); }
    QByteArray header(const QByteArray& name) const { return headers.value(name.toLower()); }
};

struct HttpReply {
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    qint64 cutAfter = -1; // close the connection after this many body bytes
    int chunkDelayMs = 0; // slow: one chunk per delay
    int chunkSize = 64 * 1024;
    bool omitBodyForHead = true;
    void header(const QByteArray& n, const QByteArray& v) { headers << qMakePair(n, v); }
};

struct FileOptions {
    QByteArray etag;            // strong ETag ("" = none)
    QByteArray lastModified;    // "" = none
    bool ignoreRange = false;   // always 200 with the whole file
    qint64 wrongRangeShift = 0; // answer 206 whose Content-Range starts this much after the asked offset
    qint64 cutAtOffset = -1;    // absolute file offset where the connection is cut
    QByteArray contentType = "application/octet-stream";
    QByteArray contentDisposition;
};

// 200/206 for `data` according to the request's Range and If-Range.
inline HttpReply serveFile(const HttpRequest& req, const QByteArray& data, const FileOptions& o = {}) {
    HttpReply r;
    r.header("Content-Type", o.contentType);
    r.header("Accept-Ranges", o.ignoreRange ? "none" : "bytes");
    if (!o.etag.isEmpty()) r.header("ETag", o.etag);
    if (!o.lastModified.isEmpty()) r.header("Last-Modified", o.lastModified);
    if (!o.contentDisposition.isEmpty()) r.header("Content-Disposition", o.contentDisposition);
    qint64 start = 0;
    const QByteArray range = req.header("range");
    const QByteArray ifRange = req.header("if-range");
    static const QRegularExpression re(QStringLiteral(R"(^bytes=(\d+)-$)"));
    const auto m = re.match(QString::fromLatin1(range));
    const bool validatorOk =
        ifRange.isEmpty() || ifRange == o.etag || (!o.lastModified.isEmpty() && ifRange == o.lastModified);
    if (!o.ignoreRange && m.hasMatch() && validatorOk) {
        start = m.captured(1).toLongLong();
        if (start >= data.size()) {
            r.status = 416;
            r.header("Content-Range", "bytes */" + QByteArray::number(data.size()));
            return r;
        }
        start += o.wrongRangeShift;
        start = qMin<qint64>(start, data.size() - 1);
        r.status = 206;
        r.header("Content-Range", "bytes " + QByteArray::number(start) + "-" + QByteArray::number(data.size() - 1) +
                                      "/" + QByteArray::number(data.size()));
    }
    r.body = data.mid(start);
    if (o.cutAtOffset >= 0 && o.cutAtOffset >= start && o.cutAtOffset < data.size()) r.cutAfter = o.cutAtOffset - start;
    return r;
}

inline HttpReply jsonReply(int status, const QByteArray& json) {
    HttpReply r;
    r.status = status;
    r.header("Content-Type", "application/json");
    r.body = json;
    return r;
}

inline HttpReply redirectReply(const QByteArray& location, int status = 302) {
    HttpReply r;
    r.status = status;
    r.header("Location", location);
    r.header("Content-Type", "text/plain");
    r.body = "redirect";
    return r;
}

class FakeHubServer {
public:
    using Handler = std::function<HttpReply(const HttpRequest&)>;

    // Listens on `address` (e.g. 127.0.0.1 or 127.0.0.2), any free port.
    explicit FakeHubServer(const QHostAddress& address = QHostAddress::LocalHost) {
        server_ = std::make_unique<QTcpServer>();
        ok_ = server_->listen(address, 0);
        QObject::connect(server_.get(), &QTcpServer::newConnection, server_.get(), [this] {
            while (QTcpSocket* s = server_->nextPendingConnection()) accept(s);
        });
    }
    bool isListening() const { return ok_; }
    quint16 port() const { return server_->serverPort(); }
    QString host() const { return server_->serverAddress().toString(); }
    QString origin() const { return QStringLiteral("http://%1:%2").arg(host()).arg(port()); }
    QUrl url(const QString& path) const { return QUrl(origin() + path); }

    // Exact path match (without query) first, then prefix routes ending in '*'.
    void route(const QByteArray& path, Handler h) { routes_.insert(path, std::move(h)); }
    void clearRoutes() { routes_.clear(); }

    QList<HttpRequest> requests() const {
        QMutexLocker l(&mutex_);
        return requests_;
    }
    void clearRequests() {
        QMutexLocker l(&mutex_);
        requests_.clear();
    }
    int hits(const QByteArray& path) const {
        int n = 0;
        for (const HttpRequest& r : requests())
            if (r.path() == path) ++n;
        return n;
    }

private:
    void accept(QTcpSocket* s) {
        auto buf = std::make_shared<QByteArray>();
        QObject::connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
        QObject::connect(s, &QTcpSocket::readyRead, s, [this, s, buf] {
            buf->append(s->readAll());
            const int end = buf->indexOf("\r\n\r\n");
            if (end < 0) return;
            HttpRequest req;
            const QList<QByteArray> lines = buf->left(end).split('\n');
            buf->clear();
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            req.method = first.value(0);
            req.target = first.value(1);
            for (int i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines[i].trimmed();
                const int c = line.indexOf(':');
                if (c > 0) req.headers.insert(line.left(c).trimmed().toLower(), line.mid(c + 1).trimmed());
            }
            {
                QMutexLocker l(&mutex_);
                requests_ << req;
            }
            respond(s, req, dispatch(req));
        });
    }

    HttpReply dispatch(const HttpRequest& req) {
        const QByteArray path = QByteArray::fromPercentEncoding(req.path());
        auto it = routes_.find(path);
        if (it != routes_.end()) return (*it)(req);
        for (auto r = routes_.begin(); r != routes_.end(); ++r)
            if (r.key().endsWith('*') && path.startsWith(r.key().chopped(1))) return (*r)(req);
        return jsonReply(404, R"({"error":"not found"})");
    }

    static QByteArray reason(int status) {
        switch (status) {
        case 200:
            return "OK";
        case 206:
            return "Partial Content";
        case 301:
            return "Moved Permanently";
        case 302:
            return "Found";
        case 303:
            return "See Other";
        case 307:
            return "Temporary Redirect";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 416:
            return "Range Not Satisfiable";
        default:
            return "Status";
        }
    }

    void respond(QTcpSocket* s, const HttpRequest& req, HttpReply r) {
        QByteArray head = "HTTP/1.1 " + QByteArray::number(r.status) + " " + reason(r.status) + "\r\n";
        for (const auto& h : r.headers) head += h.first + ": " + h.second + "\r\n";
        head += "Content-Length: " + QByteArray::number(r.body.size()) + "\r\nConnection: close\r\n\r\n";
        s->write(head);
        const bool head_only = req.method == "HEAD" && r.omitBodyForHead;
        QByteArray body = head_only ? QByteArray() : r.body;
        if (r.cutAfter >= 0 && r.cutAfter < body.size()) body = body.left(r.cutAfter);
        const bool cut = !head_only && r.cutAfter >= 0 && r.cutAfter < r.body.size();
        if (r.chunkDelayMs <= 0) {
            s->write(body);
            finish(s, cut);
            return;
        }
        // Slow: one chunk per tick.
        auto pos = std::make_shared<qint64>(0);
        auto* timer = new QTimer(s);
        QPointer<QTcpSocket> sp(s);
        QObject::connect(timer, &QTimer::timeout, s, [this, sp, timer, pos, body, r, cut] {
            if (!sp) return;
            const QByteArray chunk = body.mid(*pos, r.chunkSize);
            *pos += chunk.size();
            if (!chunk.isEmpty()) sp->write(chunk);
            if (*pos >= body.size()) {
                timer->stop();
                finish(sp, cut);
            }
        });
        timer->start(r.chunkDelayMs);
    }

    static void finish(QTcpSocket* s, bool abortive) {
        if (abortive) {
            // Let the bytes go out, then drop the connection mid-body.
            s->flush();
            if (s->state() == QAbstractSocket::ConnectedState) s->waitForBytesWritten(2000);
            s->abort();
            return;
        }
        s->disconnectFromHost();
    }

    std::unique_ptr<QTcpServer> server_;
    bool ok_ = false;
    QHash<QByteArray, Handler> routes_;
    mutable QMutex mutex_;
    QList<HttpRequest> requests_;
};

// Bytes that sniff as a .safetensors file: 8-byte header length, a JSON header, seeded noise.
inline QByteArray fakeSafetensors(qint64 size, quint32 seed) {
    QByteArray header = R"({"__metadata__":{"format":"pt"}})";
    while ((header.size() % 8) != 0) header += ' ';
    QByteArray out(8, '\0');
    quint64 n = quint64(header.size());
    for (int i = 0; i < 8; ++i) out[i] = char((n >> (8 * i)) & 0xff);
    out += header;
    QRandomGenerator rng(seed);
    QByteArray noise(qMax<qint64>(0, size - out.size()), Qt::Uninitialized);
    for (qsizetype i = 0; i < noise.size(); i += 4) {
        const quint32 v = rng.generate();
        for (int k = 0; k < 4 && i + k < noise.size(); ++k) noise[i + k] = char((v >> (8 * k)) & 0xff);
    }
    return out + noise;
}

inline QString sha256Hex(const QByteArray& data) {
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

} // namespace latent::test
