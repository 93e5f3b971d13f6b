// A small real HTTP/1.1 server on a loopback address for the remote-backend tests: the stand-ins
// for an A1111 server, a RunPod endpoint and an OpenAI-style images API are written inside the
// tests on top of it. It reads request bodies (Content-Length), records every request (method,
// path, headers, body), lets a handler answer later (a long generation) or drop the connection
// mid-request, and can be stopped and started again on the same port (a server restart).
// Header-only, lambdas only, one request per connection (Connection: close).
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <functional>
#include <memory>

namespace latent::test {

struct StandInRequest {
    QByteArray method;
    QByteArray target;                     // path + query
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
    qint64 atMs = 0;                       // when it arrived (ms since the epoch)
    QByteArray path() const { return target.split('?').first(); }
    QByteArray header(const QByteArray& name) const { return headers.value(name.toLower()); }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

struct StandInReply {
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    void header(const QByteArray& n, const QByteArray& v) { headers << qMakePair(n, v); }
    static StandInReply json(int status, const QJsonObject& o) {
        StandInReply r;
        r.status = status;
        r.header("Content-Type", "application/json");
        r.body = QJsonDocument(o).toJson(QJsonDocument::Compact);
        return r;
    }
    static StandInReply raw(int status, const QByteArray& body, const QByteArray& type = "application/json") {
        StandInReply r;
        r.status = status;
        r.header("Content-Type", type);
        r.body = body;
        return r;
    }
};

// One request waiting for its answer.
class StandInExchange {
public:
    explicit StandInExchange(QTcpSocket* s) : socket_(s) {}
    bool open() const { return socket_ && socket_->state() == QAbstractSocket::ConnectedState && !done_; }
    void reply(const StandInReply& r) {
        if (done_ || !socket_) return;
        done_ = true;
        QByteArray head = "HTTP/1.1 " + QByteArray::number(r.status) + " " + reason(r.status) + "\r\n";
        for (const auto& h : r.headers) head += h.first + ": " + h.second + "\r\n";
        head += "Content-Length: " + QByteArray::number(r.body.size()) + "\r\nConnection: close\r\n\r\n";
        socket_->write(head + r.body);
        socket_->disconnectFromHost();
    }
    // Closes the connection without an answer (a crash or restart of the server).
    void drop() {
        if (done_ || !socket_) return;
        done_ = true;
        socket_->abort();
    }

private:
    static QByteArray reason(int s) {
        switch (s) {
        case 200: return "OK";
        case 302: return "Found";
        case 401: return "Unauthorized";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 422: return "Unprocessable Entity";
        case 429: return "Too Many Requests";
        case 500: return "Internal Server Error";
        case 502: return "Bad Gateway";
        case 503: return "Service Unavailable";
        default: return "Status";
        }
    }
    QPointer<QTcpSocket> socket_;
    bool done_ = false;
};

class HttpStandIn {
public:
    // A handler answers with ex->reply(...) now or later, or ex->drop().
    using Handler = std::function<void(const StandInRequest&, std::shared_ptr<StandInExchange>)>;

    explicit HttpStandIn(const QHostAddress& address = QHostAddress::LocalHost, quint16 port = 0) : address_(address) {
        listen(port);
    }
    ~HttpStandIn() { stop(); }

    bool listen(quint16 port = 0) {
        server_ = std::make_unique<QTcpServer>();
        ok_ = server_->listen(address_, port ? port : port_);
        if (ok_) port_ = server_->serverPort();
        QObject::connect(server_.get(), &QTcpServer::newConnection, server_.get(), [this] {
            while (QTcpSocket* s = server_->nextPendingConnection()) accept(s);
        });
        return ok_;
    }
    // Stops listening and drops every open connection (the server is down).
    void stop() {
        for (const QPointer<QTcpSocket>& s : std::as_const(sockets_))
            if (s) s->abort();
        sockets_.clear();
        if (server_) server_->close();
        server_.reset();
        ok_ = false;
    }
    // Comes back on the same port.
    bool restart() {
        stop();
        return listen(port_);
    }

    bool isListening() const { return ok_; }
    quint16 port() const { return port_; }
    QString origin() const { return QStringLiteral("http://%1:%2").arg(address_.toString()).arg(port_); }
    QUrl url(const QString& path = {}) const { return QUrl(origin() + path); }

    // Exact path first, then prefix routes ending in '*'. Unknown paths get 404.
    void route(const QByteArray& path, Handler h) { routes_.insert(path, std::move(h)); }
    // A handler that answers at once.
    void answer(const QByteArray& path, std::function<StandInReply(const StandInRequest&)> f) {
        routes_.insert(path, [f](const StandInRequest& r, std::shared_ptr<StandInExchange> ex) { ex->reply(f(r)); });
    }

    QList<StandInRequest> requests() const { return requests_; }
    QList<StandInRequest> requests(const QByteArray& path) const {
        QList<StandInRequest> out;
        for (const StandInRequest& r : requests_)
            if (r.path() == path || (path.endsWith('*') && r.path().startsWith(path.chopped(1)))) out << r;
        return out;
    }
    int hits(const QByteArray& path) const { return int(requests(path).size()); }
    void clearRequests() { requests_.clear(); }

private:
    void accept(QTcpSocket* s) {
        s->setParent(nullptr); // not the server's child: a handler may stop the server
        sockets_ << s;
        auto buf = std::make_shared<QByteArray>();
        auto handled = std::make_shared<bool>(false);
        QObject::connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
        QObject::connect(s, &QTcpSocket::readyRead, s, [this, s, buf, handled] {
            buf->append(s->readAll());
            if (*handled) return;
            const int end = buf->indexOf("\r\n\r\n");
            if (end < 0) return;
            StandInRequest req;
            const QList<QByteArray> lines = buf->left(end).split('\n');
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            req.method = first.value(0);
            req.target = first.value(1);
            for (int i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines[i].trimmed();
                const int c = line.indexOf(':');
                if (c > 0) req.headers.insert(line.left(c).trimmed().toLower(), line.mid(c + 1).trimmed());
            }
            const qint64 length = req.header("content-length").toLongLong();
            if (buf->size() - (end + 4) < length) return; // body not complete yet
            req.body = buf->mid(end + 4, length);
            req.atMs = QDateTime::currentMSecsSinceEpoch();
            *handled = true;
            requests_ << req;
            auto ex = std::make_shared<StandInExchange>(s);
            dispatch(req, ex);
        });
    }

    void dispatch(const StandInRequest& req, std::shared_ptr<StandInExchange> ex) {
        const QByteArray path = QByteArray::fromPercentEncoding(req.path());
        auto it = routes_.find(path);
        if (it != routes_.end()) {
            (*it)(req, ex);
            return;
        }
        for (auto r = routes_.begin(); r != routes_.end(); ++r)
            if (r.key().endsWith('*') && path.startsWith(r.key().chopped(1))) {
                (*r)(req, ex);
                return;
            }
        ex->reply(StandInReply::json(404, QJsonObject{{QStringLiteral("detail"), QStringLiteral("Not Found")}}));
    }

    QHostAddress address_;
    quint16 port_ = 0;
    std::unique_ptr<QTcpServer> server_;
    bool ok_ = false;
    QHash<QByteArray, Handler> routes_;
    QList<StandInRequest> requests_;
    QList<QPointer<QTcpSocket>> sockets_;
};

} // namespace latent::test
