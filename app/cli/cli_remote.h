// `latentstudio-cli backends add|list|check|remove` and `txt2img|img2img --backend NAME` (or
// `--backend-url URL --backend-kind KIND` with the secret in LATENT_BACKEND_SECRET): the same
// options and the same PNGs in the output folder as a local run, generated on a remote backend.
#pragma once

#include <QString>
#include <QStringList>

namespace latent {

// True when `args` name a remote backend (--backend, --backend-url).
bool cliWantsRemote(const QStringList& args);
// `kind` "txt2img" or "img2img". Exit status 0, 1 (the backend failed), 2 (bad input).
int runRemoteGenerationCommand(const QString& kind, const QStringList& args);
int runBackendsCommand(const QStringList& args);

} // namespace latent
