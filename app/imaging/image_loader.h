// Reading init images and masks for img2img / inpainting with OpenImageIO: PNG, JPEG, WebP,
// TIFF, EXR, ... (whatever the installed OIIO reads), any bit depth, with or without alpha.
// The format is decided by the file's content; EXIF orientation is applied; 16-bit and float
// pixels are converted to 8 bits (float/linear data through the sRGB curve). The result is the
// pipeline's ImageU8: L (1 channel), RGB (3) or RGBA (4).
#pragma once

#include "pipeline/imaging/image_u8.h"

#include <QByteArray>
#include <QString>

namespace latent {

struct ImageLoadResult {
    ImageU8 image;
    QString error; // non-empty: unreadable (one clear sentence)
    bool ok() const { return error.isEmpty(); }
};

class ImageLoader {
public:
    // Refuses images larger than this many pixels per side (before any pixels are read).
    static constexpr int kMaxSide = 16384;
    static constexpr qint64 kMaxPixels = qint64(16384) * 8192;

    static ImageLoadResult loadFile(const QString& path);
    // Decodes A1111 API base64 image data ("data:image/png;base64,..." prefixes allowed) and
    // writes the raw bytes to `path` (format by content). Returns an error sentence or empty.
    static QString writeBase64Image(const QString& base64, const QString& path);
    // Extension matching the file content ("png", "jpg", "webp", "tif", "exr", "bmp", "img").
    static QString sniffExtension(const QByteArray& head);
};

} // namespace latent
