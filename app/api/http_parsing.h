// Parsers for the bytes an HTTP client sends, used by the API server's front layer
// (app/api/http_front.h) before anything reaches QtHttpServer: the request head (request line and
// header fields), chunked transfer coding, and multipart/form-data bodies. They never trust their
// input: every length is bounded, every character checked, and they return an error with the HTTP
// status to answer instead of throwing. Pure QtCore (fuzzed by tests/fuzz/fuzz_api_request).
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>

namespace latent {

struct HttpRequestHead {
    QByteArray method;   // "GET", "POST", ... (upper case as sent)
    QByteArray target;   // origin-form "/path?query" as sent
    QByteArray path;     // percent-decoded path without the query
    QByteArray query;    // raw query (after '?'), may be empty
    int versionMinor = 1; // HTTP/1.<minor>
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased, values trimmed

    // Value of the first header named `name` (lower case), or a null QByteArray.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const { return !header(name).isNull(); }

    // Framing, filled by parseRequestHead.
    bool chunked = false;
    qint64 contentLength = 0;   // when !chunked
    bool expectContinue = false;
    bool keepAlive = true;      // HTTP/1.1 default unless "Connection: close"
};

struct HttpParseError {
    int status = 400;    // HTTP status to answer (400, 413, 414, 431, 501, 505)
    QString message;     // one plain-English sentence
    bool ok() const { return message.isEmpty(); }
};

struct HttpHeadLimits {
    qint64 maxHeadBytes = 32 * 1024; // request line + headers + the blank line
    int maxHeaders = 100;
    int maxTargetBytes = 8 * 1024;
};

// Finds the end of the head ("\r\n\r\n"; a bare "\n\n" is accepted as well) in `buffer`.
// Returns the number of head bytes including the blank line, or 0 when the head is incomplete.
// With more than limits.maxHeadBytes bytes and no end, sets *tooLong.
qsizetype findHeadEnd(QByteArrayView buffer, const HttpHeadLimits& limits, bool* tooLong);

// Parses a complete head (as delimited by findHeadEnd). Checks the request line, the header
// syntax, and the framing headers: Content-Length (digits only, duplicates must agree),
// Transfer-Encoding (only "chunked"; both together is refused: request smuggling).
HttpParseError parseRequestHead(QByteArrayView head, const HttpHeadLimits& limits, HttpRequestHead* out);

// Incremental decoder of a chunked body. Feed bytes as they arrive; the decoded body grows in
// body(). Trailers are read and dropped. Refuses a body larger than `maxBody` (status 413).
class ChunkedDecoder {
public:
    explicit ChunkedDecoder(qint64 maxBody) : maxBody_(maxBody) {}
    // Consumes bytes from `in` (as many as belong to the body) and returns how many were used.
    // After an error, error() is set and nothing more is consumed.
    qsizetype feed(QByteArrayView in);
    bool done() const { return state_ == State::Done; }
    const HttpParseError& error() const { return error_; }
    const QByteArray& body() const { return body_; }
    QByteArray takeBody() { return std::move(body_); }

private:
    enum class State { Size, Data, DataEnd, Trailer, Done, Failed };
    bool fail(int status, const QString& message);
    State state_ = State::Size;
    QByteArray line_;
    qint64 remaining_ = 0;
    qint64 maxBody_;
    QByteArray body_;
    HttpParseError error_;
};

// One part of a multipart/form-data body.
struct MultipartPart {
    QByteArray name;        // form field name
    QByteArray fileName;    // empty unless a file
    QByteArray contentType; // empty when not given
    QByteArray data;
};

// The boundary parameter of a "multipart/form-data; boundary=..." content type, or empty.
QByteArray multipartBoundary(QByteArrayView contentType);
// Splits a complete multipart/form-data body. At most `maxParts` parts.
HttpParseError parseMultipart(QByteArrayView body, QByteArrayView boundary, QList<MultipartPart>* parts,
                              int maxParts = 64);

// Percent-decodes a URL path; refuses "%00", raw control characters, malformed escapes and
// invalid UTF-8.
bool percentDecodePath(QByteArrayView in, QByteArray* out);

} // namespace latent
