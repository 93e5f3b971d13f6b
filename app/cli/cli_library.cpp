#include "app/cli/cli_library.h"

#include "app/library/model_index.h"
#include "app/library/model_library.h"
#include "app/library/model_scanner.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

#include <cstdio>

namespace latent {

namespace {

int fail(int code, const QString& line) {
    QTextStream err(stderr);
    err << QStringLiteral("latentstudio-cli: ") << line << Qt::endl;
    return code;
}

} // namespace

int runLibraryCommand(const QStringList& argsIn) {
    QStringList args = argsIn;
    if (args.isEmpty() || args.first() != QLatin1String("scan"))
        return fail(
            2, QCoreApplication::translate("Cli", "usage: latentstudio-cli library scan ROOT [--no-hash] [--db FILE]"));
    args.removeFirst();
    bool hash = true;
    QString db;
    QString root;
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args.at(i);
        if (a == QLatin1String("--no-hash")) {
            hash = false;
        } else if (a == QLatin1String("--db")) {
            if (i + 1 >= args.size()) return fail(2, QCoreApplication::translate("Cli", "--db needs a file name"));
            db = args.at(++i);
        } else if (a.startsWith(QLatin1String("--"))) {
            return fail(2, QCoreApplication::translate("Cli", "library scan: unknown option \"%1\"").arg(a));
        } else if (root.isEmpty()) {
            root = a;
        } else {
            return fail(2, QCoreApplication::translate("Cli", "library scan takes one ROOT folder"));
        }
    }
    if (root.isEmpty())
        return fail(
            2, QCoreApplication::translate("Cli", "usage: latentstudio-cli library scan ROOT [--no-hash] [--db FILE]"));
    const QFileInfo rootInfo(root);
    if (!rootInfo.exists())
        return fail(2, QCoreApplication::translate("Cli", "library scan: the folder %1 does not exist").arg(root));
    if (!rootInfo.isDir())
        return fail(2, QCoreApplication::translate("Cli", "library scan: %1 is not a folder").arg(root));

    if (db.isEmpty()) db = ModelLibrary::defaultDatabasePath();
    ModelIndex index;
    if (!index.open(db))
        return fail(
            1, QCoreApplication::translate("Cli", "cannot open the library index %1: %2").arg(db, index.errorString()));
    ModelScanner scanner(index);
    const QStringList roots{normalizeModelRoot(root)};
    ScanStats stats = scanner.scan(roots);
    if (hash) stats += scanner.hashPending(roots);
    if (!stats.error.isEmpty())
        return fail(1, QCoreApplication::translate("Cli", "library index error: %1").arg(stats.error));

    QJsonArray out;
    for (const ModelEntry& e : scanner.entries(roots)) out.append(e.toJson());
    const QByteArray json = QJsonDocument(out).toJson(QJsonDocument::Indented);
    std::fwrite(json.constData(), 1, size_t(json.size()), stdout);
    std::fflush(stdout);
    QTextStream err(stderr);
    err << QCoreApplication::translate(
               "Cli",
               "%1 entries (%2 added, %3 removed, %4 renamed, %5 not models); scan %6 ms; %7 hashed, %8 from the "
               "cache, %9 ms")
               .arg(stats.files)
               .arg(stats.added)
               .arg(stats.removed)
               .arg(stats.renamed)
               .arg(stats.notModels)
               .arg(stats.scanMs)
               .arg(stats.hashed)
               .arg(stats.hashReused)
               .arg(stats.hashMs)
        << Qt::endl;
    return 0;
}

} // namespace latent
