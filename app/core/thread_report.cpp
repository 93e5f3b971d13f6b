#include "app/core/thread_report.h"

#include "pipeline/core/thread_policy.h"

#include <QCoreApplication>

namespace latent {

QString threadCountText() {
    const ThreadDecision d = current_thread_decision();
    return QCoreApplication::translate("latent::ThreadReport", "%n thread(s)", nullptr, d.threads);
}

QString threadReasonText() {
    const ThreadDecision d = current_thread_decision();
    switch (d.limit) {
    case ThreadLimit::Requested:
        return QCoreApplication::translate("latent::ThreadReport", "set by you (--threads or Settings); automatic would use every CPU this process may use");
    case ThreadLimit::Environment:
        return QCoreApplication::translate("latent::ThreadReport", "set by OMP_NUM_THREADS in the environment");
    case ThreadLimit::Load:
        return QCoreApplication::translate("latent::ThreadReport", "automatic: other programs keep about %1 of %2 CPUs busy")
            .arg(d.load.others, 0, 'f', 1)
            .arg(d.cpus.affinity > 0 ? d.cpus.affinity : d.cpus.online);
    case ThreadLimit::AllCpus:
        return QCoreApplication::translate("latent::ThreadReport", "automatic: every CPU this process may use");
    case ThreadLimit::Affinity:
        return QCoreApplication::translate("latent::ThreadReport", "automatic: the CPU affinity mask allows %1 of %2 CPUs").arg(d.cpus.affinity).arg(d.cpus.online);
    case ThreadLimit::CpuQuota:
        return QCoreApplication::translate("latent::ThreadReport", "automatic: the cgroup CPU quota allows %1 CPUs (%2)")
            .arg(d.cpus.quota, 0, 'g', 3)
            .arg(QString::fromStdString(d.cpus.quota_source));
    }
    return {};
}

QString threadWaitText() {
    const OpenMpWaitPolicy p = openmp_wait_policy();
    const QString policy = QString::fromStdString(p.policy);
    if (p.set_by_us)
        return QCoreApplication::translate("latent::ThreadReport", "threads sleep while they wait (OMP_WAIT_POLICY=PASSIVE, set by Latent Studio: spinning threads "
                  "stall when other programs use the CPU)");
    if (p.policy == "default")
        return QCoreApplication::translate("latent::ThreadReport", "threads spin while they wait (the OpenMP runtime's default: the variables were not set at start)");
    return QCoreApplication::translate("latent::ThreadReport", "as set in the environment: %1").arg(policy);
}

} // namespace latent
