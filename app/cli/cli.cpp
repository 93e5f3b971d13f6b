#include "app/cli/cli.h"

#include "app/cli/cli_version.h"
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

QString usage() {
    return QCoreApplication::translate(
        "Cli",
        "Usage: latentstudio-cli [--threads N] COMMAND [options]\n"
        "\n"
        "Commands:\n"
        "  --version, version     product, library and device versions\n"
        "  help                   this text\n");
}

} // namespace

int runCli(const QStringList& argsIn) {
    QStringList args = argsIn;
    // Global option: --threads N (default: every core).
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
    err() << QCoreApplication::translate("Cli", "latentstudio-cli: unknown command \"%1\" (see latentstudio-cli help)")
                 .arg(command)
          << Qt::endl;
    return 2;
}

} // namespace latent
