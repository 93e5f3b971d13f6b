#include "app/library/model_library.h"
#include "app/cli/cli_download.h"

#include "app/core/settings.h"
#include "app/downloads/download_manager.h"
#include "app/downloads/download_safety.h"
#include "app/downloads/url_resolver.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QTextStream>

#include <cstdio>
#include <unistd.h>

namespace latent {

namespace {


int failLine(const QString& message) {
    QTextStream err(stderr);
    QString m = redactSecrets(message).simplified();
    err << "latentstudio-cli: " << m << Qt::endl;
    return 2;
}

QString formatEta(qint64 s) {
    if (s < 0) return QStringLiteral("--:--");
    return s >= 3600 ? QStringLiteral("%1:%2:%3")
                           .arg(s / 3600)
                           .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
                           .arg(s % 60, 2, 10, QLatin1Char('0'))
                     : QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

int runDownloadCommand(const QStringList& argsIn) {
    QString url, dest, kindName;
    bool yes = false;
    for (int i = 0; i < argsIn.size(); ++i) {
        const QString a = argsIn[i];
        if (a == QLatin1String("--dest") || a == QLatin1String("--kind")) {
            if (i + 1 >= argsIn.size()) return failLine(QCoreApplication::translate("Cli", "%1 needs a value").arg(a));
            (a == QLatin1String("--dest") ? dest : kindName) = argsIn[++i];
        } else if (a == QLatin1String("--yes") || a == QLatin1String("-y")) {
            yes = true;
        } else if (a.startsWith(QLatin1String("--"))) {
            return failLine(QCoreApplication::translate("Cli", "download: unknown option \"%1\"").arg(a));
        } else if (url.isEmpty()) {
            url = a;
        } else {
            return failLine(QCoreApplication::translate("Cli", "download takes one URL"));
        }
    }
    if (url.isEmpty())
        return failLine(QCoreApplication::translate("Cli", "usage: latentstudio-cli download URL [--dest ROOT] "
                            "[--kind checkpoint|lora|vae|embedding|controlnet] [--yes]"));
    DownloadRequest req;
    req.url = url;
    if (!kindName.isEmpty()) {
        req.kind = modelKindFromName(kindName);
        if (!req.kind || *req.kind == ModelKind::Unknown)
            return failLine(
                QCoreApplication::translate("Cli", "--kind must be checkpoint, lora, vae, embedding or controlnet, not \"%1\"").arg(kindName));
    }
    if (dest.isEmpty()) {
        Settings settings;
        dest = ModelLibrary::rootsFromSettings(settings).value(0);
    }
    if (dest.isEmpty()) return failLine(QCoreApplication::translate("Cli", "no models folder: pass --dest ROOT (an A1111-style models folder)"));
    req.destRoot = QDir(dest).absolutePath();

    const SiteConfig sites = SiteConfig::fromEnvironment();
    QNetworkAccessManager nam;
    QEventLoop loop;
    UrlResolver resolver(&nam, sites);
    DownloadPlan plan;
    QString error;
    QObject::connect(&resolver, &UrlResolver::resolved, &loop, [&](const DownloadPlan& p) {
        plan = p;
        loop.quit();
    });
    QObject::connect(&resolver, &UrlResolver::failed, &loop, [&](const QString& m) {
        error = m;
        loop.quit();
    });
    resolver.resolve(req);
    loop.exec();
    if (!error.isEmpty()) return failLine(error);

    QTextStream out(stdout);
    out << plan.describe() << Qt::endl;
    const bool tty = isatty(fileno(stderr)) && isatty(fileno(stdin));
    if (tty && !yes) {
        QTextStream err(stderr);
        err << QCoreApplication::translate("Cli", "Download? [y/N] ") << Qt::flush;
        QTextStream in(stdin);
        const QString answer = in.readLine().trimmed().toLower();
        if (answer != QLatin1String("y") && answer != QLatin1String("yes"))
            return failLine(QCoreApplication::translate("Cli", "download: not confirmed"));
    }

    DownloadManager manager(&nam);
    manager.setStateFile(QString()); // the .part + .part.json next to the file carry the resume state
    manager.setSiteConfig(sites);
    QString id;
    int lastDecile = -1;
    QObject::connect(&manager, &DownloadManager::changed, &loop, [&](const QString& which) {
        if (which != id) return;
        const DownloadManager::Entry e = manager.entry(id);
        if (e.state != DownloadManager::State::Running) return;
        const int pct = e.total > 0 ? int(qMin<qint64>(100, e.received * 100 / e.total)) : 0;
        if (tty) {
            const int width = 30;
            const int filled = pct * width / 100;
            QTextStream err(stderr);
            err << "\r[" << QString(filled, QLatin1Char('#')) << QString(width - filled, QLatin1Char(' ')) << "] "
                << QStringLiteral("%1%").arg(pct, 3) << "  " << formatBytes(e.received) << " / " << formatBytes(e.total)
                << "  " << formatBytes(qint64(e.bytesPerSecond)) << "/s  ETA " << formatEta(e.etaSeconds) << "   "
                << Qt::flush;
        } else if (pct / 10 != lastDecile) {
            lastDecile = pct / 10;
            out << QCoreApplication::translate("Cli", "progress %1% (%2 of %3)").arg(pct).arg(formatBytes(e.received), formatBytes(e.total))
                << Qt::endl;
        }
    });
    QObject::connect(&manager, &DownloadManager::downloadFinished, &loop, [&](const QString& which) {
        if (which == id) loop.quit();
    });
    id = manager.add(plan);
    loop.exec();
    if (tty) {
        QTextStream err(stderr);
        err << Qt::endl;
    }
    const DownloadManager::Entry e = manager.entry(id);
    if (e.state != DownloadManager::State::Completed) return failLine(e.errorString);
    out << QCoreApplication::translate("Cli", "installed %1").arg(e.installedPath) << Qt::endl;
    return 0;
}

} // namespace latent
