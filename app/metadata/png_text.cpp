#include "app/metadata/png_text.h"

#include <QBuffer>
#include <QFile>

#include <zlib.h>

namespace latent {

namespace {

quint32 readBe32(const char* p) {
    const auto* u = reinterpret_cast<const unsigned char*>(p);
    return (quint32(u[0]) << 24) | (quint32(u[1]) << 16) | (quint32(u[2]) << 8) | quint32(u[3]);
}

void appendBe32(QByteArray& out, quint32 v) {
    out.append(char((v >> 24) & 0xff));
    out.append(char((v >> 16) & 0xff));
    out.append(char((v >> 8) & 0xff));
    out.append(char(v & 0xff));
}

quint32 crcOf(const QByteArray& type, const char* data, qint64 size) {
    uLong crc = crc32(0L, Z_NULL, 0);
    crc = crc32(crc, reinterpret_cast<const Bytef*>(type.constData()), 4);
    // zlib's crc32 takes uInt lengths: feed in pieces.
    qint64 done = 0;
    while (done < size) {
        const uInt n = static_cast<uInt>(std::min<qint64>(size - done, 1 << 30));
        crc = crc32(crc, reinterpret_cast<const Bytef*>(data + done), n);
        done += n;
    }
    return static_cast<quint32>(crc);
}

bool isChunkTypeValid(const QByteArray& t) {
    if (t.size() != 4) return false;
    for (char c : t)
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return false;
    return true;
}

bool isTextType(const QByteArray& t) {
    return t == "tEXt" || t == "zTXt" || t == "iTXt";
}

bool isValidKeyword(const QString& k) {
    if (k.isEmpty() || k.size() > 79) return false;
    if (k.front() == QLatin1Char(' ') || k.back() == QLatin1Char(' ')) return false;
    for (QChar c : k) {
        const ushort u = c.unicode();
        if (!((u >= 32 && u <= 126) || (u >= 161 && u <= 255))) return false;
    }
    return true;
}

// Keyword of a text chunk's data (bytes before the first NUL), or a null string.
QString keywordOf(const QByteArray& data) {
    const qsizetype nul = data.indexOf('\0');
    if (nul < 1 || nul > 79) return {};
    return QString::fromLatin1(data.constData(), nul);
}

// Parses one text chunk's data; returns false (with *why) when it is malformed or refused.
bool parseTextChunk(const QByteArray& type, const QByteArray& data, PngTextChunk* out, QString* why) {
    const qsizetype nul = data.indexOf('\0');
    if (nul < 1 || nul > 79) {
        *why = QStringLiteral("has no valid keyword");
        return false;
    }
    out->type = type;
    out->keyword = QString::fromLatin1(data.constData(), nul);
    qsizetype pos = nul + 1;

    if (type == "tEXt") {
        out->text = QString::fromLatin1(data.constData() + pos, data.size() - pos);
        return true;
    }
    if (type == "zTXt") {
        if (pos >= data.size() || data[pos] != 0) {
            *why = QStringLiteral("uses an unknown compression method");
            return false;
        }
        ++pos;
        QByteArray inflated;
        bool exceeded = false;
        if (!PngText::inflateCapped(data.mid(pos), PngText::kMaxInflatedBytes, &inflated, &exceeded)) {
            *why = exceeded ? QStringLiteral("decompresses to more than %1 bytes and was refused")
                                  .arg(PngText::kMaxInflatedBytes)
                            : QStringLiteral("holds a corrupt compressed stream");
            return false;
        }
        out->compressed = true;
        out->text = QString::fromLatin1(inflated);
        return true;
    }
    // iTXt: keyword\0 flag method language\0 translated\0 text
    if (pos + 2 > data.size()) {
        *why = QStringLiteral("is truncated");
        return false;
    }
    const char flag = data[pos];
    const char method = data[pos + 1];
    pos += 2;
    const qsizetype langEnd = data.indexOf('\0', pos);
    if (langEnd < 0) {
        *why = QStringLiteral("is truncated");
        return false;
    }
    out->languageTag = QString::fromLatin1(data.constData() + pos, langEnd - pos);
    pos = langEnd + 1;
    const qsizetype transEnd = data.indexOf('\0', pos);
    if (transEnd < 0) {
        *why = QStringLiteral("is truncated");
        return false;
    }
    out->translatedKeyword = QString::fromUtf8(data.constData() + pos, transEnd - pos);
    pos = transEnd + 1;
    if (flag == 0) {
        out->text = QString::fromUtf8(data.constData() + pos, data.size() - pos);
        return true;
    }
    if (flag != 1 || method != 0) {
        *why = QStringLiteral("uses an unknown compression method");
        return false;
    }
    QByteArray inflated;
    bool exceeded = false;
    if (!PngText::inflateCapped(data.mid(pos), PngText::kMaxInflatedBytes, &inflated, &exceeded)) {
        *why = exceeded ? QStringLiteral("decompresses to more than %1 bytes and was refused")
                              .arg(PngText::kMaxInflatedBytes)
                        : QStringLiteral("holds a corrupt compressed stream");
        return false;
    }
    out->compressed = true;
    out->text = QString::fromUtf8(inflated);
    return true;
}

} // namespace

QString PngTextReadResult::value(const QString& keyword) const {
    for (const auto& c : chunks)
        if (c.keyword == keyword) return c.text;
    return {};
}

QByteArray PngText::signature() {
    return QByteArray("\x89PNG\r\n\x1a\n", 8);
}

QByteArray PngText::makeChunk(const QByteArray& type, const QByteArray& data) {
    QByteArray out;
    out.reserve(data.size() + 12);
    appendBe32(out, static_cast<quint32>(data.size()));
    out.append(type);
    out.append(data);
    appendBe32(out, crcOf(type, data.constData(), data.size()));
    return out;
}

QByteArray PngText::makeTextChunkData(const QString& keyword, const QString& text, QByteArray* type) {
    bool latin1 = true;
    for (QChar c : text) {
        if (c.unicode() > 0xff) {
            latin1 = false;
            break;
        }
    }
    QByteArray data = keyword.toLatin1();
    data.append('\0');
    if (latin1) {
        if (type) *type = "tEXt";
        data.append(text.toLatin1());
    } else {
        if (type) *type = "iTXt";
        data.append('\0');  // compression flag: uncompressed
        data.append('\0');  // compression method
        data.append('\0');  // empty language tag
        data.append('\0');  // empty translated keyword
        data.append(text.toUtf8());
    }
    return data;
}

QByteArray PngText::withTextChunk(const QByteArray& png, const QString& keyword, const QString& text,
                                  QString* error) {
    auto fail = [error](const QString& why) {
        if (error) *error = why;
        return QByteArray();
    };
    if (!isValidKeyword(keyword))
        return fail(QStringLiteral("The PNG text keyword \"%1\" is not valid.").arg(keyword.left(80)));
    if (!png.startsWith(signature())) return fail(QStringLiteral("The data is not a PNG image."));

    QByteArray type;
    const QByteArray data = makeTextChunkData(keyword, text, &type);
    const QByteArray newChunk = makeChunk(type, data);

    QByteArray out = signature();
    out.reserve(png.size() + newChunk.size());
    qsizetype pos = 8;
    bool inserted = false;
    bool sawEnd = false;
    int count = 0;
    while (pos < png.size()) {
        if (++count > kMaxChunks) return fail(QStringLiteral("The PNG image has too many chunks."));
        if (png.size() - pos < 12) return fail(QStringLiteral("The PNG image is truncated."));
        const quint32 len = readBe32(png.constData() + pos);
        const QByteArray ctype = png.mid(pos + 4, 4);
        if (len > kMaxChunkLength || !isChunkTypeValid(ctype))
            return fail(QStringLiteral("The PNG image holds a damaged chunk."));
        if (qint64(png.size() - pos) < qint64(len) + 12)
            return fail(QStringLiteral("The PNG image is truncated."));
        const qsizetype total = qsizetype(len) + 12;
        if (ctype == "IDAT" && !inserted) {
            out.append(newChunk);
            inserted = true;
        }
        bool drop = false;
        if (isTextType(ctype)) {
            const QByteArray cdata = png.mid(pos + 8, std::min<qsizetype>(len, 80));
            drop = keywordOf(cdata) == keyword;
        }
        if (!drop) out.append(png.constData() + pos, total);
        pos += total;
        if (ctype == "IEND") {
            sawEnd = true;
            break;
        }
    }
    if (!inserted) return fail(QStringLiteral("The PNG image has no image data."));
    if (!sawEnd) return fail(QStringLiteral("The PNG image is truncated."));
    if (error) error->clear();
    return out;
}

QByteArray PngText::withParameters(const QByteArray& png, const QString& infotext, QString* error) {
    return withTextChunk(png, QStringLiteral("parameters"), infotext, error);
}

bool PngText::inflateCapped(const QByteArray& in, qint64 maxOut, QByteArray* out, bool* exceeded) {
    if (exceeded) *exceeded = false;
    out->clear();
    z_stream zs{};
    if (inflateInit(&zs) != Z_OK) return false;
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.constData()));
    zs.avail_in = static_cast<uInt>(in.size());
    char buf[64 * 1024];
    bool ok = false;
    for (;;) {
        zs.next_out = reinterpret_cast<Bytef*>(buf);
        zs.avail_out = sizeof buf;
        const int rc = inflate(&zs, Z_NO_FLUSH);
        const qint64 produced = qint64(sizeof buf) - zs.avail_out;
        if (qint64(out->size()) + produced > maxOut) {
            if (exceeded) *exceeded = true;
            break;
        }
        out->append(buf, produced);
        if (rc == Z_STREAM_END) {
            ok = true;
            break;
        }
        if (rc != Z_OK) break;                              // corrupt data or Z_BUF_ERROR
        if (produced == 0 && zs.avail_in == 0) break;       // truncated stream
    }
    inflateEnd(&zs);
    if (!ok) out->clear();
    return ok;
}

PngTextReadResult PngText::read(QIODevice& dev) {
    PngTextReadResult r;
    const QByteArray sig = dev.read(8);
    if (sig != signature()) {
        r.error = sig.isEmpty() ? QStringLiteral("The file is empty or could not be read.")
                                : QStringLiteral("The file is not a PNG image.");
        return r;
    }
    r.ok = true;
    int count = 0;
    bool sawEnd = false;
    while (!sawEnd) {
        if (count >= kMaxChunks) {
            r.warnings << QStringLiteral("The PNG image has more than %1 chunks; the rest was not read.")
                              .arg(kMaxChunks);
            break;
        }
        const QByteArray head = dev.read(8);
        if (head.isEmpty()) {
            r.warnings << QStringLiteral("The PNG image ends without an IEND chunk.");
            break;
        }
        if (head.size() < 8) {
            r.warnings << QStringLiteral("The PNG image is truncated.");
            break;
        }
        ++count;
        const quint32 len = readBe32(head.constData());
        const QByteArray type = head.mid(4, 4);
        if (len > kMaxChunkLength || !isChunkTypeValid(type)) {
            r.warnings << QStringLiteral("The PNG image holds a damaged chunk (#%1); reading stopped there.")
                              .arg(count);
            break;
        }
        const bool text = isTextType(type);
        const bool header = type == "IHDR";
        if (type == "IEND") sawEnd = true;
        if ((text && len <= kMaxTextChunkBytes) || (header && len == 13)) {
            const QByteArray body = dev.read(qint64(len) + 4);
            if (body.size() != qsizetype(len) + 4) {
                r.warnings << QStringLiteral("The PNG image is truncated.");
                break;
            }
            const quint32 stored = readBe32(body.constData() + len);
            if (stored != crcOf(type, body.constData(), len)) {
                r.warnings << QStringLiteral("A %1 chunk has a wrong checksum and was ignored.")
                                  .arg(QString::fromLatin1(type));
                continue;
            }
            const QByteArray data = body.left(len);
            if (header) {
                r.width = int(std::min<quint32>(readBe32(data.constData()), 0x7fffffff));
                r.height = int(std::min<quint32>(readBe32(data.constData() + 4), 0x7fffffff));
                continue;
            }
            PngTextChunk chunk;
            QString why;
            if (parseTextChunk(type, data, &chunk, &why))
                r.chunks.append(chunk);
            else
                r.warnings << QStringLiteral("A %1 chunk %2.").arg(QString::fromLatin1(type), why);
            continue;
        }
        if (text)
            r.warnings << QStringLiteral("A %1 chunk of %2 bytes is too large and was skipped.")
                              .arg(QString::fromLatin1(type))
                              .arg(len);
        const qint64 want = qint64(len) + 4;
        const qint64 skipped = dev.skip(want);
        if (skipped != want) {
            r.warnings << QStringLiteral("The PNG image is truncated.");
            break;
        }
    }
    return r;
}

PngTextReadResult PngText::read(const QByteArray& png) {
    QByteArray copy = png;  // implicitly shared, no copy of the bytes
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    return read(buffer);
}

PngTextReadResult PngText::readFile(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        PngTextReadResult r;
        r.error = QStringLiteral("The file \"%1\" could not be opened: %2.").arg(path, f.errorString());
        return r;
    }
    return read(f);
}

} // namespace latent
