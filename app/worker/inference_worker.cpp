#include "app/worker/inference_worker.h"

#include "app/core/app_log.h"
#include "app/cli/generation_options.h"
#include "app/jobs/generation_runner.h"
#include "app/jobs/network_params.h"
#include "app/jobs/job_queue.h"
#include "app/remote/backend_config.h"
#include "app/jobs/upscale_runner.h"
#include "app/library/upscaler_catalog.h"
#include "pipeline/core/error.h"
#include "pipeline/core/thread_policy.h"
#include "pipeline/engine.h"

#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>
#include <c10/util/Exception.h>

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QLocale>
#include <QMutex>
#include <QRegularExpression>
#include <QThread>

#ifdef LATENT_HAVE_C10_CUDA
#include <c10/cuda/CUDACachingAllocator.h>
#endif

#include <algorithm>
#include <list>
#include <new>

namespace latent {

namespace {
ImagePixels toPixels(const GeneratedImage& img) {
    ImagePixels out;
    if (img.width <= 0 || img.height <= 0 || img.rgb.size() != size_t(img.width * img.height * 3)) return out;
    out.width = int(img.width);
    out.height = int(img.height);
    out.channels = 3;
    out.data = QByteArray(reinterpret_cast<const char*>(img.rgb.data()), qsizetype(img.rgb.size()));
    return out;
}

// libtorch reports a failed allocation as c10::OutOfMemoryError (CUDA caching allocator) or, in
// libtorch 1.x on the CPU, as a plain c10::Error from DefaultCPUAllocator.
bool isAllocationFailure(const QString& message) {
    static const QRegularExpression re(
        QStringLiteral("can't allocate memory|not enough memory|out of memory|failed to allocate"),
        QRegularExpression::CaseInsensitiveOption);
    return re.match(message).hasMatch();
}

// The size of the allocation that failed, readable ("2.00 GiB"), or empty when the message does
// not say. CUDA: "Tried to allocate 2.00 GiB (GPU 0; ...)"; CPU: "you tried to allocate N bytes".
QString failedAllocationSize(const QString& message) {
    static const QRegularExpression human(QStringLiteral("tried to allocate ([0-9.]+ ?[KMGTPE]?i?B)\\b"),
                                          QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression bytes(QStringLiteral("allocate (\\d+) bytes"));
    if (const auto m = bytes.match(message); m.hasMatch()) {
        bool ok = false;
        const qint64 n = m.captured(1).toLongLong(&ok);
        if (ok && n > 0) return QLocale().formattedDataSize(n);
    }
    if (const auto m = human.match(message); m.hasMatch()) return m.captured(1);
    return {};
}

// Device memory (VRAM) rather than the computer's RAM.
bool isDeviceMemoryMessage(const QString& message) {
    return message.contains(QLatin1String("CUDA")) || message.contains(QLatin1String("GPU")) ||
           message.contains(QLatin1String("HIP"));
}

// Frees the blocks the CUDA caching allocator keeps for reuse (after the failed job's tensors
// were freed by unwinding). Only in builds against a CUDA libtorch, and only on a CUDA device.
bool emptyDeviceCache(const QString& device) {
#ifdef LATENT_HAVE_C10_CUDA
    if (device.startsWith(QLatin1String("cuda"))) {
        try {
            c10::cuda::CUDACachingAllocator::emptyCache();
            return true;
        } catch (...) {
        }
    }
#else
    Q_UNUSED(device);
#endif
    return false;
}

struct MemoryRelease {
    QStringList unloaded;      // names of the loaded models dropped from the cache
    bool cacheEmptied = false; // the CUDA cache was emptied
    bool modelKept = false;    // the job's own model stays loaded
};

QString outOfMemoryMessage(const QString& amount, bool deviceMemory, const MemoryRelease& r) {
    QString text;
    if (!amount.isEmpty())
        text = deviceMemory ? QCoreApplication::translate("latent::InferenceWorker",
                                                          "Out of memory: the job could not get another %1 of "
                                                          "graphics memory (VRAM).")
                                  .arg(amount)
                            : QCoreApplication::translate("latent::InferenceWorker",
                                                          "Out of memory: the job could not get another %1 of RAM.")
                                  .arg(amount);
    else
        text = deviceMemory ? QCoreApplication::translate("latent::InferenceWorker",
                                                          "Out of memory: there is not enough graphics memory (VRAM) "
                                                          "for this job.")
                            : QCoreApplication::translate("latent::InferenceWorker",
                                                          "Out of memory: there is not enough RAM for this job.");
    text += QLatin1Char(' ') + QCoreApplication::translate("latent::InferenceWorker",
                                                           "Try a smaller image size or batch size, or close other "
                                                           "programs that use a lot of memory.");
    if (!r.unloaded.isEmpty())
        text +=
            QLatin1Char(' ') + QCoreApplication::translate("latent::InferenceWorker", "Unloaded to free memory: %1.")
                                   .arg(r.unloaded.join(QStringLiteral(", ")));
    if (r.cacheEmptied)
        text += QLatin1Char(' ') + QCoreApplication::translate("latent::InferenceWorker",
                                                               "The graphics memory the engine kept in reserve was "
                                                               "released.");
    if (!r.modelKept)
        text += QLatin1Char(' ') + QCoreApplication::translate("latent::InferenceWorker",
                                                               "The job's model was not fully loaded and was "
                                                               "unloaded.");
    return text;
}

// One line of an engine message, short enough for a status bar and a tooltip.
QString shortEngineMessage(const char* what) {
    QString text = QString::fromUtf8(what).trimmed();
    text = text.section(QLatin1Char('\n'), 0, 0).trimmed();
    if (text.size() > 300) text = text.left(299) + QStringLiteral("…");
    return text;
}
} // namespace

namespace {
// "model_roots" (and the older key "models_roots"): the library roots when the job was queued
// (upscaler, hires checkpoint, LoRA and ControlNet names resolve there).
QStringList modelsRootsOf(const QJsonObject& params) {
    QStringList roots;
    for (const char* key : {"model_roots", "models_roots"})
        for (const QJsonValue& v : params.value(QLatin1String(key)).toArray())
            if (v.isString() && !roots.contains(v.toString())) roots << v.toString();
    return roots;
}
} // namespace

struct InferenceWorker::Impl {
    WorkerOptions options;
    std::shared_ptr<WorkerCancelState> cancel;
    // The model cache: most recently used first; each engine holds one loaded model.
    struct Cached {
        QString key;
        std::unique_ptr<Engine> engine;
    };
    std::list<Cached> engines;
    std::unique_ptr<Engine> upscaleEngine;  // "upscale" jobs: no checkpoint, its own upscaler cache
    mutable QMutex loadedMutex;
    QStringList loaded; // snapshot of the cache for other threads

    void publish() {
        QStringList paths;
        for (const Cached& c : engines)
            if (c.engine->has_model()) paths << c.key.section(QLatin1Char('\n'), 0, 0);
        QMutexLocker lock(&loadedMutex);
        loaded = paths;
    }

    // After an out-of-memory failure (the job's tensors are already freed by unwinding): drop
    // every cached model but the one the job used, and that one too if it did not finish
    // loading; then empty the CUDA cache.
    MemoryRelease releaseAfterOutOfMemory(Engine* inUse) {
        MemoryRelease r;
        for (auto it = engines.begin(); it != engines.end();) {
            Engine* e = it->engine.get();
            if (e == inUse && e->has_model()) {
                r.modelKept = true;
                ++it;
                continue;
            }
            if (e != inUse && e->has_model())
                r.unloaded << QFileInfo(it->key.section(QLatin1Char('\n'), 0, 0)).completeBaseName();
            it = engines.erase(it);
        }
        if (!inUse) r.modelKept = true; // the job failed before it chose a model
        r.cacheEmptied = emptyDeviceCache(options.device);
        publish();
        return r;
    }

    Engine& engineFor(const QString& model, const QString& vae) {
        // One engine per checkpoint: a VAE change swaps only the VAE inside it.
        Q_UNUSED(vae);
        const QString key = QFileInfo(model).absoluteFilePath();
        for (auto it = engines.begin(); it != engines.end(); ++it)
            if (it->key == key) {
                engines.splice(engines.begin(), engines, it);
                return *engines.front().engine;
            }
        // Evict before creating, so the old weights are freed before the new ones load.
        const int keep = std::max(1, options.cachedModels);
        while (int(engines.size()) >= keep) engines.pop_back();
        engines.push_front(Cached{key, std::make_unique<Engine>(options.device.toStdString())});
        return *engines.front().engine;
    }
    // The thread count of the policy in effect (thread_policy.h: Settings or --threads, else the
    // CPUs this process may use), applied on the worker thread before each job: OpenMP keeps the
    // count per thread, so a decision made on the GUI thread after this thread started (a
    // Settings change) reaches the engine only this way. The worker never picks a count itself.
    static void applyThreadPolicy() {
        const int wanted = current_thread_decision().threads;
        if (wanted > 0 && at::get_num_threads() != wanted) at::set_num_threads(wanted);
    }
    void forget(Engine* e) {
        engines.remove_if([e](const Cached& c) { return c.engine.get() == e; });
        publish();
    }
};

InferenceWorker::InferenceWorker(WorkerOptions options, std::shared_ptr<WorkerCancelState> cancel)
    : impl_(std::make_unique<Impl>()) {
    setObjectName(QStringLiteral("inferenceWorker"));
    impl_->options = std::move(options);
    impl_->cancel = std::move(cancel);
}

InferenceWorker::~InferenceWorker() = default;

void InferenceWorker::setCachedModels(int count) {
    impl_->options.cachedModels = std::max(1, count);
    while (int(impl_->engines.size()) > impl_->options.cachedModels) impl_->engines.pop_back();
    impl_->publish();
}

QStringList InferenceWorker::loadedModels() const {
    QMutexLocker lock(&impl_->loadedMutex);
    return impl_->loaded;
}

void InferenceWorker::setPreviewEvery(int steps) {
    impl_->options.previewEvery = std::max(0, steps);
}

void InferenceWorker::releaseModels() {
    impl_->engines.clear();
    impl_->upscaleEngine.reset();
    impl_->publish();
}

void InferenceWorker::preloadModel(const QString& modelPath, const QString& vaePath) {
    QString error;
    double seconds = 0;
    Engine* engine = nullptr;
    try {
        Impl::applyThreadPolicy();
        c10::InferenceMode guard;
        engine = &impl_->engineFor(modelPath, vaePath);
        seconds = engine->load_model(modelPath.toStdString(), vaePath.toStdString()).seconds;
    } catch (const std::bad_alloc&) {
        if (engine) impl_->forget(engine);
        error = tr("Out of memory while loading the model.");
    } catch (const c10::Error& e) {
        if (engine) impl_->forget(engine);
        error = shortEngineMessage(e.what_without_backtrace());
    } catch (const std::exception& e) {
        if (engine) impl_->forget(engine);
        error = QString::fromUtf8(e.what());
    }
    impl_->publish();
    Q_EMIT modelPreloaded(modelPath, error, seconds);
}

void InferenceWorker::runJob(qint64 jobId, const QString& kind, const QJsonObject& params) {
    Q_EMIT jobStarted(jobId);
    Engine* engine = nullptr;
    try {
        Impl::applyThreadPolicy();
        c10::InferenceMode guard; // thread-local: opened per job, on this thread
        const bool img2img = kind == QLatin1String("img2img");
        if (kind == QLatin1String("upscale")) {
            if (!impl_->upscaleEngine) impl_->upscaleEngine = std::make_unique<Engine>(impl_->options.device.toStdString());
            engine = impl_->upscaleEngine.get();
            runUpscaleJob(jobId, params, *engine);
            impl_->publish();
            Q_EMIT idle();
            return;
        }
        if (!img2img && kind != QLatin1String("txt2img"))
            throw PipelineError("unsupported_job",
                                tr("The studio cannot run jobs of kind \"%1\".").arg(kind).toStdString());
        GenerationJobSpec spec;
        QString error = applyApiRequest(params, spec.request);
        // ControlNet units: the studio's own jobs give image files and model paths; jobs from the
        // HTTP API only base64 pixels and model names, looked up in the job's model roots.
        const bool fromApi = params.value(QStringLiteral("source")).toString() == QLatin1String("api");
        if (error.isEmpty()) error = applyControlNetApiArgs(params, spec.request, &spec.controlInputs, /*allowLocalPaths=*/!fromApi);
        const QJsonArray roots = params.value(QStringLiteral("model_roots")).toArray();
        for (ControlUnit& u : spec.request.controlnet) {
            if (!error.isEmpty()) break;
            error = resolveControlNetModel(u, roots.isEmpty() ? QString() : roots.first().toString());
            for (qsizetype i = 1; i < roots.size() && !error.isEmpty(); ++i) error = resolveControlNetModel(u, roots.at(i).toString());
        }
        if (error.isEmpty() && img2img) {
            // Image to image / inpainting: the canvas saved the init image (and mask) as files,
            // because queued jobs outlive the canvas and survive a restart.
            error = applyImg2ImgApiRequest(params, spec.request, nullptr, nullptr);
            spec.initImagePath = params.value(QStringLiteral("init_image_path")).toString();
            spec.maskPath = params.value(QStringLiteral("mask_path")).toString();
            for (const QJsonValue& v : params.value(QStringLiteral("more_init_image_paths")).toArray())
                spec.moreInitImagePaths << v.toString();
            if (error.isEmpty() && spec.initImagePath.isEmpty())
                error = tr("The image-to-image job has no init image.");
        }
        // Hires fix: upscaler and hires checkpoint names resolve through the library's roots.
        if (error.isEmpty() && !img2img)
            error = UpscalerCatalog::resolveHires(spec.request, UpscalerCatalog::roots(modelsRootsOf(params)));
        if (!error.isEmpty()) throw PipelineError("bad_request", error.toStdString());
        Engine::check_request(spec.request);
        spec.request = resolveSeeds(spec.request);
        spec.modelPath = params.value(QStringLiteral("model_path")).toString();
        spec.vaePath = params.value(QStringLiteral("vae_path")).toString();
        spec.outputDir = params.value(QStringLiteral("output_dir")).toString();
        if (spec.outputDir.isEmpty()) spec.outputDir = impl_->options.outputDir;
        if (spec.modelPath.isEmpty())
            throw PipelineError("no_model", tr("No model was chosen for this job.").toStdString());
        error = applyNetworkParams(params, spec);
        if (!error.isEmpty()) throw PipelineError("bad_request", error.toStdString());

        engine = &impl_->engineFor(spec.modelPath, spec.vaePath);
        const std::shared_ptr<WorkerCancelState> cancel = impl_->cancel;
        GenerationCallbacks callbacks;
        callbacks.preview_every = impl_->options.previewEvery;
        callbacks.cancelled = [cancel, jobId] {
            return cancel->cancelJobId.load() == jobId || cancel->shuttingDown.load();
        };
        callbacks.interrupted = [cancel, jobId] { return cancel->interruptJobId.load() == jobId; };
        callbacks.skipped = [cancel, jobId] { return cancel->skipJobId.load() == jobId; };
        callbacks.skip_handled = [cancel, jobId] {
            qint64 expected = jobId;
            cancel->skipJobId.compare_exchange_strong(expected, 0);
        };
        callbacks.on_progress = [this, jobId](const GenerationProgress& p) {
            Q_EMIT progress(jobId, int(p.step), int(p.total), p.iterations_per_second, p.eta_seconds);
            if (p.preview) {
                const ImagePixels image = toPixels(*p.preview);
                if (image.isValid()) Q_EMIT preview(jobId, image);
            }
            if (stepHook) stepHook(jobId, int(p.step), int(p.total));
        };
        const GenerationOutcome outcome = runGeneration(*engine, spec, callbacks);
        impl_->publish(); // before any report, so a listener sees the cache as it is now
        Q_EMIT modelLoaded(jobId, spec.modelPath, outcome.model.seconds, outcome.model.cached);
        QStringList paths, recovered;
        for (const SavedImage& img : outcome.images) {
            paths << img.path;
            if (img.recovered) recovered << tr("%1 was saved to the recovery folder: %2").arg(img.path, img.reason);
        }
        if (!outcome.images.isEmpty() && !outcome.result.images.empty()) {
            const ImagePixels first = toPixels(outcome.result.images.front());
            if (first.isValid())
                Q_EMIT resultImage(jobId, first, outcome.images.constFirst().path,
                                   outcome.images.constFirst().infotext);
        }
        const auto& steps = outcome.result.timings.step_seconds;
        double total = 0;
        for (double s : steps) total += s;
        const double itPerSecond = total > 0 ? double(steps.size()) / total : 0.0;
        QStringList warnings;
        for (const std::string& w : outcome.result.warnings) {
            const QString text = QString::fromStdString(w).trimmed();
            if (!text.isEmpty() && !warnings.contains(text)) warnings << text;
        }
        if (!warnings.isEmpty()) {
            qWarning("latent: job %lld: %s", static_cast<long long>(jobId), qPrintable(warnings.join(QStringLiteral("; "))));
            Q_EMIT jobWarnings(jobId, warnings);
        }
        Q_EMIT jobFinished(jobId, paths, recovered, itPerSecond);
    } catch (const CancelledError&) {
        Q_EMIT jobCancelled(jobId);
    } catch (const PipelineError& e) {
        if (e.code() == "cancelled")
            Q_EMIT jobCancelled(jobId);
        else if (e.code() == "out_of_memory")
            failOutOfMemory(jobId, engine, QString::fromStdString(e.what()));
        else
            Q_EMIT jobFailed(jobId, QString::fromStdString(e.what()));
    } catch (const c10::OutOfMemoryError& e) {
        failOutOfMemory(jobId, engine, QString::fromUtf8(e.what_without_backtrace()));
    } catch (const c10::Error& e) {
        const QString what = QString::fromUtf8(e.what_without_backtrace());
        if (isAllocationFailure(what)) {
            failOutOfMemory(jobId, engine, what);
        } else {
            // An engine error may leave a module half-updated: drop that engine.
            qWarning("latent: job %lld failed in the engine: %s", static_cast<long long>(jobId),
                     e.what_without_backtrace());
            if (engine) impl_->forget(engine);
            Q_EMIT jobFailed(jobId, tr("The engine failed with an internal error (%1). The model was unloaded; the "
                                       "next job loads it again.")
                                        .arg(shortEngineMessage(e.what_without_backtrace())));
        }
    } catch (const std::bad_alloc&) {
        failOutOfMemory(jobId, engine, QStringLiteral("std::bad_alloc"));
    } catch (const std::exception& e) {
        Q_EMIT jobFailed(jobId, QString::fromStdString(e.what()));
    } catch (...) {
        if (engine) impl_->forget(engine);
        Q_EMIT jobFailed(jobId, tr("The job failed with an unknown error."));
    }
    impl_->publish();
    Q_EMIT idle();
}

void InferenceWorker::runUpscaleJob(qint64 jobId, const QJsonObject& params, Engine& engine) {
    UpscaleJobSpec spec;
    QString error = applyUpscaleApiRequest(params, spec.request);
    spec.inputPath = params.value(QStringLiteral("image_path")).toString();
    spec.outputDir = params.value(QStringLiteral("output_dir")).toString();
    if (spec.outputDir.isEmpty()) spec.outputDir = impl_->options.outputDir;
    if (error.isEmpty() && spec.inputPath.isEmpty()) error = tr("The upscale job has no image.");
    if (error.isEmpty()) error = UpscalerCatalog::resolveUpscale(spec.request, UpscalerCatalog::roots(modelsRootsOf(params)));
    if (!error.isEmpty()) throw PipelineError("bad_request", error.toStdString());
    const std::shared_ptr<WorkerCancelState> cancel = impl_->cancel;
    GenerationCallbacks callbacks;
    callbacks.cancelled = [cancel, jobId] { return cancel->cancelJobId.load() == jobId || cancel->shuttingDown.load(); };
    callbacks.on_progress = [this, jobId](const GenerationProgress& p) {
        Q_EMIT progress(jobId, int(p.step), int(p.total), p.iterations_per_second, p.eta_seconds);
        if (stepHook) stepHook(jobId, int(p.step), int(p.total));
    };
    const UpscaleOutcome outcome = runUpscale(engine, spec, callbacks);
    QStringList recovered;
    if (outcome.image.recovered)
        recovered << tr("%1 was saved to the recovery folder: %2").arg(outcome.image.path, outcome.image.reason);
    ImagePixels pixels;
    pixels.width = outcome.width;
    pixels.height = outcome.height;
    pixels.channels = 3;
    pixels.data = QByteArray(reinterpret_cast<const char*>(outcome.pixels.data.data()),
                             static_cast<qsizetype>(outcome.pixels.data.size()));
    if (pixels.isValid()) Q_EMIT resultImage(jobId, pixels, outcome.image.path, outcome.sourceParameters);
    Q_EMIT jobFinished(jobId, {outcome.image.path}, recovered, 0.0);
}

void InferenceWorker::failOutOfMemory(qint64 jobId, Engine* engine, const QString& detail) {
    const MemoryRelease released = impl_->releaseAfterOutOfMemory(engine);
    const bool deviceMemory = isDeviceMemoryMessage(detail);
    qWarning("latent: job %lld ran out of memory (%s); unloaded %d other model(s)%s%s", static_cast<long long>(jobId),
             qPrintable(detail), int(released.unloaded.size()), released.cacheEmptied ? ", emptied the CUDA cache" : "",
             released.modelKept ? "" : ", unloaded the job's partly loaded model");
    Q_EMIT memoryReleased(jobId, int(released.unloaded.size()), released.cacheEmptied);
    Q_EMIT jobFailed(jobId, outOfMemoryMessage(failedAllocationSize(detail), deviceMemory, released));
}

// ---------------------------------------------------------------------------------------------

InferenceController::InferenceController(JobQueue* queue, WorkerOptions options, QObject* parent)
    : QObject(parent), queue_(queue), options_(std::move(options)), cancel_(std::make_shared<WorkerCancelState>()) {
    qRegisterMetaType<ImagePixels>("latent::ImagePixels");
    thread_ = new QThread(this);
    thread_->setObjectName(QStringLiteral("latent-inference"));
    worker_ = new InferenceWorker(options_, cancel_);
    worker_->moveToThread(thread_);

    connect(worker_, &InferenceWorker::progress, this, [this](qint64 id, int step, int total, double its, double eta) {
        qDebug("latent: job %lld step %d/%d", static_cast<long long>(id), step, total);
        if (its > 0) lastItPerSecond_ = its;
        queue_->reportProgress(id, step, total);
        Q_EMIT progress(id, step, total, its, eta);
    });
    connect(worker_, &InferenceWorker::preview, this, &InferenceController::previewReady);
    connect(worker_, &InferenceWorker::resultImage, this, &InferenceController::resultReady);
    connect(worker_, &InferenceWorker::jobFinished, this,
            [this](qint64 id, const QStringList& paths, const QStringList& recovered, double its) {
                if (its > 0) lastItPerSecond_ = its;
                busyJob_ = 0;
                qInfo("latent: job %lld done: %d image(s)%s", static_cast<long long>(id), int(paths.size()),
                      recovered.isEmpty() ? "" : ", some in the recovery folder");
                const QStringList warnings = id == warningsJob_ ? busyWarnings_ : QStringList();
                warningsJob_ = 0;
                busyWarnings_.clear();
                queue_->reportFinished(id, paths, warnings);
                if (!warnings.isEmpty()) Q_EMIT jobWarnings(id, warnings);
                Q_EMIT imagesSaved(id, paths);
                if (!recovered.isEmpty()) Q_EMIT imagesRecovered(id, recovered);
                Q_EMIT busyChanged(false);
                dispatch();
            });
    connect(worker_, &InferenceWorker::jobWarnings, this, [this](qint64 id, const QStringList& warnings) {
        warningsJob_ = id;
        busyWarnings_ = warnings;
    });
    connect(worker_, &InferenceWorker::jobFailed, this, [this](qint64 id, const QString& error) {
        qWarning("latent: job %lld failed: %s", static_cast<long long>(id), qPrintable(error));
        busyJob_ = 0;
        queue_->reportFailed(id, error);
        Q_EMIT jobFailed(id, error);
        Q_EMIT busyChanged(false);
        dispatch();
    });
    connect(worker_, &InferenceWorker::jobCancelled, this, [this](qint64 id) {
        qInfo("latent: job %lld cancelled", static_cast<long long>(id));
        busyJob_ = 0;
        queue_->reportCancelled(id);
        Q_EMIT busyChanged(false);
        dispatch();
    });
    setJobFilter({});
    connect(queue_, &JobQueue::workAvailable, this, &InferenceController::dispatch);
    connect(queue_, &JobQueue::cancelRequested, this, &InferenceController::requestCancel);
    connect(queue_, &JobQueue::stopEarlyRequested, this, &InferenceController::requestStopEarly);
    connect(worker_, &InferenceWorker::modelPreloaded, this, &InferenceController::modelPreloaded);
}

InferenceController::~InferenceController() {
    cancel_->shuttingDown = true;
    if (thread_->isRunning()) {
        // The running job stops before its next model call; then the models are freed on the
        // worker thread.
        QMetaObject::invokeMethod(worker_, &InferenceWorker::releaseModels, Qt::BlockingQueuedConnection);
        thread_->quit();
        thread_->wait();
    }
    delete worker_;
}

void InferenceController::setJobFilter(std::function<bool(const Job&)> accept) {
    accept_ = std::move(accept);
    if (!accept_) accept_ = [](const Job& j) {
        const QString target = job_target::of(j.params);
        return job_target::isLocal(target) || job_target::isAny(target);
    };
    dispatch();
}

void InferenceController::requestCancel(qint64 jobId) {
    cancel_->cancelJobId.store(jobId);
}

void InferenceController::requestStopEarly(qint64 jobId, bool skip) {
    (skip ? cancel_->skipJobId : cancel_->interruptJobId).store(jobId);
}

void InferenceController::preloadModel(const QString& modelPath, const QString& vaePath) {
    if (!thread_->isRunning()) thread_->start();
    InferenceWorker* w = worker_;
    QMetaObject::invokeMethod(
        w, [w, modelPath, vaePath] { w->preloadModel(modelPath, vaePath); }, Qt::QueuedConnection);
}

void InferenceController::unloadModels() {
    if (!thread_->isRunning()) return;
    QMetaObject::invokeMethod(worker_, &InferenceWorker::releaseModels, Qt::QueuedConnection);
}

void InferenceController::start() {
    if (started_) return;
    started_ = true;
    thread_->start();
    dispatch();
}

void InferenceController::dispatch() {
    if (!started_ || busyJob_ != 0 || cancel_->shuttingDown) return;
    const std::optional<Job> job = queue_->takeNextMatching(accept_);
    if (!job) return;
    busyJob_ = job->id;
    Q_EMIT busyChanged(true);
    QJsonObject params = job->params;
    if (!params.contains(QStringLiteral("output_dir")) && !options_.outputDir.isEmpty())
        params.insert(QStringLiteral("output_dir"), options_.outputDir);
    const qint64 id = job->id;
    const QString kind = job->kind;
    // Prompts stay out of the log unless the user allows them (app/core/app_log.h).
    applog::rememberPrompt(params.value(QStringLiteral("prompt")).toString());
    applog::rememberPrompt(params.value(QStringLiteral("negative_prompt")).toString());
    qInfo("latent: job %lld started: %s %dx%d, %d steps, %s, batch %d, model %s, prompt %s", static_cast<long long>(id),
          qPrintable(kind), params.value(QStringLiteral("width")).toInt(512),
          params.value(QStringLiteral("height")).toInt(512), params.value(QStringLiteral("steps")).toInt(50),
          qPrintable(params.value(QStringLiteral("sampler_name")).toString()),
          params.value(QStringLiteral("batch_size")).toInt(1),
          qPrintable(QFileInfo(params.value(QStringLiteral("model_path")).toString()).fileName()),
          qPrintable(applog::promptForLog(params.value(QStringLiteral("prompt")).toString())));
    InferenceWorker* w = worker_;
    QMetaObject::invokeMethod(
        w, [w, id, kind, params] { w->runJob(id, kind, params); }, Qt::QueuedConnection);
}

} // namespace latent
