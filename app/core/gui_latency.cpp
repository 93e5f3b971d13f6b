#include "app/core/gui_latency.h"

#include <QByteArray>

#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

namespace latent {

namespace {

// The kernel's struct sched_attr (include/uapi/linux/sched/types.h), first version plus the
// utilisation clamps; the size field tells the kernel which one it gets.
struct SchedAttr {
    std::uint32_t size;
    std::uint32_t sched_policy;
    std::uint64_t sched_flags;
    std::int32_t sched_nice;
    std::uint32_t sched_priority;
    std::uint64_t sched_runtime;
    std::uint64_t sched_deadline;
    std::uint64_t sched_period;
    std::uint32_t sched_util_min;
    std::uint32_t sched_util_max;
};

} // namespace

GuiLatencyResult requestShortSchedulerSlice(unsigned sliceUs) {
    GuiLatencyResult r;
    bool ok = false;
    const int fromEnv = qEnvironmentVariableIntValue("LATENT_GUI_SLICE_US", &ok);
    if (ok) sliceUs = fromEnv > 0 ? unsigned(fromEnv) : 0;
    if (sliceUs == 0) {
        r.detail = QStringLiteral("not requested (LATENT_GUI_SLICE_US=0)");
        return r;
    }
#ifdef SYS_sched_setattr
    if (::sched_getscheduler(0) != SCHED_OTHER) {
        r.detail = QStringLiteral("not requested: the thread does not run under SCHED_OTHER");
        return r;
    }
    errno = 0;
    const int nice = ::getpriority(PRIO_PROCESS, 0);  // this thread's nice value on Linux
    if (errno != 0) {
        r.detail = QStringLiteral("not requested: getpriority failed");
        return r;
    }
    SchedAttr attr;
    std::memset(&attr, 0, sizeof attr);
    attr.size = sizeof attr;
    attr.sched_policy = SCHED_OTHER;
    attr.sched_nice = nice;
    attr.sched_runtime = std::uint64_t(sliceUs) * 1000u;
    if (::syscall(SYS_sched_setattr, 0, &attr, 0u) != 0) {
        r.detail = QStringLiteral("not applied: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        return r;
    }
    r.applied = true;
    r.detail = QStringLiteral("slice %1 ms").arg(double(sliceUs) / 1000.0, 0, 'f', 1);
#else
    r.detail = QStringLiteral("not available on this system");
#endif
    return r;
}

} // namespace latent
