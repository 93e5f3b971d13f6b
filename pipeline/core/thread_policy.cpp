#include "pipeline/core/thread_policy.h"

#include "pipeline/core/system_info.h"

#include <dirent.h>
#include <sched.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>
#include <vector>

namespace latent {

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) return {};
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (c == sep) {
            out.push_back(cur);
            cur.clear();
        } else {
            cur.push_back(c);
        }
    }
    out.push_back(cur);
    return out;
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

bool parse_long(const std::string& text, long long& out) {
    const std::string t = trim(text);
    if (t.empty()) return false;
    char* end = nullptr;
    errno = 0;
    const long long v = std::strtoll(t.c_str(), &end, 10);
    if (errno != 0 || end == t.c_str() || *end != '\0') return false;
    out = v;
    return true;
}

// One cgroup mount from /proc/self/mountinfo.
struct CgroupMount {
    bool v2 = false;
    bool has_cpu = false;     // v1: the "cpu" controller is in this hierarchy
    std::string root;         // the mount's root inside the hierarchy (field 4)
    std::string mount_point;  // field 5
};

std::vector<CgroupMount> cgroup_mounts(const std::string& mountinfo) {
    std::vector<CgroupMount> mounts;
    std::istringstream in(mountinfo);
    std::string line;
    while (std::getline(in, line)) {
        // ID PARENT MAJ:MIN ROOT MOUNT_POINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPER_OPTIONS
        std::istringstream f(line);
        std::vector<std::string> fields;
        std::string w;
        while (f >> w) fields.push_back(w);
        const auto dash = std::find(fields.begin(), fields.end(), "-");
        if (fields.size() < 6 || dash == fields.end() || std::distance(dash, fields.end()) < 3) continue;
        const std::string& fstype = *(dash + 1);
        const std::string& super = *(dash + 3);
        CgroupMount m;
        m.root = fields[3];
        m.mount_point = fields[4];
        if (fstype == "cgroup2") {
            m.v2 = true;
        } else if (fstype == "cgroup") {
            for (const std::string& opt : split(super, ','))
                if (opt == "cpu") m.has_cpu = true;
            if (!m.has_cpu) continue;
        } else {
            continue;
        }
        mounts.push_back(m);
    }
    return mounts;
}

// The directory of `cgroup_path` under the mount (the mount's root is a prefix of the path in
// containers that mount their own cgroup as the root).
std::string cgroup_dir(const CgroupMount& m, const std::string& cgroup_path) {
    std::string rel = cgroup_path;
    if (m.root != "/" && rel.rfind(m.root, 0) == 0) rel = rel.substr(m.root.size());
    if (rel.empty()) rel = "/";
    return m.mount_point + (rel == "/" ? std::string() : rel);
}

std::string parent_dir(const std::string& dir) {
    const auto slash = dir.find_last_of('/');
    if (slash == std::string::npos || slash == 0) return {};
    return dir.substr(0, slash);
}

// Walks from `dir` up to the mount point, taking the smallest limit any level sets.
template <class ReadLimit>
double smallest_limit_upwards(const std::string& root, const std::string& dir, const std::string& mount_point,
                              ReadLimit&& read_limit, std::string* source) {
    double best = 0;
    for (std::string d = dir; !d.empty() && d.size() >= mount_point.size(); d = parent_dir(d)) {
        std::string file;
        const double q = read_limit(root + d, file);
        if (q > 0 && (best == 0 || q < best)) {
            best = q;
            if (source) *source = file;
        }
        if (d == mount_point) break;
    }
    return best;
}

std::atomic<bool> g_decided{false};
std::mutex g_decision_mutex;
ThreadDecision g_decision;

} // namespace

const char* thread_limit_name(ThreadLimit limit) {
    switch (limit) {
    case ThreadLimit::Requested: return "requested";
    case ThreadLimit::AllCpus: return "all-cpus";
    case ThreadLimit::Affinity: return "affinity";
    case ThreadLimit::CpuQuota: return "cpu-quota";
    case ThreadLimit::Load: return "load";
    case ThreadLimit::Environment: return "environment";
    }
    return "all-cpus";
}

ThreadDecision decide_threads(int requested, const CpuAvailability& cpus) {
    ThreadDecision d;
    d.cpus = cpus;
    if (requested > 0) {
        d.threads = requested;
        d.limit = ThreadLimit::Requested;
        return d;
    }
    const int online = std::max(1, cpus.online);
    int n = online;
    d.limit = ThreadLimit::AllCpus;
    if (cpus.affinity > 0 && cpus.affinity < n) {
        n = cpus.affinity;
        d.limit = ThreadLimit::Affinity;
    }
    if (cpus.quota > 0) {
        const int q = std::max(1, static_cast<int>(std::ceil(cpus.quota - 1e-9)));
        if (q < n) {
            n = q;
            d.limit = ThreadLimit::CpuQuota;
        }
    }
    d.threads = std::max(1, n);
    return d;
}

ThreadDecision decide_threads(int requested, const CpuAvailability& cpus, const CpuLoad& load, int current) {
    ThreadDecision d = decide_threads(requested, cpus);
    if (requested > 0) return d;
    d.follows_load = true;
    d.load = load;
    if (!load.known) return d;
    const int usable = std::max(1, cpus.affinity > 0 ? std::min(cpus.affinity, std::max(1, cpus.online)) : cpus.online);
    const double free = std::clamp(double(usable) - std::max(0.0, load.others), 0.0, double(usable));
    int n = std::max(1, static_cast<int>(std::floor(free + 0.5)));
    // Dead band: keep the count in use while the free CPUs are within 0.1 of the half-way point
    // to a neighbouring count.
    constexpr double kBand = 0.1;
    if (current > 0 && current <= d.threads && std::abs(n - current) == 1) {
        const double midpoint = 0.5 * (n + current);
        if (std::abs(free - midpoint) < kBand) n = current;
    }
    if (n < d.threads) {
        d.threads = n;
        d.limit = ThreadLimit::Load;
    }
    return d;
}

int omp_num_threads_from_env(const char* value) {
    if (!value) return 0;
    std::string v = value;
    const auto comma = v.find(',');
    if (comma != std::string::npos) v = v.substr(0, comma);
    long long n = 0;
    if (!parse_long(v, n) || n <= 0 || n > 4096) return 0;
    return static_cast<int>(n);
}

ProcStat parse_proc_stat(const std::string& text) {
    ProcStat out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("cpu", 0) == 0 && line.size() > 3 && std::isdigit(static_cast<unsigned char>(line[3]))) {
            std::istringstream f(line.substr(3));
            long long id = -1;
            if (!(f >> id) || id < 0 || id > 1 << 20) continue;
            // user nice system idle iowait irq softirq steal [guest guest_nice]
            long long v[8] = {0, 0, 0, 0, 0, 0, 0, 0};
            int got = 0;
            while (got < 8 && (f >> v[got])) {
                if (v[got] < 0) break;
                ++got;
            }
            if (got < 4) continue;
            CpuTicks t;
            t.busy = v[0] + v[2] + v[5] + v[6] + v[7];
            t.nice = v[1];
            t.total = t.busy + t.nice + v[3] + v[4];
            out.cpus.emplace_back(static_cast<int>(id), t);
        } else if (line.rfind("procs_running ", 0) == 0) {
            long long n = 0;
            if (parse_long(line.substr(14), n) && n >= 0 && n < 1 << 30) out.procs_running = static_cast<int>(n);
        }
    }
    return out;
}

char task_state(const std::string& stat_text) {
    const auto paren = stat_text.rfind(')');
    if (paren == std::string::npos) return 0;
    for (size_t i = paren + 1; i < stat_text.size(); ++i)
        if (!std::isspace(static_cast<unsigned char>(stat_text[i]))) return stat_text[i];
    return 0;
}

CpuLoad load_between(const ProcStat& before, const ProcStat& after, const std::vector<int>& ids, bool count_nice,
                     double self_cpus) {
    CpuLoad load;
    load.source = "cpu-time";
    double busy = 0;
    int counted = 0;
    for (const auto& [id, a] : after.cpus) {
        if (!ids.empty() && std::find(ids.begin(), ids.end(), id) == ids.end()) continue;
        const auto b = std::find_if(before.cpus.begin(), before.cpus.end(), [&](const auto& e) { return e.first == id; });
        if (b == before.cpus.end()) return load;  // a CPU came online: no comparable interval
        const long long dt = a.total - b->second.total;
        if (dt <= 0) return load;  // no tick passed (or the counters went back)
        long long db = a.busy - b->second.busy;
        if (count_nice) db += a.nice - b->second.nice;
        busy += std::clamp(double(db) / double(dt), 0.0, 1.0);
        ++counted;
    }
    if (counted == 0 || (!ids.empty() && counted < static_cast<int>(ids.size()))) return load;
    load.known = true;
    load.others = std::clamp(busy - std::max(0.0, self_cpus), 0.0, double(counted));
    return load;
}

CpuLoad load_from_runnable(int procs_running, int own_running) {
    CpuLoad load;
    load.source = "runnable";
    if (procs_running < 0) return load;
    load.known = true;
    load.others = std::max(0, procs_running - std::max(0, own_running));
    return load;
}

LoadSample take_load_sample() {
    LoadSample s;
    s.stat = parse_proc_stat(read_file("/proc/stat"));
    timespec cpu{}, wall{};
    if (s.stat.cpus.empty() || ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu) != 0 ||
        ::clock_gettime(CLOCK_MONOTONIC, &wall) != 0)
        return s;
    s.self_cpu_seconds = double(cpu.tv_sec) + double(cpu.tv_nsec) * 1e-9;
    s.wall_seconds = double(wall.tv_sec) + double(wall.tv_nsec) * 1e-9;
    s.valid = true;
    return s;
}

CpuLoad measure_load(const LoadSample& before, const LoadSample& after, const std::vector<int>& ids) {
    const double wall = after.wall_seconds - before.wall_seconds;
    if (!before.valid || !after.valid || wall <= 0) return {};
    const double self = (after.self_cpu_seconds - before.self_cpu_seconds) / wall;
    errno = 0;
    const int prio = ::getpriority(PRIO_PROCESS, 0);  // this thread's nice value on Linux
    const bool niced = errno == 0 && prio > 0;
    return load_between(before.stat, after.stat, ids, niced, self);
}

CpuLoad runnable_load_now() {
    const ProcStat st = parse_proc_stat(read_file("/proc/stat"));
    int own = 0;
    if (DIR* dir = ::opendir("/proc/self/task")) {
        while (const dirent* e = ::readdir(dir)) {
            if (e->d_name[0] == '.') continue;
            if (task_state(read_file(std::string("/proc/self/task/") + e->d_name + "/stat")) == 'R') ++own;
        }
        ::closedir(dir);
    }
    return load_from_runnable(st.procs_running, std::max(1, own));
}

double parse_cgroup_cpu_max(const std::string& text) {
    std::istringstream in(text);
    std::string quota, period;
    if (!(in >> quota)) return 0;
    if (quota == "max") return 0;
    long long q = 0, p = 100000;
    if (!parse_long(quota, q) || q <= 0) return 0;
    if (in >> period && (!parse_long(period, p) || p <= 0)) return 0;
    return double(q) / double(p);
}

double parse_cgroup_v1_quota(const std::string& quota_text, const std::string& period_text) {
    long long q = 0, p = 0;
    if (!parse_long(quota_text, q) || q <= 0) return 0;
    if (!parse_long(period_text, p) || p <= 0) return 0;
    return double(q) / double(p);
}

double cgroup_cpu_quota(const std::string& proc_self_cgroup, const std::string& mountinfo, const std::string& root,
                        std::string* source) {
    const std::vector<CgroupMount> mounts = cgroup_mounts(mountinfo);
    double best = 0;
    std::string best_source;
    auto take = [&](double q, const std::string& src) {
        if (q > 0 && (best == 0 || q < best)) {
            best = q;
            best_source = src;
        }
    };
    std::istringstream in(proc_self_cgroup);
    std::string line;
    while (std::getline(in, line)) {
        // "ID:CONTROLLERS:PATH"; v2 is "0::PATH".
        const auto c1 = line.find(':');
        const auto c2 = c1 == std::string::npos ? std::string::npos : line.find(':', c1 + 1);
        if (c2 == std::string::npos) continue;
        const std::string controllers = line.substr(c1 + 1, c2 - c1 - 1);
        const std::string path = trim(line.substr(c2 + 1));
        if (path.empty() || path[0] != '/') continue;
        const bool v2 = controllers.empty();
        bool v1_cpu = false;
        for (const std::string& c : split(controllers, ','))
            if (c == "cpu") v1_cpu = true;
        if (!v2 && !v1_cpu) continue;
        for (const CgroupMount& m : mounts) {
            if (m.v2 != v2) continue;
            const std::string dir = cgroup_dir(m, path);
            std::string src;
            double q = 0;
            if (v2) {
                q = smallest_limit_upwards(
                    root, dir, m.mount_point,
                    [](const std::string& d, std::string& file) {
                        file = d + "/cpu.max";
                        return parse_cgroup_cpu_max(read_file(file));
                    },
                    &src);
            } else {
                q = smallest_limit_upwards(
                    root, dir, m.mount_point,
                    [](const std::string& d, std::string& file) {
                        file = d + "/cpu.cfs_quota_us";
                        return parse_cgroup_v1_quota(read_file(file), read_file(d + "/cpu.cfs_period_us"));
                    },
                    &src);
            }
            take(q, src);
        }
    }
    if (source) *source = best_source;
    return best;
}

CpuAvailability query_cpu_availability() {
    CpuAvailability c;
    const long online = ::sysconf(_SC_NPROCESSORS_ONLN);
    c.online = online > 0 ? static_cast<int>(online) : 1;
    cpu_set_t set;
    CPU_ZERO(&set);
    if (::sched_getaffinity(0, sizeof(set), &set) == 0) {
        c.affinity = CPU_COUNT(&set);
        for (int i = 0; i < CPU_SETSIZE; ++i)
            if (CPU_ISSET(i, &set)) c.ids.push_back(i);
    } else
        c.affinity = c.online;
    c.quota = cgroup_cpu_quota(read_file("/proc/self/cgroup"), read_file("/proc/self/mountinfo"), "", &c.quota_source);
    return c;
}

OpenMpWaitPolicy openmp_wait_policy() {
    OpenMpWaitPolicy p;
    p.set_by_us = std::getenv("LATENT_OMP_WAIT_SET") != nullptr;
    const char* policy = std::getenv("OMP_WAIT_POLICY");
    const char* spin = std::getenv("GOMP_SPINCOUNT");
    if (spin && *spin) {
        p.policy = std::string("spin ") + spin;
    } else if (policy && *policy) {
        std::string v = policy;
        std::transform(v.begin(), v.end(), v.begin(), [](unsigned char ch) { return char(std::tolower(ch)); });
        p.policy = v;
    } else {
        p.policy = "default";
    }
    return p;
}

void reexec_with_runtime_settings(char** argv) {
    if (!argv || !argv[0] || std::getenv("LATENT_NO_REEXEC")) return;
    bool changed = false;
    // Passive OpenMP waiting unless the user chose a policy or a spin count.
    const char* policy = std::getenv("OMP_WAIT_POLICY");
    const char* spin = std::getenv("GOMP_SPINCOUNT");
    if ((!policy || !*policy) && (!spin || !*spin)) {
        ::setenv("OMP_WAIT_POLICY", "PASSIVE", 1);
        ::setenv("LATENT_OMP_WAIT_SET", "1", 1);
        changed = true;
    }
    if (!std::getenv("OPENBLAS_CORETYPE")) {
        const std::string core = blas_core_to_force();
        if (!core.empty()) {
            ::setenv("OPENBLAS_CORETYPE", core.c_str(), 1);
            ::setenv("LATENT_BLAS_CORE_FORCED", "1", 1);
            changed = true;
        }
    }
    if (!changed) return;  // (after the exec every variable is set: no second exec)
    ::execv("/proc/self/exe", argv);
    // exec failed: carry on as we are rather than not at all.
    if (std::getenv("LATENT_OMP_WAIT_SET")) {
        ::unsetenv("OMP_WAIT_POLICY");
        ::unsetenv("LATENT_OMP_WAIT_SET");
    }
    if (std::getenv("LATENT_BLAS_CORE_FORCED")) {
        ::unsetenv("OPENBLAS_CORETYPE");
        ::unsetenv("LATENT_BLAS_CORE_FORCED");
    }
}

void remember_thread_decision(const ThreadDecision& d) {
    std::lock_guard<std::mutex> lock(g_decision_mutex);
    g_decision = d;
    g_decided = true;
}

ThreadDecision current_thread_decision() {
    {
        std::lock_guard<std::mutex> lock(g_decision_mutex);
        if (g_decided) return g_decision;
    }
    return decide_threads(0, query_cpu_availability());
}

} // namespace latent
