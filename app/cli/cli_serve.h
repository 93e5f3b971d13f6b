// `latentstudio-cli serve`: the studio's HTTP API without a window (A1111 /sdapi/v1, OpenAI-style
// images, RunPod-style jobs) over a persisted queue, the inference worker and a model library.
#pragma once

#include <QStringList>

namespace latent {

// `args` are the options after "serve". Returns the exit status (0 after a clean shutdown by
// SIGINT/SIGTERM, 2 for bad options, 1 when the server cannot start).
int runServeCommand(const QStringList& args);

} // namespace latent
