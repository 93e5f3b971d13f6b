// Prompt and negative prompt of different lengths as A1111 v1.10.1 runs them (item 1 of issue
// 14) and the saved conditioning (item 6): the expected images are built from independent
// equivalences A1111's code implies —
//  * "Pad conds" pads the shorter side with encodings of the empty prompt: a negative prompt
//    "<text> BREAK BREAK" (an explicit empty second chunk) gives the same image without padding;
//  * "Pad conds v0" cuts a longer negative prompt to the prompt's length: the same image as its
//    first chunk alone;
//  * without batch_cond_uncond every UNet call has one batch of rows: the same image;
//  * AND sub-prompts of different lengths; the saved cond.* keep each side's own length;
//  * SD 2.x's first encoder sees id 0 ("!") after the first EOS of every chunk.
#include "common/diffusion_model_fixture.h"
#include "common/golden.h"

#include "pipeline/engine.h"
#include "pipeline/loaders/checkpoint_writer.h"
#include "pipeline/tensors/safetensors.h"

#include <ATen/ATen.h>

#include <QTemporaryDir>
#include <QTest>

using namespace latent;

namespace {

const std::string kLong =
    "a lighthouse on a rocky cliff above a stormy sea at dusk, dramatic clouds, crashing waves, warm ligh"
    "t in the lantern room, seagulls circling, wet stones glistening, moss and lichen on the rocks, a nar"
    "row path winding up to a small keeper's cottage with a red door, smoke rising from the chimney, fish"
    "ing boats returning to the harbour below, distant mountains under the last orange glow, highly detai"
    "led oil painting, muted palette, soft brush strokes, golden hour, cinematic composition, wide angle";

struct Run {
    GenerationResult result;
    std::map<std::string, at::Tensor> lat, cond;
};

Run run(Engine& engine, const GenerationRequest& r) {
    QTemporaryDir dir;
    Run out;
    out.result = engine.txt2img(r, {}, dir.path().toStdString());
    for (const char* file : {"latents.safetensors", "cond.safetensors"}) {
        const auto f = SafetensorsFile::open(dir.filePath(QLatin1String(file)).toStdString());
        for (const auto& info : f.tensors()) {
            const bool ints = info.name == "unet_calls" || info.name.find("tokens") != std::string::npos;
            (std::string(file) == "cond.safetensors" ? out.cond : out.lat)[info.name] =
                f.load(info, ints ? at::kLong : at::kFloat);
        }
    }
    return out;
}

GenerationRequest request(const std::string& prompt, const std::string& negative) {
    GenerationRequest r;
    r.prompt = prompt;
    r.negative_prompt = negative;
    r.seed = 99;
    r.steps = 3;
    r.width = r.height = 64;
    r.sampler = "Euler";
    r.rng = "cpu";
    return r;
}

Engine& sd1() {
    static Engine e("cpu");
    static bool loaded = false;
    if (!loaded) {
        e.load_model((latent::test::goldenDir() + QStringLiteral("/tiny-sd1.safetensors")).toStdString());
        loaded = true;
    }
    return e;
}

double relDiff(const at::Tensor& a, const at::Tensor& b) {
    return ((a - b).norm() / b.norm().clamp_min(1e-30)).item<double>();
}

// (call, first row, rows, tokens) of each UNet call.
std::vector<std::array<int64_t, 4>> calls(const Run& r) {
    std::vector<std::array<int64_t, 4>> out;
    const at::Tensor c = r.lat.at("unet_calls");
    for (int64_t i = 0; i < c.size(0); ++i)
        out.push_back(
            {c[i][0].item<int64_t>(), c[i][1].item<int64_t>(), c[i][2].item<int64_t>(), c[i][3].item<int64_t>()});
    return out;
}

} // namespace

class TestCondLengths : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void defaultRunsCondAndUncondSeparately() {
        LATENT_REQUIRE_GOLDEN();
        const Run r = run(sd1(), request(kLong, "blurry"));
        QCOMPARE(r.cond.at("cond.crossattn").size(1), int64_t(154));
        QCOMPARE(r.cond.at("uncond.crossattn").size(1), int64_t(77));
        QCOMPARE(r.cond.at("cond.tokens").size(0), int64_t(154));
        QCOMPARE(r.cond.at("uncond.tokens").size(0), int64_t(77));
        const auto c = calls(r);
        QCOMPARE(c.size(), size_t(6));
        for (size_t k = 0; k < c.size(); ++k) {
            QCOMPARE(c[k][0], int64_t(k / 2));
            QCOMPARE(c[k][2], int64_t(1));
            QCOMPARE(c[k][3], k % 2 == 0 ? int64_t(154) : int64_t(77));
        }
        // Batch of two: the two cond rows in one call, the two uncond rows in the next.
        GenerationRequest b = request(kLong, "blurry");
        b.batch_size = 2;
        const auto cb = calls(run(sd1(), b));
        QCOMPARE(cb.size(), size_t(6));
        QCOMPARE(cb[0][2], int64_t(2));
        QCOMPARE(cb[1][1], int64_t(2));
        QCOMPARE(cb[1][3], int64_t(77));
        QVERIFY(run(sd1(), request(kLong, "blurry")).result.extra_params.empty());
    }

    void padCondsEqualsExplicitEmptyChunk() {
        LATENT_REQUIRE_GOLDEN();
        GenerationRequest padded = request(kLong, "blurry");
        padded.settings.pad_cond_uncond = true;
        const Run a = run(sd1(), padded);
        QCOMPARE(a.result.extra_params, (std::vector<std::pair<std::string, std::string>>{{"Pad conds", "True"}}));
        for (const auto& c : calls(a)) {
            QCOMPARE(c[2], int64_t(2)); // one batch, cond and uncond
            QCOMPARE(c[3], int64_t(154));
        }
        // The saved uncond is what the negative prompt encodes to (A1111 pads inside the denoiser).
        QCOMPARE(a.cond.at("uncond.crossattn").size(1), int64_t(77));
        const Run b = run(sd1(), request(kLong, "blurry BREAK BREAK"));
        QCOMPARE(b.cond.at("uncond.crossattn").size(1), int64_t(154));
        QVERIFY(b.result.extra_params.empty());
        QVERIFY2(relDiff(a.lat.at("samples"), b.lat.at("samples")) < 1e-5,
                 qPrintable(QString::number(relDiff(a.lat.at("samples"), b.lat.at("samples")))));
        // ... and padding does change the image compared with A1111's default.
        const Run d = run(sd1(), request(kLong, "blurry"));
        QVERIFY(relDiff(a.lat.at("samples"), d.lat.at("samples")) > 1e-3);
    }

    void padCondsV0CutsTheLongerNegative() {
        LATENT_REQUIRE_GOLDEN();
        GenerationRequest v0 = request("a cat", "blurry, low quality BREAK watermark, text");
        v0.settings.pad_cond_uncond_v0 = true;
        v0.settings.pad_cond_uncond = true; // v0 wins
        const Run a = run(sd1(), v0);
        QCOMPARE(a.result.extra_params, (std::vector<std::pair<std::string, std::string>>{{"Pad conds v0", "True"}}));
        const Run b = run(sd1(), request("a cat", "blurry, low quality"));
        QVERIFY(relDiff(a.lat.at("samples"), b.lat.at("samples")) < 1e-5);
        // A shorter negative prompt repeats its last vector: the uncond of every call is 154 long.
        GenerationRequest v1 = request(kLong, "blurry");
        v1.settings.pad_cond_uncond_v0 = true;
        for (const auto& c : calls(run(sd1(), v1))) QCOMPARE(c[3], int64_t(154));
    }

    void batchCondUncondOffGivesTheSameImage() {
        LATENT_REQUIRE_GOLDEN();
        GenerationRequest off = request("a cat", "blurry");
        off.batch_size = 2;
        off.settings.batch_cond_uncond = false;
        const Run a = run(sd1(), off);
        for (const auto& c : calls(a)) QCOMPARE(c[2], int64_t(2));
        QCOMPARE(calls(a).size(), size_t(6));
        GenerationRequest on = off;
        on.settings.batch_cond_uncond = true;
        const Run b = run(sd1(), on);
        QCOMPARE(calls(b).size(), size_t(3));
        QVERIFY(relDiff(a.lat.at("samples"), b.lat.at("samples")) < 1e-5);
    }

    void andSubpromptsOfDifferentLengths() {
        LATENT_REQUIRE_GOLDEN();
        // Sub-prompts stacked to the longest (A1111 stack_conds): 2 cond rows of 154, then the uncond.
        const Run r = run(sd1(), request("a cat :1.2 AND " + kLong, "blurry"));
        const auto c = calls(r);
        QCOMPARE(c.size(), size_t(6));
        QCOMPARE(c[0][2], int64_t(2));
        QCOMPARE(c[0][3], int64_t(154));
        QCOMPARE(c[1][3], int64_t(77));
        // The saved cond.* are the first sub-prompt's, with its own length (no padding A1111 does not do).
        QCOMPARE(r.cond.at("cond.crossattn").sizes().vec(), (std::vector<int64_t>{1, 77, 32}));
        QCOMPARE(r.cond.at("cond.tokens").size(0), int64_t(77));
        const Run alone = run(sd1(), request("a cat", "blurry"));
        QVERIFY(relDiff(r.cond.at("cond.crossattn"), alone.cond.at("cond.crossattn")) < 1e-6);
    }

    void sd2TokensPadWithZero() {
        QTemporaryDir dir;
        const std::string file = dir.filePath(QStringLiteral("tiny-sd2.safetensors")).toStdString();
        test::writeTinySd2Checkpoint(file, 2024);
        Engine engine("cpu");
        QCOMPARE(QString::fromStdString(engine.load_model(file).family), QStringLiteral("sd2"));
        GenerationRequest r = request("a cat", "");
        r.steps = 1;
        const Run out = run(engine, r);
        const at::Tensor tok = out.cond.at("cond.tokens");
        // BOS "a" "cat" EOS, then id 0 ("!") to the end of the chunk.
        QCOMPARE(tok[0].item<int64_t>(), int64_t(49406));
        QCOMPARE(tok[3].item<int64_t>(), int64_t(49407));
        QCOMPARE(tok.narrow(0, 4, 73).abs().sum().item<int64_t>(), int64_t(0));
        // SD 1.x pads with EOS.
        const Run s1 = run(sd1(), request("a cat", ""));
        QCOMPARE(s1.cond.at("cond.tokens")[10].item<int64_t>(), int64_t(49407));
    }
};

QTEST_GUILESS_MAIN(TestCondLengths)
#include "tst_cond_lengths.moc"
