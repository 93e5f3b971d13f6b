#include "app/metadata/exif_comment.h"

#include <QStringDecoder>

#include <algorithm>
#include <cstdint>

namespace latent::exif {

namespace {

constexpr int kMaxIfdEntries = 1024;        // far above what cameras write (IFD0 ~ 30)
constexpr qsizetype kMaxCommentBytes = 8 << 20;

// A bounds-checked view of the TIFF structure.
struct Tiff {
    const uchar* data = nullptr;
    qsizetype size = 0;
    bool little = false;

    bool u16(qsizetype at, quint16* out) const {
        if (at < 0 || at > size - 2) return false;
        *out = little ? quint16(data[at] | (data[at + 1] << 8)) : quint16((data[at] << 8) | data[at + 1]);
        return true;
    }
    bool u32(qsizetype at, quint32* out) const {
        if (at < 0 || at > size - 4) return false;
        const quint32 b0 = data[at], b1 = data[at + 1], b2 = data[at + 2], b3 = data[at + 3];
        *out = little ? (b0 | (b1 << 8) | (b2 << 16) | (b3 << 24)) : ((b0 << 24) | (b1 << 16) | (b2 << 8) | b3);
        return true;
    }
};

struct Entry {
    quint16 type = 0;
    quint32 count = 0;
    qsizetype valueAt = 0;  // where the value bytes start (inline or at the offset)
};

// Finds `tag` in the IFD at `ifd`. Values of more than 4 bytes live at the offset the entry holds.
std::optional<Entry> findTag(const Tiff& t, quint32 ifd, quint16 tag) {
    quint16 n = 0;
    if (!t.u16(qsizetype(ifd), &n) || n > kMaxIfdEntries) return std::nullopt;
    for (int i = 0; i < n; ++i) {
        const qsizetype at = qsizetype(ifd) + 2 + qsizetype(i) * 12;
        quint16 id = 0, type = 0;
        quint32 count = 0, value = 0;
        if (!t.u16(at, &id) || !t.u16(at + 2, &type) || !t.u32(at + 4, &count) || !t.u32(at + 8, &value))
            return std::nullopt;
        if (id != tag) continue;
        static const int kTypeSize[] = {0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8};
        if (type == 0 || type >= sizeof(kTypeSize) / sizeof(kTypeSize[0])) return std::nullopt;
        const quint64 bytes = quint64(count) * quint64(kTypeSize[type]);
        Entry e;
        e.type = type;
        e.count = count;
        e.valueAt = bytes <= 4 ? at + 8 : qsizetype(value);
        if (bytes > quint64(t.size) || e.valueAt < 0 || quint64(e.valueAt) + bytes > quint64(t.size)) return std::nullopt;
        return e;
    }
    return std::nullopt;
}

QString decodeComment(const QByteArray& raw) {
    const QByteArray code = raw.left(8), text = raw.mid(8);
    if (code == QByteArray("UNICODE\0", 8)) {
        QStringDecoder d(QStringDecoder::Utf16BE);
        return d.decode(text);
    }
    if (code == QByteArray("ASCII\0\0\0", 8)) return QString::fromLatin1(text);
    if (code == QByteArray("JIS\0\0\0\0\0", 8)) return QString::fromLatin1(text);
    // A1111: a comment piexif cannot load is decoded as UTF-8, invalid bytes ignored.
    QStringDecoder d(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString s = d.decode(raw);
    s.remove(QChar::ReplacementCharacter);
    return s;
}

} // namespace

std::optional<QString> userComment(const QByteArray& block) {
    QByteArray tiffBytes = block;
    if (tiffBytes.startsWith(QByteArray("Exif\0\0", 6))) tiffBytes = tiffBytes.mid(6);
    Tiff t{reinterpret_cast<const uchar*>(tiffBytes.constData()), tiffBytes.size(), false};
    if (t.size < 8) return std::nullopt;
    if (tiffBytes.startsWith("II")) t.little = true;
    else if (!tiffBytes.startsWith("MM")) return std::nullopt;
    quint16 magic = 0;
    quint32 ifd0 = 0;
    if (!t.u16(2, &magic) || magic != 42 || !t.u32(4, &ifd0)) return std::nullopt;
    const std::optional<Entry> pointer = findTag(t, ifd0, 0x8769);  // ExifIFDPointer
    if (!pointer || pointer->count != 1 || (pointer->type != 4 && pointer->type != 13)) return std::nullopt;
    quint32 exifIfd = 0;
    if (!t.u32(pointer->valueAt, &exifIfd)) return std::nullopt;
    const std::optional<Entry> comment = findTag(t, exifIfd, 0x9286);  // UserComment
    if (!comment || (comment->type != 7 && comment->type != 1 && comment->type != 2)) return std::nullopt;
    if (qsizetype(comment->count) > kMaxCommentBytes) return std::nullopt;
    const QByteArray raw = tiffBytes.mid(comment->valueAt, qsizetype(comment->count));
    const QString text = decodeComment(raw);
    if (text.isEmpty()) return std::nullopt;
    return text;
}

bool isJpeg(const QByteArray& f) { return f.size() >= 3 && uchar(f[0]) == 0xFF && uchar(f[1]) == 0xD8 && uchar(f[2]) == 0xFF; }

bool isWebp(const QByteArray& f) { return f.size() >= 12 && f.startsWith("RIFF") && f.mid(8, 4) == "WEBP"; }

QByteArray exifBlockOf(const QByteArray& f) {
    if (isJpeg(f)) {
        // Marker segments from SOI to the first scan (SOS): FF xx, then a big-endian length that
        // counts itself. Fill bytes (FF FF ...) may precede a marker.
        qsizetype at = 2;
        while (at + 4 <= f.size()) {
            if (uchar(f[at]) != 0xFF) return {};
            const uchar marker = uchar(f[at + 1]);
            if (marker == 0xFF) {
                ++at;
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA) return {};  // EOI / SOS: no more metadata
            if ((marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
                at += 2;  // markers without a length
                continue;
            }
            const qsizetype length = (qsizetype(uchar(f[at + 2])) << 8) | uchar(f[at + 3]);
            if (length < 2 || at + 2 + length > f.size()) return {};
            if (marker == 0xE1 && length >= 8 && f.mid(at + 4, 6) == QByteArray("Exif\0\0", 6))
                return f.mid(at + 4, length - 2);
            at += 2 + length;
        }
        return {};
    }
    if (isWebp(f)) {
        // RIFF chunks: FourCC, little-endian size, data padded to an even length.
        const quint32 riff = quint32(uchar(f[4])) | (quint32(uchar(f[5])) << 8) | (quint32(uchar(f[6])) << 16) |
                             (quint32(uchar(f[7])) << 24);
        const qsizetype end = qsizetype(std::min<quint64>(quint64(f.size()), quint64(riff) + 8));
        qsizetype at = 12;
        for (int chunks = 0; at + 8 <= end && chunks < 10000; ++chunks) {
            const QByteArray id = f.mid(at, 4);
            const quint64 size = quint64(uchar(f[at + 4])) | (quint64(uchar(f[at + 5])) << 8) |
                                 (quint64(uchar(f[at + 6])) << 16) | (quint64(uchar(f[at + 7])) << 24);
            if (quint64(at) + 8 + size > quint64(end)) return {};
            if (id == "EXIF") return f.mid(at + 8, qsizetype(size));
            at += 8 + qsizetype(size) + qsizetype(size & 1);
        }
        return {};
    }
    return {};
}

std::optional<QString> infotextOf(const QByteArray& file) {
    const QByteArray block = exifBlockOf(file);
    if (block.isEmpty()) return std::nullopt;
    return userComment(block);
}

} // namespace latent::exif
