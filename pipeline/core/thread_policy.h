// How many threads the engine computes with, and how they wait for each other.
//
// Measured on a 2-core machine shared with other programs (issue 19): libtorch, oneDNN and
// OpenBLAS share one OpenMP runtime (GNU libgomp). By default libgomp lets a thread that reaches
// the end of a parallel region spin for up to 300,000 iterations before it sleeps. When another
// program takes one of the cores, the spinning thread keeps its core busy while the thread it
// waits for cannot run, and every one of the thousands of small operators of a generation pays a
// scheduler time slice: the tiny demo model ran 20-100x slower with 2 threads than with 1. With
// passive waiting (threads sleep at once, OMP_WAIT_POLICY=PASSIVE) the same run with 2 threads is
// as fast as or faster than with 1, busy machine or not. libgomp reads the variable only while it
// loads, so the programs set it and re-execute themselves (reexec_with_runtime_settings).
//
// The thread count is every CPU the process may really use: the affinity mask
// (sched_getaffinity) and the cgroup CPU quota (cgroup v2 cpu.max, v1 cpu.cfs_quota_us), less the
// CPUs other programs keep busy, unless the user asks for a number (--threads, Settings,
// OMP_NUM_THREADS).
//
// Following the load (measured with `bench contention`, 2 cores): passive waiting alone still left
// 2 threads 3x slower than 1 thread beside two busy programs, because every parallel region waits
// for its slowest thread and one of the two is always descheduled. So the automatic count is
// re-decided while the engine works (adapt_threads_to_load(), between model calls): from how much
// CPU time other programs took on our CPUs since the last decision (/proc/stat less our own CPU
// time). At the start (configure_threads) the runnable tasks the kernel counts now
// (procs_running less our own) come first; when they would take threads away, a 100 ms look at
// the CPU time they take decides (procs_running also counts niced work). Work of lower priority (nice > 0) does not count when we are not niced
// ourselves: the scheduler gives it way to us. One thread fewer is taken when others keep more
// than half a CPU busy; a dead band of 0.1 CPUs around each half keeps noise from flipping it.
// The result may differ in the last bit between thread counts (floating-point sums are split
// differently), so a bit-reproducible run asks for a fixed count.
//
// Torch-free header: safe to include from app/ and ui/.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace latent {

// What limited the thread count.
enum class ThreadLimit {
    Requested,  // the user asked for this number (--threads N, Settings)
    AllCpus,    // every online CPU
    Affinity,   // the CPU affinity mask allows fewer CPUs than are online
    CpuQuota,   // a cgroup CPU quota allows fewer
    Load,       // other programs keep some of the CPUs busy
    Environment,  // OMP_NUM_THREADS asks for this number
};
// stable: "requested", "all-cpus", "affinity", "cpu-quota", "load", "environment"
const char* thread_limit_name(ThreadLimit limit);

struct CpuAvailability {
    int online = 1;          // logical CPUs online (sysconf)
    int affinity = 1;        // CPUs in this thread's affinity mask
    double quota = 0;        // cgroup CPU quota in CPUs (1.5 = 150 % of one CPU); 0 = no limit
    std::string quota_source;  // the file the quota came from ("" when none)
    std::vector<int> ids;    // the CPUs of the affinity mask (empty: unknown, every online CPU)
};

// What other programs do with the CPUs we may use.
struct CpuLoad {
    bool known = false;
    double others = 0;    // CPUs' worth of work of other programs (1.0 = one CPU kept busy)
    std::string source;   // "cpu-time" (measured over an interval) or "runnable" (counted now)
};

struct ThreadDecision {
    int threads = 1;
    ThreadLimit limit = ThreadLimit::AllCpus;
    CpuAvailability cpus;
    CpuLoad load;          // the load the decision saw (known = false: not looked at)
    bool follows_load = false;  // automatic: re-decided while the engine works
};

// Pure: the thread count for `requested` (> 0: that number; <= 0: automatic) given the CPUs.
// Automatic = min(online, affinity, ceil(quota)), at least 1.
ThreadDecision decide_threads(int requested, const CpuAvailability& cpus);
// Automatic with the load: at most round(usable - others) threads, usable = the CPUs of the
// affinity mask, at least 1. `current` (> 0) is the count in use: it is kept while the free CPUs
// are within 0.1 of the half-way point between it and its neighbour (dead band against noise).
ThreadDecision decide_threads(int requested, const CpuAvailability& cpus, const CpuLoad& load, int current = 0);

// OMP_NUM_THREADS as a thread count (its first number, as libgomp reads a list); 0 when unset or
// not a positive number.
int omp_num_threads_from_env(const char* value);

// --- load measurement (pure functions over /proc texts, for tests) ---
struct CpuTicks {
    long long busy = 0;   // user + system + irq + softirq + steal (guest time is inside user)
    long long nice = 0;   // time of tasks with nice > 0
    long long total = 0;  // busy + nice + idle + iowait
};
struct ProcStat {
    std::vector<std::pair<int, CpuTicks>> cpus;  // per "cpuN" line, by N
    int procs_running = -1;                      // -1: the line is missing
};
ProcStat parse_proc_stat(const std::string& text);
// The state letter of a /proc/<pid>/task/<tid>/stat text ('R', 'S', ...; 0 if unreadable). The
// command name may hold spaces and parentheses: the state follows the last ')'.
char task_state(const std::string& stat_text);
// CPUs' worth of other programs' work on the CPUs `ids` (empty: all) between two samples: the sum
// over those CPUs of busy/total ticks (+ nice when `count_nice`), less `self_cpus` (our own CPU
// time over the same wall time, in CPUs). Clamped to [0, number of CPUs]; known = false when the
// samples do not cover the CPUs or no tick passed.
CpuLoad load_between(const ProcStat& before, const ProcStat& after, const std::vector<int>& ids, bool count_nice,
                     double self_cpus);
// The instantaneous estimate: runnable tasks the kernel counts less our own running ones.
CpuLoad load_from_runnable(int procs_running, int own_running);

// --- live measurement ---
struct LoadSample {
    bool valid = false;
    ProcStat stat;
    double self_cpu_seconds = 0;  // this process's CPU time (every thread)
    double wall_seconds = 0;      // monotonic clock
};
LoadSample take_load_sample();  // reads /proc/stat and the clocks
// The load between two samples of this process (nice counted when this thread is niced itself).
CpuLoad measure_load(const LoadSample& before, const LoadSample& after, const std::vector<int>& ids);
// procs_running now, less the tasks of this process that are running (/proc/self/task).
CpuLoad runnable_load_now();

// The CPUs this process may use now: sysconf, sched_getaffinity of the calling thread and the
// cgroup quota of the process's cgroup (read from /proc/self/cgroup and /proc/self/mountinfo).
CpuAvailability query_cpu_availability();

// --- cgroup parsing (pure functions over file contents; `root` prefixes every path read, for
// tests) ---
// cgroup v2 "cpu.max": "max 100000" -> 0 (no limit), "150000 100000" -> 1.5. Malformed -> 0.
double parse_cgroup_cpu_max(const std::string& text);
// cgroup v1 cpu.cfs_quota_us / cpu.cfs_period_us: quota -1 (or <= 0) -> 0 (no limit).
double parse_cgroup_v1_quota(const std::string& quota_text, const std::string& period_text);
// The smallest quota on the path from the process's cgroup up to the root of its hierarchy, from
// the texts of /proc/self/cgroup and /proc/self/mountinfo and the files under `root` + mount
// point. `source` (optional) receives the file the limit came from. 0 = no limit.
double cgroup_cpu_quota(const std::string& proc_self_cgroup, const std::string& mountinfo,
                        const std::string& root = "", std::string* source = nullptr);

// --- OpenMP waiting ---
struct OpenMpWaitPolicy {
    std::string policy;        // "passive", "active", "spin N" or "default" (libgomp's own)
    bool set_by_us = false;    // reexec_with_runtime_settings() chose it
};
OpenMpWaitPolicy openmp_wait_policy();

// Call first thing in main(), before anything starts threads. Sets, when the user has not set
// them, OMP_WAIT_POLICY=PASSIVE (see above) and, when this OpenBLAS picked pre-AVX kernels on an
// AVX2/AVX-512 CPU, OPENBLAS_CORETYPE (see blas_core_to_force() in system_info.h), then
// re-executes the program once so the libraries read them while they load. Returns normally when
// nothing needs doing, when LATENT_NO_REEXEC is set, or when exec fails.
void reexec_with_runtime_settings(char** argv);

// The thread decision in effect: the last one configure_threads() or adapt_threads_to_load() made
// (configure_threads re-reads the CPUs each time it is called with 0), else the automatic one for
// the CPUs now (without the load).
ThreadDecision current_thread_decision();
void remember_thread_decision(const ThreadDecision& decision);  // for configure_threads()

} // namespace latent
