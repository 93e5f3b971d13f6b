#include "ui/widgets/file_revealer.h"

#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusReply>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QUrl>

namespace latent {

namespace {
// A file manager that is activatable but slow to start still gets this long.
constexpr int kCallTimeoutMs = 10000;
} // namespace

FileRevealer::FileRevealer(QObject* parent) : QObject(parent), bus_(QString()) {}

FileRevealer::FileRevealer(const QDBusConnection& bus, QObject* parent)
    : QObject(parent), bus_(bus), customBus_(true) {}

void FileRevealer::setBus(const QDBusConnection& bus) {
    bus_ = bus;
    customBus_ = true;
}

QDBusConnection FileRevealer::bus() const {
    // The session bus only when asked for (a dock that never shows a folder never connects).
    return customBus_ ? bus_ : QDBusConnection::sessionBus();
}

bool FileRevealer::hasFileManager(const QDBusConnection& bus) {
    if (!bus.isConnected() || !bus.interface()) return false;
    const QString service = QLatin1String(kService);
    const QDBusReply<bool> running = bus.interface()->isServiceRegistered(service);
    if (running.isValid() && running.value()) return true;
    const QDBusReply<QStringList> activatable = bus.interface()->activatableServiceNames();
    return activatable.isValid() && activatable.value().contains(service);
}

FileRevealer::Method FileRevealer::method() const {
    return hasFileManager(bus()) ? Method::ShowItems : Method::OpenFolder;
}

bool FileRevealer::openFolder(const QString& path) {
    const QString folder = QFileInfo(path).absolutePath();
    if (QDesktopServices::openUrl(QUrl::fromLocalFile(folder))) {
        Q_EMIT revealed(path, Method::OpenFolder);
        return true;
    }
    lastError_ =
        tr("Could not open the folder %1: no file manager is available.").arg(QDir::toNativeSeparators(folder));
    Q_EMIT failed(path, lastError_);
    return false;
}

bool FileRevealer::reveal(const QString& path) {
    lastError_.clear();
    const QFileInfo file(path);
    if (!file.exists()) {
        lastError_ = tr("%1 does not exist any more.").arg(QDir::toNativeSeparators(path));
        Q_EMIT failed(path, lastError_);
        return false;
    }
    const QDBusConnection connection = bus();
    if (!hasFileManager(connection)) return openFolder(path);

    // ShowItems(as uris, s startup_id): file:// URIs, percent-encoded.
    QDBusMessage call = QDBusMessage::createMethodCall(QLatin1String(kService), QLatin1String(kPath),
                                                       QLatin1String(kInterface), QStringLiteral("ShowItems"));
    call << QStringList{QString::fromUtf8(QUrl::fromLocalFile(file.absoluteFilePath()).toEncoded())} << QString();
    auto* watcher = new QDBusPendingCallWatcher(connection.asyncCall(call, kCallTimeoutMs), this);
    const QString absolute = file.absoluteFilePath();
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, absolute] {
        watcher->deleteLater();
        if (!watcher->isError()) {
            Q_EMIT revealed(absolute, Method::ShowItems);
            return;
        }
        // The file manager refused or could not be started: the folder at least.
        qInfo("latent: FileManager1.ShowItems failed (%s), opening the folder instead",
              qPrintable(watcher->error().message()));
        openFolder(absolute);
    });
    return true;
}

} // namespace latent
