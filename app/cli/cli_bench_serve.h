// `latentstudio-cli bench serve`: request overhead, /progress pollers during a job, memory over
// many requests, with the built-in demo model (see cli_bench_serve.cpp).
#pragma once

#include <QStringList>

namespace latent {

int runBenchServeCommand(const QStringList& args, bool plain);

} // namespace latent
