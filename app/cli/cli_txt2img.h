// `latentstudio-cli txt2img`: A1111-compatible headless text-to-image.
#pragma once

#include <QStringList>

namespace latent {

// `args` are the options after the command name. Returns the exit status (0, 1, 2).
int runTxt2ImgCommand(const QStringList& args);

} // namespace latent
