// latentstudio-cli: headless generation, inspection, conversion and benchmarks.
#include "app/cli/cli.h"
#include "app/core/app_info.h"
#include "pipeline/core/thread_policy.h"

#include <QCoreApplication>

int main(int argc, char** argv) {
    // Before anything else: OpenBLAS may pick slow kernels, libgomp spins (thread_policy.h).
    latent::reexec_with_runtime_settings(argv);
    QCoreApplication app(argc, argv);
    latent::AppInfo::applyToApplication();
    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    return latent::runCli(args);
}
