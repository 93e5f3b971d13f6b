// `latentstudio-cli --version` reports the product, library versions, the BLAS really loaded,
// the thread count and the devices; unknown commands exit 2 with one line on stderr.
#include "app/cli/cli_version.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTest>
#include <QThread>

#include <sched.h>
#include <unistd.h>

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
    // The suite runs with OMP_NUM_THREADS=1 (tests/CMakeLists.txt); these tests are about the
    // program's own choice.
    void initTestCase() { qunsetenv("OMP_NUM_THREADS"); }

    void versionReportsEverything() {
        QProcessEnvironment automatic = QProcessEnvironment::systemEnvironment();
        automatic.remove(QStringLiteral("OMP_NUM_THREADS"));  // the suite sets it; the default is tested
        const Run r = runCli({QStringLiteral("--version")}, automatic);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith(QStringLiteral("Latent Studio " LATENT_VERSION)), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("libtorch 1.")) || r.out.contains(QStringLiteral("libtorch 2.")));
        QVERIFY(r.out.contains(QStringLiteral("Qt 6.")));
        QVERIFY(r.out.contains(QStringLiteral("OpenImageIO 2.")));
        // The BLAS actually mapped into the process must be OpenBLAS (OpenMP build).
        QVERIFY2(r.out.contains(QStringLiteral("BLAS: OpenBLAS")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("openblas-openmp")), qPrintable(r.out));
        // Automatic: every core, or fewer while other programs (other tests of a parallel run)
        // keep CPUs busy, with the reason.
        const int cores = QThread::idealThreadCount();
        const auto m = QRegularExpression(QStringLiteral("Threads: (\\d+) \\(of %1 logical cores; automatic: other programs keep "
                                                         "about ([0-9.]+) of %1 CPUs busy\\)")
                                              .arg(cores))
                           .match(r.out);
        QVERIFY2(r.out.contains(QStringLiteral("Threads: %1 (of %1 logical cores; automatic: every CPU this process may "
                                               "use)")
                                    .arg(cores)) ||
                     (m.hasMatch() && m.captured(1).toInt() >= 1 && m.captured(1).toInt() < cores &&
                      m.captured(2).toDouble() > 0.5),
                 qPrintable(r.out));
        // OMP_NUM_THREADS is the user's number.
        QProcessEnvironment one = QProcessEnvironment::systemEnvironment();
        one.insert(QStringLiteral("OMP_NUM_THREADS"), QStringLiteral("1"));
        const Run fixed = runCli({QStringLiteral("--version")}, one);
        QVERIFY2(fixed.out.contains(QStringLiteral("Threads: 1 (of %1 logical cores; set by OMP_NUM_THREADS in the environment)").arg(cores)),
                 qPrintable(fixed.out));
        // --threads wins over it.
        const Run given = runCli({QStringLiteral("--threads"), QStringLiteral("2"), QStringLiteral("--version")}, one);
        QVERIFY2(given.out.contains(QStringLiteral("Threads: 2 (of %1 logical cores; set by you").arg(cores)), qPrintable(given.out));
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

    // Issue 19: threads that spin while they wait collapse when other programs use the CPU, so the
    // program sets passive waiting before the OpenMP runtime loads (re-executing itself), unless
    // the user chose a policy.
    void waitPolicyIsPassiveUnlessChosen() {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char* k : {"OMP_WAIT_POLICY", "GOMP_SPINCOUNT", "LATENT_OMP_WAIT_SET", "LATENT_NO_REEXEC"})
            env.remove(QLatin1String(k));
        const Run r = runCli({QStringLiteral("--version")}, env);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("Thread waiting: threads sleep while they wait (OMP_WAIT_POLICY=PASSIVE, "
                                               "set by Latent Studio")),
                 qPrintable(r.out));
        env.insert(QStringLiteral("OMP_WAIT_POLICY"), QStringLiteral("ACTIVE"));
        const Run a = runCli({QStringLiteral("--version")}, env);
        QVERIFY2(a.out.contains(QStringLiteral("Thread waiting: as set in the environment: active\n")), qPrintable(a.out));
        env.remove(QStringLiteral("OMP_WAIT_POLICY"));
        env.insert(QStringLiteral("GOMP_SPINCOUNT"), QStringLiteral("1000"));
        const Run g = runCli({QStringLiteral("--version")}, env);
        QVERIFY2(g.out.contains(QStringLiteral("Thread waiting: as set in the environment: spin 1000\n")), qPrintable(g.out));
    }

    // Started with an affinity mask of one CPU, the program uses one thread and says why.
    void affinityMaskLimitsThreads() {
        cpu_set_t original;
        CPU_ZERO(&original);
        QCOMPARE(sched_getaffinity(0, sizeof(original), &original), 0);
        int first = -1;
        for (int i = 0; i < CPU_SETSIZE && first < 0; ++i)
            if (CPU_ISSET(i, &original)) first = i;
        cpu_set_t one;
        CPU_ZERO(&one);
        CPU_SET(first, &one);
        QCOMPARE(sched_setaffinity(0, sizeof(one), &one), 0);  // the child inherits this thread's mask
        const Run r = runCli({QStringLiteral("--version")});
        QCOMPARE(sched_setaffinity(0, sizeof(original), &original), 0);
        QCOMPARE(r.exitCode, 0);
        const int online = int(sysconf(_SC_NPROCESSORS_ONLN));
        if (online > 1)
            QVERIFY2(r.out.contains(QStringLiteral("Threads: 1 (of %1 logical cores; automatic: the CPU affinity mask "
                                                   "allows 1 of %1 CPUs)")
                                        .arg(online)),
                     qPrintable(r.out));
        else
            QVERIFY2(r.out.contains(QStringLiteral("Threads: 1 ")), qPrintable(r.out));
        // An explicit --threads wins over the mask, and says so.
        const Run t = runCli({QStringLiteral("--threads"), QStringLiteral("2"), QStringLiteral("--version")});
        QVERIFY2(t.out.contains(QStringLiteral("Threads: 2 ")) && t.out.contains(QStringLiteral("set by you")),
                 qPrintable(t.out));
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
