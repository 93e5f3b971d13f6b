#pragma once

#include <QString>

namespace latent {

// Product identity used for QSettings, QStandardPaths and --version.
struct AppInfo {
    static QString productName();   // "Latent Studio"
    static QString version();       // e.g. "0.1.0"
    static QString organization();  // settings organisation
    static void applyToApplication();  // sets QCoreApplication name/org/version
};

} // namespace latent
