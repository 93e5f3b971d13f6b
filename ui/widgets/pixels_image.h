// QImage view of the app layer's 8-bit pixels (app/storage/image_writer.h ImagePixels), deep
// copied so the QImage owns its memory.
#pragma once

#include "app/storage/image_writer.h"

#include <QImage>

namespace latent {

inline QImage toQImage(const ImagePixels& p) {
    if (!p.isValid()) return {};
    const QImage::Format format = p.channels == 4   ? QImage::Format_RGBA8888
                                  : p.channels == 3 ? QImage::Format_RGB888
                                                    : QImage::Format_Grayscale8;
    return QImage(reinterpret_cast<const uchar*>(p.data.constData()), p.width, p.height, p.width * p.channels, format)
        .copy();
}

} // namespace latent
