#include "app/core/settings_schema.h"

#include "app/core/settings.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSettings>

#include <memory>

namespace latent {

namespace {

// 0 -> 1: library/roots from one ';'-separated string to a list (a single root that exists
// as a path with ';' in its name stays whole, as ModelLibrary::rootsFromSettings reads it).
void upgradeTo1(QSettings& s) {
    const QString key = QLatin1String(settings::ModelRoots.name);
    const QVariant v = s.value(key);
    if (!v.isValid()) return;
    QStringList roots;
    for (const QString& item : v.toStringList()) {
        const QStringList parts = item.contains(QLatin1Char(';')) && !QFileInfo::exists(item)
                                      ? item.split(QLatin1Char(';'), Qt::SkipEmptyParts)
                                      : QStringList{item};
        for (const QString& p : parts)
            if (!p.trimmed().isEmpty() && !roots.contains(p.trimmed())) roots << p.trimmed();
    }
    s.setValue(key, roots);
}

} // namespace

SettingsUpgrade upgradeSettings(QSettings* given) {
    std::unique_ptr<QSettings> own;
    QSettings& s = given ? *given : *(own = std::make_unique<QSettings>());
    SettingsUpgrade r;
    const QString versionKey = QLatin1String(settings::SchemaVersion.name);
    r.foundVersion = s.value(versionKey, 0).toInt();
    r.version = r.foundVersion;
    if (r.foundVersion > kSettingsSchemaVersion) {
        Settings::setReadOnly(true);
        r.readOnly = true;
        r.message =
            QCoreApplication::translate(
                "Settings", "The settings file %1 was written by a newer version of Latent Studio (settings version "
                            "%2; this version knows up to %3). It is used as it is but not changed: settings you "
                            "change now are not saved.")
                .arg(s.fileName())
                .arg(r.foundVersion)
                .arg(kSettingsSchemaVersion);
        return r;
    }
    if (r.foundVersion == kSettingsSchemaVersion) return r;
    // No settings yet: nothing to upgrade, and no file is created just for the stamp (the
    // steps are safe to run again on a file written by this version before it was stamped).
    if (s.allKeys().isEmpty()) {
        r.version = kSettingsSchemaVersion;
        return r;
    }
    if (r.foundVersion < 1) upgradeTo1(s);
    s.setValue(versionKey, kSettingsSchemaVersion);
    s.sync();
    if (s.status() != QSettings::NoError) {
        r.message =
            QCoreApplication::translate("Settings", "The settings file %1 could not be upgraded (is the disk full or "
                                                    "the file read-only?). Settings changed now may not be saved.")
                .arg(s.fileName());
        return r;
    }
    r.version = kSettingsSchemaVersion;
    r.upgraded = r.foundVersion != r.version;
    return r;
}

} // namespace latent
