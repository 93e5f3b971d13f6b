// Runs the built latentstudio-cli as a separate process for the CLI tests: exit code (-1 on a
// crash or timeout), stdout and stderr.
#pragma once

#include <QByteArray>
#include <QDir>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace latent::test {

inline const QString kCli = QStringLiteral(LATENT_TEST_BIN_DIR "/latentstudio-cli");

struct CliRun {
    int exitCode = -1;
    QByteArray out, err;
};

inline CliRun runCli(const QStringList& args, const QString& workingDir = {}, int timeoutMs = 300000) {
    QProcess p;
    if (!workingDir.isEmpty()) p.setWorkingDirectory(workingDir);
    p.start(kCli, args);
    CliRun r;
    if (!p.waitForFinished(timeoutMs)) return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// An infotext without its trailing ", Version: ..." (our program version, not A1111's).
inline QString withoutVersion(const QString& infotext) {
    return infotext.left(infotext.lastIndexOf(QStringLiteral(", Version: ")));
}

// Every entry of `dir` (hidden ones too), sorted: to prove a failing command wrote nothing.
inline QStringList listing(const QString& dir) {
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

} // namespace latent::test
