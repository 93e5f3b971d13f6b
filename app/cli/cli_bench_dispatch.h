// `latentstudio-cli bench dispatch --backends URL,URL | --spawn N [--images 40] ...`: the
// throughput of "Any" dispatch over remote backends (see the .cpp).
#pragma once

#include <QStringList>

namespace latent {

int runBenchDispatchCommand(const QStringList& args);

} // namespace latent
