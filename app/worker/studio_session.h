// The studio's generation core, widget-free: the persisted job queue (SQLite), the inference
// worker on its own thread and the GUI event-loop stall probe. The main window attaches to one;
// tests build one over a temporary folder.
#pragma once

#include "app/jobs/job_inputs.h"
#include "app/jobs/job_queue.h"
#include "app/jobs/job_store.h"
#include "app/remote/backend_registry.h"
#include "app/remote/backend_secrets.h"
#include "app/remote/remote_dispatcher.h"
#include "app/remote/remote_job_ledger.h"
#include "app/worker/inference_worker.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>

namespace latent {

class EventLoopProbe;
class Settings;

class StudioSession : public QObject {
    Q_OBJECT
public:
    // `dataDir`: where jobs.sqlite and the inputs/ folder live (default: AppDataLocation). The
    // output folder comes from settings::OutputFolder (default: Pictures/Latent Studio).
    // Sweeps inputs/ of files no persisted job references (see JobInputFiles).
    explicit StudioSession(Settings& settings, const QString& dataDir = {}, QObject* parent = nullptr);
    ~StudioSession() override;

    JobQueue* queue() const { return queue_.get(); }
    InferenceController* controller() const { return controller_.get(); }
    // Remote backends (issue 16): the saved entries, their secrets, and the dispatcher that sends
    // jobs there. Its results, progress and previews also come out of the controller's signals.
    BackendRegistry* backends() const { return backends_.get(); }
    BackendSecrets* secrets() const { return secrets_.get(); }
    RemoteDispatcher* dispatcher() const { return dispatcher_.get(); }
    EventLoopProbe* stallProbe() const { return probe_; }
    // The canvas's init images and masks of queued jobs (<dataDir>/inputs), kept while a job
    // references them.
    JobInputFiles* inputFiles() const { return inputs_.get(); }
    QString inputsDir() const { return inputs_->folder(); }
    // Files the startup sweep deleted.
    int sweptAtStartup() const { return sweptAtStartup_; }
    QString storeError() const { return storeError_; } // non-empty: the queue is memory-only
    QString outputDir() const;

    // Longest GUI event-loop stall (ms) while the last generation ran, including what the GUI
    // does with its results in the half second after it (gallery, canvas, queue). Known once
    // stallMeasured() was emitted.
    double lastGenerationStallMs() const { return lastStallMs_; }

    // Starts the worker (after the UI connected its signals).
    void start();

    // The built-in demo model (tiny SD1, random weights): $LATENT_DEMO_MODEL, else
    // <exe dir>/../share/latentstudio/demo/latent-demo-sd1-random.safetensors. Empty if absent.
    static QString demoModelPath();

Q_SIGNALS:
    void stallMeasured(double longestStallMs);

private:
    Settings& settings_;
    JobStore store_;
    QString storeError_;
    std::unique_ptr<JobQueue> queue_;
    std::unique_ptr<JobInputFiles> inputs_;
    int sweptAtStartup_ = 0;
    std::unique_ptr<InferenceController> controller_;
    std::unique_ptr<BackendRegistry> backends_;
    std::unique_ptr<BackendSecrets> secrets_;
    RemoteJobLedger ledger_;
    std::unique_ptr<RemoteDispatcher> dispatcher_;
    void startDispatcher();
    void reportStall();
    EventLoopProbe* probe_ = nullptr;
    QTimer* settle_ = nullptr; // the measurement goes on briefly after a job
    double lastStallMs_ = 0;
};

} // namespace latent
