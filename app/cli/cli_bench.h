// `latentstudio-cli bench gemm|unet|vae|text|load`: benchmark figures (JSON on stdout, or a
// short plain-text summary with --plain). Never assertions.
#pragma once

#include <QStringList>

namespace latent {

int runBenchCommand(const QStringList& args);

} // namespace latent
