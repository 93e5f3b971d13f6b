// Resident memory of this process (Linux /proc; 0 where unavailable).
#pragma once

#include <QtGlobal>

namespace latent {

struct ProcessMemory {
    quint64 residentBytes = 0;  // VmRSS
    quint64 peakBytes = 0;      // VmHWM
    static ProcessMemory current();
};

QString formatBytes(quint64 bytes);

} // namespace latent
