// Logs and problem reports (issue 20 item 5): the rotating log file (levels, rotation, whole
// lines, no tokens, no prompts unless enabled), the crash guard's note of a run that ended
// unexpectedly (a real SIGSEGV, an uncaught exception and kill -9 in child processes; SIGTERM and
// a normal exit leave none) and the problem report's redaction.
#include "app/core/app_log.h"
#include "app/core/crash_guard.h"
#include "app/core/problem_report.h"
#include "app/downloads/download_safety.h"

#include "common/isolated_app_data.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <cstdlib>
#include <stdexcept>
#include <thread>

#include <unistd.h>

using namespace latent;

namespace {

QString readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

const QRegularExpression& lineStart() {
    static const QRegularExpression re(
        QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (DEBUG|INFO|WARNING|ERROR) +\[\d+\] )"));
    return re;
}

// Child modes (the test re-runs its own executable): arm the guard in LATENT_CRASH_DIR, then end
// as asked.
int runChild(const char* mode) {
    const QString dir = qEnvironmentVariable("LATENT_CRASH_DIR");
    if (!CrashGuard::arm(QStringLiteral("crashchild"), dir)) return 3;
    std::fprintf(stdout, "armed\n");
    std::fflush(stdout);
    const std::string m = mode;
    if (m == "segv") {
        volatile int* p = nullptr;
        *p = 42; // a real invalid write
    } else if (m == "throw") {
        std::thread([] { throw std::runtime_error("boom from a worker thread"); }).join();
    } else if (m == "wait") {
        for (;;) ::pause(); // killed from outside
    } else if (m == "exit") {
        CrashGuard::disarm();
        return 0;
    }
    return 4;
}

struct ChildRun {
    QProcess process;
    bool start(const QString& dir, const char* mode) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LATENT_CRASH_CHILD"), QString::fromLatin1(mode));
        env.insert(QStringLiteral("LATENT_CRASH_DIR"), dir);
        env.insert(QStringLiteral("ASAN_OPTIONS"), QStringLiteral("handle_segv=0"));
        process.setProcessEnvironment(env);
        process.start(QCoreApplication::applicationFilePath(), {});
        return process.waitForStarted(10000) && process.waitForReadyRead(10000) &&
               process.readLine().trimmed() == "armed";
    }
};

} // namespace

class TestAppLog : public QObject {
    Q_OBJECT
public:
    static void initMain() { latent::test::isolateAppData(); }

private Q_SLOTS:
    void cleanup() {
        applog::uninstall();
        applog::setIncludePrompts(false);
    }

    void writesLevelsAndWholeLines() {
        QTemporaryDir dir;
        applog::Options o;
        o.folder = dir.filePath(QStringLiteral("logs"));
        o.program = QStringLiteral("t1");
        o.level = applog::Level::Info;
        o.echoToStderr = false;
        QVERIFY(applog::install(o));
        QCOMPARE(applog::currentFile(), dir.filePath(QStringLiteral("logs/t1.log")));
        qDebug("not written: below the level");
        qInfo("info line");
        qWarning("warning line\nwith a second line");
        qCritical("error line");
        applog::setLevel(applog::Level::Debug);
        qDebug("debug line now");
        const QString text = readAll(applog::currentFile());
        QVERIFY(!text.contains(QStringLiteral("not written")));
        const QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 5); // the continuation line is indented
        QVERIFY2(lineStart().match(lines[0]).hasMatch(), qPrintable(lines[0]));
        QVERIFY(lines[0].contains(QStringLiteral("INFO")) && lines[0].endsWith(QStringLiteral("info line")));
        QVERIFY(lines[1].contains(QStringLiteral("WARNING")));
        QCOMPARE(lines[2], QStringLiteral("    with a second line"));
        QVERIFY(lines[3].contains(QStringLiteral("ERROR")));
        QVERIFY(lines[4].contains(QStringLiteral("DEBUG")));
        QCOMPARE(QFile(applog::currentFile()).permissions() & (QFile::ReadOther | QFile::ReadGroup),
                 QFileDevice::Permissions());
        QCOMPARE(applog::lastLines(2).size(), 2);
        QVERIFY(applog::lastLines(2).constLast().endsWith(QStringLiteral("debug line now")));
    }

    void rotatesAndKeepsTheNewest() {
        QTemporaryDir dir;
        applog::Options o;
        o.folder = dir.path();
        o.program = QStringLiteral("rot");
        o.maxBytes = 8192;
        o.keepFiles = 2;
        o.echoToStderr = false;
        QVERIFY(applog::install(o));
        for (int i = 0; i < 600; ++i) qInfo("line %04d %s", i, QByteArray(40, 'x').constData());
        const QString base = dir.filePath(QStringLiteral("rot.log"));
        QVERIFY(QFile::exists(base));
        QVERIFY(QFile::exists(base + QStringLiteral(".1")));
        QVERIFY(QFile::exists(base + QStringLiteral(".2")));
        QVERIFY(!QFile::exists(base + QStringLiteral(".3")));
        int previous = -1;
        for (const QString& file : {base + QStringLiteral(".2"), base + QStringLiteral(".1"), base}) {
            QVERIFY(QFileInfo(file).size() <= o.maxBytes);
            // Whole lines, in order, continuing across the files.
            for (const QString& line : readAll(file).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
                QVERIFY2(lineStart().match(line).hasMatch(), qPrintable(line));
                const int n = QRegularExpression(QStringLiteral("line (\\d{4})")).match(line).captured(1).toInt();
                if (previous >= 0) QCOMPARE(n, previous + 1);
                previous = n;
            }
        }
        QCOMPARE(previous, 599);
        // lastLines reaches into the previous file when the current one is short.
        const QStringList current = readAll(base).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(current.size() < 120);
        const QStringList last = applog::lastLines(120);
        QCOMPARE(last.size(), 120);
        QVERIFY(last.constLast().contains(QStringLiteral("line 0599")));
    }

    void neverWritesTokens() {
        QTemporaryDir dir;
        applog::Options o;
        o.folder = dir.path();
        o.program = QStringLiteral("tok");
        o.echoToStderr = false;
        QVERIFY(applog::install(o));
        registerSecret(QStringLiteral("civitai-secret-1234567890"));
        qWarning("GET https://huggingface.co/x?token=abcdef0123&y=1 Authorization: Bearer hf_SecretTokenValue99");
        qWarning("header Authorization: Bearer civitai-secret-1234567890 failed");
        qWarning("from the environment: hf_AnotherSecret42");
        const QString text = readAll(applog::currentFile());
        for (const char* secret :
             {"abcdef0123", "hf_SecretTokenValue99", "civitai-secret-1234567890", "AnotherSecret42"})
            QVERIFY2(!text.contains(QLatin1String(secret)), secret);
        QVERIFY(text.contains(QStringLiteral("token=***")));
        QVERIFY(text.contains(QStringLiteral("Bearer ***")));
    }

    void promptsOnlyWhenEnabled() {
        QTemporaryDir dir;
        applog::Options o;
        o.folder = dir.path();
        o.program = QStringLiteral("pr");
        o.echoToStderr = false;
        QVERIFY(applog::install(o));
        const QString prompt = QStringLiteral("portrait of my neighbour, (secret:1.2)");
        QCOMPARE(applog::promptForLog(prompt), QStringLiteral("[prompt hidden, %1 characters]").arg(prompt.size()));
        applog::rememberPrompt(prompt);
        qWarning("the engine said: cannot encode \"%s\"", qPrintable(prompt));
        qInfo("job started, prompt %s", qPrintable(applog::promptForLog(prompt)));
        QString text = readAll(applog::currentFile());
        QVERIFY(!text.contains(QStringLiteral("neighbour")));
        QVERIFY(text.contains(QStringLiteral("cannot encode \"[prompt hidden]\"")));
        QVERIFY(text.contains(QStringLiteral("[prompt hidden, 38 characters]")));

        applog::setIncludePrompts(true);
        qInfo("job started, prompt %s", qPrintable(applog::promptForLog(prompt)));
        text = readAll(applog::currentFile());
        QVERIFY(text.contains(QStringLiteral("job started, prompt portrait of my neighbour, (secret:1.2)")));
    }

    void fileOnlyLinesStayOutOfStderr() {
        QTemporaryDir dir;
        applog::Options o;
        o.folder = dir.path();
        o.program = QStringLiteral("fo");
        QVERIFY(applog::install(o));
        applog::fileOnly(applog::Level::Info, QStringLiteral("only in the file"));
        QVERIFY(readAll(applog::currentFile()).contains(QStringLiteral("only in the file")));
    }

    // --- the crash guard, with real child processes -------------------------------------------

    void crashesLeaveANoteForTheNextStart() {
        QTemporaryDir dir;
        {
            ChildRun segv;
            QVERIFY(segv.start(dir.path(), "segv"));
            QVERIFY(segv.process.waitForFinished(20000));
            QCOMPARE(segv.process.exitStatus(), QProcess::CrashExit);
        }
        {
            ChildRun thrown;
            QVERIFY(thrown.start(dir.path(), "throw"));
            QVERIFY(thrown.process.waitForFinished(20000));
            QCOMPARE(thrown.process.exitStatus(), QProcess::CrashExit);
        }
        ChildRun killed;
        QVERIFY(killed.start(dir.path(), "wait"));
        // While it runs, its marker is not taken for a crash.
        QVERIFY(CrashGuard::takePreviousEnds(QStringLiteral("crashchild"), dir.path()).size() == 2);
        ::kill(pid_t(killed.process.processId()), SIGKILL);
        QVERIFY(killed.process.waitForFinished(20000));

        const QList<UnexpectedEnd> ends = CrashGuard::takePreviousEnds(QStringLiteral("crashchild"), dir.path());
        QCOMPARE(ends.size(), 1);
        QVERIFY(ends[0].cause.isEmpty()); // kill -9: nothing could be written
        QVERIFY(ends[0].describe().contains(QStringLiteral("stopped from outside")));
        QVERIFY(ends[0].started.isValid());
        // Shown once: the notes moved to logs/ended.
        QVERIFY(CrashGuard::takePreviousEnds(QStringLiteral("crashchild"), dir.path()).isEmpty());
        QVERIFY(QDir(dir.filePath(QStringLiteral("ended"))).entryList(QDir::Files).size() == 3);
    }

    void crashCausesAreRecorded() {
        QTemporaryDir dir;
        ChildRun segv;
        QVERIFY(segv.start(dir.path(), "segv"));
        QVERIFY(segv.process.waitForFinished(20000));
        ChildRun thrown;
        QVERIFY(thrown.start(dir.path(), "throw"));
        QVERIFY(thrown.process.waitForFinished(20000));
        const QList<UnexpectedEnd> ends = CrashGuard::takePreviousEnds(QStringLiteral("crashchild"), dir.path());
        QCOMPARE(ends.size(), 2);
        QStringList causes;
        for (const UnexpectedEnd& e : ends) causes << e.cause;
        QVERIFY2(causes.contains(QStringLiteral("signal 11 (SIGSEGV)")), qPrintable(causes.join(QLatin1Char('|'))));
        QVERIFY2(causes.contains(QStringLiteral("uncaught exception: boom from a worker thread")),
                 qPrintable(causes.join(QLatin1Char('|'))));
        for (const UnexpectedEnd& e : ends) {
            QCOMPARE(e.program, QStringLiteral("crashchild"));
            QVERIFY(!e.version.isEmpty());
            if (e.cause.startsWith(QLatin1String("signal"))) QVERIFY(!e.details.isEmpty()); // a backtrace
            QVERIFY(e.describe().contains(e.cause));
        }
    }

    void normalEndsLeaveNoNote() {
        QTemporaryDir dir;
        ChildRun exited;
        QVERIFY(exited.start(dir.path(), "exit"));
        QVERIFY(exited.process.waitForFinished(20000));
        QCOMPARE(exited.process.exitCode(), 0);
        ChildRun terminated;
        QVERIFY(terminated.start(dir.path(), "wait"));
        terminated.process.terminate(); // SIGTERM: a normal way to stop a program
        QVERIFY(terminated.process.waitForFinished(20000));
        QVERIFY(CrashGuard::takePreviousEnds(QStringLiteral("crashchild"), dir.path()).isEmpty());
        QVERIFY(QDir(dir.path()).entryList({QStringLiteral("crashchild.running-*")}, QDir::Files).isEmpty());
    }

    // --- the problem report -----------------------------------------------------------------

    void problemReportIsRedacted() {
        QTemporaryDir dir;
        QSettings s(dir.filePath(QStringLiteral("s.conf")), QSettings::IniFormat);
        s.setValue(QStringLiteral("remote/apiToken"), QStringLiteral("tok-1234567890"));
        s.setValue(QStringLiteral("gallery/outputFolder"), QDir::homePath() + QStringLiteral("/Pictures/Latent"));
        s.setValue(QStringLiteral("ui/windowGeometry"), QByteArray(64, 'g'));
        s.setValue(QStringLiteral("generation/lastPrompt"), QStringLiteral("my private prompt"));
        s.setValue(QStringLiteral("library/roots"), QStringList{QStringLiteral("/a"), QStringLiteral("/b")});

        Job failed;
        failed.id = 17;
        failed.kind = QStringLiteral("txt2img");
        failed.state = JobState::Failed;
        failed.error = QStringLiteral("Could not save the image: disk full in ") + QDir::homePath();
        failed.params = QJsonObject{{QStringLiteral("prompt"), QStringLiteral("a castle of secrets")},
                                    {QStringLiteral("negative_prompt"), QStringLiteral("ugly")},
                                    {QStringLiteral("steps"), 20},
                                    {QStringLiteral("init_images"), QJsonArray{QString(5000, QLatin1Char('A'))}},
                                    {QStringLiteral("mask"), QString(5000, QLatin1Char('B'))}};
        Job done = failed;
        done.id = 18;
        done.state = JobState::Done;

        ProblemReportInput in;
        in.versions = QStringLiteral("Latent Studio 0.1.0\nlibtorch 1.13");
        in.settings = settingsForReport(s);
        in.logLines = {QStringLiteral("2026-12-07T10:00:00.000Z WARNING [1] GET ?token=zzzsecret failed")};
        in.failedJob = lastFailedJob({failed, done});
        in.notices = {QStringLiteral("The gallery index was written by a newer version.")};
        QVERIFY(in.failedJob && in.failedJob->id == 17);
        const QString report = buildProblemReport(in);
        QVERIFY(report.contains(QStringLiteral("Latent Studio 0.1.0")));
        QVERIFY(report.contains(QStringLiteral("Job 17 (txt2img): failed")));
        QVERIFY(report.contains(QStringLiteral("\"steps\": 20")));
        QVERIFY(report.contains(QStringLiteral("newer version")));
        QVERIFY(report.contains(QStringLiteral("remote/apiToken = ***")));
        QVERIFY(report.contains(QStringLiteral("gallery/outputFolder = ~/Pictures/Latent")));
        QVERIFY(report.contains(QStringLiteral("library/roots = /a; /b")));
        QVERIFY(report.contains(QStringLiteral("ui/windowGeometry = (window layout)")));
        QVERIFY(report.contains(QStringLiteral("token=***")));
        QVERIFY(report.contains(QStringLiteral("[5000 characters]")));
        for (const char* hidden :
             {"tok-1234567890", "zzzsecret", "a castle of secrets", "my private prompt", "AAAAAAAA"})
            QVERIFY2(!report.contains(QLatin1String(hidden)), hidden);
        QVERIFY(!report.contains(QDir::homePath() + QLatin1Char('/')));
        in.includePrompts = true;
        const QString withPrompts = buildProblemReport(in);
        QVERIFY(withPrompts.contains(QStringLiteral("a castle of secrets")));
        QVERIFY(withPrompts.contains(QStringLiteral("my private prompt")));
        QVERIFY(!withPrompts.contains(QStringLiteral("tok-1234567890")));
    }
};

int main(int argc, char** argv) {
    if (const char* mode = std::getenv("LATENT_CRASH_CHILD")) {
        QCoreApplication app(argc, argv);
        return runChild(mode);
    }
    TestAppLog::initMain();
    QCoreApplication app(argc, argv);
    TestAppLog test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_app_log.moc"
