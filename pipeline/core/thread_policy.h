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
// (sched_getaffinity) and the cgroup CPU quota (cgroup v2 cpu.max, v1 cpu.cfs_quota_us), unless
// the user asks for a number (--threads, Settings).
//
// Torch-free header: safe to include from app/ and ui/.
#pragma once

#include <string>

namespace latent {

// What limited the thread count.
enum class ThreadLimit {
    Requested,  // the user asked for this number (--threads N, Settings)
    AllCpus,    // every online CPU
    Affinity,   // the CPU affinity mask allows fewer CPUs than are online
    CpuQuota,   // a cgroup CPU quota allows fewer
};
const char* thread_limit_name(ThreadLimit limit);  // stable: "requested", "all-cpus", "affinity", "cpu-quota"

struct CpuAvailability {
    int online = 1;          // logical CPUs online (sysconf)
    int affinity = 1;        // CPUs in this thread's affinity mask
    double quota = 0;        // cgroup CPU quota in CPUs (1.5 = 150 % of one CPU); 0 = no limit
    std::string quota_source;  // the file the quota came from ("" when none)
};

struct ThreadDecision {
    int threads = 1;
    ThreadLimit limit = ThreadLimit::AllCpus;
    CpuAvailability cpus;
};

// Pure: the thread count for `requested` (> 0: that number; <= 0: automatic) given the CPUs.
// Automatic = min(online, affinity, ceil(quota)), at least 1.
ThreadDecision decide_threads(int requested, const CpuAvailability& cpus);

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

// The thread decision in effect: the last one configure_threads() made (it re-reads the CPUs each
// time it is called with 0), else the automatic one for the CPUs now.
ThreadDecision current_thread_decision();
void remember_thread_decision(const ThreadDecision& decision);  // for configure_threads()

} // namespace latent
