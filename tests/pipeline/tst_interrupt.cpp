// A1111's Interrupt and Skip on the golden tiny SD 1.x model, through the pipeline functions:
//   * interrupted after step k, the image is the VAE decode of A1111's last_latent (the last
//     model call's conditional prediction; with the negative prompt equal to the prompt that is
//     exactly the recorded denoised estimate of step k), and the job notes where it stopped;
//   * Interrupt ends the remaining batches (n_iter), Skip only the current one: the next batch is
//     the same as in a full run, and the skip request is cleared once;
//   * interrupted before the first batch starts, there is no image;
//   * with the hires fix, an interrupt in the first pass gives the first pass's image at its size;
//   * Cancel still wins over both (CancelledError, no images).
#include "common/diffusion_model_fixture.h"
#include "common/golden.h"

#include "pipeline/core/error.h"
#include "pipeline/pipelines/hires_fix.h"
#include "pipeline/pipelines/image_tensor.h"
#include "pipeline/pipelines/txt2img.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <QTest>

#include <atomic>

using namespace latent;

namespace {

DiffusionModel& model() {
    static std::unique_ptr<DiffusionModel> m =
        test::loadDiffusionModel((test::goldenDir() + QStringLiteral("/tiny-sd1.safetensors")).toStdString());
    return *m;
}

GenerationRequest request(int64_t steps = 6) {
    GenerationRequest r;
    r.prompt = "a lighthouse in the fog";
    r.negative_prompt = r.prompt;  // cond == uncond: the CFG result is the conditional prediction
    r.seed = 1234;
    r.steps = steps;
    r.width = r.height = 64;
    r.sampler = "Euler";
    r.rng = "cpu";
    r.cfg_scale = 7;
    return r;
}

// Callbacks that request Interrupt (or Skip) once `atStep` steps of batch `inBatch` are done.
struct StopAt {
    int64_t atStep = 0;
    int inBatch = 0;  // 0-based
    bool skip = false;
    int batch = 0;
    std::atomic<bool> requested{false};
    bool fired = false;  // requested once only
    int skipHandled = 0;
    int64_t lastStep = 0;
    GenerationCallbacks callbacks() {
        GenerationCallbacks cb;
        cb.on_progress = [this](const GenerationProgress& p) {
            if (p.step <= lastStep) ++batch;  // a new batch started counting again
            lastStep = p.step;
            if (!fired && batch == inBatch && p.step == atStep) requested = fired = true;
        };
        cb.interrupted = [this] { return !skip && requested.load(); };
        cb.skipped = [this] { return skip && requested.load(); };
        cb.skip_handled = [this] {
            requested = false;
            ++skipHandled;
        };
        return cb;
    }
};

bool sameImage(const GeneratedImage& a, const GeneratedImage& b) {
    return a.width == b.width && a.height == b.height && a.rgb == b.rgb;
}

bool hasNote(const GenerationResult& r, const std::string& text) {
    for (const std::string& w : r.warnings)
        if (w.find(text) != std::string::npos) return true;
    return false;
}

} // namespace

class TestInterrupt : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { LATENT_REQUIRE_GOLDEN(); }

    void interruptKeepsTheEstimateOfTheLastStep() {
        c10::InferenceMode guard;
        LatentRecorder full;
        const GenerationResult all = txt2img(model(), request(), {}, &full);
        QCOMPARE(int(all.images.size()), 1);
        QVERIFY(!all.interrupted && all.warnings.empty());
        const at::Tensor denoised = full.latents.at("steps.denoised");  // [steps, B, 4, h, w]

        StopAt stop;
        stop.atStep = 3;
        const GenerationResult r = txt2img(model(), request(), stop.callbacks());
        QVERIFY(r.interrupted);
        QCOMPARE(int(r.images.size()), 1);
        QVERIFY2(hasNote(r, "Interrupted at step 3 of 6"), r.warnings.empty() ? "" : r.warnings.front().c_str());
        const GeneratedImage expected = tensor_to_image(model().vae->decode_latents(denoised[2])[0].to(at::kFloat));
        QVERIFY(sameImage(r.images[0], expected));
        QCOMPARE(r.images[0].seed, int64_t(1234));
        QVERIFY(!sameImage(r.images[0], all.images[0]));
    }

    void interruptEndsTheRemainingBatches() {
        c10::InferenceMode guard;
        GenerationRequest req = request(4);
        req.n_iter = 3;
        req.batch_size = 2;
        StopAt stop;
        stop.atStep = 2;
        stop.inBatch = 0;
        const GenerationResult r = txt2img(model(), req, stop.callbacks());
        QVERIFY(r.interrupted);
        QCOMPARE(int(r.images.size()), 2);  // the first batch only
        QVERIFY(hasNote(r, "Interrupted at step 2 of 4 of batch 1 of 3"));
    }

    void skipEndsOnlyTheCurrentBatch() {
        c10::InferenceMode guard;
        GenerationRequest req = request(4);
        req.n_iter = 2;
        const GenerationResult all = txt2img(model(), req);
        QCOMPARE(int(all.images.size()), 2);
        StopAt stop;
        stop.skip = true;
        stop.atStep = 1;
        const GenerationResult r = txt2img(model(), req, stop.callbacks());
        QVERIFY(r.skipped && !r.interrupted);
        QCOMPARE(int(r.images.size()), 2);
        QCOMPARE(stop.skipHandled, 1);
        QVERIFY(!sameImage(r.images[0], all.images[0]));  // stopped after step 1
        QVERIFY(sameImage(r.images[1], all.images[1]));   // the next batch ran in full
        QCOMPARE(r.images[1].seed, all.images[1].seed);
        QVERIFY(hasNote(r, "Skipped at step 1 of 4 of batch 1 of 2"));
    }

    void interruptedBeforeTheFirstBatchMakesNothing() {
        c10::InferenceMode guard;
        GenerationCallbacks cb;
        cb.interrupted = [] { return true; };
        const GenerationResult r = txt2img(model(), request(), cb);
        QVERIFY(r.images.empty());
    }

    void hiresInterruptedInTheFirstPassGivesTheFirstPassImage() {
        c10::InferenceMode guard;
        GenerationRequest req = request(4);
        req.hires.enable = true;
        req.hires.scale = 2.0;
        req.hires.upscaler = "Latent";
        req.hires.second_pass_steps = 2;
        req.denoising_strength = 0.5;
        StopAt stop;
        stop.atStep = 2;
        const GenerationResult r = txt2img_hires(model(), req, HiresModels{}, stop.callbacks());
        QVERIFY(r.interrupted);
        QCOMPARE(int(r.images.size()), 1);
        QCOMPARE(r.images[0].width, int64_t(64));  // the first pass's size, not 128
        const GenerationResult full = txt2img_hires(model(), req, HiresModels{});
        QCOMPARE(full.images[0].width, int64_t(128));
    }

    void cancelWinsOverInterrupt() {
        c10::InferenceMode guard;
        GenerationCallbacks cb;
        std::atomic<int> steps{0};
        cb.on_progress = [&](const GenerationProgress&) { ++steps; };
        cb.interrupted = [&] { return steps.load() >= 2; };
        cb.cancelled = [&] { return steps.load() >= 2; };
        bool threw = false;
        try {
            txt2img(model(), request(), cb);
        } catch (const CancelledError&) {
            threw = true;
        }
        QVERIFY(threw);
    }
};

QTEST_GUILESS_MAIN(TestInterrupt)
#include "tst_interrupt.moc"
