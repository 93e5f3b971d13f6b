// The engine's thread count for given affinity masks and cgroup CPU quotas (issue 19): pure
// decisions, cgroup v1/v2 files as the kernel lays them out (written to a temporary tree), and the
// real affinity mask of this process.
#include "pipeline/core/system_info.h"
#include "pipeline/core/thread_policy.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <ATen/Parallel.h>

#include <cerrno>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
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

// `count` busy child processes at the given nice value, killed when this goes out of scope.
struct BusyChildren {
    std::vector<pid_t> pids;
    BusyChildren(int count, int nice) {
        for (int i = 0; i < count; ++i) {
            const pid_t pid = ::fork();
            if (pid == 0) {
                ::prctl(PR_SET_PDEATHSIG, SIGKILL);
                if (nice) ::setpriority(PRIO_PROCESS, 0, nice);
                volatile unsigned long x = 0;
                for (;;) x = x + 1;
            }
            if (pid > 0) pids.push_back(pid);
        }
    }
    ~BusyChildren() {
        for (pid_t p : pids) ::kill(p, SIGKILL);
        for (pid_t p : pids) ::waitpid(p, nullptr, 0);
    }
};

} // namespace

class TestThreadPolicy : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // The suite runs with OMP_NUM_THREADS=1 (tests/CMakeLists.txt); the automatic choice is what
    // is tested here.
    void initTestCase() { qunsetenv("OMP_NUM_THREADS"); }

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

    // The automatic count beside other programs' work (issue 19: two threads beside two busy
    // programs were 3x slower than one).
    void decisionsWithLoad_data() {
        QTest::addColumn<int>("online");
        QTest::addColumn<int>("affinity");
        QTest::addColumn<double>("quota");
        QTest::addColumn<double>("others");
        QTest::addColumn<int>("current");
        QTest::addColumn<int>("threads");
        QTest::addColumn<QString>("limit");
        QTest::newRow("idle") << 2 << 2 << 0.0 << 0.0 << 0 << 2 << "all-cpus";
        QTest::newRow("one busy program of two cpus") << 2 << 2 << 0.0 << 1.0 << 2 << 1 << "load";
        QTest::newRow("two busy programs") << 2 << 2 << 0.0 << 2.0 << 2 << 1 << "load";
        QTest::newRow("more work than cpus") << 8 << 8 << 0.0 << 12.5 << 8 << 1 << "load";
        QTest::newRow("a browser tab: 0.3 busy") << 2 << 2 << 0.0 << 0.3 << 2 << 2 << "all-cpus";
        QTest::newRow("0.65 busy: one fewer") << 2 << 2 << 0.0 << 0.65 << 2 << 1 << "load";
        QTest::newRow("0.35 busy: back to two") << 2 << 2 << 0.0 << 0.35 << 1 << 2 << "all-cpus";
        // Within 0.1 of the half-way point the count in use stays.
        QTest::newRow("0.55 busy keeps two") << 2 << 2 << 0.0 << 0.55 << 2 << 2 << "all-cpus";
        QTest::newRow("0.55 busy keeps one") << 2 << 2 << 0.0 << 0.55 << 1 << 1 << "load";
        QTest::newRow("0.55 busy, nothing in use") << 2 << 2 << 0.0 << 0.55 << 0 << 1 << "load";
        QTest::newRow("0.45 busy keeps one") << 2 << 2 << 0.0 << 0.45 << 1 << 1 << "load";
        QTest::newRow("0.45 busy keeps two") << 2 << 2 << 0.0 << 0.45 << 2 << 2 << "all-cpus";
        QTest::newRow("0.45 busy, nothing in use") << 2 << 2 << 0.0 << 0.45 << 0 << 2 << "all-cpus";
        QTest::newRow("8 cpus, 3.2 busy") << 8 << 8 << 0.0 << 3.2 << 8 << 5 << "load";
        QTest::newRow("8 cpus, 3.2 busy, far from 5") << 8 << 8 << 0.0 << 3.2 << 2 << 5 << "load";
        QTest::newRow("affinity 4 of 8, 1 busy") << 8 << 4 << 0.0 << 1.0 << 4 << 3 << "load";
        QTest::newRow("quota 1.5 stays the limit") << 8 << 8 << 1.5 << 2.0 << 2 << 2 << "cpu-quota";
        QTest::newRow("quota 4, 6 busy of 8") << 8 << 8 << 4.0 << 6.0 << 4 << 2 << "load";
        QTest::newRow("in use above the cap") << 2 << 2 << 0.0 << 0.55 << 6 << 1 << "load";
    }
    void decisionsWithLoad() {
        QFETCH(int, online);
        QFETCH(int, affinity);
        QFETCH(double, quota);
        QFETCH(double, others);
        QFETCH(int, current);
        QFETCH(int, threads);
        QFETCH(QString, limit);
        CpuLoad load;
        load.known = true;
        load.others = others;
        load.source = "cpu-time";
        const ThreadDecision d = decide_threads(0, cpus(online, affinity, quota), load, current);
        QCOMPARE(d.threads, threads);
        QCOMPARE(QString::fromLatin1(thread_limit_name(d.limit)), limit);
        QVERIFY(d.follows_load);
        QCOMPARE(d.load.others, others);
    }

    // A fixed count ignores the load; an unknown load leaves the automatic count alone.
    void loadOnlyMovesTheAutomaticCount() {
        CpuLoad busy;
        busy.known = true;
        busy.others = 8;
        const ThreadDecision fixed = decide_threads(4, cpus(8, 8), busy, 4);
        QCOMPARE(fixed.threads, 4);
        QCOMPARE(fixed.limit, ThreadLimit::Requested);
        QVERIFY(!fixed.follows_load);
        const ThreadDecision unknown = decide_threads(0, cpus(8, 8), CpuLoad{}, 2);
        QCOMPARE(unknown.threads, 8);
        QCOMPARE(unknown.limit, ThreadLimit::AllCpus);
        QVERIFY(unknown.follows_load);
    }

    void ompNumThreads() {
        QCOMPARE(omp_num_threads_from_env(nullptr), 0);
        QCOMPARE(omp_num_threads_from_env(""), 0);
        QCOMPARE(omp_num_threads_from_env("4"), 4);
        QCOMPARE(omp_num_threads_from_env(" 3 "), 3);
        QCOMPARE(omp_num_threads_from_env("2,1"), 2);  // nested levels: the outer one
        QCOMPARE(omp_num_threads_from_env("0"), 0);
        QCOMPARE(omp_num_threads_from_env("-2"), 0);
        QCOMPARE(omp_num_threads_from_env("many"), 0);
        QCOMPARE(omp_num_threads_from_env("4x"), 0);
    }

    // /proc/stat as the kernel writes it (10 columns since Linux 2.6.33).
    void procStatParsing() {
        const std::string text =
            "cpu  1000 50 300 9000 20 0 10 5 0 0\n"
            "cpu0 400 50 100 4500 10 0 5 0 0 0\n"
            "cpu1 600 0 200 4500 10 0 5 5 7 0\n"
            "intr 12345 0 0\n"
            "ctxt 99\n"
            "procs_running 3\n"
            "procs_blocked 0\n";
        const ProcStat st = parse_proc_stat(text);
        QCOMPARE(st.procs_running, 3);
        QCOMPARE(int(st.cpus.size()), 2);
        QCOMPARE(st.cpus[0].first, 0);
        QCOMPARE(st.cpus[0].second.busy, 400LL + 100 + 0 + 5 + 0);
        QCOMPARE(st.cpus[0].second.nice, 50LL);
        QCOMPARE(st.cpus[0].second.total, 505LL + 50 + 4500 + 10);
        QCOMPARE(st.cpus[1].first, 1);
        QCOMPARE(st.cpus[1].second.busy, 600LL + 200 + 0 + 5 + 5);  // guest (7) is inside user
        QCOMPARE(st.cpus[1].second.total, 810LL + 0 + 4500 + 10);
        // Old kernels (4 columns), a missing procs_running line, garbage.
        const ProcStat old = parse_proc_stat("cpu0 10 0 10 80\n");
        QCOMPARE(int(old.cpus.size()), 1);
        QCOMPARE(old.cpus[0].second.total, 100LL);
        QCOMPARE(old.procs_running, -1);
        QVERIFY(parse_proc_stat("cpuX 1 2 3 4\ncpu0 1 2\nprocs_running lots\n").cpus.empty());
        QCOMPARE(parse_proc_stat("procs_running lots\n").procs_running, -1);
    }

    void loadBetweenSamples() {
        // Over the interval: cpu0 half busy, cpu1 fully busy, of which 0.5 CPUs were ours.
        const ProcStat a = parse_proc_stat("cpu0 100 0 0 100 0 0 0 0\ncpu1 100 0 0 100 0 0 0 0\ncpu2 0 0 0 0\n");
        const ProcStat b = parse_proc_stat("cpu0 140 0 10 150 0 0 0 0\ncpu1 180 0 20 100 0 0 0 0\ncpu2 0 0 0 100\n");
        CpuLoad l = load_between(a, b, {0, 1}, false, 0.5);
        QVERIFY(l.known);
        QCOMPARE(l.source, std::string("cpu-time"));
        QVERIFY(qAbs(l.others - 1.0) < 1e-9);
        // Every CPU (no mask): cpu2 was idle.
        l = load_between(a, b, {}, false, 0.5);
        QVERIFY(qAbs(l.others - 1.0) < 1e-9);
        // Only cpu1 in the mask.
        l = load_between(a, b, {1}, false, 0.25);
        QVERIFY(qAbs(l.others - 0.75) < 1e-9);
        // Our own time is never counted below zero.
        l = load_between(a, b, {0, 1}, false, 3.0);
        QVERIFY(l.known);
        QCOMPARE(l.others, 0.0);
        // Niced work: not counted unless we are niced ourselves.
        const ProcStat n0 = parse_proc_stat("cpu0 0 0 0 0\ncpu1 0 0 0 0\n");
        const ProcStat n1 = parse_proc_stat("cpu0 0 100 0 0\ncpu1 0 100 0 0\n");
        QCOMPARE(load_between(n0, n1, {0, 1}, false, 0.0).others, 0.0);
        QVERIFY(qAbs(load_between(n0, n1, {0, 1}, true, 0.0).others - 2.0) < 1e-9);
        // No tick passed, a CPU missing from the first sample, a CPU of the mask not listed.
        QVERIFY(!load_between(a, a, {0, 1}, false, 0).known);
        QVERIFY(!load_between(parse_proc_stat("cpu0 100 0 0 100\n"), b, {0, 1}, false, 0).known);
        QVERIFY(!load_between(a, b, {0, 5}, false, 0).known);
        QCOMPARE(load_from_runnable(5, 1).others, 4.0);
        QCOMPARE(load_from_runnable(1, 3).others, 0.0);
        QVERIFY(!load_from_runnable(-1, 1).known);
    }

    void taskStates() {
        QCOMPARE(task_state("1234 (latentstudio) R 1 1234 1234 0 -1"), 'R');
        QCOMPARE(task_state("1234 (a (b) c) S 1 2 3"), 'S');
        QCOMPARE(task_state("1234 (x) "), char(0));
        QCOMPARE(task_state(""), char(0));
    }

    // OMP_NUM_THREADS is the user's number, as PyTorch reads it; without it the count follows
    // the load.
    void environmentAndFollowing() {
        qputenv("OMP_NUM_THREADS", "1");
        QCOMPARE(configure_threads(0), 1);
        ThreadDecision d = current_thread_decision();
        QCOMPARE(d.limit, ThreadLimit::Environment);
        QVERIFY(!d.follows_load);
        qunsetenv("OMP_NUM_THREADS");
        const int n = configure_threads(0);
        d = current_thread_decision();
        QVERIFY(d.follows_load);
        QVERIFY(d.load.known);  // the runnable tasks counted at once (confirmed by CPU time if busy)
        QVERIFY(d.load.source == "runnable" || d.load.source == "cpu-time");
        QVERIFY(n >= 1 && n <= d.cpus.affinity);
        QCOMPARE(configure_threads(2), 2);
        QVERIFY(!current_thread_decision().follows_load);
        adapt_threads_to_load();  // a fixed count: nothing moves
        QCOMPARE(at::get_num_threads(), 2);
        QCOMPARE(current_thread_decision().limit, ThreadLimit::Requested);
    }

    // Live: as many busy programs as this process has CPUs. The automatic count drops to one
    // thread, counted at once and then measured over an interval. (Other tests running beside
    // this one only add load, so the check holds on a busy CI machine too.)
    void followsRealCompetitors() {
        const CpuAvailability c = query_cpu_availability();
        const int usable = std::min(c.online, c.affinity);
        if (usable < 2) QSKIP("one CPU: the automatic count is one thread anyway");
        const BusyChildren busy(usable, 0);
        QCOMPARE(int(busy.pids.size()), usable);
        QTest::qSleep(300);  // let them start
        QCOMPARE(configure_threads(0), 1);
        ThreadDecision d = current_thread_decision();
        QCOMPARE(d.limit, ThreadLimit::Load);
        // Counted as runnable, then confirmed by the CPU time they take.
        QCOMPARE(d.load.source, std::string("cpu-time"));
        QVERIFY2(d.load.others >= usable - 0.5, qPrintable(QString::number(d.load.others)));
        // Measured over an interval (we sleep: all of the CPUs' busy time is theirs).
        QTest::qSleep(400);
        adapt_threads_to_load();
        d = current_thread_decision();
        QCOMPARE(d.threads, 1);
        QCOMPARE(at::get_num_threads(), 1);
        QCOMPARE(d.limit, ThreadLimit::Load);
        QCOMPARE(d.load.source, std::string("cpu-time"));
        QVERIFY2(d.load.others >= usable - 0.5, qPrintable(QString::number(d.load.others)));
    }

    // Live: busy programs at nice 19 yield to us, so they take no threads: procs_running counts
    // them, but the CPU time the policy measures leaves out the kernel's "nice" column. Checked
    // against the children's own CPU time over the same interval, so other work on the machine
    // (other tests of a parallel run) does not change the outcome.
    void nicedCompetitorsTakeNoThreads() {
        const CpuAvailability c = query_cpu_availability();
        const int usable = std::min(c.online, c.affinity);
        errno = 0;
        if (::getpriority(PRIO_PROCESS, 0) > 0) QSKIP("this test runs niced itself");
        const BusyChildren busy(usable, 19);
        QCOMPARE(int(busy.pids.size()), usable);
        const std::vector<pid_t>& children = busy.pids;
        // CPU ticks (utime + stime) of the children, from /proc/<pid>/stat.
        auto childTicks = [&] {
            long long sum = 0;
            for (pid_t p : children) {
                QFile f(QStringLiteral("/proc/%1/stat").arg(p));
                if (!f.open(QIODevice::ReadOnly)) continue;
                const QByteArray text = f.readAll();
                const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
                if (fields.size() > 12) sum += fields.at(11).toLongLong() + fields.at(12).toLongLong();  // fields 14, 15
            }
            return sum;
        };
        QTest::qSleep(200);  // let them start
        const LoadSample a = take_load_sample();
        const long long ticksA = childTicks();
        QTest::qSleep(500);
        const LoadSample b = take_load_sample();
        const long long ticksB = childTicks();
        const double wall = b.wall_seconds - a.wall_seconds;
        const double childrenCpus = double(ticksB - ticksA) / double(::sysconf(_SC_CLK_TCK)) / wall;
        if (childrenCpus < 0.3) QSKIP(qPrintable(QStringLiteral("the niced children got only %1 CPUs").arg(childrenCpus)));
        const double self = (b.self_cpu_seconds - a.self_cpu_seconds) / wall;
        const CpuLoad withNice = load_between(a.stat, b.stat, c.ids, true, self);
        const CpuLoad measured = measure_load(a, b, c.ids);  // what the policy uses
        QVERIFY(withNice.known && measured.known);
        // The children's time is in the nice column: counted with it, left out by the policy.
        QVERIFY2(withNice.others >= childrenCpus - 0.25 && measured.others <= withNice.others - childrenCpus + 0.25,
                 qPrintable(QStringLiteral("children %1 CPUs, load with nice %2, measured %3")
                                .arg(childrenCpus)
                                .arg(withNice.others)
                                .arg(measured.others)));
        // With nothing else busy, the policy keeps every CPU.
        if (measured.others <= 0.3) QCOMPARE(decide_threads(0, c, measured, usable).threads, usable);
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
