#include "pipeline/core/thread_policy.h"

#include "pipeline/core/system_info.h"

#include <sched.h>
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
    if (::sched_getaffinity(0, sizeof(set), &set) == 0)
        c.affinity = CPU_COUNT(&set);
    else
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
