// The settings file's version (settings::SchemaVersion, "meta/schemaVersion"; absent = 0, the
// releases before versioning) and its forward upgrades. upgradeSettings() runs once at start,
// before anything reads a setting:
//   - an older file is upgraded step by step and written back (QSettings writes atomically);
//   - a file written by a newer version is left alone: Settings::setReadOnly(true) makes every
//     write of this run a no-op, and the result carries a message for the user.
// Version 1: library/roots is a list (version 0 builds stored one ';'-separated string).
// Every step must give the same result when run again on a file it already upgraded (a file
// first written by this version carries no stamp until the next start).
#pragma once

#include <QString>

class QSettings;

namespace latent {

inline constexpr int kSettingsSchemaVersion = 1;

struct SettingsUpgrade {
    int foundVersion = 0;
    int version = 0;
    bool upgraded = false;
    bool readOnly = false;
    QString message; // for the user when readOnly, or when the upgrade could not be saved
};

// Upgrades `settings` (the application's default QSettings when null).
SettingsUpgrade upgradeSettings(QSettings* settings = nullptr);

} // namespace latent
