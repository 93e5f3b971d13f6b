// latentstudio-cli: the headless front end over the same core as the studio.
#pragma once

#include <QStringList>

namespace latent {

// Runs one CLI invocation (`args` without the program name). Returns the process exit status:
// 0 success, 1 runtime failure, 2 bad input (one clear line on stderr).
int runCli(const QStringList& args);

} // namespace latent
