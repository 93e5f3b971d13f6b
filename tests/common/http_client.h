// A small blocking HTTP client for the API tests: real sockets to a real server on 127.0.0.1.
// request() speaks well-formed HTTP/1.1 (one connection per call, Connection: close) and waits
// for the whole answer while spinning the event loop (the server may live in the same thread);
// Raw gives byte-level control for malformed, slow and half-sent requests.
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QHostAddress>
#include <QTcpSocket>
#include <QTest>

namespace latent::test {

struct HttpResult {
    int status = 0; // 0 = no answer (connection failed or timed out)
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
    QJsonValue json() const {
        const QJsonDocument d = QJsonDocument::fromJson(body);
        if (d.isObject()) return d.object();
        if (d.isArray()) return d.array();
        return QJsonValue();
    }
    QJsonObject object() const { return json().toObject(); }
};

// Parses one complete response out of `bytes` (Content-Length framing). False if incomplete.
inline bool parseResponse(const QByteArray& bytes, HttpResult* out, qsizetype* consumed = nullptr) {
    const qsizetype end = bytes.indexOf("\r\n\r\n");
    if (end < 0) return false;
    const QList<QByteArray> lines = bytes.left(end).split('\n');
    HttpResult r;
    r.status = lines.value(0).split(' ').value(1).toInt();
    qint64 length = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray l = lines[i].trimmed();
        const qsizetype colon = l.indexOf(':');
        if (colon <= 0) continue;
        r.headers.insert(l.left(colon).trimmed().toLower(), l.mid(colon + 1).trimmed());
    }
    length = r.headers.value("content-length").toLongLong();
    if (bytes.size() - end - 4 < length) return false;
    r.body = bytes.mid(end + 4, length);
    if (consumed) *consumed = end + 4 + length;
    *out = r;
    return true;
}

inline HttpResult request(quint16 port, const QByteArray& method, const QByteArray& target, const QByteArray& body = {},
                          const QList<QPair<QByteArray, QByteArray>>& headers = {}, int timeoutMs = 120000) {
    QTcpSocket s;
    s.connectToHost(QStringLiteral("127.0.0.1"), port);
    QElapsedTimer t;
    t.start();
    while (s.state() != QAbstractSocket::ConnectedState && t.elapsed() < 5000) QTest::qWait(2);
    if (s.state() != QAbstractSocket::ConnectedState) return {};
    QByteArray req = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\n";
    bool haveType = false;
    for (const auto& [k, v] : headers) {
        if (k.toLower() == "content-type") haveType = true;
        req += k + ": " + v + "\r\n";
    }
    if (!body.isEmpty() && !haveType) req += "Content-Type: application/json\r\n";
    req += "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    s.write(req);
    QByteArray in;
    HttpResult r;
    while (t.elapsed() < timeoutMs) {
        QTest::qWait(1);
        in += s.readAll();
        if (parseResponse(in, &r)) return r;
        if (s.state() == QAbstractSocket::UnconnectedState) {
            in += s.readAll();
            parseResponse(in, &r);
            return r;
        }
    }
    return r;
}

inline HttpResult getJson(quint16 port, const QByteArray& target, const QList<QPair<QByteArray, QByteArray>>& headers = {}) {
    return request(port, "GET", target, {}, headers);
}

inline HttpResult postJson(quint16 port, const QByteArray& target, const QJsonObject& body,
                           const QList<QPair<QByteArray, QByteArray>>& headers = {}, int timeoutMs = 120000) {
    return request(port, "POST", target, QJsonDocument(body).toJson(QJsonDocument::Compact), headers, timeoutMs);
}

inline QByteArray basicAuth(const QByteArray& user, const QByteArray& pass) { return "Basic " + (user + ':' + pass).toBase64(); }

// A raw connection: send bytes when you like, read what came back.
struct Raw {
    QTcpSocket socket;
    QByteArray in;
    // `from`: a local address to connect from (127.0.0.2, ... are loopback too on Linux).
    explicit Raw(quint16 port, const QString& from = {}) {
        if (!from.isEmpty()) socket.bind(QHostAddress(from));
        socket.connectToHost(QStringLiteral("127.0.0.1"), port);
        QElapsedTimer t;
        t.start();
        // Until connected, or refused (a server over its connection cap answers and closes at once).
        while ((socket.state() == QAbstractSocket::HostLookupState || socket.state() == QAbstractSocket::ConnectingState) &&
               t.elapsed() < 5000)
            QTest::qWait(2);
    }
    bool connected() const { return socket.state() == QAbstractSocket::ConnectedState; }
    void send(const QByteArray& bytes) {
        socket.write(bytes);
        socket.flush();
    }
    // Waits up to `ms` for a complete response.
    HttpResult response(int ms = 10000) {
        QElapsedTimer t;
        t.start();
        HttpResult r;
        qsizetype used = 0;
        while (t.elapsed() < ms) {
            in += socket.readAll();
            if (parseResponse(in, &r, &used)) {
                in.remove(0, used);
                return r;
            }
            if (socket.state() == QAbstractSocket::UnconnectedState) break;
            QTest::qWait(2);
        }
        return r;
    }
    // Waits up to `ms` for the server to close the connection.
    bool closedWithin(int ms) {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < ms) {
            in += socket.readAll();
            if (socket.state() == QAbstractSocket::UnconnectedState) return true;
            QTest::qWait(5);
        }
        return false;
    }
};

} // namespace latent::test
