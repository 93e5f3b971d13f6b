// PNG text chunks: add A1111's `parameters` chunk to encoded PNG bytes, and read every text
// chunk (tEXt, zTXt, iTXt) back from untrusted PNG bytes or files with strict bounds.
//
// Writing follows Pillow's PngInfo.add_text() as A1111 uses it: `tEXt` when the text is
// Latin-1, otherwise an uncompressed `iTXt` (UTF-8, empty language tag and translated keyword).
// The chunk goes before the first IDAT; an existing text chunk with the same keyword is replaced.
//
// Reading never trusts the file: the signature, every chunk length and (for the chunks it parses)
// every CRC are checked; at most kMaxChunks chunks are scanned; compressed text inflates to at
// most kMaxInflatedBytes (a zlib bomb is refused after that many bytes, not after 1 GB); a text
// chunk larger than kMaxTextChunkBytes is skipped unread; invalid UTF-8 becomes U+FFFD.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

class QIODevice;

namespace latent {

struct PngTextChunk {
    QByteArray type;             // "tEXt", "zTXt" or "iTXt"
    QString keyword;             // Latin-1 keyword, 1..79 characters
    QString text;
    bool compressed = false;     // zTXt, or iTXt with the compression flag set
    QString languageTag;         // iTXt only
    QString translatedKeyword;   // iTXt only
};

struct PngTextReadResult {
    bool ok = false;             // false: not a PNG, or an I/O error before the first chunk
    QString error;               // why ok is false (one plain-English sentence)
    QList<PngTextChunk> chunks;  // in file order
    QStringList warnings;        // damaged / skipped / refused chunks; the scan stopped early, ...
    int width = 0;               // from IHDR when present
    int height = 0;

    // Text of the first chunk with this keyword (e.g. "parameters"); a null QString if none.
    QString value(const QString& keyword) const;
};

class PngText {
public:
    static constexpr int kMaxChunks = 10000;
    static constexpr qint64 kMaxInflatedBytes = 1 << 20;       // 1 MiB of decompressed text
    static constexpr qint64 kMaxTextChunkBytes = 8 << 20;      // a text chunk's stored bytes
    static constexpr qint64 kMaxChunkLength = 0x7fffffff;      // PNG spec: 2^31 - 1

    static QByteArray signature();  // the 8 PNG signature bytes

    // Returns `png` with a text chunk `keyword` = `text` inserted before the first IDAT (and any
    // text chunk with the same keyword removed). On malformed input returns an empty array and
    // sets *error.
    static QByteArray withTextChunk(const QByteArray& png, const QString& keyword, const QString& text,
                                    QString* error = nullptr);
    // withTextChunk(png, "parameters", infotext)
    static QByteArray withParameters(const QByteArray& png, const QString& infotext,
                                     QString* error = nullptr);

    // One encoded chunk: length, type, data, CRC-32.
    static QByteArray makeChunk(const QByteArray& type, const QByteArray& data);
    // The data of a tEXt (Latin-1 text) or iTXt (otherwise) chunk; sets *type accordingly.
    static QByteArray makeTextChunkData(const QString& keyword, const QString& text, QByteArray* type);

    static PngTextReadResult read(const QByteArray& png);
    static PngTextReadResult readFile(const QString& path);
    static PngTextReadResult read(QIODevice& device);  // reads sequentially from the current position

    // Inflate a zlib stream, refusing more than maxOut bytes of output. Returns false on a
    // corrupt stream or when the limit is exceeded (*exceeded tells which).
    static bool inflateCapped(const QByteArray& in, qint64 maxOut, QByteArray* out, bool* exceeded);
};

} // namespace latent
