// `latentstudio-cli --version` reports the product, library versions, the BLAS really loaded,
// the thread count and the devices; unknown commands exit 2 with one line on stderr.
#include "app/cli/cli_version.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTest>
#include <QThread>

namespace {
const QString kCli = QStringLiteral(LATENT_TEST_BIN_DIR "/latentstudio-cli");

struct Run {
    int exitCode = -1;
    QString out, err;
};

Run runCli(const QStringList& args, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) {
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(kCli, args);
    Run r;
    if (!p.waitForFinished(60000)) return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}
} // namespace

class TestCliVersion : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void versionReportsEverything() {
        const Run r = runCli({QStringLiteral("--version")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith(QStringLiteral("Latent Studio " LATENT_VERSION)), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("libtorch 1.")) || r.out.contains(QStringLiteral("libtorch 2.")));
        QVERIFY(r.out.contains(QStringLiteral("Qt 6.")));
        QVERIFY(r.out.contains(QStringLiteral("OpenImageIO 2.")));
        // The BLAS actually mapped into the process must be OpenBLAS (OpenMP build).
        QVERIFY2(r.out.contains(QStringLiteral("BLAS: OpenBLAS")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("openblas-openmp")), qPrintable(r.out));
        // libtorch uses every core by default.
        const int cores = QThread::idealThreadCount();
        QVERIFY2(r.out.contains(QStringLiteral("Threads: %1 (of %1 logical cores)").arg(cores)), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("cpu:0")));
    }

    // Without OPENBLAS_CORETYPE the program either gets AVX kernels from OpenBLAS itself or, when
    // this OpenBLAS does not know the CPU and falls back to pre-AVX kernels, re-executes itself with
    // the variable set. Either way an AVX2 machine never runs the "Prescott" kernels.
    void blasKernelsUseTheCpu() {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("OPENBLAS_CORETYPE"));
        env.remove(QStringLiteral("LATENT_BLAS_CORE_FORCED"));
        const Run r = runCli({QStringLiteral("--version")}, env);
        QCOMPARE(r.exitCode, 0);
        const auto m = QRegularExpression(QStringLiteral("BLAS kernels: (\\w+)")).match(r.out);
        QVERIFY2(m.hasMatch(), qPrintable(r.out));
        qInfo("OpenBLAS kernels: %s", qPrintable(m.captured(0)));
        __builtin_cpu_init();
        if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
            static const QStringList kNoAvx = {QStringLiteral("Prescott"), QStringLiteral("Core2"),
                                               QStringLiteral("Penryn"), QStringLiteral("Nehalem"),
                                               QStringLiteral("Dunnington"), QStringLiteral("Atom"),
                                               QStringLiteral("Katmai"), QStringLiteral("Coppermine")};
            QVERIFY2(!kNoAvx.contains(m.captured(1), Qt::CaseInsensitive), qPrintable(r.out));
        }
        // An explicit choice is left alone.
        env.insert(QStringLiteral("OPENBLAS_CORETYPE"), QStringLiteral("Haswell"));
        const Run h = runCli({QStringLiteral("--version")}, env);
        QVERIFY2(h.out.contains(QStringLiteral("BLAS kernels: Haswell\n")), qPrintable(h.out));
    }

    void threadsOptionIsHonoured() {
        const Run r = runCli({QStringLiteral("--threads"), QStringLiteral("1"), QStringLiteral("--version")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("Threads: 1 ")), qPrintable(r.out));
    }

    void unknownCommandIsExitTwo() {
        const Run r = runCli({QStringLiteral("frobnicate")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
        QVERIFY(r.err.contains(QStringLiteral("frobnicate")));
    }

    void inProcessReportMatches() {
        const QString report = latent::versionReport();
        QVERIFY(report.contains(QStringLiteral("Devices:")));
    }
};

QTEST_GUILESS_MAIN(TestCliVersion)
#include "tst_cli_version.moc"
