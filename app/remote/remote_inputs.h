// Outpainting and "mask from the init image's alpha" have no field in A1111's img2img API. For a
// remote job the client makes the canvas and the mask itself, with the local engine's own steps
// (pipeline/pipelines/inpaint.cpp 1-3: flatten, binary mask, invert, grow the canvas), and sends a
// plain inpainting job: the server then does exactly what the local engine does next, so the image
// is the same as a local run's.
#pragma once

#include "pipeline/imaging/image_u8.h"
#include "pipeline/pipelines/generation.h"

#include <QString>

namespace latent {

// Whether an img2img job needs the canvas made here before it goes to an A1111 backend.
bool needsRemoteCanvas(const Img2ImgOptions& options, bool hasMask);

struct RemoteCanvas {
    QString initPath;   // RGB PNG: the flattened init image, grown when outpainting
    QString maskPath;   // L PNG: white = repaint
    bool invert = false; // send inpainting_mask_invert (the mask file is stored inverted then)
    QString error;      // non-empty: nothing to send (one clear sentence)
};

// Writes init.png and mask.png into `dir`. `mask` may be null (outpainting, mask from alpha).
RemoteCanvas makeRemoteCanvas(const ImageU8& init, const ImageU8* mask, const Img2ImgOptions& options,
                              const QString& dir);

} // namespace latent
