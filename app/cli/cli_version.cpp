#include "app/cli/cli_version.h"

#include "app/core/app_info.h"
#include "app/core/process_memory.h"
#include "app/core/thread_report.h"
#include "pipeline/core/system_info.h"

#include <OpenImageIO/oiioversion.h>

#include <QCoreApplication>
#include <QStringList>

namespace latent {

QString versionReport() {
    const SystemInfo info = query_system_info();
    QStringList lines;
    lines << QStringLiteral("%1 %2").arg(AppInfo::productName(), AppInfo::version());
    lines << QStringLiteral("libtorch %1").arg(QString::fromStdString(info.torch_version));
    lines << QStringLiteral("Qt %1 (built with %2)").arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR));
    lines << QStringLiteral("OpenImageIO %1").arg(QStringLiteral(OIIO_VERSION_STRING));
    lines << QStringLiteral("BLAS: %1").arg(QString::fromStdString(info.blas));
    if (!info.blas_core.empty())
        lines << QStringLiteral("BLAS kernels: %1%2")
                     .arg(QString::fromStdString(info.blas_core),
                          info.blas_core_forced
                              ? QStringLiteral(" (forced with OPENBLAS_CORETYPE: this OpenBLAS does not know the CPU)")
                              : QString());
    lines << QStringLiteral("Threads: %1 (of %2 logical cores; %3)").arg(info.threads).arg(info.cores).arg(threadReasonText());
    lines << QStringLiteral("Thread waiting: %1").arg(threadWaitText());
    lines << QStringLiteral("Devices:");
    for (const DeviceInfo& d : info.devices) {
        lines << QStringLiteral("  %1:%2  %3  (%4)")
                     .arg(QString::fromStdString(d.kind))
                     .arg(d.index)
                     .arg(QString::fromStdString(d.name))
                     .arg(d.memory_bytes ? formatBytes(d.memory_bytes) : QStringLiteral("memory unknown"));
    }
    if (!info.cuda_available) lines << QStringLiteral("  (no CUDA devices)");
    return lines.join(QLatin1Char('\n'));
}

} // namespace latent
