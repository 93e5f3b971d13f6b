#include "app/core/app_log.h"

#include "app/downloads/download_safety.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QStandardPaths>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <deque>
#include <mutex>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace latent::applog {

namespace {

struct State {
    std::mutex mutex; // guards everything below (file, rotation, prompts)
    bool installed = false;
    Options options;
    QByteArray path; // <folder>/<program>.log (local 8-bit)
    int fd = -1;
    std::deque<QString> prompts;
    QtMessageHandler previous = nullptr;
};

State& state() {
    static State* s = new State; // never destroyed: the handler may run during static destruction
    return *s;
}

std::atomic<int> g_level{int(Level::Info)};
std::atomic<bool> g_includePrompts{false};
thread_local bool t_inHandler = false;
thread_local bool t_fileOnly = false;

QString rotatedName(const QString& base, int i) {
    return i == 0 ? base : base + QLatin1Char('.') + QString::number(i);
}

int openLog(const QByteArray& path) {
    return ::open(path.constData(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
}

// With the mutex held. Another process of the same program may have rotated the file: follow it.
void reopenIfMoved(State& s) {
    struct stat onDisk {
    }, ours{};
    if (s.fd >= 0 && ::fstat(s.fd, &ours) == 0 && ::stat(s.path.constData(), &onDisk) == 0 &&
        onDisk.st_ino == ours.st_ino && onDisk.st_dev == ours.st_dev)
        return;
    if (s.fd >= 0) ::close(s.fd);
    s.fd = openLog(s.path);
}

// With the mutex held: rotate when `incoming` more bytes would pass maxBytes.
void rotateIfNeeded(State& s, qint64 incoming) {
    struct stat st {};
    if (s.fd < 0 || ::fstat(s.fd, &st) != 0) return;
    if (st.st_size == 0 || st.st_size + incoming <= s.options.maxBytes) return;
    const QString base = QFile::decodeName(s.path);
    const int keep = std::max(0, s.options.keepFiles);
    ::unlink(QFile::encodeName(rotatedName(base, keep)).constData());
    for (int i = keep - 1; i >= 0; --i)
        ::rename(QFile::encodeName(rotatedName(base, i)).constData(),
                 QFile::encodeName(rotatedName(base, i + 1)).constData());
    if (keep == 0) ::unlink(s.path.constData());
    ::close(s.fd);
    s.fd = openLog(s.path);
}

QString scrubPrompts(QString text, const std::deque<QString>& prompts) {
    for (auto it = prompts.rbegin(); it != prompts.rend(); ++it)
        if (text.contains(*it)) text.replace(*it, QStringLiteral("[prompt hidden]"));
    return text;
}

QString redactLocked(State& s, const QString& message) {
    QString text = redactSecrets(message);
    if (!g_includePrompts.load()) text = scrubPrompts(text, s.prompts);
    return text;
}

Level levelOf(QtMsgType type) {
    switch (type) {
    case QtDebugMsg:
        return Level::Debug;
    case QtInfoMsg:
        return Level::Info;
    case QtWarningMsg:
        return Level::Warning;
    case QtCriticalMsg:
    case QtFatalMsg:
        return Level::Error;
    }
    return Level::Info;
}

void handler(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    if (t_inHandler) { // something below logged: never recurse, never deadlock
        std::fprintf(stderr, "%s\n", message.toLocal8Bit().constData());
        return;
    }
    t_inHandler = true;
    const Level lv = levelOf(type);
    State& s = state();
    if (type == QtFatalMsg || int(lv) >= g_level.load()) {
        QByteArray line;
        QString text;
        {
            std::lock_guard<std::mutex> lock(s.mutex);
            text = redactLocked(s, message);
            const char* category =
                context.category && std::strcmp(context.category, "default") != 0 ? context.category : nullptr;
            QString body = text;
            body.replace(QLatin1Char('\n'), QStringLiteral("\n    ")); // continuation lines indented
            line = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8() + ' ' +
                   levelName(lv).toUpper().leftJustified(7).toUtf8() + '[' + QByteArray::number(::getpid()) + "] " +
                   (category ? QByteArray(category) + ": " : QByteArray()) + body.toUtf8() + '\n';
            if (s.installed) {
                reopenIfMoved(s);
                rotateIfNeeded(s, line.size());
                if (s.fd >= 0) {
                    const char* p = line.constData();
                    qsizetype left = line.size();
                    while (left > 0) {
                        const ssize_t n = ::write(s.fd, p, size_t(left));
                        if (n <= 0) break; // disk full: the line is lost, the program goes on
                        p += n;
                        left -= n;
                    }
                }
            }
        }
        if (!t_fileOnly && (!s.installed || s.options.echoToStderr))
            std::fprintf(stderr, "%s\n", text.toLocal8Bit().constData());
    }
    t_inHandler = false;
}

} // namespace

Level levelFromName(const QString& name, Level fallback) {
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("debug")) return Level::Debug;
    if (n == QLatin1String("info")) return Level::Info;
    if (n == QLatin1String("warning") || n == QLatin1String("warn")) return Level::Warning;
    if (n == QLatin1String("error") || n == QLatin1String("critical")) return Level::Error;
    return fallback;
}

QString levelName(Level level) {
    switch (level) {
    case Level::Debug:
        return QStringLiteral("debug");
    case Level::Info:
        return QStringLiteral("info");
    case Level::Warning:
        return QStringLiteral("warning");
    case Level::Error:
        return QStringLiteral("error");
    }
    return QStringLiteral("info");
}

QString defaultFolder() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/logs");
}

bool install(const Options& options, QString* error) {
    State& s = state();
    Options o = options;
    if (o.folder.isEmpty()) o.folder = defaultFolder();
    if (o.program.isEmpty()) o.program = QStringLiteral("latentstudio");
    o.maxBytes = std::max<qint64>(4096, o.maxBytes);
    setLevel(o.level);
    setIncludePrompts(o.includePrompts);
    const bool madeFolder = QDir().mkpath(o.folder);
    const QByteArray path = QFile::encodeName(QDir(o.folder).filePath(o.program + QStringLiteral(".log")));
    std::lock_guard<std::mutex> lock(s.mutex);
    if (s.fd >= 0) ::close(s.fd);
    s.options = o;
    s.path = path;
    s.fd = madeFolder ? openLog(path) : -1;
    if (!s.installed) s.previous = qInstallMessageHandler(handler);
    s.installed = true;
    if (s.fd < 0) {
        if (error)
            *error = QStringLiteral("The log file %1 could not be opened; logging to the terminal only.")
                         .arg(QFile::decodeName(path));
        return false;
    }
    return true;
}

void uninstall() {
    State& s = state();
    std::lock_guard<std::mutex> lock(s.mutex);
    if (!s.installed) return;
    qInstallMessageHandler(s.previous);
    s.installed = false;
    if (s.fd >= 0) ::close(s.fd);
    s.fd = -1;
    s.path.clear();
}

bool isInstalled() {
    State& s = state();
    std::lock_guard<std::mutex> lock(s.mutex);
    return s.installed;
}

QString currentFile() {
    State& s = state();
    std::lock_guard<std::mutex> lock(s.mutex);
    return s.installed ? QFile::decodeName(s.path) : QString();
}

QString folder() {
    State& s = state();
    std::lock_guard<std::mutex> lock(s.mutex);
    return s.installed ? s.options.folder : defaultFolder();
}

void setLevel(Level level) {
    g_level.store(int(level));
}
Level level() {
    return Level(g_level.load());
}
void setIncludePrompts(bool include) {
    g_includePrompts.store(include);
}
bool includePrompts() {
    return g_includePrompts.load();
}

void fileOnly(Level level, const QString& message) {
    // Without a log file (help, --version, the converter child) there is nowhere for these lines:
    // stderr belongs to the program's own output.
    if (!isInstalled()) return;
    t_fileOnly = true;
    switch (level) {
    case Level::Debug:
        qDebug("%s", qPrintable(message));
        break;
    case Level::Info:
        qInfo("%s", qPrintable(message));
        break;
    case Level::Warning:
        qWarning("%s", qPrintable(message));
        break;
    case Level::Error:
        qCritical("%s", qPrintable(message));
        break;
    }
    t_fileOnly = false;
}

QString promptForLog(const QString& prompt) {
    if (includePrompts()) return prompt;
    return QStringLiteral("[prompt hidden, %1 characters]").arg(prompt.size());
}

void rememberPrompt(const QString& prompt) {
    if (prompt.trimmed().size() < 4) return;
    State& s = state();
    std::lock_guard<std::mutex> lock(s.mutex);
    if (std::find(s.prompts.begin(), s.prompts.end(), prompt) != s.prompts.end()) return;
    s.prompts.push_back(prompt);
    // Longer prompts first when scrubbing would be nicer, but the newest 32 are what matter.
    while (s.prompts.size() > 32) s.prompts.pop_front();
}

QString redact(const QString& message) {
    State& s = state();
    std::lock_guard<std::mutex> lock(s.mutex);
    return redactLocked(s, message);
}

QStringList lastLines(int count, const QString& folderIn, const QString& programIn) {
    QString base;
    {
        State& s = state();
        std::lock_guard<std::mutex> lock(s.mutex);
        if (!folderIn.isEmpty() || !programIn.isEmpty() || !s.installed) {
            const QString f = folderIn.isEmpty() ? defaultFolder() : folderIn;
            const QString p = programIn.isEmpty() ? QStringLiteral("latentstudio") : programIn;
            base = QDir(f).filePath(p + QStringLiteral(".log"));
        } else {
            base = QFile::decodeName(s.path);
        }
    }
    QStringList lines;
    constexpr qint64 kTailBytes = 256 * 1024;
    for (int i = 0; i <= 1 && lines.size() < count; ++i) {
        QFile f(rotatedName(base, i));
        if (!f.open(QIODevice::ReadOnly)) continue;
        const qint64 size = f.size();
        if (size > kTailBytes) f.seek(size - kTailBytes);
        QStringList part = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
        if (size > kTailBytes && !part.isEmpty()) part.removeFirst(); // cut mid-line
        if (!part.isEmpty() && part.constLast().isEmpty()) part.removeLast();
        lines = part + lines;
    }
    if (lines.size() > count) lines = lines.mid(lines.size() - count);
    return lines;
}

} // namespace latent::applog
