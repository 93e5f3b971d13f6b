// The inference worker (DESIGN.md "Threading"): one QObject on its own named QThread per local
// device. It owns the engines (the model cache: the N most recently used models stay loaded) and
// opens c10::InferenceMode per job on that thread. Jobs come from the JobQueue through
// InferenceController (below, GUI thread); everything goes back as queued signals carrying only
// plain values (previews as 8-bit RGB ImagePixels: app/ has no QtGui; the UI wraps them in a
// QImage without copying tensors). Every exception of a job is caught on the worker thread and turned
// into jobFailed with a clear sentence; the worker then takes the next job. Out of memory
// (c10::OutOfMemoryError, a c10::Error from a failed allocation, std::bad_alloc) also unloads
// every cached model but the job's own (that one too if it did not finish loading) and empties
// the CUDA cache; the message says what was released (memoryReleased tells it as values).
//
// Job parameters (Job::params) are an A1111 /sdapi/v1/txt2img body (kind "txt2img") or
// /sdapi/v1/img2img body without base64 images (kind "img2img") plus:
//   "model_path"       absolute path of the checkpoint (required)
//   "vae_path"         absolute path of a VAE override (optional)
//   "output_dir"       folder for the PNGs (optional; the controller's output folder otherwise)
//   "init_image_path"  img2img: the init image file (required)
//   "mask_path"        img2img: the inpaint mask file, white = repaint (optional)
// Kind "upscale" (A1111 Extras): an /sdapi/v1/extra-single-image body without base64 images
// (upscaler_1, upscaler_2, extras_upscaler_2_visibility, resize_mode, upscaling_resize,
// upscaling_resize_w/_h, upscaling_crop) plus "image_path" (required) and "output_dir".
// Upscaler names (and txt2img's hr_upscaler / hr_checkpoint_name) resolve through "model_roots"
// (optional list of model roots) and the library roots of the settings.
#pragma once

#include "app/storage/image_writer.h"

#include <QJsonObject>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>

class QThread;

namespace latent {

class Engine;
class JobQueue;
struct Job;

// Shared between the GUI thread (writes) and the worker thread (reads before every model call).
struct WorkerCancelState {
    std::atomic<qint64> cancelJobId{0}; // the running job whose cancel was requested
    // A1111's Interrupt / Skip of the running job (JobQueue::stopEarly).
    std::atomic<qint64> interruptJobId{0};
    std::atomic<qint64> skipJobId{0};
    std::atomic<bool> shuttingDown{false};
};

struct WorkerOptions {
    QString device = QStringLiteral("cpu");
    int cachedModels = 1; // models kept loaded (>= 1)
    int previewEvery = 2; // preview image every N steps (0 = none)
    QString outputDir;    // default output folder
    // No thread count here: every job runs with the thread policy's decision
    // (pipeline/core/thread_policy.h, configure_threads()).
};

class InferenceWorker : public QObject {
    Q_OBJECT
public:
    InferenceWorker(WorkerOptions options, std::shared_ptr<WorkerCancelState> cancel);
    ~InferenceWorker() override;

    // Test seam (fault injection and observation), called on the worker thread from the engine's
    // per-step progress callback, i.e. inside the engine's call stack, after the step was
    // reported and before the next model call. Whatever it throws leaves the engine the way an
    // engine failure at that point would, and the worker handles it like one. Set it while the
    // worker is idle (before start() or between jobs). Production code never sets it.
    std::function<void(qint64 jobId, int step, int total)> stepHook;

    // The model files loaded in the cache, most recently used first. Thread-safe.
    QStringList loadedModels() const;

public Q_SLOTS:
    // Runs one job to the end (invoked through a queued connection on the worker thread).
    void runJob(qint64 jobId, const QString& kind, const QJsonObject& params);
    void setCachedModels(int count);
    void setPreviewEvery(int steps);
    // Frees every loaded model (e.g. before the thread ends).
    void releaseModels();
    // Loads a model into the cache without running a job (the API's "set the checkpoint"), after
    // the job that runs now; reports modelPreloaded.
    void preloadModel(const QString& modelPath, const QString& vaePath);

Q_SIGNALS:
    void jobStarted(qint64 jobId);
    void modelLoaded(qint64 jobId, const QString& modelPath, double seconds, bool cached);
    void progress(qint64 jobId, int step, int total, double itPerSecond, double etaSeconds);
    void preview(qint64 jobId, const latent::ImagePixels& image);
    // The job's first image as saved (`path`, `infotext`), so the UI can show it without
    // reading the PNG back. Emitted just before jobFinished.
    void resultImage(qint64 jobId, const latent::ImagePixels& image, const QString& path, const QString& infotext);
    // `paths`: the saved PNGs; `recovered`: notes for images that went to the recovery folder.
    void jobFinished(qint64 jobId, const QStringList& paths, const QStringList& recovered, double itPerSecond);
    // What a successful job noted but survived (a LoRA not found, ...). Emitted just before
    // jobFinished, only when there is something to say.
    void jobWarnings(qint64 jobId, const QStringList& warnings);
    void jobFailed(qint64 jobId, const QString& error);
    void jobCancelled(qint64 jobId);
    // The device ran out of memory in a job: what the worker released to recover.
    void memoryReleased(qint64 jobId, int modelsUnloaded, bool deviceCacheEmptied);
    void idle();
    // preloadModel's answer: `error` is empty on success.
    void modelPreloaded(const QString& modelPath, const QString& error, double seconds);

private:
    // Kind "upscale": emits resultImage and jobFinished; throws like runJob's body.
    void runUpscaleJob(qint64 jobId, const QJsonObject& params, Engine& engine);
    // Releases what it can (other cached models, the CUDA cache) and fails the job with a
    // message that says so. `detail`: the allocator's message (logged; the size is shown).
    void failOutOfMemory(qint64 jobId, Engine* engine, const QString& detail);

    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// GUI-thread side: owns the worker's thread ("latent-inference"), feeds it jobs from the queue
// one at a time, forwards cancel requests to the shared flag and the worker's reports to the
// queue.
class InferenceController : public QObject {
    Q_OBJECT
public:
    InferenceController(JobQueue* queue, WorkerOptions options, QObject* parent = nullptr);
    ~InferenceController() override; // asks the running job to stop, joins the thread

    InferenceWorker* worker() const { return worker_; }
    QThread* thread() const { return thread_; }
    const WorkerOptions& options() const { return options_; }
    bool isBusy() const { return busyJob_ != 0; }
    qint64 runningJobId() const { return busyJob_; }
    double lastItPerSecond() const { return lastItPerSecond_; }
    QString defaultOutputDir() const { return options_.outputDir; }

    // Thread-safe: may be called from any thread.
    void requestCancel(qint64 jobId);
    void requestStopEarly(qint64 jobId, bool skip);
    // Loads a model on the worker thread (after the running job), see InferenceWorker::preloadModel;
    // the answer comes as modelPreloaded. unloadModels() frees every cached model.
    void preloadModel(const QString& modelPath, const QString& vaePath);
    void unloadModels();

    // Which queued jobs this worker takes (default: target "local" or "any", see job_target in
    // app/remote/backend_config.h). Jobs running elsewhere (remote backends) do not hold it up.
    void setJobFilter(std::function<bool(const Job&)> accept);

    // Starts the thread and takes the first job (call once, after connecting signals).
    void start();
    void setOutputDir(const QString& dir) { options_.outputDir = dir; }

Q_SIGNALS:
    void imagesSaved(qint64 jobId, const QStringList& paths);
    // The first saved image's pixels and infotext (before imagesSaved).
    void resultReady(qint64 jobId, const latent::ImagePixels& image, const QString& path, const QString& infotext);
    void previewReady(qint64 jobId, const latent::ImagePixels& image);
    void progress(qint64 jobId, int step, int total, double itPerSecond, double etaSeconds);
    void jobFailed(qint64 jobId, const QString& error);
    // Some images of the job went to the recovery folder (the output folder failed).
    void imagesRecovered(qint64 jobId, const QStringList& notes);
    // A finished job's warnings (also kept in the queue's Job::warnings), before imagesSaved.
    void jobWarnings(qint64 jobId, const QStringList& warnings);
    void busyChanged(bool busy);
    void modelPreloaded(const QString& modelPath, const QString& error, double seconds);

private:
    void dispatch();

    JobQueue* queue_;
    std::function<bool(const Job&)> accept_;
    WorkerOptions options_;
    std::shared_ptr<WorkerCancelState> cancel_;
    QThread* thread_ = nullptr;
    InferenceWorker* worker_ = nullptr;
    qint64 busyJob_ = 0;
    qint64 warningsJob_ = 0;   // the job busyWarnings_ belong to
    QStringList busyWarnings_; // the worker's jobWarnings, kept until that job finishes
    double lastItPerSecond_ = 0;
    bool started_ = false;
};

} // namespace latent

Q_DECLARE_METATYPE(latent::ImagePixels)
