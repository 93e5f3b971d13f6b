// `latentstudio-cli upscale`: A1111's Extras upscale of one image (see app/jobs/upscale_runner.h).
#pragma once

#include <QStringList>

namespace latent {

int runUpscaleCommand(const QStringList& args);

} // namespace latent
