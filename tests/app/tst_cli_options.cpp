// One option table for the help text and the manual pages (issue 20 item 1): every command and
// option of the table is in `latentstudio-cli help` and in latentstudio-cli(1); every option the
// CLI's parsers accept (found in their sources) is in the table, so a new option cannot be left
// undocumented; the studio's parser is built from its table; and the manual pages the build
// installs are exactly what the tables give, and render without warnings.
#include "app/cli/cli_options.h"
#include "app/core/app_info.h"
#include "app/core/studio_options.h"

#include "common/cli_runner.h"

#include <QCommandLineParser>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTest>

#include <zlib.h>

using namespace latent;

namespace {

// Every "--flag" named in the table's flag columns.
QSet<QString> documentedFlags() {
    QSet<QString> out;
    static const QRegularExpression flag(QStringLiteral("--[a-z0-9][a-z0-9-]*"));
    auto add = [&](const char* text) {
        auto it = flag.globalMatch(QString::fromLatin1(text));
        while (it.hasNext()) out.insert(it.next().captured(0));
    };
    for (const CliOption& o : cliGlobalOptions()) add(o.flags);
    for (const CliCommand& c : cliCommands()) {
        add(c.name);
        add(c.arguments);
        for (const CliOption& o : c.options) add(o.flags);
    }
    return out;
}

QByteArray gunzip(const QString& path) {
    gzFile f = gzopen(QFile::encodeName(path).constData(), "rb");
    if (!f) return {};
    QByteArray out;
    char buf[65536];
    int n = 0;
    while ((n = gzread(f, buf, sizeof buf)) > 0) out.append(buf, n);
    gzclose(f);
    return out;
}

} // namespace

class TestCliOptions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void helpListsEveryCommandAndOption() {
        const QString usage = cliUsageText();
        for (const CliCommand& c : cliCommands()) {
            QVERIFY2(usage.contains(QString::fromLatin1(c.name)), c.name);
            for (const CliOption& o : c.options) QVERIFY2(usage.contains(QString::fromLatin1(o.flags)), o.flags);
        }
        for (const CliEnvironment& e : cliEnvironment()) QVERIFY2(usage.contains(QString::fromLatin1(e.name)), e.name);
        // The program prints exactly that.
        const test::CliRun r = test::runCli({QStringLiteral("help")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QString::fromUtf8(r.out), usage);
    }

    void everyFlagTheParsersAcceptIsDocumented() {
        // String literals "--something" in the CLI's sources are the flags its parsers compare.
        static const QRegularExpression literal(QStringLiteral("\"(--[a-z0-9][a-z0-9-]*)\""));
        const QSet<QString> documented = documentedFlags();
        QStringList missing;
        QDirIterator it(QStringLiteral(LATENT_TEST_SOURCE_DIR "/app/cli"), {QStringLiteral("*.cpp")}, QDir::Files);
        int files = 0;
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.endsWith(QLatin1String("/cli_options.cpp"))) continue;
            ++files;
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            auto m = literal.globalMatch(QString::fromUtf8(f.readAll()));
            while (m.hasNext()) {
                const QString flag = m.next().captured(1);
                if (!documented.contains(flag) && !missing.contains(flag))
                    missing << QStringLiteral("%1 (%2)").arg(flag, QFileInfo(path).fileName());
            }
        }
        QVERIFY(files >= 5);
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("not in app/cli/cli_options.cpp: ") + missing.join(QStringLiteral(", "))));
    }

    void manPagesHaveEveryOption() {
        const QString cli = cliManPage(QStringLiteral("9.9"), QStringLiteral("2026-12-07"));
        QVERIFY(cli.startsWith(QStringLiteral(".TH LATENTSTUDIO\\-CLI 1 \"2026-12-07\" \"Latent Studio 9.9\"")));
        for (const QString& section : {QStringLiteral(".SH NAME"), QStringLiteral(".SH SYNOPSIS"),
                                       QStringLiteral(".SH OPTIONS"), QStringLiteral(".SH ENVIRONMENT")})
            QVERIFY(cli.contains(section));
        for (const QString& flag : documentedFlags()) QVERIFY2(cli.contains(roffEscape(flag)), qPrintable(flag));
        const QString studio = studioManPage(QStringLiteral("9.9"), QStringLiteral("2026-12-07"));
        for (const StudioOption& o : studioOptions())
            QVERIFY2(studio.contains(QStringLiteral("\\-\\-") + roffEscape(QString::fromLatin1(o.name))), o.name);
    }

    void studioParserComesFromTheTable() {
        QCommandLineParser parser;
        parser.addOptions(studioCommandLineOptions());
        QVERIFY(parser.parse({QStringLiteral("latentstudio"), QStringLiteral("--lang"), QStringLiteral("de"),
                              QStringLiteral("--try-demo"), QStringLiteral("--screenshot"), QStringLiteral("x.png")}));
        QCOMPARE(parser.value(QStringLiteral("lang")), QStringLiteral("de"));
        QVERIFY(parser.isSet(QStringLiteral("try-demo")));
        QCOMPARE(parser.value(QStringLiteral("size")), QStringLiteral("1440x900")); // the table's default
        QCOMPARE(parser.optionNames().size(), 3);
        QCOMPARE(int(studioCommandLineOptions().size()), int(studioOptions().size()));
    }

    void installedManPagesAreTheTables() {
        const QString dir = QStringLiteral(LATENT_TEST_BIN_DIR "/../share/man/man1");
        const QByteArray cli = gunzip(dir + QStringLiteral("/latentstudio-cli.1.gz"));
        const QByteArray studio = gunzip(dir + QStringLiteral("/latentstudio.1.gz"));
        QVERIFY2(!cli.isEmpty() && !studio.isEmpty(), "the build did not make the manual pages (tools/)");
        const QString date = QString::fromUtf8(cli).section(QLatin1Char('"'), 1, 1);
        QCOMPARE(QString::fromUtf8(cli), cliManPage(AppInfo::version(), date));
        QCOMPARE(QString::fromUtf8(studio), studioManPage(AppInfo::version(), date));
        // They render without a warning (groff's own checks), when man is installed.
        const QString man = QStandardPaths::findExecutable(QStringLiteral("man"));
        if (man.isEmpty()) QSKIP("man (man-db) is not installed");
        for (const QString& page : {QStringLiteral("latentstudio-cli.1.gz"), QStringLiteral("latentstudio.1.gz")}) {
            QProcess p;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("MANWIDTH"), QStringLiteral("80"));
            p.setProcessEnvironment(env);
            p.start(man, {QStringLiteral("--warnings"), QStringLiteral("-l"), dir + QLatin1Char('/') + page});
            QVERIFY(p.waitForFinished(30000));
            const QByteArray out = p.readAllStandardOutput(), err = p.readAllStandardError();
            QCOMPARE(p.exitCode(), 0);
            QVERIFY2(err.trimmed().isEmpty(), err.constData());
            QVERIFY(out.contains("SYNOPSIS"));
        }
    }
};

QTEST_GUILESS_MAIN(TestCliOptions)
#include "tst_cli_options.moc"
