// A short scheduler slice for the GUI thread (issue 19: the studio stays responsive while other
// programs and the engine keep every CPU busy).
//
// Measured on a 2-core machine with two busy programs beside a generation: the GUI thread's timer
// woke every 4 ms but ran only every ~10 ms (stalls of 6-18 ms), because the scheduler let the
// busy task on its CPU finish its slice first. Linux 6.12 and newer (EEVDF with per-task slices)
// let a thread ask for a shorter slice with sched_setattr(sched_runtime): a waking thread with a
// shorter slice than the running one preempts it at once. Older kernels ignore the request.
// Needs no privilege; the thread's policy (SCHED_OTHER) and nice value stay as they are.
#pragma once

#include <QString>

namespace latent {

struct GuiLatencyResult {
    bool applied = false;  // the kernel took the request (it may still ignore the slice: < 6.12)
    QString detail;        // "slice 1.0 ms" or the reason it was not applied
};

// Asks for `sliceUs` microseconds (the kernel clamps to 0.1-100 ms) for the calling thread.
// LATENT_GUI_SLICE_US overrides the value; 0 there turns the request off.
GuiLatencyResult requestShortSchedulerSlice(unsigned sliceUs = 1000);

} // namespace latent
