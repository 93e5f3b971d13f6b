#include "app/core/app_info.h"

#include <QCoreApplication>

namespace latent {

QString AppInfo::productName() { return QStringLiteral("Latent Studio"); }
QString AppInfo::version() { return QStringLiteral(LATENT_VERSION); }
QString AppInfo::organization() { return QStringLiteral("LatentStudio"); }

void AppInfo::applyToApplication() {
    QCoreApplication::setOrganizationName(organization());
    QCoreApplication::setApplicationName(QStringLiteral("latentstudio"));
    QCoreApplication::setApplicationVersion(version());
}

} // namespace latent
