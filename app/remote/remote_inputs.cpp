#include "app/remote/remote_inputs.h"

#include "app/storage/image_writer.h"
#include "pipeline/core/error.h"
#include "pipeline/imaging/composite.h"
#include "pipeline/imaging/resample.h"
#include "pipeline/pipelines/image_prep.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

namespace latent {

namespace {

QString writePng(const ImageU8& image, const QString& path, QString* error) {
    ImagePixels pixels;
    pixels.width = int(image.width);
    pixels.height = int(image.height);
    pixels.channels = image.channels;
    pixels.data = QByteArray(reinterpret_cast<const char*>(image.data.data()), qsizetype(image.data.size()));
    const QByteArray png = ImageWriter::encodePng(pixels, {}, 1, error);
    if (png.isEmpty()) return {};
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(png) != png.size()) {
        *error = QCoreApplication::translate("Backends", "Cannot write %1: %2").arg(path, f.errorString());
        return {};
    }
    return path;
}

} // namespace

bool needsRemoteCanvas(const Img2ImgOptions& o, bool hasMask) {
    return o.outpaint[0] || o.outpaint[1] || o.outpaint[2] || o.outpaint[3] || (o.mask_from_init_alpha && !hasMask);
}

RemoteCanvas makeRemoteCanvas(const ImageU8& initIn, const ImageU8* maskIn, const Img2ImgOptions& o, const QString& dir) {
    RemoteCanvas out;
    try {
        // The local engine's steps 1-3 (inpaint.cpp), in its order.
        ImageU8 init = flatten(initIn, o.background);
        ImageU8 mask;
        if (!maskIn && o.mask_from_init_alpha) {
            if (initIn.channels != 4) {
                out.error = QCoreApplication::translate("Backends", "The init image has no alpha channel to take the mask from.");
                return out;
            }
            mask = ImageU8(initIn.width, initIn.height, 1);
            for (size_t i = 0; i < mask.data.size(); ++i) mask.data[i] = uint8_t(255 - initIn.data[i * 4 + 3]);
            mask = create_binary_mask(mask, o.mask_round);
        } else if (maskIn) {
            mask = create_binary_mask(*maskIn, o.mask_round);
            if (mask.width != init.width || mask.height != init.height)
                mask = pillow_resize(mask, init.width, init.height, ResampleFilter::Lanczos);
        }
        const bool inverted = o.inpainting_mask_invert && mask.valid();
        if (inverted) mask = invert(mask);
        const bool outpainting = o.outpaint[0] || o.outpaint[1] || o.outpaint[2] || o.outpaint[3];
        if (outpainting) {
            const OutpaintCanvas canvas =
                outpaint_extend(init, mask.valid() ? &mask : nullptr, o.outpaint, std::max(o.mask_blur_x, o.mask_blur_y));
            init = canvas.image;
            mask = canvas.mask;
        }
        // The server inverts an inverted job's mask again (and says so in the infotext, as the
        // local engine does): it gets the inverse of the final mask.
        out.invert = inverted;
        if (inverted) mask = invert(mask);
        out.initPath = writePng(init, QDir(dir).filePath(QStringLiteral("remote-init.png")), &out.error);
        if (out.error.isEmpty())
            out.maskPath = writePng(mask, QDir(dir).filePath(QStringLiteral("remote-mask.png")), &out.error);
    } catch (const PipelineError& e) {
        out.error = QString::fromStdString(e.what());
    }
    if (!out.error.isEmpty()) out.initPath = out.maskPath = QString();
    return out;
}

} // namespace latent
