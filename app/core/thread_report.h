// The engine's thread decision (pipeline/core/thread_policy.h) as text for people: the studio's
// status bar and `latentstudio-cli --version`.
#pragma once

#include <QString>

namespace latent {

// "2 threads" (short, for the status bar).
QString threadCountText();
// Why that many: "every CPU this process may use", "the CPU affinity mask allows 1 of 2 CPUs", ...
QString threadReasonText();
// How the threads wait for each other (OpenMP wait policy), with why.
QString threadWaitText();

} // namespace latent
