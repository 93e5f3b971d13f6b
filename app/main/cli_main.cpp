// latentstudio-cli: headless generation, inspection, conversion and benchmarks.
#include "app/cli/cli.h"
#include "app/core/app_info.h"
#include "pipeline/core/system_info.h"

#include <QCoreApplication>

int main(int argc, char** argv) {
    latent::reexec_for_blas_core(argv);  // before anything else: OpenBLAS may pick slow kernels
    QCoreApplication app(argc, argv);
    latent::AppInfo::applyToApplication();
    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    return latent::runCli(args);
}
