#include "app/cli/cli.h"

#include "app/cli/cli_bench.h"
#include "app/cli/cli_model_tools.h"
#include "app/cli/cli_img2img.h"
#include "app/cli/cli_library.h"
#include "app/cli/cli_serve.h"
#include "app/cli/cli_download.h"
#include "app/cli/cli_remote.h"
#include "app/cli/cli_options.h"
#include "app/cli/cli_txt2img.h"
#include "app/cli/cli_upscale.h"
#include "app/cli/cli_version.h"
#include "pipeline/engine.h"
#include "app/core/app_info.h"
#include "pipeline/core/system_info.h"

#include <QCoreApplication>
#include <QTextStream>

namespace latent {

namespace {

QTextStream& out() {
    static QTextStream s(stdout);
    return s;
}
QTextStream& err() {
    static QTextStream s(stderr);
    return s;
}

// The usage text comes from the option table (app/cli/cli_options.cpp), as the man page does.
QString usage() { return cliUsageText(); }

} // namespace

int runCli(const QStringList& argsIn) {
    QStringList args = argsIn;
    // Global option: --threads N (default: automatic, see thread_policy.h).
    int threads = 0;
    const int ti = args.indexOf(QStringLiteral("--threads"));
    if (ti >= 0) {
        bool ok = false;
        threads = args.value(ti + 1).toInt(&ok);
        if (!ok || threads < 0) {
            err() << QCoreApplication::translate("Cli", "latentstudio-cli: --threads needs a non-negative number") << Qt::endl;
            return 2;
        }
        args.remove(ti, 2);
    }
    configure_threads(threads);

    if (args.isEmpty() || args.first() == QLatin1String("help") || args.first() == QLatin1String("--help") ||
        args.first() == QLatin1String("-h")) {
        out() << usage();
        out().flush();
        return args.isEmpty() ? 2 : 0;
    }
    const QString command = args.takeFirst();
    if (command == QLatin1String("--version") || command == QLatin1String("version")) {
        out() << versionReport() << Qt::endl;
        return 0;
    }
    if (command == QLatin1String("txt2img")) return runTxt2ImgCommand(args);
    // Model files (issue 3) and benchmarks (issue 4 item 9).
    if (command == QLatin1String("inspect")) return runInspectCommand(args);
    if (command == QLatin1String("convert")) return runConvertCommand(args);
    if (command == QLatin1String("convert-worker")) return runConvertWorkerCommand(args);
    if (command == QLatin1String("bench")) return runBenchCommand(args);
    if (command == QLatin1String("img2img")) return runImg2ImgCommand(args);
    if (command == QLatin1String("upscale")) return runUpscaleCommand(args);
    if (command == QLatin1String("library")) return runLibraryCommand(args);
    if (command == QLatin1String("download")) return runDownloadCommand(args);
    if (command == QLatin1String("serve")) return runServeCommand(args);
    if (command == QLatin1String("backends")) return runBackendsCommand(args);
    if (command == QLatin1String("samplers") || command == QLatin1String("schedules")) {
        const std::string json = command == QLatin1String("samplers") ? Engine::samplers_json() : Engine::schedules_json();
        out() << QString::fromStdString(json) << Qt::endl;
        return 0;
    }
    err() << QCoreApplication::translate("Cli", "latentstudio-cli: unknown command \"%1\" (see latentstudio-cli help)")
                 .arg(command)
          << Qt::endl;
    return 2;
}

} // namespace latent
