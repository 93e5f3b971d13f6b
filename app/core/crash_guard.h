// Notices that a run of the program ended without quitting, and tells the user on the next start.
//
//   arm()       at start: writes AppData/logs/<program>.running-<pid> (program, version, start
//               time and the process's kernel start tick, so a reused pid is not mistaken for
//               it) and installs handlers for SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT and
//               std::terminate that append what happened (signal, exception text, a backtrace)
//               to that file with async-signal-safe calls, then let the process die as it
//               would have. SIGTERM, SIGINT and SIGHUP remove the file (a normal way to stop).
//   disarm()    at a normal exit: removes the file.
//   takePreviousEnds()  at the next start: every marker whose process is gone is a run that
//               ended unexpectedly (a crash, kill -9, power loss); returns one note per run
//               and moves the markers to AppData/logs/ended/ (the last 20 are kept), so each
//               note is shown once.
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace latent {

struct UnexpectedEnd {
    QString program;
    QString version;
    qint64 pid = 0;
    QDateTime started;  // UTC
    QDateTime lastSeen; // marker's modification time (UTC): about when it ended, or earlier
    QString cause;      // "signal 11 (SIGSEGV)", "uncaught exception: ..."; empty = unknown
                        // (killed, power loss, or the handler itself could not run)
    QString details;    // backtrace lines written by the handler (may be empty)
    QString notePath;   // the moved marker file in logs/ended/

    // Translated text for the user: when, what is known, where the log is.
    QString describe() const;
};

class CrashGuard {
public:
    // `folder` empty = applog::defaultFolder(). Only the first call in a process arms.
    static bool arm(const QString& program, const QString& folder = {});
    static void disarm();
    static bool isArmed();
    static QString markerPath();

    // Runs of `program` (any version) that ended unexpectedly, oldest first. Never the
    // current process; markers of processes still running are left alone.
    static QList<UnexpectedEnd> takePreviousEnds(const QString& program, const QString& folder = {});
};

} // namespace latent
