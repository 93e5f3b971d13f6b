// The engine's thread count for given affinity masks and cgroup CPU quotas (issue 19): pure
// decisions, cgroup v1/v2 files as the kernel lays them out (written to a temporary tree), and the
// real affinity mask of this process.
#include "pipeline/core/system_info.h"
#include "pipeline/core/thread_policy.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sched.h>
#include <unistd.h>

using namespace latent;

namespace {

void writeFile(const QString& path, const QByteArray& text) {
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
}

CpuAvailability cpus(int online, int affinity, double quota = 0) {
    CpuAvailability c;
    c.online = online;
    c.affinity = affinity;
    c.quota = quota;
    return c;
}

// A mountinfo with cgroup v1 (cpu,cpuacct) and v2 (unified) hierarchies, as on hybrid systems.
const std::string kMountinfo =
    "22 27 0:21 / /proc rw,relatime - proc proc rw\n"
    "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n"
    "32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid shared:9 - cgroup cgroup rw,cpu,cpuacct\n"
    "34 31 0:31 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset\n"
    "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n";

} // namespace

class TestThreadPolicy : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void decisions_data() {
        QTest::addColumn<int>("requested");
        QTest::addColumn<int>("online");
        QTest::addColumn<int>("affinity");
        QTest::addColumn<double>("quota");
        QTest::addColumn<int>("threads");
        QTest::addColumn<QString>("limit");
        QTest::newRow("every cpu") << 0 << 8 << 8 << 0.0 << 8 << "all-cpus";
        QTest::newRow("affinity 2 of 8") << 0 << 8 << 2 << 0.0 << 2 << "affinity";
        QTest::newRow("affinity 1 of 2") << 0 << 2 << 1 << 0.0 << 1 << "affinity";
        QTest::newRow("quota 1.5 of 8") << 0 << 8 << 8 << 1.5 << 2 << "cpu-quota";
        QTest::newRow("quota 0.5") << 0 << 4 << 4 << 0.5 << 1 << "cpu-quota";
        QTest::newRow("quota 3.0 exact") << 0 << 16 << 16 << 3.0 << 3 << "cpu-quota";
        QTest::newRow("quota above affinity") << 0 << 16 << 4 << 6.0 << 4 << "affinity";
        QTest::newRow("quota below affinity") << 0 << 16 << 4 << 2.0 << 2 << "cpu-quota";
        QTest::newRow("quota above online") << 0 << 2 << 2 << 4.0 << 2 << "all-cpus";
        QTest::newRow("requested wins") << 3 << 8 << 2 << 1.0 << 3 << "requested";
        QTest::newRow("nothing known") << 0 << 0 << 0 << 0.0 << 1 << "all-cpus";
    }
    void decisions() {
        QFETCH(int, requested);
        QFETCH(int, online);
        QFETCH(int, affinity);
        QFETCH(double, quota);
        QFETCH(int, threads);
        QFETCH(QString, limit);
        const ThreadDecision d = decide_threads(requested, cpus(online, affinity, quota));
        QCOMPARE(d.threads, threads);
        QCOMPARE(QString::fromLatin1(thread_limit_name(d.limit)), limit);
    }

    void cpuMaxFiles() {
        QCOMPARE(parse_cgroup_cpu_max("max 100000\n"), 0.0);
        QCOMPARE(parse_cgroup_cpu_max("150000 100000\n"), 1.5);
        QCOMPARE(parse_cgroup_cpu_max("50000 100000"), 0.5);
        QCOMPARE(parse_cgroup_cpu_max("200000"), 2.0);  // period defaults to 100 ms
        QCOMPARE(parse_cgroup_cpu_max(""), 0.0);
        QCOMPARE(parse_cgroup_cpu_max("garbage 100000"), 0.0);
        QCOMPARE(parse_cgroup_cpu_max("100000 0"), 0.0);
        QCOMPARE(parse_cgroup_v1_quota("-1\n", "100000\n"), 0.0);
        QCOMPARE(parse_cgroup_v1_quota("250000\n", "100000\n"), 2.5);
        QCOMPARE(parse_cgroup_v1_quota("250000", ""), 0.0);
    }

    // cgroup v2: the process's own cgroup has no limit, its parent has 1.5 CPUs.
    void cgroupV2QuotaOfParent() {
        QTemporaryDir root;
        const QString base = root.path() + QStringLiteral("/sys/fs/cgroup/unified");
        writeFile(base + QStringLiteral("/cpu.max"), "max 100000\n");
        writeFile(base + QStringLiteral("/user.slice/cpu.max"), "150000 100000\n");
        writeFile(base + QStringLiteral("/user.slice/app-1.scope/cpu.max"), "max 100000\n");
        std::string source;
        const double q = cgroup_cpu_quota("0::/user.slice/app-1.scope\n", kMountinfo, root.path().toStdString(), &source);
        QCOMPARE(q, 1.5);
        QVERIFY2(QString::fromStdString(source).endsWith(QStringLiteral("/user.slice/cpu.max")), source.c_str());
        QCOMPARE(decide_threads(0, cpus(8, 8, q)).threads, 2);
    }

    // cgroup v1 (cpu,cpuacct hierarchy) with a 1-CPU quota on the process's cgroup; the v2 tree
    // says nothing. The smaller limit wins.
    void cgroupV1Quota() {
        QTemporaryDir root;
        const QString v1 = root.path() + QStringLiteral("/sys/fs/cgroup/cpu,cpuacct");
        writeFile(v1 + QStringLiteral("/docker/abc/cpu.cfs_quota_us"), "100000\n");
        writeFile(v1 + QStringLiteral("/docker/abc/cpu.cfs_period_us"), "100000\n");
        writeFile(v1 + QStringLiteral("/cpu.cfs_quota_us"), "-1\n");
        writeFile(v1 + QStringLiteral("/cpu.cfs_period_us"), "100000\n");
        const std::string cgroup = "12:cpuset:/docker/abc\n4:cpu,cpuacct:/docker/abc\n0::/docker/abc\n";
        QCOMPARE(cgroup_cpu_quota(cgroup, kMountinfo, root.path().toStdString()), 1.0);
        QCOMPARE(decide_threads(0, cpus(2, 2, 1.0)).threads, 1);
        // No quota files at all: no limit.
        QTemporaryDir empty;
        QCOMPARE(cgroup_cpu_quota(cgroup, kMountinfo, empty.path().toStdString()), 0.0);
    }

    // A container that mounts its own cgroup as the root of the hierarchy: /proc/self/cgroup names
    // the host path, the mount's root field says which part of it the mount shows.
    void containerMountRoot() {
        QTemporaryDir root;
        const std::string mountinfo =
            "50 40 0:30 /kubepods/pod1/ctr /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw\n";
        writeFile(root.path() + QStringLiteral("/sys/fs/cgroup/cpu.max"), "300000 100000\n");
        QCOMPARE(cgroup_cpu_quota("0::/kubepods/pod1/ctr\n", mountinfo, root.path().toStdString()), 3.0);
    }

    // The real affinity mask of this thread: pinned to one CPU, the automatic choice is one thread.
    void realAffinityMask() {
        cpu_set_t original;
        CPU_ZERO(&original);
        QCOMPARE(sched_getaffinity(0, sizeof(original), &original), 0);
        const int allowed = CPU_COUNT(&original);
        QCOMPARE(query_cpu_availability().affinity, allowed);
        int first = -1;
        for (int i = 0; i < CPU_SETSIZE && first < 0; ++i)
            if (CPU_ISSET(i, &original)) first = i;
        cpu_set_t one;
        CPU_ZERO(&one);
        CPU_SET(first, &one);
        QCOMPARE(sched_setaffinity(0, sizeof(one), &one), 0);
        const CpuAvailability pinned = query_cpu_availability();
        const int threads = configure_threads(0);
        const ThreadDecision d = current_thread_decision();
        QCOMPARE(sched_setaffinity(0, sizeof(original), &original), 0);
        QCOMPARE(pinned.affinity, 1);
        QCOMPARE(threads, 1);
        QCOMPARE(d.threads, 1);
        if (pinned.online > 1 && pinned.quota == 0) QCOMPARE(d.limit, ThreadLimit::Affinity);
        // Back to the whole mask: every allowed CPU again (unless a quota says less).
        const int back = configure_threads(0);
        QVERIFY(back >= 1 && back <= allowed);
        QCOMPARE(configure_threads(3), 3);
        QCOMPARE(current_thread_decision().limit, ThreadLimit::Requested);
        configure_threads(0);
    }
};

QTEST_GUILESS_MAIN(TestThreadPolicy)
#include "tst_thread_policy.moc"
