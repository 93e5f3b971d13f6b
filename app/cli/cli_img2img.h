// `latentstudio-cli img2img`: A1111-compatible headless image-to-image, inpainting and
// outpainting (every txt2img option plus --init, --mask, --strength, --resize-mode,
// --mask-blur, --inpaint-area, --padding, --fill, --invert-mask, --outpaint; --request takes an
// A1111 /sdapi/v1/img2img body with base64 init_images and mask).
#pragma once

#include <QStringList>

namespace latent {

int runImg2ImgCommand(const QStringList& args);

} // namespace latent
