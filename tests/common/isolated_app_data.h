// Test isolation for the app's data folders. QStandardPaths' test mode puts AppDataLocation,
// CacheLocation and the config folder under $HOME/.qttest/, which every run of every test
// executable shares: a gallery index, thumbnails, the model library or downloads state left by an
// earlier run would show up in the next (in the README screenshots, too). Call
// latent::test::isolateAppData() from the test class's public `static void initMain()`, which
// QTEST_MAIN runs before it creates the QApplication: HOME and the XDG base folders then point
// into a fresh temporary folder, removed when the process ends, and test mode is switched on.
#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QString>
#include <QTemporaryDir>

#include <cstdio>
#include <cstdlib>

namespace latent::test {

inline QString isolateAppData() {
    static QTemporaryDir home(QDir::tempPath() + QStringLiteral("/latent-test-home-XXXXXX"));
    if (!home.isValid()) {
        std::fprintf(stderr, "cannot create a temporary home folder: %s\n", qPrintable(home.errorString()));
        std::exit(EXIT_FAILURE);
    }
    const QByteArray root = QFile::encodeName(home.path());
    // Test mode derives its folders from HOME; the XDG variables cover anything that reads them.
    qputenv("HOME", root);
    qputenv("XDG_DATA_HOME", root + "/.local/share");
    qputenv("XDG_CONFIG_HOME", root + "/.config");
    qputenv("XDG_CACHE_HOME", root + "/.cache");
    qputenv("XDG_STATE_HOME", root + "/.local/state");
    QStandardPaths::setTestModeEnabled(true);
    return home.path();
}

// The temporary home of this run (after isolateAppData()).
inline bool appDataIsIsolated() {
    return QDir::homePath().contains(QStringLiteral("latent-test-home-")) && QStandardPaths::isTestModeEnabled();
}

} // namespace latent::test
