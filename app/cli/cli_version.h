#pragma once

#include <QString>

namespace latent {

// The `--version` report: product, libtorch, Qt, OpenImageIO, BLAS, threads, devices.
QString versionReport();

} // namespace latent
