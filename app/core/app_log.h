// The program's log: every qDebug/qInfo/qWarning/qCritical/qFatal (and qC* with a category)
// goes to a rotating file in the app-data folder, AppData/logs/<program>.log, and on to stderr.
//
//   - Levels: debug, info, warning, error; below the chosen level nothing is written
//     (settings::LogLevel, or $LATENT_LOG_LEVEL for one run). Default: info.
//   - Rotation: when the file would pass maxBytes it becomes <program>.log.1 (the older ones
//     move up to .log.<keepFiles>, the oldest is deleted) and a new file starts.
//   - Redaction, always: tokens (registered secrets, Bearer …, token=…, hf_…), as
//     redactSecrets() does. Prompts: our code never logs a prompt's text except through
//     promptForLog(), which writes only its length unless settings::LogPrompts is on; the
//     prompts of running jobs are also registered (rememberPrompt) and cut out of every line
//     that would contain them.
//   - Each line goes to the file with one write(2) (O_APPEND), so a crash or kill -9 loses at
//     most the line being formatted, and lines of two processes never interleave.
//
// Line format: 2026-12-07T10:42:01.123Z INFO  [1234] category: message
#pragma once

#include <QString>
#include <QStringList>

namespace latent::applog {

enum class Level { Debug = 0, Info = 1, Warning = 2, Error = 3 };
// "debug", "info", "warning", "error"; unknown names -> fallback.
Level levelFromName(const QString& name, Level fallback = Level::Info);
QString levelName(Level level);

struct Options {
    QString folder; // created if needed; empty = defaultFolder()
    QString program = QStringLiteral("latentstudio");
    qint64 maxBytes = 2 * 1024 * 1024;
    int keepFiles = 5; // rotated files kept besides the current one
    Level level = Level::Info;
    bool includePrompts = false;
    bool echoToStderr = true; // also print (as Qt's default handler would)
};

// AppDataLocation + "/logs".
QString defaultFolder();

// Installs the message handler (replacing Qt's). Returns false (and keeps logging to stderr
// only) when the folder or file cannot be created; *error says why.
bool install(const Options& options, QString* error = nullptr);
// Restores Qt's default handler and closes the file.
void uninstall();
bool isInstalled();

QString currentFile(); // the file being written ("" when not installed)
QString folder();
void setLevel(Level level);
Level level();
void setIncludePrompts(bool include);
bool includePrompts();

// For a log line about a prompt: the text itself when prompts are included, else
// "[prompt hidden, N characters]".
QString promptForLog(const QString& prompt);
// Registers a prompt (of a job about to run) so that lines containing it get
// "[prompt hidden]" in its place unless prompts are included. Keeps the last 32 (texts of at
// least 4 characters).
void rememberPrompt(const QString& prompt);

// Writes `message` to the log file only (not to stderr), at `level`.
void fileOnly(Level level, const QString& message);

// What a log line would contain for `message` (tokens and remembered prompts removed).
QString redact(const QString& message);

// The last `count` lines of this program's log, oldest first (reads the current file and, if
// it is short, the previous one). Works without install() when `folder`/`program` are given.
QStringList lastLines(int count, const QString& folder = {}, const QString& program = {});

} // namespace latent::applog
