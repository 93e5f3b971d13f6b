#include "app/api/http_parsing.h"

#include <QCoreApplication>
#include <QStringDecoder>

#include <limits>

namespace latent {

namespace {


// RFC 9110 token characters (method and header names).
bool isTokenChar(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '-': case '.':
    case '^': case '_': case '`': case '|': case '~':
        return true;
    default:
        return false;
    }
}

// Field values: visible ASCII, obs-text (0x80-0xff), space and tab. No CR, LF or NUL.
bool isFieldValueChar(unsigned char c) { return c == '\t' || (c >= 0x20 && c != 0x7f); }

QByteArray trimmed(QByteArrayView v) {
    qsizetype b = 0, e = v.size();
    while (b < e && (v[b] == ' ' || v[b] == '\t')) ++b;
    while (e > b && (v[e - 1] == ' ' || v[e - 1] == '\t')) --e;
    return v.sliced(b, e - b).toByteArray();
}

// Plain non-negative decimal (no sign, no spaces) that fits in qint64.
bool parseDecimal(QByteArrayView v, qint64* out) {
    if (v.isEmpty() || v.size() > 18) return false;
    qint64 n = 0;
    for (char c : v) {
        if (c < '0' || c > '9') return false;
        n = n * 10 + (c - '0');
    }
    *out = n;
    return true;
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool validUtf8(QByteArrayView v) {
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    (void)QString(decoder(v));
    return !decoder.hasError();
}

bool containsToken(QByteArrayView list, QByteArrayView token) {
    for (const QByteArray& part : list.toByteArray().split(',')) {
        if (trimmed(part).toLower() == token) return true;
    }
    return false;
}

} // namespace

QByteArray HttpRequestHead::header(QByteArrayView name) const {
    for (const auto& [k, v] : headers)
        if (k == name) return v.isNull() ? QByteArray("") : v;
    return {};
}

qsizetype findHeadEnd(QByteArrayView buffer, const HttpHeadLimits& limits, bool* tooLong) {
    *tooLong = false;
    const qsizetype scan = std::min<qsizetype>(buffer.size(), limits.maxHeadBytes);
    for (qsizetype i = 0; i + 1 < scan; ++i) {
        if (buffer[i] != '\n') continue;
        if (buffer[i + 1] == '\n') return i + 2;
        if (buffer[i + 1] == '\r' && i + 2 < scan && buffer[i + 2] == '\n') return i + 3;
    }
    if (buffer.size() >= limits.maxHeadBytes) *tooLong = true;
    return 0;
}

bool percentDecodePath(QByteArrayView in, QByteArray* out) {
    out->clear();
    out->reserve(in.size());
    for (qsizetype i = 0; i < in.size(); ++i) {
        const char c = in[i];
        if (c == '%') {
            if (i + 2 >= in.size()) return false;
            const int hi = hexValue(in[i + 1]), lo = hexValue(in[i + 2]);
            if (hi < 0 || lo < 0) return false;
            const char decoded = char(hi * 16 + lo);
            if (decoded == '\0') return false;
            out->append(decoded);
            i += 2;
        } else {
            // Raw control characters are never part of a path (the request line refuses them too).
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return false;
            out->append(c);
        }
    }
    return validUtf8(*out);
}

HttpParseError parseRequestHead(QByteArrayView head, const HttpHeadLimits& limits, HttpRequestHead* out) {
    HttpParseError err;
    auto fail = [&err](int status, const QString& message) {
        err.status = status;
        err.message = message;
        return err;
    };
    *out = HttpRequestHead();
    if (head.size() > limits.maxHeadBytes)
        return fail(431, QCoreApplication::translate("HttpParsing", "The request headers are too large."));

    // Split into lines (CRLF, or a bare LF as RFC 9112 allows recipients to accept).
    QList<QByteArrayView> lines;
    qsizetype start = 0;
    for (qsizetype i = 0; i < head.size(); ++i) {
        if (head[i] != '\n') continue;
        qsizetype end = i;
        if (end > start && head[end - 1] == '\r') --end;
        lines << head.sliced(start, end - start);
        start = i + 1;
    }
    if (start != head.size()) return fail(400, QCoreApplication::translate("HttpParsing", "The request head is incomplete."));
    // A client may send empty lines before the request line (RFC 9112 2.2).
    qsizetype first = 0;
    while (first < lines.size() && lines[first].isEmpty()) ++first;
    if (first >= lines.size() || !lines.last().isEmpty() || first == lines.size() - 1)
        return fail(400, QCoreApplication::translate("HttpParsing", "The request line is missing."));

    // Request line: METHOD SP request-target SP HTTP/1.x
    const QByteArrayView line = lines[first];
    const qsizetype sp1 = line.indexOf(' ');
    const qsizetype sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
    if (sp1 <= 0 || sp2 <= sp1 + 1 || line.indexOf(' ', sp2 + 1) >= 0)
        return fail(400, QCoreApplication::translate("HttpParsing", "The request line is malformed."));
    const QByteArrayView method = line.first(sp1);
    const QByteArrayView target = line.sliced(sp1 + 1, sp2 - sp1 - 1);
    const QByteArrayView version = line.sliced(sp2 + 1);
    for (char c : method)
        if (!isTokenChar(c)) return fail(400, QCoreApplication::translate("HttpParsing", "The request method is malformed."));
    if (method.size() > 16) return fail(501, QCoreApplication::translate("HttpParsing", "The request method is not supported."));
    if (version == "HTTP/1.1") out->versionMinor = 1;
    else if (version == "HTTP/1.0") out->versionMinor = 0;
    else if (version.startsWith("HTTP/")) return fail(505, QCoreApplication::translate("HttpParsing", "Only HTTP/1.0 and HTTP/1.1 are supported."));
    else return fail(400, QCoreApplication::translate("HttpParsing", "The request line is malformed."));
    if (target.size() > limits.maxTargetBytes) return fail(414, QCoreApplication::translate("HttpParsing", "The request URL is too long."));
    if (!target.startsWith('/')) return fail(400, QCoreApplication::translate("HttpParsing", "The request target must be a path."));
    for (char c : target)
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return fail(400, QCoreApplication::translate("HttpParsing", "The request target is malformed."));
    out->method = method.toByteArray();
    out->target = target.toByteArray();
    const qsizetype q = target.indexOf('?');
    const QByteArrayView rawPath = q < 0 ? target : target.first(q);
    if (q >= 0) out->query = target.sliced(q + 1).toByteArray();
    const qsizetype hash = out->query.indexOf('#');
    if (hash >= 0) out->query.truncate(hash);
    if (!percentDecodePath(rawPath, &out->path)) return fail(400, QCoreApplication::translate("HttpParsing", "The request path is malformed."));

    // Header fields.
    const qsizetype count = lines.size() - first - 2;
    if (count > limits.maxHeaders) return fail(431, QCoreApplication::translate("HttpParsing", "The request has too many header fields."));
    bool haveLength = false;
    bool haveTransferEncoding = false;
    for (qsizetype i = first + 1; i < lines.size() - 1; ++i) {
        const QByteArrayView l = lines[i];
        if (l.startsWith(' ') || l.startsWith('\t')) return fail(400, QCoreApplication::translate("HttpParsing", "Folded header lines are not accepted."));
        const qsizetype colon = l.indexOf(':');
        if (colon <= 0) return fail(400, QCoreApplication::translate("HttpParsing", "A header field is malformed."));
        const QByteArrayView name = l.first(colon);
        for (char c : name)
            if (!isTokenChar(c)) return fail(400, QCoreApplication::translate("HttpParsing", "A header field name is malformed."));
        const QByteArrayView value = l.sliced(colon + 1);
        for (char c : value)
            if (!isFieldValueChar(static_cast<unsigned char>(c))) return fail(400, QCoreApplication::translate("HttpParsing", "A header field value is malformed."));
        const QByteArray key = name.toByteArray().toLower();
        const QByteArray v = trimmed(value);
        if (key == "content-length") {
            qint64 n = 0;
            // "5, 5" (a list of equal values) is allowed by RFC 9110; anything else is refused.
            for (QByteArrayView part : QByteArray(v).split(',')) {
                qint64 m = 0;
                if (!parseDecimal(trimmed(part), &m)) return fail(400, QCoreApplication::translate("HttpParsing", "Content-Length is malformed."));
                if (haveLength && m != out->contentLength) return fail(400, QCoreApplication::translate("HttpParsing", "Content-Length values disagree."));
                n = m;
                out->contentLength = n;
                haveLength = true;
            }
        } else if (key == "transfer-encoding") {
            if (haveTransferEncoding || trimmed(v).toLower() != "chunked")
                return fail(501, QCoreApplication::translate("HttpParsing", "Only the chunked transfer coding is supported."));
            haveTransferEncoding = true;
            out->chunked = true;
        } else if (key == "expect") {
            if (v.toLower() != "100-continue") return fail(417, QCoreApplication::translate("HttpParsing", "Only \"Expect: 100-continue\" is supported."));
            out->expectContinue = true;
        }
        out->headers.emplaceBack(key, v);
    }
    if (haveLength && haveTransferEncoding)
        return fail(400, QCoreApplication::translate("HttpParsing", "Content-Length and Transfer-Encoding together are not accepted."));
    if (out->versionMinor == 0 && haveTransferEncoding)
        return fail(400, QCoreApplication::translate("HttpParsing", "HTTP/1.0 requests cannot be chunked."));
    if (out->versionMinor == 1 && out->header("host").isNull())
        return fail(400, QCoreApplication::translate("HttpParsing", "The Host header is missing."));
    const QByteArray connection = out->header("connection");
    if (out->versionMinor == 0) out->keepAlive = containsToken(connection, "keep-alive");
    else out->keepAlive = !containsToken(connection, "close");
    return err;
}

// ---------------------------------------------------------------------------------------------

bool ChunkedDecoder::fail(int status, const QString& message) {
    state_ = State::Failed;
    error_.status = status;
    error_.message = message;
    body_.clear();
    return false;
}

qsizetype ChunkedDecoder::feed(QByteArrayView in) {
    qsizetype used = 0;
    constexpr qsizetype kMaxLine = 4096;
    while (used < in.size() && state_ != State::Done && state_ != State::Failed) {
        if (state_ == State::Data) {
            const qsizetype n = std::min<qsizetype>(in.size() - used, qsizetype(remaining_));
            body_.append(in.sliced(used, n));
            used += n;
            remaining_ -= n;
            if (remaining_ == 0) state_ = State::DataEnd;
            continue;
        }
        // Line-based states: collect up to LF.
        const char c = in[used++];
        if (c != '\n') {
            line_.append(c);
            if (line_.size() > kMaxLine) {
                fail(400, QCoreApplication::translate("HttpParsing", "A chunk header line is too long."));
                break;
            }
            continue;
        }
        if (line_.endsWith('\r')) line_.chop(1);
        const QByteArray line = std::move(line_);
        line_.clear();
        if (state_ == State::Size) {
            QByteArrayView size = line;
            const qsizetype semi = size.indexOf(';'); // chunk extensions are ignored
            if (semi >= 0) size = size.first(semi);
            const QByteArray sizeText = trimmed(size); // owned: a view of trimmed() would dangle
            if (sizeText.isEmpty() || sizeText.size() > 15) {
                fail(400, QCoreApplication::translate("HttpParsing", "A chunk size is malformed."));
                break;
            }
            qint64 n = 0;
            for (char h : sizeText) {
                const int v = hexValue(h);
                if (v < 0) {
                    fail(400, QCoreApplication::translate("HttpParsing", "A chunk size is malformed."));
                    return used;
                }
                n = n * 16 + v;
            }
            if (n > maxBody_ - body_.size()) {
                fail(413, QCoreApplication::translate("HttpParsing", "The request body is larger than the server accepts."));
                break;
            }
            if (n == 0) {
                state_ = State::Trailer;
            } else {
                remaining_ = n;
                state_ = State::Data;
            }
        } else if (state_ == State::DataEnd) {
            if (!line.isEmpty()) {
                fail(400, QCoreApplication::translate("HttpParsing", "A chunk is longer than its size."));
                break;
            }
            state_ = State::Size;
        } else if (state_ == State::Trailer) {
            if (line.isEmpty()) state_ = State::Done;
            // Trailer fields are dropped.
        }
    }
    return used;
}

// ---------------------------------------------------------------------------------------------

QByteArray multipartBoundary(QByteArrayView contentType) {
    const QByteArray ct = contentType.toByteArray();
    const QList<QByteArray> parts = ct.split(';');
    if (parts.isEmpty() || trimmed(parts.first()).toLower() != "multipart/form-data") return {};
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QByteArray p = trimmed(parts[i]);
        const qsizetype eq = p.indexOf('=');
        if (eq <= 0 || trimmed(p.first(eq)).toLower() != "boundary") continue;
        QByteArray b = trimmed(p.sliced(eq + 1));
        if (b.size() >= 2 && b.startsWith('"') && b.endsWith('"')) b = b.sliced(1, b.size() - 2);
        if (b.isEmpty() || b.size() > 70) return {};
        return b;
    }
    return {};
}

namespace {
// A parameter of a Content-Disposition value ("name", "filename"), quoted or not.
QByteArray dispositionParam(const QByteArray& value, QByteArrayView key) {
    qsizetype i = 0;
    while (i < value.size()) {
        const qsizetype semi = value.indexOf(';', i);
        if (semi < 0) break;
        i = semi + 1;
        while (i < value.size() && (value[i] == ' ' || value[i] == '\t')) ++i;
        const qsizetype eq = value.indexOf('=', i);
        if (eq < 0) break;
        const QByteArray k = trimmed(QByteArrayView(value).sliced(i, eq - i)).toLower();
        qsizetype j = eq + 1;
        QByteArray v;
        if (j < value.size() && value[j] == '"') {
            ++j;
            while (j < value.size() && value[j] != '"') {
                if (value[j] == '\\' && j + 1 < value.size()) ++j;
                v.append(value[j++]);
            }
            ++j;
        } else {
            while (j < value.size() && value[j] != ';') v.append(value[j++]);
            v = trimmed(v);
        }
        if (k == key) return v;
        i = j;
    }
    return {};
}
} // namespace

HttpParseError parseMultipart(QByteArrayView body, QByteArrayView boundary, QList<MultipartPart>* parts,
                              int maxParts) {
    HttpParseError err;
    auto fail = [&err](const QString& message) {
        err.status = 400;
        err.message = message;
        return err;
    };
    parts->clear();
    if (boundary.isEmpty()) return fail(QCoreApplication::translate("HttpParsing", "The multipart body has no boundary."));
    const QByteArray delimiter = "--" + boundary.toByteArray();
    // The first delimiter (a preamble before it is ignored).
    qsizetype pos = body.indexOf(delimiter);
    if (pos < 0) return fail(QCoreApplication::translate("HttpParsing", "The multipart body has no parts."));
    pos += delimiter.size();
    while (true) {
        if (body.sliced(pos).startsWith("--")) return err; // closing delimiter
        // The rest of the delimiter line (transport padding) up to CRLF.
        const qsizetype eol = body.indexOf("\r\n", pos);
        if (eol < 0) return fail(QCoreApplication::translate("HttpParsing", "The multipart body is truncated."));
        pos = eol + 2;
        if (parts->size() >= maxParts) return fail(QCoreApplication::translate("HttpParsing", "The multipart body has too many parts."));
        const qsizetype headEnd = body.indexOf("\r\n\r\n", pos);
        // The next delimiter line: CRLF "--boundary", then "--" or optional spaces and CRLF
        // (RFC 2046); "--boundary-more" inside a part is data.
        qsizetype next = pos;
        while (true) {
            next = body.indexOf("\r\n" + delimiter, next);
            if (next < 0) break;
            QByteArrayView after = body.sliced(next + 2 + delimiter.size());
            if (after.startsWith("--")) break;
            while (after.startsWith(' ') || after.startsWith('\t')) after = after.sliced(1);
            if (after.startsWith("\r\n")) break;
            next += 2;
        }
        if (next < 0) return fail(QCoreApplication::translate("HttpParsing", "The multipart body is truncated."));
        MultipartPart part;
        qsizetype dataStart = pos;
        if (body.sliced(pos).startsWith("\r\n")) {
            dataStart = pos + 2; // no part headers
        } else {
            if (headEnd < 0 || headEnd > next) return fail(QCoreApplication::translate("HttpParsing", "A multipart part is malformed."));
            if (headEnd - pos > 8192) return fail(QCoreApplication::translate("HttpParsing", "A multipart part header is too large."));
            for (const QByteArray& line : body.sliced(pos, headEnd - pos).toByteArray().split('\n')) {
                QByteArray l = line;
                if (l.endsWith('\r')) l.chop(1);
                const qsizetype colon = l.indexOf(':');
                if (colon <= 0) return fail(QCoreApplication::translate("HttpParsing", "A multipart part header is malformed."));
                const QByteArray name = trimmed(QByteArrayView(l).first(colon)).toLower();
                const QByteArray value = trimmed(QByteArrayView(l).sliced(colon + 1));
                if (name == "content-disposition") {
                    if (!value.toLower().startsWith("form-data")) return fail(QCoreApplication::translate("HttpParsing", "A multipart part is not form data."));
                    part.name = dispositionParam(value, "name");
                    part.fileName = dispositionParam(value, "filename");
                } else if (name == "content-type") {
                    part.contentType = value;
                }
            }
            dataStart = headEnd + 4;
        }
        if (dataStart > next) return fail(QCoreApplication::translate("HttpParsing", "A multipart part is malformed."));
        part.data = body.sliced(dataStart, next - dataStart).toByteArray();
        parts->append(std::move(part));
        pos = next + 2 + delimiter.size();
        if (pos > body.size()) return fail(QCoreApplication::translate("HttpParsing", "The multipart body is truncated."));
    }
}

} // namespace latent
