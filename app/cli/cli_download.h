// `latentstudio-cli download URL [--dest ROOT] [--kind KIND] [--yes]`: resolves a Hugging Face /
// Civitai link, prints the plan, downloads with a progress bar (plain lines when not a tty),
// verifies and installs. Exit 0 on success, 2 with one clear line on stderr on failure.
#pragma once

#include <QStringList>

namespace latent {

int runDownloadCommand(const QStringList& args);

} // namespace latent
