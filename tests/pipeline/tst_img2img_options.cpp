// The A1111 core features of issue 14 item 5 on the tiny golden SD 1.x model: "Noise multiplier
// for img2img" (initial_noise_multiplier), colour correction (img2img_color_correction), several
// init images (A1111 init_images), variation seeds in a batch and "Seed resize from".
#include "common/golden.h"

#include "pipeline/core/error.h"
#include "pipeline/engine.h"
#include "pipeline/imaging/color_correction.h"
#include "pipeline/tensors/rng.h"
#include "pipeline/tensors/safetensors.h"

#include <ATen/ATen.h>

#include <QImage>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>

using namespace latent;

namespace {

ImageU8 loadPng(const QString& path) {
    QImage q(path);
    q = q.convertToFormat(QImage::Format_RGB888);
    ImageU8 im(q.width(), q.height(), 3);
    for (int y = 0; y < q.height(); ++y) std::memcpy(im.row(y), q.constScanLine(y), size_t(q.width()) * 3);
    return im;
}

ImageU8 goldenInit() {
    return loadPng(latent::test::goldenDir() + QStringLiteral("/cases/sd1-img2img-euler-s0.75/init.png"));
}

ImageU8 mirrored(const ImageU8& in) {
    ImageU8 out = in;
    for (int64_t y = 0; y < in.height; ++y)
        for (int64_t x = 0; x < in.width; ++x)
            for (int c = 0; c < 3; ++c) out.at(x, y, c) = in.at(in.width - 1 - x, y, c);
    return out;
}

Engine& engine() {
    static Engine e("cpu");
    static bool loaded = false;
    if (!loaded) {
        e.load_model((latent::test::goldenDir() + QStringLiteral("/tiny-sd1.safetensors")).toStdString());
        loaded = true;
    }
    return e;
}

GenerationRequest req() {
    GenerationRequest r;
    r.prompt = "a photo of an astronaut riding a horse on mars";
    r.negative_prompt = "blurry";
    r.seed = 42;
    r.steps = 4;
    r.width = r.height = 128;
    r.sampler = "Euler";
    r.rng = "cpu";
    r.denoising_strength = 0.75;
    return r;
}

struct Run {
    GenerationResult result;
    std::map<std::string, at::Tensor> lat;
};

Run img2img(const GenerationRequest& r, const InitImages& images) {
    QTemporaryDir dir;
    Run out;
    out.result = engine().img2img(r, images, {}, dir.path().toStdString());
    const auto f = SafetensorsFile::open(dir.filePath(QStringLiteral("latents.safetensors")).toStdString());
    for (const auto& info : f.tensors())
        if (info.name != "unet_calls") out.lat[info.name] = f.load(info, at::kFloat);
    return out;
}

Run txt2img(const GenerationRequest& r) {
    QTemporaryDir dir;
    Run out;
    out.result = engine().txt2img(r, {}, dir.path().toStdString());
    const auto f = SafetensorsFile::open(dir.filePath(QStringLiteral("latents.safetensors")).toStdString());
    for (const auto& info : f.tensors())
        if (info.name != "unet_calls") out.lat[info.name] = f.load(info, at::kFloat);
    return out;
}

double maxAbs(const at::Tensor& a, const at::Tensor& b) {
    return (a - b).abs().max().item<double>();
}

} // namespace

class TestImg2ImgOptions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void noiseMultiplier() {
        LATENT_REQUIRE_GOLDEN();
        InitImages images;
        images.init = goldenInit();
        GenerationRequest r = req();
        r.settings.initial_noise_multiplier = 0.5;
        const Run a = img2img(r, images);
        // x_start = init_latent + (noise · 0.5) · sigma_start; t_enc = 3 of 4 steps: sigma index 0.
        const double sigma_start = a.lat.at("denoiser_call_sigmas")[0].item<double>();
        const at::Tensor want = a.lat.at("init_latent") + a.lat.at("noise") * 0.5 * sigma_start;
        QVERIFY(maxAbs(a.lat.at("x_start"), want) < 1e-4);
        QCOMPARE(a.result.extra_params.front(), (std::pair<std::string, std::string>{"Noise multiplier", "0.5"}));
        // The request field wins over the setting; 1.0 writes nothing.
        r.initial_noise_multiplier = 1.0;
        const Run b = img2img(r, images);
        QVERIFY(maxAbs(b.lat.at("x_start"), b.lat.at("init_latent") + b.lat.at("noise") * sigma_start) < 1e-4);
        QVERIFY(b.result.extra_params.empty());
        // txt2img ignores it.
        GenerationRequest t = req();
        t.settings.initial_noise_multiplier = 0.5;
        QVERIFY(txt2img(t).result.extra_params.empty());
    }

    void colorCorrection() {
        LATENT_REQUIRE_GOLDEN();
        InitImages images;
        images.init = goldenInit(); // 128x128: the prepared init image is the image itself
        const Run plain = img2img(req(), images);
        GenerationRequest r = req();
        r.settings.img2img_color_correction = true;
        const Run cc = img2img(r, images);
        const ImageU8 target = color_correction_target(images.init);
        ImageU8 uncorrected(128, 128, 3);
        uncorrected.data = plain.result.images[0].rgb;
        QVERIFY(cc.result.images[0].rgb == apply_color_correction(target, uncorrected).data);
        QVERIFY(cc.result.images[0].rgb != plain.result.images[0].rgb);
        // A1111 writes no infotext key for it.
        QVERIFY(cc.result.extra_params.empty());
    }

    void severalInitImages() {
        LATENT_REQUIRE_GOLDEN();
        const ImageU8 a = goldenInit(), b = mirrored(a);
        InitImages two;
        two.init = a;
        two.more_inits = {b};
        GenerationRequest r = req();
        r.batch_size = 3; // two init images make the batch two images
        r.n_iter = 2;
        const Run both = img2img(r, two);
        QCOMPARE(both.result.images.size(), size_t(4));
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(both.result.images[i].seed, int64_t(42 + i));
            QCOMPARE(both.result.images[i].batch_index, int64_t(i));
        }
        // Image i of a batch starts from init image i: the same latents as each image alone.
        GenerationRequest single = req();
        InitImages onlyA, onlyB;
        onlyA.init = a;
        onlyB.init = b;
        const Run ra = img2img(single, onlyA);
        const Run rb = img2img(single, onlyB);
        QCOMPARE(both.lat.at("init_latent").size(0), int64_t(2));
        QVERIFY(maxAbs(both.lat.at("init_latent")[0], ra.lat.at("init_latent")[0]) < 1e-5);
        QVERIFY(maxAbs(both.lat.at("init_latent")[1], rb.lat.at("init_latent")[0]) < 1e-5);
        // The last iteration used seeds 44 and 45: image 3 (init b, seed 45) equals b alone with seed 45.
        single.seed = 45;
        const Run rb45 = img2img(single, onlyB);
        QVERIFY(maxAbs(both.lat.at("samples")[1], rb45.lat.at("samples")[0]) <
                1e-4 * rb45.lat.at("samples").abs().max().item<double>());
        // More init images than the batch size: refused.
        GenerationRequest small = req();
        small.batch_size = 1;
        bool threw = false;
        try {
            img2img(small, two);
        } catch (const PipelineError& e) {
            threw = std::string(e.what()).find("init images") != std::string::npos;
        }
        QVERIFY(threw);
    }

    void variationSeedsInABatch() {
        // A1111: with variation seeds every image of the job has the same seed; the subseeds count up.
        LATENT_REQUIRE_GOLDEN();
        GenerationRequest r = req();
        r.batch_size = 2;
        r.subseed = 500;
        r.subseed_strength = 0.4;
        const Run out = txt2img(r);
        QCOMPARE(out.result.images[0].seed, int64_t(42));
        QCOMPARE(out.result.images[1].seed, int64_t(42));
        QCOMPARE(out.result.images[1].subseed, int64_t(501));
        BatchNoiseOptions o;
        o.source = "cpu";
        o.seeds = {42, 42};
        o.subseeds = {500, 501};
        o.subseed_strength = 0.4;
        BatchNoise n(o, {4, 16, 16});
        QVERIFY(maxAbs(out.lat.at("noise"), n.next()) < 1e-6);
    }

    void seedResizeThroughTheEngine() {
        LATENT_REQUIRE_GOLDEN();
        GenerationRequest r = req();
        r.seed_resize_from_w = 96;
        r.seed_resize_from_h = 160;
        const Run out = txt2img(r);
        BatchNoiseOptions o;
        o.source = "cpu";
        o.seeds = {42};
        o.seed_resize_from_w = 96;
        o.seed_resize_from_h = 160;
        BatchNoise n(o, {4, 16, 16});
        QVERIFY(maxAbs(out.lat.at("noise"), n.next()) < 1e-6);
        CpuNoiseGenerator plain(42);
        QVERIFY(maxAbs(out.lat.at("noise")[0], plain.randn({4, 16, 16})) > 0.1);
    }
};

QTEST_GUILESS_MAIN(TestImg2ImgOptions)
#include "tst_img2img_options.moc"
