#include "app/core/event_loop_probe.h"

#include <QDateTime>

#include <algorithm>

namespace latent {

EventLoopProbe::EventLoopProbe(int intervalMs, QObject* parent)
    : QObject(parent), intervalMs_(std::max(1, intervalMs)) {
    timer_.setTimerType(Qt::PreciseTimer);
    timer_.setInterval(intervalMs_);
    connect(&timer_, &QTimer::timeout, this, &EventLoopProbe::tick);
}

void EventLoopProbe::start() {
    reset();
    timer_.start();
}

void EventLoopProbe::stop() {
    timer_.stop();
}

void EventLoopProbe::reset() {
    clock_.start();
    lastNs_ = 0;
    longestStallMs_ = 0;
    totalMs_ = 0;
    ticks_ = 0;
}

void EventLoopProbe::resync() {
    if (timer_.isActive()) lastNs_ = clock_.nsecsElapsed();
}

void EventLoopProbe::tick() {
    const qint64 now = clock_.nsecsElapsed();
    const double gapMs = double(now - lastNs_) / 1e6;
    lastNs_ = now;
    ++ticks_;
    totalMs_ += gapMs;
    longestStallMs_ = std::max(longestStallMs_, gapMs - intervalMs_);
    // LATENT_STALL_TRACE=<ms>: log every stall longer than that (wall-clock ms of its end).
    static const int traceMs = qEnvironmentVariableIntValue("LATENT_STALL_TRACE");
    if (traceMs > 0 && gapMs - intervalMs_ > traceMs)
        qInfo("latent: GUI stall %.1f ms ending at %lld", gapMs - intervalMs_,
              static_cast<long long>(QDateTime::currentMSecsSinceEpoch() % 100000));
}

} // namespace latent
