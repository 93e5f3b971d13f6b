#include "app/core/app_startup.h"

#include "app/core/app_info.h"
#include "app/core/app_log.h"
#include "app/core/crash_guard.h"
#include "app/core/notices.h"
#include "app/core/settings.h"
#include "app/core/settings_schema.h"

#include <QCoreApplication>
#include <QSysInfo>

namespace latent {

AppStartup::AppStartup(const Options& options) : options_(options) {
    const SettingsUpgrade upgrade = upgradeSettings();
    Settings settings;
    applog::Options log;
    log.program = options.program;
    const QString envLevel = qEnvironmentVariable("LATENT_LOG_LEVEL");
    log.level = applog::levelFromName(envLevel.isEmpty() ? settings.value(settings::LogLevel) : envLevel);
    log.includePrompts = settings.value(settings::LogPrompts);
    if (options.fileLog) {
        QString error;
        if (!applog::install(log, &error)) qWarning("latent: %s", qPrintable(error));
    } else {
        applog::setLevel(log.level);
        applog::setIncludePrompts(log.includePrompts);
    }
    // Life-cycle lines go to the file only: stderr is the programs' own.
    applog::fileOnly(applog::Level::Info,
                     QStringLiteral("latent: %1 %2 started (pid %3, Qt %4, %5); log level %6")
                         .arg(options.program, AppInfo::version())
                         .arg(QCoreApplication::applicationPid())
                         .arg(QLatin1String(qVersion()), QSysInfo::prettyProductName(), applog::levelName(log.level)));
    if (upgrade.upgraded)
        applog::fileOnly(applog::Level::Info, QStringLiteral("latent: settings file upgraded from version %1 to %2")
                                                  .arg(upgrade.foundVersion)
                                                  .arg(upgrade.version));
    if (!upgrade.message.isEmpty()) Notices::instance()->post(upgrade.message);

    if (options.crashGuard) {
        for (const UnexpectedEnd& end : CrashGuard::takePreviousEnds(options.program)) {
            const QString line =
                QStringLiteral("latent: an earlier run (pid %1, started %2) ended unexpectedly: %3%4")
                    .arg(end.pid)
                    .arg(end.started.toString(Qt::ISODate),
                         end.cause.isEmpty() ? QStringLiteral("no cause recorded (killed or power loss)") : end.cause,
                         end.details.isEmpty() ? QString() : QLatin1Char('\n') + end.details);
            if (options.previousEndsAsNotices)
                qWarning("%s", qPrintable(line));
            else
                applog::fileOnly(applog::Level::Warning, line); // the CLI's stderr is for its own output
            if (options.previousEndsAsNotices) Notices::instance()->post(end.describe());
        }
        CrashGuard::arm(options.program);
    }
}

AppStartup::~AppStartup() {
    applog::fileOnly(applog::Level::Info, QStringLiteral("latent: %1 exits normally").arg(options_.program));
    if (options_.crashGuard) CrashGuard::disarm();
}

} // namespace latent
