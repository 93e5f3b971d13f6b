// "Show in folder": selects a file in the desktop's file manager through the freedesktop
// org.freedesktop.FileManager1.ShowItems D-Bus call (Nautilus, Dolphin, Nemo, Caja, Thunar, ...)
// when the session bus has that service (running or activatable); otherwise, or when the call
// fails, it opens the containing folder with QDesktopServices. The D-Bus call is asynchronous,
// so a slow or hung file manager never blocks the GUI thread.
#pragma once

#include <QDBusConnection>
#include <QObject>
#include <QString>

namespace latent {

class FileRevealer : public QObject {
    Q_OBJECT
public:
    enum class Method { ShowItems, OpenFolder };
    Q_ENUM(Method)

    static constexpr const char* kService = "org.freedesktop.FileManager1";
    static constexpr const char* kPath = "/org/freedesktop/FileManager1";
    static constexpr const char* kInterface = "org.freedesktop.FileManager1";

    // Uses the session bus.
    explicit FileRevealer(QObject* parent = nullptr);
    // Another bus (tests: a private dbus-daemon).
    explicit FileRevealer(const QDBusConnection& bus, QObject* parent = nullptr);

    void setBus(const QDBusConnection& bus);
    QDBusConnection bus() const;

    // What reveal() would do now: ShowItems when the bus is connected and FileManager1 is
    // registered or activatable on it, else OpenFolder.
    Method method() const;
    static bool hasFileManager(const QDBusConnection& bus);

    // Shows `path` (an existing file): selects it in the file manager, or opens its folder.
    // Returns false (with lastError()) when the file is missing or nothing could be started.
    bool reveal(const QString& path);
    QString lastError() const { return lastError_; }

Q_SIGNALS:
    // The file manager accepted the request, or the folder was opened (after a failed D-Bus call
    // too); `method` says which.
    void revealed(const QString& path, latent::FileRevealer::Method method);
    // Neither worked (e.g. no file manager and no folder handler); `error` is for the user.
    void failed(const QString& path, const QString& error);

private:
    bool openFolder(const QString& path);

    QDBusConnection bus_;
    bool customBus_ = false;
    QString lastError_;
};

} // namespace latent
