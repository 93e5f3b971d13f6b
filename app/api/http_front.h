// The front layer of the API server: owns the listening socket (plain TCP or TLS) and every client
// connection, and hands each complete, checked request to QtHttpServer for routing.
//
// Why a front layer: Debian 12's QtHttpServer 6.4 (a technology preview) reads whole requests into
// memory with no size limit, has no timeouts of any kind, and gives a route no way to learn that
// its client went away. So this class does the HTTP/1.1 framing itself, with bounds:
//   - request head ≤ 32 KiB and ≤ 100 fields (431), request line checks (400/414/501/505);
//   - the body limit (413) is enforced from Content-Length before a byte of the body is read,
//     and while chunked bodies are decoded; reads are bounded (backpressure, no unbounded buffers);
//   - a head must arrive within headerTimeoutMs of its first byte (slowloris), a body must keep
//     moving (bodyIdleTimeoutMs) and finish by a size-based deadline, an idle keep-alive
//     connection closes after keepAliveTimeoutMs; TLS handshakes time out too;
//   - at most maxConnections connections (maxConnectionsPerPeer per client address); beyond, 503;
//   - a gate (auth, Host/Origin checks, CORS) runs on the head, before the body is read;
//   - one request at a time per connection (pipelined requests wait their turn);
//   - when a client disconnects while its request is being served, clientGone(connectionId) is
//     emitted, so a waiting generation can be cancelled.
// A checked request is rewritten with a Content-Length (plus the gate's forwarded headers, e.g.
// X-Latent-Connection) and written into a private socket pair whose other end QtHttpServer reads
// (InnerEndpoint: no port of it is reachable from outside); its answer is relayed to the client.
#pragma once

#include "app/api/http_parsing.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QTcpServer>

#include <functional>

class QAbstractHttpServer;

namespace latent {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

struct HttpFrontOptions {
    qint64 maxBodyBytes = 64ll * 1024 * 1024;
    HttpHeadLimits head;
    int headerTimeoutMs = 10000;
    int bodyIdleTimeoutMs = 30000;
    int keepAliveTimeoutMs = 30000;
    int tlsHandshakeTimeoutMs = 10000;
    int maxConnections = 64;
    int maxConnectionsPerPeer = 32;
};

// What the gate decides about a request head (before its body is read).
struct HttpGateResult {
    bool allow = true;
    // When !allow: the answer (the connection closes after it unless keepOpen).
    int status = 403;
    QByteArray contentType = "application/json";
    QByteArray body;
    HttpHeaders headers;
    bool keepOpen = true;
    // When allow: header fields added to the forwarded request and to its response.
    HttpHeaders forwardHeaders;
    HttpHeaders responseHeaders;
};

// The QTcpServer handed to QAbstractHttpServer::bind(): it listens on 127.0.0.1 only because
// bind() requires a listening server, closes every connection made to that port at once, and
// gets its real connections through adopt() (one end of a socket pair).
class InnerEndpoint : public QTcpServer {
    Q_OBJECT
public:
    explicit InnerEndpoint(QObject* parent = nullptr);
    bool start();
    // Wraps `fd` (a connected socket) and hands it to the HTTP server bound to this endpoint.
    bool adopt(qintptr fd);

protected:
    void incomingConnection(qintptr fd) override;
};

class HttpFront : public QObject {
    Q_OBJECT
public:
    using Gate = std::function<HttpGateResult(const HttpRequestHead& head, const QHostAddress& peer,
                                              quint64 connectionId)>;
    // Builds the body of an error the front answers itself (status, message, request path).
    using ErrorBody = std::function<QByteArray(int status, const QString& message, const QByteArray& path)>;

    explicit HttpFront(HttpFrontOptions options = {}, QObject* parent = nullptr);
    ~HttpFront() override;

    void setGate(Gate gate) { gate_ = std::move(gate); }
    void setErrorBody(ErrorBody body) { errorBody_ = std::move(body); }
    // TLS: call before listen(). Returns false with *error set when the files are unusable.
    bool setTls(const QString& certFile, const QString& keyFile, QString* error);
    bool tlsEnabled() const { return tls_; }
    // Binds `server` (routing) to this front. Call before listen().
    bool setInner(QAbstractHttpServer* server, QString* error);

    bool listen(const QHostAddress& address, quint16 port, QString* error);
    quint16 port() const;
    QHostAddress address() const;
    bool isListening() const;
    // Stops listening and drops every connection (without clientGone for requests in flight).
    void close();
    // Stops accepting connections; the open ones are still served.
    void stopListening();

    int connectionCount() const { return int(connections_.size()); }
    const HttpFrontOptions& options() const { return options_; }
    void setOptions(const HttpFrontOptions& options) { options_ = options; }

Q_SIGNALS:
    // The client of connection `connectionId` went away (or the connection was dropped) while a
    // request of it was being served.
    void clientGone(quint64 connectionId);

private:
    friend class FrontConnection;
    void acceptPending();
    void connectionClosed(quint64 id, const QHostAddress& peer);
    QByteArray errorBody(int status, const QString& message, const QByteArray& path) const;

    HttpFrontOptions options_;
    Gate gate_;
    ErrorBody errorBody_;
    QTcpServer* listener_ = nullptr;
    InnerEndpoint* inner_ = nullptr;
    bool tls_ = false;
    QByteArray tlsCert_, tlsKey_;
    QHash<quint64, QObject*> connections_;
    QHash<QHostAddress, int> perPeer_;
    quint64 nextId_ = 1;
};

} // namespace latent
