// latentstudio-cli: headless generation, inspection, conversion and benchmarks.
#include "app/cli/cli.h"
#include "app/core/app_info.h"
#include "app/core/app_startup.h"
#include "pipeline/core/system_info.h"
#include "pipeline/core/thread_policy.h"

#include <QCoreApplication>

int main(int argc, char** argv) {
    // Before anything else: OpenBLAS may pick slow kernels, libgomp spins (thread_policy.h).
    latent::reexec_with_runtime_settings(argv);
    QCoreApplication app(argc, argv);
    latent::AppInfo::applyToApplication();
    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    // The log file and the crash guard for the commands that do work; not for help and
    // --version, nor for the converter's child process (which is meant to die on bad input).
    const int first = args.value(0) == QLatin1String("--threads") ? 2 : 0;
    const QString command = args.value(first);
    const bool quiet = command.isEmpty() || command == QLatin1String("help") || command == QLatin1String("--help") ||
                       command == QLatin1String("-h") || command == QLatin1String("--version") ||
                       command == QLatin1String("version") || command == QLatin1String("convert-worker");
    latent::AppStartup::Options startup;
    startup.program = QStringLiteral("latentstudio-cli");
    startup.fileLog = !quiet;
    startup.crashGuard = !quiet;
    startup.previousEndsAsNotices = false;
    const latent::AppStartup started(startup);
    return latent::runCli(args);
}
