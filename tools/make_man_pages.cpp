// Build-time tool: writes the manual pages latentstudio.1 and latentstudio-cli.1 into OUTDIR from
// the same option tables the programs use (app/core/studio_options, app/cli/cli_options).
//   latent-make-man-pages OUTDIR VERSION DATE
#include "app/cli/cli_options.h"
#include "app/core/studio_options.h"

#include <QCoreApplication>
#include <QDir>
#include <QSaveFile>

#include <cstdio>

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 4) {
        std::fprintf(stderr, "usage: latent-make-man-pages OUTDIR VERSION DATE\n");
        return 2;
    }
    const QDir out(args[1]);
    QDir().mkpath(out.path());
    const QList<QPair<QString, QString>> pages = {
        {QStringLiteral("latentstudio.1"), latent::studioManPage(args[2], args[3])},
        {QStringLiteral("latentstudio-cli.1"), latent::cliManPage(args[2], args[3])},
    };
    for (const auto& [name, text] : pages) {
        QSaveFile f(out.filePath(name));
        if (!f.open(QIODevice::WriteOnly) || f.write(text.toUtf8()) < 0 || !f.commit()) {
            std::fprintf(stderr, "latent-make-man-pages: cannot write %s\n", qPrintable(out.filePath(name)));
            return 1;
        }
    }
    return 0;
}
