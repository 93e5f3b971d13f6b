// `latentstudio-cli library scan ROOT [--no-hash] [--db FILE]`: scans one model root (A1111
// layout, or a folder of model files) and prints the index as one JSON array on stdout.
#pragma once

#include <QStringList>

namespace latent {

// `args` are the options after "library". Returns the exit status (0, 1, 2).
int runLibraryCommand(const QStringList& args);

} // namespace latent
