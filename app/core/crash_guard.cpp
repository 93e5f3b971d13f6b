#include "app/core/crash_guard.h"

#include "app/core/app_info.h"
#include "app/core/app_log.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QTextStream>

#include <algorithm>
#include <csignal>
#include <cstring>
#include <exception>

#include <execinfo.h>
#include <fcntl.h>
#include <unistd.h>

namespace latent {

namespace {

// Everything the signal handlers touch is prepared before they can run.
char g_marker[4096] = {0};
bool g_armed = false;
QString g_markerPath;
std::terminate_handler g_previousTerminate = nullptr;

constexpr int kFatalSignals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};
constexpr int kStopSignals[] = {SIGTERM, SIGINT, SIGHUP};

void writeAll(int fd, const char* text, size_t n) {
    while (n > 0) {
        const ssize_t w = ::write(fd, text, n);
        if (w <= 0) return;
        text += w;
        n -= size_t(w);
    }
}
void writeText(int fd, const char* text) {
    writeAll(fd, text, std::strlen(text));
}

void writeNumber(int fd, long value) {
    char buf[24];
    int i = sizeof buf;
    bool negative = value < 0;
    unsigned long v = negative ? static_cast<unsigned long>(-value) : static_cast<unsigned long>(value);
    do {
        buf[--i] = char('0' + v % 10);
        v /= 10;
    } while (v && i > 1);
    if (negative) buf[--i] = '-';
    writeAll(fd, buf + i, sizeof buf - size_t(i));
}

const char* signalName(int sig) {
    switch (sig) {
    case SIGSEGV:
        return "SIGSEGV";
    case SIGBUS:
        return "SIGBUS";
    case SIGILL:
        return "SIGILL";
    case SIGFPE:
        return "SIGFPE";
    case SIGABRT:
        return "SIGABRT";
    default:
        return "?";
    }
}

void fatalSignal(int sig) {
    // Async-signal-safe only: open, write, close, backtrace_symbols_fd (glibc: safe once
    // backtrace() was called before, see arm()).
    const int fd = ::open(g_marker, O_WRONLY | O_APPEND | O_CLOEXEC);
    if (fd >= 0) {
        writeText(fd, "cause=signal ");
        writeNumber(fd, sig);
        writeText(fd, " (");
        writeText(fd, signalName(sig));
        writeText(fd, ")\nbacktrace:\n");
        void* frames[64];
        const int n = ::backtrace(frames, 64);
        ::backtrace_symbols_fd(frames, n, fd);
        ::close(fd);
    }
    std::signal(sig, SIG_DFL);
    ::raise(sig);
}

void stopSignal(int sig) {
    ::unlink(g_marker); // a normal way to stop: not a crash
    std::signal(sig, SIG_DFL);
    ::raise(sig);
}

void onTerminate() {
    const int fd = ::open(g_marker, O_WRONLY | O_APPEND | O_CLOEXEC);
    if (fd >= 0) {
        writeText(fd, "cause=uncaught exception: ");
        if (std::exception_ptr e = std::current_exception()) {
            try {
                std::rethrow_exception(e);
            } catch (const std::exception& ex) {
                writeText(fd, ex.what());
            } catch (...) {
                writeText(fd, "(not a std::exception)");
            }
        } else {
            writeText(fd, "std::terminate called");
        }
        writeText(fd, "\n");
        ::close(fd);
    }
    if (g_previousTerminate) g_previousTerminate();
    std::abort();
}

// Field 22 of /proc/<pid>/stat: the process's start time in clock ticks since boot.
QString processStartTick(qint64 pid) {
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly)) return {};
    const QByteArray stat = f.readAll();
    const int close = stat.lastIndexOf(')'); // the command name may contain spaces
    if (close < 0) return {};
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    // fields[0] is field 3 (state); field 22 is fields[19].
    return fields.size() > 19 ? QString::fromLatin1(fields.at(19)) : QString();
}

QString folderOr(const QString& folder) {
    return folder.isEmpty() ? applog::defaultFolder() : folder;
}

} // namespace

QString UnexpectedEnd::describe() const {
    QString text =
        QCoreApplication::translate("CrashGuard", "%1 %2 did not quit normally the last time it ran (started %3).")
            .arg(program, version, QLocale().toString(started.toLocalTime(), QLocale::ShortFormat));
    text += QLatin1Char(' ');
    if (cause.isEmpty())
        text += QCoreApplication::translate("CrashGuard",
                                            "It was stopped from outside (for example killed, or the computer "
                                            "lost power) or crashed before it could say why.");
    else
        text += QCoreApplication::translate("CrashGuard", "Cause: %1.").arg(cause);
    text += QLatin1Char(' ');
    text += QCoreApplication::translate("CrashGuard",
                                        "Images that were reported saved are on disk; a job that was running is "
                                        "marked \"interrupted\" in the queue. Help ▸ Report a problem collects the "
                                        "details.");
    return text;
}

bool CrashGuard::arm(const QString& program, const QString& folderIn) {
    if (g_armed) return true;
    const QString dir = folderOr(folderIn);
    if (!QDir().mkpath(dir)) return false;
    const qint64 pid = QCoreApplication::applicationPid();
    const QString path = QDir(dir).filePath(QStringLiteral("%1.running-%2").arg(program).arg(pid));
    const QByteArray local = QFile::encodeName(path);
    if (size_t(local.size()) >= sizeof g_marker) return false;
    {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
        QTextStream out(&f);
        out << "program=" << program << '\n'
            << "version=" << AppInfo::version() << '\n'
            << "pid=" << pid << '\n'
            << "start_tick=" << processStartTick(pid) << '\n'
            << "started=" << QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) << '\n';
    }
    std::memcpy(g_marker, local.constData(), size_t(local.size()) + 1);
    g_markerPath = path;
    // glibc loads libgcc for backtrace() lazily (malloc): do it now, not in the handler.
    void* warm[2];
    ::backtrace(warm, 2);
    struct sigaction sa {};
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND | SA_NODEFER;
    sa.sa_handler = fatalSignal;
    for (int sig : kFatalSignals) ::sigaction(sig, &sa, nullptr);
    struct sigaction stop {};
    sigemptyset(&stop.sa_mask);
    stop.sa_handler = stopSignal;
    for (int sig : kStopSignals) {
        struct sigaction old {};
        ::sigaction(sig, nullptr, &old);
        if (old.sa_handler == SIG_DFL) ::sigaction(sig, &stop, nullptr); // leave an ignored SIGHUP alone
    }
    g_previousTerminate = std::set_terminate(onTerminate);
    g_armed = true;
    return true;
}

void CrashGuard::disarm() {
    if (!g_armed) return;
    ::unlink(g_marker);
    g_armed = false;
}

bool CrashGuard::isArmed() {
    return g_armed;
}
QString CrashGuard::markerPath() {
    return g_markerPath;
}

QList<UnexpectedEnd> CrashGuard::takePreviousEnds(const QString& program, const QString& folderIn) {
    QList<UnexpectedEnd> ends;
    const QDir dir(folderOr(folderIn));
    const QString prefix = program + QStringLiteral(".running-");
    const qint64 self = QCoreApplication::applicationPid();
    for (const QFileInfo& fi :
         dir.entryInfoList({prefix + QLatin1Char('*')}, QDir::Files, QDir::Time | QDir::Reversed)) {
        bool ok = false;
        const qint64 pid = fi.fileName().mid(prefix.size()).toLongLong(&ok);
        if (!ok || pid <= 0 || pid == self) continue;
        QFile f(fi.absoluteFilePath());
        if (!f.open(QIODevice::ReadOnly)) continue;
        const QString text = QString::fromUtf8(f.read(256 * 1024));
        f.close();
        UnexpectedEnd e;
        e.pid = pid;
        QString tick;
        QStringList backtrace;
        bool inBacktrace = false;
        for (const QString& line : text.split(QLatin1Char('\n'))) {
            if (inBacktrace) {
                if (!line.isEmpty()) backtrace << line;
                continue;
            }
            const int eq = line.indexOf(QLatin1Char('='));
            const QString key = eq > 0 ? line.left(eq) : line.trimmed();
            const QString value = eq > 0 ? line.mid(eq + 1) : QString();
            if (key == QLatin1String("program"))
                e.program = value;
            else if (key == QLatin1String("version"))
                e.version = value;
            else if (key == QLatin1String("start_tick"))
                tick = value;
            else if (key == QLatin1String("started"))
                e.started = QDateTime::fromString(value, Qt::ISODateWithMs);
            else if (key == QLatin1String("cause") && e.cause.isEmpty())
                e.cause = value; // the first: an
            // uncaught exception ends in abort(), whose SIGABRT is recorded after it
            else if (key == QLatin1String("backtrace:"))
                inBacktrace = true;
        }
        // Still running (the same process, not a reused pid): not ended.
        const QString liveTick = processStartTick(pid);
        if (!liveTick.isEmpty() && (tick.isEmpty() || liveTick == tick)) continue;
        if (e.program.isEmpty()) e.program = program;
        e.details = backtrace.join(QLatin1Char('\n'));
        e.lastSeen = fi.lastModified().toUTC();
        const QString endedDir = dir.filePath(QStringLiteral("ended"));
        QDir().mkpath(endedDir);
        const QString moved = QDir(endedDir).filePath(fi.fileName() + QLatin1Char('-') +
                                                      QString::number(fi.lastModified().toSecsSinceEpoch()));
        QFile::remove(moved);
        e.notePath = QFile::rename(fi.absoluteFilePath(), moved) ? moved : QString();
        if (e.notePath.isEmpty()) QFile::remove(fi.absoluteFilePath()); // shown once, whatever happens
        ends << e;
    }
    // Keep the last 20 notes.
    QDir ended(dir.filePath(QStringLiteral("ended")));
    const QFileInfoList old = ended.entryInfoList(QDir::Files, QDir::Time);
    for (int i = 20; i < old.size(); ++i) QFile::remove(old.at(i).absoluteFilePath());
    return ends;
}

} // namespace latent
