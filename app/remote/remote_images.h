// Turning what a backend returned into files, as safely as local results: every image is decoded
// (base64, then the image itself, in memory) and checked before any file is written, so a
// malformed or non-image answer saves nothing. PNGs keep the server's bytes and its infotext
// (a `parameters` chunk is added when the PNG has none); other formats become PNGs. Files are
// written atomically under A1111's names ("00012-<seed>.png") in the output folder, or in the
// recovery folder when that fails. Meant for a pool thread.
#pragma once

#include "app/remote/remote_client.h"
#include "app/storage/image_writer.h"

#include <QList>
#include <QString>

#include <functional>

namespace latent {

struct RemoteSavedImage {
    QString path;
    QString infotext;
    bool recovered = false;
    QString reason; // why the output folder was not used
};

struct RemoteSaveOptions {
    QString outputDir;
    QString recoveryDir;                          // "" = ImageWriter::recoveryDirectory()
    QString namePattern = QStringLiteral("[seed]");
    // Infotext for image `index` (of width × height) when the server sent none.
    std::function<QString(int index, int width, int height)> infotextFor;
};

struct RemoteSaveResult {
    QList<RemoteSavedImage> images;
    ImagePixels first;  // the first image's pixels (for the canvas)
    QString error;      // nothing was saved when set
    bool ok() const { return error.isEmpty(); }
};

RemoteSaveResult saveRemoteImages(const QList<RemoteImageData>& images, const RemoteSaveOptions& options);

// Base64 (a "data:image/...;base64," prefix allowed) → bytes; empty + *error when invalid.
QByteArray decodeBase64Image(const QByteArray& text, QString* error);
// Decodes encoded image bytes in memory to 8-bit pixels (1, 3 or 4 channels); checks the size
// limits of ImageLoader. Invalid pixels + *error when it is not an image.
ImagePixels decodeImageBytes(const QByteArray& bytes, QString* error);

} // namespace latent
