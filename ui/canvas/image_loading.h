// Opening untrusted image files for the canvas and the gallery (SAFETY.md case 20): the size is
// checked from the header before anything is decoded, the A1111 `parameters` text is read with
// the capped PNG text reader, never through the decoder.
#pragma once

#include <QImage>
#include <QSize>
#include <QString>
#include <QStringList>

namespace latent {

struct LoadedImage {
    bool ok = false;
    QImage image;
    QString infotext;     // the PNG `parameters` chunk; empty when there is none
    QString error;        // one sentence, when !ok
    QStringList warnings; // damaged or refused PNG chunks
};

// True for the file types the canvas opens (by extension; the decoder decides from the bytes).
bool isSupportedImageFile(const QString& path);

// Reads an image file. Refuses images larger than `maxSide` a side or `maxPixels` pixels
// before decoding them.
LoadedImage loadImageFile(const QString& path, int maxSide = 16384, qint64 maxPixels = qint64(8192) * 8192);

// A scaled-down copy that fits in `box` (aspect kept), decoded at reduced size when the format
// supports it. Null with *error on failure. Safe to call from any thread.
QImage loadThumbnail(const QString& path, const QSize& box, QString* error = nullptr);

} // namespace latent
