#include "app/core/process_memory.h"

#include <QFile>
#include <QLocale>
#include <QString>

namespace latent {

ProcessMemory ProcessMemory::current() {
    ProcessMemory m;
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly)) return m;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (const QByteArray& line : lines) {
        auto kb = [&line]() { return line.mid(line.indexOf(':') + 1).trimmed().split(' ').value(0).toULongLong() * 1024; };
        if (line.startsWith("VmRSS:")) m.residentBytes = kb();
        else if (line.startsWith("VmHWM:")) m.peakBytes = kb();
    }
    return m;
}

QString formatBytes(quint64 bytes) {
    return QLocale().formattedDataSize(static_cast<qint64>(bytes), 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace latent
