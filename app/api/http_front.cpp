#include "app/api/http_front.h"

#include <QAbstractHttpServer>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpSocket>
#include <QSignalBlocker>
#include <QTimer>

#include <sys/socket.h>
#include <unistd.h>

namespace latent {

namespace {


QByteArray reasonPhrase(int status) {
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 417: return "Expectation Failed";
    case 421: return "Misdirected Request";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Status";
    }
}

// Request header fields not forwarded to the router (hop-by-hop, framing, our own).
bool isDroppedRequestHeader(const QByteArray& name) {
    return name == "connection" || name == "keep-alive" || name == "transfer-encoding" || name == "content-length" ||
           name == "expect" || name == "te" || name == "upgrade" || name == "proxy-connection" ||
           name.startsWith("x-latent-");
}

// Response header fields the front writes itself.
bool isDroppedResponseHeader(const QByteArray& lowerName) {
    return lowerName == "connection" || lowerName == "keep-alive" || lowerName == "content-length" ||
           lowerName == "transfer-encoding";
}

} // namespace

// ---------------------------------------------------------------------------------------------

InnerEndpoint::InnerEndpoint(QObject* parent) : QTcpServer(parent) {}

bool InnerEndpoint::start() { return listen(QHostAddress::LocalHost, 0); }

void InnerEndpoint::incomingConnection(qintptr fd) {
    ::close(int(fd)); // nobody may talk to the router directly
}

bool InnerEndpoint::adopt(qintptr fd) {
    auto* socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(fd)) {
        delete socket;
        ::close(int(fd));
        return false;
    }
    addPendingConnection(socket);
    Q_EMIT newConnection();
    return true;
}

// ---------------------------------------------------------------------------------------------

class FrontConnection : public QObject {
public:
    FrontConnection(HttpFront* front, QTcpSocket* socket, quint64 id);
    ~FrontConnection() override;
    void start();
    void shutdown() { closeNow(); }

private:
    enum class State { Head, Body, Inner, Closed };

    void onClientData();
    void processBuffer();
    void onTimeout();
    void onInnerData();
    void beginRequest();
    bool startBody();
    void forward();
    void respond(int status, const QString& message, bool close, const HttpHeaders& extra = {});
    void respondRaw(int status, const QByteArray& contentType, const QByteArray& body, const HttpHeaders& headers,
                    bool close);
    void finishResponse(bool close);
    void closeNow();
    void clientGone();
    bool ensureInner();

    HttpFront* front_;
    QPointer<QTcpSocket> socket_;
    quint64 id_;
    QHostAddress peer_;
    State state_ = State::Head;
    QByteArray buffer_;           // unread client bytes
    HttpRequestHead head_;
    QByteArray body_;
    std::unique_ptr<ChunkedDecoder> chunked_;
    HttpGateResult gate_;
    QTimer timer_;
    QDeadlineTimer bodyDeadline_;
    bool requestStarted_ = false; // a byte of the current request arrived
    bool headMethodWasHead_ = false;
    QElapsedTimer requestTimer_;
    // Router side.
    QPointer<QTcpSocket> inner_;
    QByteArray innerBuffer_;
    bool closing_ = false;
    bool reported_ = false;
    qint64 drained_ = 0;
};

FrontConnection::FrontConnection(HttpFront* front, QTcpSocket* socket, quint64 id)
    : QObject(front), front_(front), socket_(socket), id_(id), peer_(socket->peerAddress()) {
    socket->setParent(this);
    // Bounded reads: Qt stops reading from the kernel when this much is buffered (TCP
    // backpressure), so a client cannot make us buffer more than the body limit allows.
    socket->setReadBufferSize(256 * 1024);
    timer_.setSingleShot(true);
    connect(&timer_, &QTimer::timeout, this, &FrontConnection::onTimeout);
    connect(socket, &QTcpSocket::readyRead, this, &FrontConnection::onClientData);
    connect(socket, &QTcpSocket::disconnected, this, &FrontConnection::clientGone);
    connect(socket, &QAbstractSocket::errorOccurred, this, [this](QAbstractSocket::SocketError e) {
        if (e == QAbstractSocket::RemoteHostClosedError || !socket_ || socket_->state() != QAbstractSocket::ConnectedState)
            clientGone();
    });
}

FrontConnection::~FrontConnection() {
    if (inner_) inner_->abort();
}

void FrontConnection::start() {
    beginRequest();
    if (socket_ && socket_->bytesAvailable() > 0) onClientData();
}

void FrontConnection::beginRequest() {
    state_ = State::Head;
    head_ = HttpRequestHead();
    body_.clear();
    chunked_.reset();
    gate_ = HttpGateResult();
    requestStarted_ = false;
    headMethodWasHead_ = false;
    innerBuffer_.clear();
    timer_.start(front_->options().keepAliveTimeoutMs);
}

void FrontConnection::onClientData() {
    if (!socket_) return;
    if (state_ == State::Closed) {
        // After an error answer: read and drop what the client still sends (at most 128 MiB), so
        // the connection is not reset before the client has read the answer.
        drained_ += socket_->skip(socket_->bytesAvailable());
        if (drained_ > 128ll * 1024 * 1024) closeNow();
        return;
    }
    // While the router works on a request, further (pipelined) bytes stay unread.
    while (socket_ && (state_ == State::Head || state_ == State::Body)) {
        const qint64 limit = state_ == State::Head ? front_->options().head.maxHeadBytes + 1 : 256 * 1024;
        const qint64 room = limit - buffer_.size();
        const qsizetype before = buffer_.size();
        const State stateBefore = state_;
        if (room > 0 && socket_->bytesAvailable() > 0) buffer_.append(socket_->read(room));
        processBuffer();
        // Bytes Qt has buffered do not raise readyRead again: keep going while there is progress.
        const bool progressed = state_ != stateBefore || buffer_.size() != before;
        if (!socket_ || socket_->bytesAvailable() == 0 || !progressed) break;
    }
}

void FrontConnection::processBuffer() {
    if (state_ == State::Head) {
        if (buffer_.isEmpty()) return;
        if (!requestStarted_) {
            // Drop empty lines between requests; the header deadline starts at the first byte.
            while (buffer_.startsWith("\r\n")) buffer_.remove(0, 2);
            while (buffer_.startsWith('\n')) buffer_.remove(0, 1);
            if (buffer_.isEmpty()) return;
            requestStarted_ = true;
            timer_.start(front_->options().headerTimeoutMs);
        }
        bool tooLong = false;
        const qsizetype end = findHeadEnd(buffer_, front_->options().head, &tooLong);
        if (end == 0) {
            if (tooLong) respond(431, QCoreApplication::translate("HttpFront", "The request headers are too large."), true);
            return;
        }
        const HttpParseError err = parseRequestHead(QByteArrayView(buffer_).first(end), front_->options().head, &head_);
        buffer_.remove(0, end);
        if (!err.ok()) {
            respond(err.status, err.message, true);
            return;
        }
        requestTimer_.start();
        if (head_.method == "HEAD") {
            headMethodWasHead_ = true;
            head_.method = "GET";
        }
        if (!head_.chunked && head_.contentLength > front_->options().maxBodyBytes) {
            // Refused from the header alone: the body is never read.
            respond(413, QCoreApplication::translate("HttpFront", "The request body is larger than the server accepts (%1 MiB).")
                             .arg(front_->options().maxBodyBytes / (1024 * 1024)),
                    true);
            return;
        }
        gate_ = front_->gate_ ? front_->gate_(head_, peer_, id_) : HttpGateResult();
        if (!gate_.allow) {
            // The body (if any) is not read; keep the connection only when there is none.
            const bool hasBody = head_.chunked || head_.contentLength > 0;
            respondRaw(gate_.status, gate_.contentType, gate_.body, gate_.headers, !gate_.keepOpen || hasBody);
            return;
        }
        if (!startBody()) return;
    }
    if (state_ == State::Body) {
        if (chunked_) {
            const qsizetype used = chunked_->feed(buffer_);
            buffer_.remove(0, used);
            if (!chunked_->error().ok()) {
                respond(chunked_->error().status, chunked_->error().message, true);
                return;
            }
            if (!chunked_->done()) {
                if (used > 0) timer_.start(front_->options().bodyIdleTimeoutMs);
                if (bodyDeadline_.hasExpired()) respond(408, QCoreApplication::translate("HttpFront", "The request body arrived too slowly."), true);
                return;
            }
            body_ = chunked_->takeBody();
            chunked_.reset();
        } else {
            const qint64 need = head_.contentLength - body_.size();
            const qint64 take = std::min<qint64>(need, buffer_.size());
            if (take > 0) {
                body_.append(buffer_.constData(), take);
                buffer_.remove(0, take);
                timer_.start(front_->options().bodyIdleTimeoutMs);
            }
            if (body_.size() < head_.contentLength) {
                if (bodyDeadline_.hasExpired()) respond(408, QCoreApplication::translate("HttpFront", "The request body arrived too slowly."), true);
                return;
            }
        }
        forward();
    }
}

bool FrontConnection::startBody() {
    state_ = State::Body;
    const bool hasBody = head_.chunked || head_.contentLength > 0;
    if (hasBody) {
        if (head_.chunked) chunked_ = std::make_unique<ChunkedDecoder>(front_->options().maxBodyBytes);
        else body_.reserve(head_.contentLength);
        // A body must keep moving and finish by a deadline that grows with its size
        // (30 s plus 64 KiB/s).
        const qint64 expected = head_.chunked ? front_->options().maxBodyBytes / 4 : head_.contentLength;
        bodyDeadline_ = QDeadlineTimer(30000 + expected / 64);
        timer_.start(front_->options().bodyIdleTimeoutMs);
        if (head_.expectContinue && socket_) socket_->write("HTTP/1.1 100 Continue\r\n\r\n");
    }
    return true;
}

bool FrontConnection::ensureInner() {
    if (inner_ && inner_->state() == QAbstractSocket::ConnectedState) return true;
    int sv[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) return false;
    auto* ours = new QTcpSocket(this);
    if (!ours->setSocketDescriptor(sv[0])) {
        delete ours;
        ::close(sv[0]);
        ::close(sv[1]);
        return false;
    }
    if (!front_->inner_ || !front_->inner_->adopt(sv[1])) {
        delete ours;
        return false;
    }
    inner_ = ours;
    connect(ours, &QTcpSocket::readyRead, this, &FrontConnection::onInnerData);
    connect(ours, &QTcpSocket::disconnected, this, [this] {
        if (state_ == State::Inner) respond(502, QCoreApplication::translate("HttpFront", "The request could not be answered."), true);
    });
    return true;
}

void FrontConnection::forward() {
    timer_.stop();
    if (!ensureInner()) {
        respond(500, QCoreApplication::translate("HttpFront", "The server could not route the request."), true);
        return;
    }
    state_ = State::Inner;
    QByteArray out;
    out.reserve(body_.size() + 1024);
    out += head_.method + ' ' + head_.target + " HTTP/1.1\r\n";
    for (const auto& [name, value] : head_.headers) {
        if (isDroppedRequestHeader(name)) continue;
        out += name + ": " + value + "\r\n";
    }
    for (const auto& [name, value] : gate_.forwardHeaders) out += name + ": " + value + "\r\n";
    out += "X-Latent-Connection: " + QByteArray::number(id_) + "\r\n";
    out += "Content-Length: " + QByteArray::number(body_.size()) + "\r\n\r\n";
    out += body_;
    body_.clear();
    inner_->write(out);
}

void FrontConnection::onInnerData() {
    if (!inner_) return;
    innerBuffer_.append(inner_->readAll());
    if (state_ != State::Inner) {
        innerBuffer_.clear(); // an answer nobody waits for any more
        return;
    }
    HttpHeadLimits limits;
    limits.maxHeadBytes = 256 * 1024;
    bool tooLong = false;
    const qsizetype end = findHeadEnd(innerBuffer_, limits, &tooLong);
    if (end == 0) {
        if (tooLong) respond(502, QCoreApplication::translate("HttpFront", "The request could not be answered."), true);
        return;
    }
    // Status line and headers of the router's answer.
    const QList<QByteArray> lines = innerBuffer_.first(end).trimmed().split('\n');
    if (lines.isEmpty()) return respond(502, QCoreApplication::translate("HttpFront", "The request could not be answered."), true);
    const QList<QByteArray> statusParts = lines.first().trimmed().split(' ');
    bool ok = false;
    const int status = statusParts.value(1).toInt(&ok);
    if (!ok) return respond(502, QCoreApplication::translate("HttpFront", "The request could not be answered."), true);
    HttpHeaders headers;
    qint64 length = -1;
    int realStatus = status;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray l = lines[i].trimmed();
        const qsizetype colon = l.indexOf(':');
        if (colon <= 0) continue;
        const QByteArray name = l.first(colon).trimmed();
        const QByteArray value = l.sliced(colon + 1).trimmed();
        const QByteArray lower = name.toLower();
        if (lower == "content-length") length = value.toLongLong();
        if (lower == "x-latent-status") {
            // The handler's status (the router writes 200 and carries the real one here, since
            // QtHttpServer 6.4 only knows a fixed list of status codes).
            bool statusOk = false;
            const int s = value.toInt(&statusOk);
            if (statusOk && s >= 100 && s <= 599) realStatus = s;
            continue;
        }
        if (isDroppedResponseHeader(lower)) continue;
        headers.emplaceBack(name, value);
    }
    if (length < 0) return respond(502, QCoreApplication::translate("HttpFront", "The request could not be answered."), true);
    if (innerBuffer_.size() - end < length) return; // more body to come
    const QByteArray body = innerBuffer_.mid(end, length);
    innerBuffer_.remove(0, end + length);
    for (const auto& h : gate_.responseHeaders) headers.append(h);
    respondRaw(realStatus, {}, body, headers, !head_.keepAlive);
}

void FrontConnection::respond(int status, const QString& message, bool close, const HttpHeaders& extra) {
    respondRaw(status, "application/json", front_->errorBody(status, message, head_.path), extra, close);
}

void FrontConnection::respondRaw(int status, const QByteArray& contentType, const QByteArray& body,
                                 const HttpHeaders& headers, bool close) {
    if (!socket_ || state_ == State::Closed) return;
    timer_.stop();
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    bool haveType = false;
    for (const auto& [name, value] : headers) {
        if (name.compare("content-type", Qt::CaseInsensitive) == 0) haveType = true;
        out += name + ": " + value + "\r\n";
    }
    if (!haveType && !contentType.isEmpty()) out += "Content-Type: " + contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    if (requestTimer_.isValid())
        out += "X-Process-Time: " + QByteArray::number(requestTimer_.nsecsElapsed() / 1e9, 'f', 4) + "\r\n";
    out += "X-Content-Type-Options: nosniff\r\n";
    out += close ? "Connection: close\r\n" : "Connection: keep-alive\r\n";
    out += "\r\n";
    if (!headMethodWasHead_) out += body;
    socket_->write(out);
    finishResponse(close);
}

void FrontConnection::finishResponse(bool close) {
    if (close) {
        closing_ = true;
        state_ = State::Closed;
        if (inner_) inner_->abort();
        if (socket_) {
            // Lingering close: once the answer is out, close our sending side only and keep
            // reading (and dropping) what the client still sends, so the client reads the answer
            // instead of a connection reset; the connection goes when the client closes, or
            // after 5 s.
            if (qobject_cast<QSslSocket*>(socket_.data())) {
                // TLS: the encrypted bytes sit in an inner socket we cannot see; let Qt flush
                // them and send close_notify.
                socket_->disconnectFromHost();
            } else {
                auto halfClose = [this] {
                    if (socket_ && socket_->bytesToWrite() == 0 && socket_->socketDescriptor() >= 0)
                        ::shutdown(int(socket_->socketDescriptor()), SHUT_WR);
                };
                if (socket_->bytesToWrite() == 0) halfClose();
                else connect(socket_.data(), &QIODevice::bytesWritten, this, halfClose);
            }
            QTimer::singleShot(5000, this, [this] { closeNow(); });
        }
        return;
    }
    requestTimer_.invalidate();
    beginRequest();
    // A pipelined request may already be buffered.
    if (!buffer_.isEmpty() || (socket_ && socket_->bytesAvailable() > 0))
        QMetaObject::invokeMethod(this, &FrontConnection::onClientData, Qt::QueuedConnection);
}

void FrontConnection::onTimeout() {
    if (state_ == State::Head) {
        if (requestStarted_) respond(408, QCoreApplication::translate("HttpFront", "The request headers did not arrive in time."), true);
        else closeNow(); // idle keep-alive connection
    } else if (state_ == State::Body) {
        respond(408, QCoreApplication::translate("HttpFront", "The request body did not arrive in time."), true);
    }
}

void FrontConnection::clientGone() {
    if (reported_) return;
    reported_ = true;
    const bool serving = state_ == State::Inner;
    state_ = State::Closed;
    if (serving) Q_EMIT front_->clientGone(id_);
    closeNow();
}

void FrontConnection::closeNow() {
    if (state_ != State::Closed) {
        const bool serving = state_ == State::Inner;
        state_ = State::Closed;
        if (serving && !reported_) {
            reported_ = true;
            Q_EMIT front_->clientGone(id_);
        }
    }
    timer_.stop();
    if (inner_) {
        inner_->disconnect(this);
        inner_->abort();
    }
    if (socket_) {
        socket_->disconnect(this);
        socket_->abort();
    }
    front_->connectionClosed(id_, peer_);
    deleteLater();
}

// ---------------------------------------------------------------------------------------------

HttpFront::HttpFront(HttpFrontOptions options, QObject* parent) : QObject(parent), options_(options) {}

HttpFront::~HttpFront() { close(); }

bool HttpFront::setTls(const QString& certFile, const QString& keyFile, QString* error) {
    QFile cert(certFile), key(keyFile);
    if (!cert.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("HttpFront", "Cannot read the TLS certificate %1: %2").arg(certFile, cert.errorString());
        return false;
    }
    if (!key.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("HttpFront", "Cannot read the TLS key %1: %2").arg(keyFile, key.errorString());
        return false;
    }
    tlsCert_ = cert.read(1024 * 1024);
    tlsKey_ = key.read(1024 * 1024);
    const QList<QSslCertificate> certs = QSslCertificate::fromData(tlsCert_, QSsl::Pem);
    if (certs.isEmpty()) {
        *error = QCoreApplication::translate("HttpFront", "%1 holds no PEM certificate.").arg(certFile);
        return false;
    }
    QSslKey k(tlsKey_, QSsl::Rsa, QSsl::Pem);
    if (k.isNull()) k = QSslKey(tlsKey_, QSsl::Ec, QSsl::Pem);
    if (k.isNull()) {
        *error = QCoreApplication::translate("HttpFront", "%1 holds no PEM private key (RSA or EC, unencrypted).").arg(keyFile);
        return false;
    }
    if (!QSslSocket::supportsSsl()) {
        *error = QCoreApplication::translate("HttpFront", "TLS is not available (no TLS backend).");
        return false;
    }
    tls_ = true;
    return true;
}

bool HttpFront::setInner(QAbstractHttpServer* server, QString* error) {
    inner_ = new InnerEndpoint(server);
    if (!inner_->start()) {
        *error = QCoreApplication::translate("HttpFront", "Cannot start the request router: %1").arg(inner_->errorString());
        return false;
    }
    server->bind(inner_);
    return true;
}

bool HttpFront::listen(const QHostAddress& address, quint16 port, QString* error) {
    close();
    if (tls_) {
        auto* ssl = new QSslServer(this);
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        conf.setLocalCertificateChain(QSslCertificate::fromData(tlsCert_, QSsl::Pem));
        QSslKey k(tlsKey_, QSsl::Rsa, QSsl::Pem);
        if (k.isNull()) k = QSslKey(tlsKey_, QSsl::Ec, QSsl::Pem);
        conf.setPrivateKey(k);
        conf.setPeerVerifyMode(QSslSocket::VerifyNone);
        ssl->setSslConfiguration(conf);
        ssl->setHandshakeTimeout(options_.tlsHandshakeTimeoutMs);
        listener_ = ssl;
    } else {
        listener_ = new QTcpServer(this);
    }
    listener_->setMaxPendingConnections(options_.maxConnections);
    // QSslServer queues a connection after its handshake (pendingConnectionAvailable); a plain
    // QTcpServer 6.4 signals newConnection. acceptPending takes whatever is pending.
    connect(listener_, &QTcpServer::pendingConnectionAvailable, this, &HttpFront::acceptPending);
    connect(listener_, &QTcpServer::newConnection, this, &HttpFront::acceptPending);
    if (!listener_->listen(address, port)) {
        *error = QCoreApplication::translate("HttpFront", "Cannot listen on %1 port %2: %3").arg(address.toString()).arg(port).arg(listener_->errorString());
        delete listener_;
        listener_ = nullptr;
        return false;
    }
    return true;
}

quint16 HttpFront::port() const { return listener_ ? listener_->serverPort() : 0; }
QHostAddress HttpFront::address() const { return listener_ ? listener_->serverAddress() : QHostAddress(); }
bool HttpFront::isListening() const { return listener_ && listener_->isListening(); }

void HttpFront::stopListening() {
    if (listener_) {
        listener_->close();
        listener_->deleteLater();
        listener_ = nullptr;
    }
}

void HttpFront::close() {
    stopListening();
    // Dropped by the server, not gone by the client's choice: no clientGone.
    const QSignalBlocker quiet(this);
    const QList<QObject*> all = connections_.values();
    for (QObject* c : all) static_cast<FrontConnection*>(c)->shutdown();
    connections_.clear();
    perPeer_.clear();
}

void HttpFront::acceptPending() {
    while (listener_ && listener_->hasPendingConnections()) {
        QTcpSocket* socket = listener_->nextPendingConnection();
        if (!socket) break;
        const QHostAddress peer = socket->peerAddress();
        if (connections_.size() >= options_.maxConnections || perPeer_.value(peer) >= options_.maxConnectionsPerPeer) {
            const QByteArray body = errorBody(503, QCoreApplication::translate("HttpFront", "Too many connections; try again later."), "/");
            socket->write("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 1\r\n"
                          "Connection: close\r\nContent-Length: " +
                          QByteArray::number(body.size()) + "\r\n\r\n" + body);
            socket->disconnectFromHost();
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            QTimer::singleShot(2000, socket, &QObject::deleteLater);
            continue;
        }
        const quint64 id = nextId_++;
        auto* c = new FrontConnection(this, socket, id);
        connections_.insert(id, c);
        perPeer_[peer] += 1;
        c->start();
    }
}

void HttpFront::connectionClosed(quint64 id, const QHostAddress& peer) {
    if (connections_.remove(id)) {
        auto it = perPeer_.find(peer);
        if (it != perPeer_.end() && --it.value() <= 0) perPeer_.erase(it);
    }
}

QByteArray HttpFront::errorBody(int status, const QString& message, const QByteArray& path) const {
    if (errorBody_) return errorBody_(status, message, path);
    return "{\"detail\":\"" + message.toUtf8().replace('"', "'") + "\"}";
}

} // namespace latent
