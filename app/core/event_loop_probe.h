// Measures how long the thread's event loop stalls: a precise QTimer fires every `intervalMs`;
// the longest gap beyond the interval between two ticks is the longest stall (a frame the GUI
// could not draw). Used to check that the GUI thread never blocks on the engine (goal < 16 ms).
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace latent {

class EventLoopProbe : public QObject {
    Q_OBJECT
public:
    explicit EventLoopProbe(int intervalMs = 4, QObject* parent = nullptr);

    void start(); // resets the figures
    void stop();
    bool isRunning() const { return timer_.isActive(); }
    void reset();
    // Starts the current gap now: work the caller knows is not the application's (e.g. a test
    // grabbing a screenshot) is left out of the figures.
    void resync();

    double longestStallMs() const { return longestStallMs_; } // since start()/reset()
    double meanIntervalMs() const { return ticks_ ? totalMs_ / ticks_ : 0.0; }
    qint64 ticks() const { return ticks_; }

private:
    void tick();

    QTimer timer_;
    QElapsedTimer clock_;
    int intervalMs_;
    qint64 lastNs_ = 0;
    double longestStallMs_ = 0;
    double totalMs_ = 0;
    qint64 ticks_ = 0;
};

} // namespace latent
