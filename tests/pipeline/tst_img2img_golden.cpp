// img2img and inpainting against ../shared/golden (sd1-img2img-euler-s0.75 and
// sd1-inpaint-euler-original-onlymasked-pad32), every intermediate in the README's order
// (cond → noise → init_latent/vae_input/mask/nmask → x_start → steps → samples → decoded.png →
// mask_for_overlay.png → output.png); the seam property; each masked-content mode; each resize
// mode on non-square odd sizes; outpainting; a 9-channel inpainting checkpoint written with the
// real safetensors writer and loaded back; bad input.
#include "common/golden.h"

#include "pipeline/core/error.h"
#include "pipeline/engine.h"
#include "pipeline/imaging/composite.h"
#include "pipeline/pipelines/image_prep.h"
#include "pipeline/tensors/safetensors.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace latent;

namespace {

QJsonObject readJson(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

ImageU8 loadPng(const QString& path, int channels) {
    QImage q(path);
    if (q.isNull()) return {};
    q = q.convertToFormat(channels == 1 ? QImage::Format_Grayscale8 : QImage::Format_RGB888);
    ImageU8 im(q.width(), q.height(), channels);
    for (int y = 0; y < q.height(); ++y) std::memcpy(im.row(y), q.constScanLine(y), size_t(q.width()) * channels);
    return im;
}

ImageU8 toU8(const GeneratedImage& g) {
    ImageU8 im(g.width, g.height, 3);
    im.data = g.rgb;
    return im;
}

GenerationRequest requestFor(const QJsonObject& settings) {
    const QJsonObject api = settings.value(QStringLiteral("api_request")).toObject();
    GenerationRequest r;
    r.prompt = api.value(QStringLiteral("prompt")).toString().toStdString();
    r.negative_prompt = api.value(QStringLiteral("negative_prompt")).toString().toStdString();
    r.seed = api.value(QStringLiteral("seed")).toInteger();
    r.steps = api.value(QStringLiteral("steps")).toInt();
    r.cfg_scale = api.value(QStringLiteral("cfg_scale")).toDouble();
    r.width = api.value(QStringLiteral("width")).toInt();
    r.height = api.value(QStringLiteral("height")).toInt();
    r.sampler = api.value(QStringLiteral("sampler_name")).toString().toStdString();
    r.denoising_strength = api.value(QStringLiteral("denoising_strength")).toDouble(0.75);
    r.img2img.mask_blur_x = r.img2img.mask_blur_y = api.value(QStringLiteral("mask_blur")).toInt(4);
    r.img2img.inpainting_fill = api.value(QStringLiteral("inpainting_fill")).toInt(0);
    r.img2img.inpaint_full_res = api.value(QStringLiteral("inpaint_full_res")).toBool(true);
    r.img2img.inpaint_full_res_padding = api.value(QStringLiteral("inpaint_full_res_padding")).toInt(0);
    r.rng = settings.value(QStringLiteral("override_settings"))
                .toObject()
                .value(QStringLiteral("randn_source"))
                .toString()
                .toLower()
                .toStdString();
    return r;
}

void compareTensor(const char* name, const at::Tensor& got, const at::Tensor& ref, double absTol = -1) {
    QVERIFY2(got.defined() && ref.defined(), name);
    QVERIFY2(got.sizes().equals(ref.sizes()),
             qPrintable(QStringLiteral("%1: shape mismatch").arg(QLatin1String(name))));
    const at::Tensor diff = got.to(at::kDouble) - ref.to(at::kDouble);
    const double maxAbs = diff.abs().max().item<double>();
    if (absTol >= 0) {
        QVERIFY2(maxAbs <= absTol,
                 qPrintable(QStringLiteral("%1: max abs %2 > %3").arg(QLatin1String(name)).arg(maxAbs).arg(absTol)));
        return;
    }
    const double rel = diff.norm().item<double>() / std::max(ref.to(at::kDouble).norm().item<double>(), 1e-30);
    const double maxRef = ref.abs().max().item<double>();
    QVERIFY2(rel <= 1e-4, qPrintable(QStringLiteral("%1: rel L2 %2 > 1e-4").arg(QLatin1String(name)).arg(rel)));
    QVERIFY2(maxAbs <= 1e-3 * maxRef,
             qPrintable(QStringLiteral("%1: max abs %2 > 1e-3·%3").arg(QLatin1String(name)).arg(maxAbs).arg(maxRef)));
}

// ≤ maxLevels everywhere and ≤ maxFraction of the values differ at all.
void compareImage(const char* name, const ImageU8& got, const ImageU8& ref, int maxLevels, double maxFraction) {
    QVERIFY2(got.width == ref.width && got.height == ref.height && got.channels == ref.channels,
             qPrintable(QStringLiteral("%1: size %2x%3 vs %4x%5")
                            .arg(QLatin1String(name))
                            .arg(got.width)
                            .arg(got.height)
                            .arg(ref.width)
                            .arg(ref.height)));
    int maxDiff = 0;
    qint64 differing = 0;
    for (size_t i = 0; i < ref.data.size(); ++i) {
        const int d = std::abs(int(got.data[i]) - int(ref.data[i]));
        maxDiff = std::max(maxDiff, d);
        differing += d != 0;
    }
    const double fraction = double(differing) / double(ref.data.size());
    QVERIFY2(maxDiff <= maxLevels, qPrintable(QStringLiteral("%1: max diff %2").arg(QLatin1String(name)).arg(maxDiff)));
    QVERIFY2(fraction <= maxFraction,
             qPrintable(QStringLiteral("%1: %2 % of values differ").arg(QLatin1String(name)).arg(fraction * 100)));
}

QString golden(const QString& rel) {
    return latent::test::goldenDir() + QLatin1Char('/') + rel;
}

Engine& sd1Engine() {
    static Engine engine("cpu");
    if (!engine.has_model()) engine.load_model(golden(QStringLiteral("tiny-sd1.safetensors")).toStdString());
    return engine;
}

// A small, fast request for property tests.
GenerationRequest smallRequest(int64_t w = 64, int64_t h = 64) {
    GenerationRequest r;
    r.prompt = "a red barn";
    r.seed = 3;
    r.steps = 3;
    r.width = w;
    r.height = h;
    r.rng = "cpu";
    r.denoising_strength = 0.75;
    return r;
}

// A deterministic test picture: gradients and a few blocks.
ImageU8 testPicture(int64_t w, int64_t h) {
    ImageU8 im(w, h, 3);
    for (int64_t y = 0; y < h; ++y)
        for (int64_t x = 0; x < w; ++x) {
            im.at(x, y, 0) = uint8_t((x * 255) / std::max<int64_t>(1, w - 1));
            im.at(x, y, 1) = uint8_t((y * 255) / std::max<int64_t>(1, h - 1));
            im.at(x, y, 2) = uint8_t(((x / 8 + y / 8) % 2) * 200 + 20);
        }
    return im;
}

ImageU8 discMask(int64_t w, int64_t h, int64_t cx, int64_t cy, int64_t r) {
    ImageU8 m(w, h, 1, 0);
    for (int64_t y = 0; y < h; ++y)
        for (int64_t x = 0; x < w; ++x)
            if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) m.at(x, y) = 255;
    return m;
}

std::map<std::string, std::string> extras(const GenerationResult& r) {
    return {r.extra_params.begin(), r.extra_params.end()};
}

} // namespace

class TestImg2ImgGolden : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cases_data() {
        QTest::addColumn<QString>("caseName");
        QTest::newRow("img2img-euler-s0.75") << QStringLiteral("sd1-img2img-euler-s0.75");
        QTest::newRow("inpaint-original-onlymasked-pad32")
            << QStringLiteral("sd1-inpaint-euler-original-onlymasked-pad32");
    }

    void cases() {
        LATENT_REQUIRE_GOLDEN();
        QFETCH(QString, caseName);
        const QString dir = golden(QStringLiteral("cases/") + caseName);
        const QJsonObject settings = readJson(dir + QStringLiteral("/settings.json"));
        QVERIFY(!settings.isEmpty());
        const bool inpaint = QFile::exists(dir + QStringLiteral("/mask.png"));

        InitImages images;
        images.init = loadPng(dir + QStringLiteral("/init.png"), 3);
        if (inpaint) images.mask = loadPng(dir + QStringLiteral("/mask.png"), 1);
        QVERIFY(images.init.valid());
        const GenerationRequest request = requestFor(settings);
        QTemporaryDir out;
        const GenerationResult result = sd1Engine().img2img(request, images, {}, out.path().toStdString());
        QCOMPARE(result.images.size(), size_t(1));

        const auto refCond = SafetensorsFile::open((dir + QStringLiteral("/cond.safetensors")).toStdString());
        const auto refLat = SafetensorsFile::open((dir + QStringLiteral("/latents.safetensors")).toStdString());
        const auto gotCond = SafetensorsFile::open(out.filePath(QStringLiteral("cond.safetensors")).toStdString());
        const auto gotLat = SafetensorsFile::open(out.filePath(QStringLiteral("latents.safetensors")).toStdString());
        for (const char* name : {"cond.crossattn", "uncond.crossattn"})
            compareTensor(name, gotCond.load(name, at::kFloat), refCond.load(name, at::kFloat), 1e-4);
        compareTensor("noise", gotLat.load("noise", at::kFloat), refLat.load("noise", at::kFloat), 1e-5);
        compareTensor("rng_draws", gotLat.load("rng_draws", at::kFloat), refLat.load("rng_draws", at::kFloat), 1e-5);
        // vae_input: the prepared 8-bit image /255 (exact up to float rounding).
        compareTensor("vae_input", gotLat.load("vae_input", at::kFloat), refLat.load("vae_input", at::kFloat), 1e-6);
        if (inpaint) {
            compareTensor("mask", gotLat.load("mask", at::kFloat), refLat.load("mask", at::kFloat), 0.0);
            compareTensor("nmask", gotLat.load("nmask", at::kFloat), refLat.load("nmask", at::kFloat), 0.0);
        }
        for (const char* name : {"init_latent", "x_start", "steps.denoised", "steps.x", "samples"})
            compareTensor(name, gotLat.load(name, at::kFloat), refLat.load(name, at::kFloat));
        // A1111 strength slicing: t_enc steps + 1 reported steps.
        const int tEnc = settings.value(QStringLiteral("resolved")).toObject().value(QStringLiteral("t_enc")).toInt();
        QCOMPARE(gotLat.load("steps.x").size(0), int64_t(tEnc + 1));

        const ImageU8 ref = loadPng(dir + QStringLiteral("/output.png"), 3);
        if (inpaint) {
            compareImage("decoded.png", toU8(result.decoded_images.at(0)),
                         loadPng(dir + QStringLiteral("/decoded.png"), 3), 2, 0.01);
            compareImage("mask_for_overlay.png", result.mask_for_overlay,
                         loadPng(dir + QStringLiteral("/mask_for_overlay.png"), 1), 0, 0.0);
            compareImage("output.png", toU8(result.images[0]), ref, 2, 0.10);
            // A1111's extra generation params, in order.
            const std::vector<std::pair<std::string, std::string>> expected = {
                {"Mask blur", "4"}, {"Inpaint area", "Only masked"}, {"Masked area padding", "32"}};
            QVERIFY(result.extra_params == expected);
            // Seam: every pixel outside the blurred mask is the original pixel, exactly.
            const ImageU8& m = result.mask_for_overlay;
            for (int64_t i = 0; i < m.width * m.height; ++i)
                if (m.data[size_t(i)] == 0)
                    for (int c = 0; c < 3; ++c)
                        QCOMPARE(result.images[0].rgb[size_t(i) * 3 + c], images.init.data[size_t(i) * 3 + c]);
        } else {
            compareImage("output.png", toU8(result.images[0]), ref, 2, 0.01);
            QVERIFY(result.extra_params.empty());
        }
    }

    // Whole picture: outside the blurred mask the result equals the original, and the overlay
    // mask is min(2·blurred, 255).
    void seamWholePicture() {
        LATENT_REQUIRE_GOLDEN();
        GenerationRequest r = smallRequest(64, 64);
        r.img2img.inpaint_full_res = false;
        r.img2img.inpainting_fill = 1;
        InitImages images{testPicture(64, 64), discMask(64, 64, 40, 24, 10)};
        const GenerationResult res = sd1Engine().img2img(r, images);
        const ImageU8 blurred = blur_mask(images.mask, 4, 4);
        int64_t outside = 0, changedInside = 0;
        for (int64_t i = 0; i < 64 * 64; ++i) {
            QCOMPARE(int(res.mask_for_overlay.data[size_t(i)]), std::min(255, 2 * int(blurred.data[size_t(i)])));
            for (int c = 0; c < 3; ++c) {
                const uint8_t got = res.images[0].rgb[size_t(i) * 3 + c], orig = images.init.data[size_t(i) * 3 + c];
                if (blurred.data[size_t(i)] == 0) {
                    QCOMPARE(got, orig);
                    ++outside;
                } else if (res.mask_for_overlay.data[size_t(i)] == 255) { // overlay transparent there
                    changedInside += got != orig;
                }
            }
        }
        QVERIFY(outside > 64 * 64 * 3 / 2);
        QVERIFY(changedInside > 0); // the masked area was repainted
        QCOMPARE(extras(res).count("Inpaint area"), size_t(0));
    }

    void fillModes_data() {
        QTest::addColumn<int>("fill");
        QTest::addColumn<QString>("infotext");
        QTest::newRow("fill") << 0 << QStringLiteral("fill");
        QTest::newRow("original") << 1 << QString();
        QTest::newRow("latent noise") << 2 << QStringLiteral("latent noise");
        QTest::newRow("latent nothing") << 3 << QStringLiteral("latent nothing");
    }

    void fillModes() {
        LATENT_REQUIRE_GOLDEN();
        QFETCH(int, fill);
        QFETCH(QString, infotext);
        GenerationRequest r = smallRequest(64, 64);
        r.img2img.inpaint_full_res = false;
        r.img2img.inpainting_fill = fill;
        r.img2img.mask_blur_x = r.img2img.mask_blur_y = 0;
        const ImageU8 init = testPicture(64, 64);
        ImageU8 mask(64, 64, 1, 0);
        for (int64_t y = 16; y < 48; ++y)
            for (int64_t x = 16; x < 48; ++x) mask.at(x, y) = 255;
        QTemporaryDir dir;
        const GenerationResult res = sd1Engine().img2img(r, InitImages{init, mask}, {}, dir.path().toStdString());
        const auto e = extras(res);
        if (infotext.isEmpty())
            QCOMPARE(e.count("Masked content"), size_t(0));
        else
            QCOMPARE(QString::fromStdString(e.at("Masked content")), infotext);

        const auto lat = SafetensorsFile::open(dir.filePath(QStringLiteral("latents.safetensors")).toStdString());
        const at::Tensor vae = lat.load("vae_input", at::kFloat)[0];
        const at::Tensor orig = at::from_blob(const_cast<uint8_t*>(init.data.data()), {64, 64, 3}, at::kByte)
                                    .to(at::kFloat)
                                    .permute({2, 0, 1}) /
                                255.0;
        const at::Tensor inside = (vae - orig).slice(1, 16, 48).slice(2, 16, 48).abs().max();
        // A1111 blur-fills the pixels for every mode except "original" (latent noise / latent
        // nothing then also replace the latent).
        if (fill != 1)
            QVERIFY(inside.item<double>() > 0.05);
        else
            QCOMPARE(inside.item<double>(), 0.0);
        // Pixels far from the mask keep their values after the fill.
        QVERIFY((vae - orig).slice(1, 0, 4).abs().max().item<double>() < 1e-6);

        const at::Tensor init_latent = lat.load("init_latent", at::kFloat), nmask = lat.load("nmask", at::kFloat);
        const at::Tensor noise = lat.load("noise", at::kFloat);
        QVERIFY(nmask.sum().item<double>() > 0);
        if (fill == 2) compareTensor("latent noise", init_latent * nmask, noise * nmask, 1e-6);
        if (fill == 3) QCOMPARE((init_latent * nmask).abs().max().item<double>(), 0.0);
    }

    // Resize modes on non-square, odd sizes: geometry of each mode, then a full run.
    void resizeModes_data() {
        QTest::addColumn<int>("mode");
        QTest::newRow("just resize") << 0;
        QTest::newRow("crop and resize") << 1;
        QTest::newRow("resize and fill") << 2;
        QTest::newRow("latent upscale") << 3;
    }

    void resizeModes() {
        LATENT_REQUIRE_GOLDEN();
        QFETCH(int, mode);
        // A flat picture with a 1-pixel frame of another colour: each mode places it differently.
        ImageU8 im(101, 37, 3, 100);
        for (int64_t x = 0; x < 101; ++x)
            for (int c = 0; c < 3; ++c) im.at(x, 0, c) = im.at(x, 36, c) = 200;
        const ImageU8 out = a1111_resize_image(mode, im, 64, 48);
        QCOMPARE(out.width, int64_t(64));
        QCOMPARE(out.height, int64_t(48));
        if (mode == 0) {
            QCOMPARE(int(out.at(32, 24)), 100);
            QVERIFY(out.at(32, 0) > 150); // the frame is squeezed, not cut
        } else if (mode == 1) {
            // scaled to height 48 (width 131), centred, sides cut: the top frame is still there.
            QVERIFY(out.at(0, 0) > 150);
            QCOMPARE(int(out.at(32, 24)), 100);
        } else {
            // scaled to width 64 (height 23) and centred; the bars repeat the edge rows.
            const int64_t top = 48 / 2 - 23 / 2;
            QCOMPARE(top, int64_t(13));
            for (int64_t y = 0; y < 48; ++y)
                if (y < top || y >= top + 23) QVERIFY2(out.at(32, y) >= 100, qPrintable(QString::number(y)));
            QVERIFY(out.at(32, 2) > 120); // bar filled from the frame row, not black
        }

        GenerationRequest r = smallRequest(96, 64);
        r.steps = 2;
        r.img2img.resize_mode = mode;
        QTemporaryDir dir;
        const GenerationResult res = sd1Engine().img2img(
            r, InitImages{testPicture(mode == 3 ? 104 : 101, mode == 3 ? 40 : 37), {}}, {}, dir.path().toStdString());
        QCOMPARE(res.images.at(0).width, int64_t(96));
        QCOMPARE(res.images.at(0).height, int64_t(64));
        const auto lat = SafetensorsFile::open(dir.filePath(QStringLiteral("latents.safetensors")).toStdString());
        QCOMPARE(lat.load("init_latent").sizes().vec(), (std::vector<int64_t>{1, 4, 8, 12}));
        // Latent upscale encodes the init image at its own size.
        QCOMPARE(lat.load("vae_input").size(3), int64_t(mode == 3 ? 104 : 96));
    }

    void outpaint() {
        LATENT_REQUIRE_GOLDEN();
        GenerationRequest r = smallRequest(96, 64);
        r.steps = 2;
        r.img2img.outpaint = {0, 0, 32, 0};
        r.img2img.inpaint_full_res = false;
        r.img2img.mask_blur_x = r.img2img.mask_blur_y = 2;
        const ImageU8 init = testPicture(64, 64);
        const GenerationResult res = sd1Engine().img2img(r, InitImages{init, {}});
        QCOMPARE(res.images.at(0).width, int64_t(96));
        QCOMPARE(res.images.at(0).height, int64_t(64));
        QCOMPARE(QString::fromStdString(extras(res).at("Masked content")), QStringLiteral("fill"));
        // The old area away from the new edge is untouched; the new strip is masked.
        for (int64_t y = 0; y < 64; ++y)
            for (int64_t x = 0; x < 40; ++x) {
                QCOMPARE(int(res.mask_for_overlay.at(x, y)), 0);
                for (int c = 0; c < 3; ++c) QCOMPARE(res.images[0].rgb[size_t((y * 96 + x) * 3 + c)], init.at(x, y, c));
            }
        QCOMPARE(int(res.mask_for_overlay.at(90, 30)), 255);
    }

    // Mask from the init image's alpha: transparent pixels are repainted, opaque ones kept.
    void maskFromInitAlpha() {
        LATENT_REQUIRE_GOLDEN();
        GenerationRequest r = smallRequest(64, 64);
        r.steps = 2;
        r.img2img.mask_from_init_alpha = true;
        r.img2img.inpaint_full_res = false;
        const ImageU8 rgb = testPicture(64, 64);
        const ImageU8 disc = discMask(64, 64, 20, 40, 9);
        ImageU8 rgba = to_rgba(rgb);
        for (int64_t i = 0; i < 64 * 64; ++i) rgba.data[size_t(i) * 4 + 3] = uint8_t(255 - disc.data[size_t(i)]);
        const GenerationResult res = sd1Engine().img2img(r, InitImages{rgba, {}});
        const ImageU8 expectedBlur = blur_mask(disc, 4, 4);
        QCOMPARE(res.mask_for_overlay.data.size(), expectedBlur.data.size());
        for (size_t i = 0; i < expectedBlur.data.size(); ++i)
            QCOMPARE(int(res.mask_for_overlay.data[i]), std::min(255, 2 * int(expectedBlur.data[i])));
        // Opaque pixels far from the hole are the (flattened) original.
        const ImageU8 flat = flatten(rgba);
        QCOMPARE(res.images[0].rgb[(5 * 64 + 60) * 3], flat.at(60, 5, 0));
        // An opaque init image gives nothing to inpaint.
        bool refused = false;
        try {
            sd1Engine().img2img(r, InitImages{to_rgba(rgb), {}});
        } catch (const PipelineError& e) {
            refused = e.code() == "bad_request";
        }
        QVERIFY(refused);
    }

    void badInput() {
        LATENT_REQUIRE_GOLDEN();
        auto code = [](const GenerationRequest& r, const InitImages& im) -> std::string {
            try {
                Engine::check_img2img(r, im);
                sd1Engine().img2img(r, im);
            } catch (const PipelineError& e) {
                return e.code();
            }
            return "ok";
        };
        GenerationRequest r = smallRequest();
        r.steps = 1;
        const ImageU8 init = testPicture(64, 64);
        r.denoising_strength = 1.5;
        QCOMPARE(code(r, {init, {}}), std::string("bad_request"));
        r.denoising_strength = -0.1;
        QCOMPARE(code(r, {init, {}}), std::string("bad_request"));
        r.denoising_strength = 0.5;
        QCOMPARE(code(r, {ImageU8(), {}}), std::string("bad_image"));
        QCOMPARE(code(r, {init, ImageU8(64, 64, 1, 0)}), std::string("bad_request")); // all-black mask
        r.img2img.inpainting_mask_invert = true;
        QCOMPARE(code(r, {init, ImageU8(64, 64, 1, 255)}), std::string("bad_request")); // inverted: all black
        r.img2img.inpainting_mask_invert = false;
        r.img2img.inpainting_fill = 7;
        QCOMPARE(code(r, {init, discMask(64, 64, 32, 32, 8)}), std::string("bad_request"));
        r.img2img.inpainting_fill = 1;
        // A mask of another size is resized to the image, with a warning.
        const GenerationResult res = sd1Engine().img2img(r, InitImages{init, discMask(32, 32, 16, 16, 6)});
        QCOMPARE(res.warnings.size(), size_t(1));
        QVERIFY(QString::fromStdString(res.warnings[0]).contains(QStringLiteral("resized")));
    }

    // A 9-channel inpainting checkpoint (tiny SD1 with conv_in widened to 9 inputs, metadata
    // updated) written with the real writer and loaded back through the real loader.
    void inpaintingModel() {
        LATENT_REQUIRE_GOLDEN();
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("tiny-sd1-inpainting.safetensors")).toStdString();
        {
            const auto src = SafetensorsFile::open(golden(QStringLiteral("tiny-sd1.safetensors")).toStdString());
            std::vector<std::pair<std::string, at::Tensor>> tensors;
            at::manual_seed(99);
            for (const auto& t : src.tensors()) {
                at::Tensor v = src.load(t);
                if (t.name == "model.diffusion_model.input_blocks.0.0.weight") {
                    QCOMPARE(v.size(1), int64_t(4));
                    v = at::cat({v, (at::randn({v.size(0), 5, v.size(2), v.size(3)}) * 0.05).to(v.scalar_type())}, 1);
                }
                tensors.emplace_back(t.name, v);
            }
            std::map<std::string, std::string> meta = src.metadata();
            if (meta.count("reference.unet_config")) {
                auto cfg = nlohmann::json::parse(meta["reference.unet_config"]);
                cfg["in_channels"] = 9;
                meta["reference.unet_config"] = cfg.dump();
            }
            write_safetensors(path, tensors, meta);
        }
        Engine engine("cpu");
        const ModelLoadResult loaded = engine.load_model(path);
        QVERIFY(loaded.inpainting);
        QVERIFY(engine.is_inpainting_model());

        GenerationRequest r = smallRequest(64, 64);
        r.steps = 2;
        r.img2img.inpaint_full_res = false;
        r.img2img.inpainting_fill = 1;
        r.img2img.mask_blur_x = r.img2img.mask_blur_y = 0;
        const ImageU8 init = testPicture(64, 64);
        ImageU8 mask(64, 64, 1, 0);
        for (int64_t y = 0; y < 32; ++y)
            for (int64_t x = 0; x < 64; ++x) mask.at(x, y) = 255;
        QTemporaryDir out;
        const GenerationResult a = engine.img2img(r, InitImages{init, mask}, {}, out.path().toStdString());
        const auto lat = SafetensorsFile::open(out.filePath(QStringLiteral("latents.safetensors")).toStdString());
        const at::Tensor cond = lat.load("image_cond", at::kFloat);
        QCOMPARE(cond.sizes().vec(), (std::vector<int64_t>{1, 5, 8, 8}));
        // Channel 0: the mask at latent size (top half 1, bottom half 0).
        QCOMPARE(cond[0][0].slice(0, 0, 4).min().item<double>(), 1.0);
        QCOMPARE(cond[0][0].slice(0, 4, 8).max().item<double>(), 0.0);
        // Masked-image latent: with weight 1 it differs from the plain init latent in the masked half.
        const at::Tensor init_latent = lat.load("init_latent", at::kFloat);
        QVERIFY((cond[0].slice(0, 1, 5) - init_latent[0]).abs().max().item<double>() > 1e-3);

        // inpainting_mask_weight 0: the conditioning image is the unmasked init image.
        r.img2img.inpainting_mask_weight = 0.0;
        QTemporaryDir out2;
        engine.img2img(r, InitImages{init, mask}, {}, out2.path().toStdString());
        const auto lat2 = SafetensorsFile::open(out2.filePath(QStringLiteral("latents.safetensors")).toStdString());
        compareTensor("weight-0 conditioning", lat2.load("image_cond", at::kFloat)[0].slice(0, 1, 5),
                      lat2.load("init_latent", at::kFloat)[0], 1e-5);
        // txt2img on the inpainting model works (A1111's all-masked grey conditioning).
        GenerationRequest t = smallRequest(64, 64);
        t.steps = 1;
        QCOMPARE(engine.txt2img(t).images.size(), size_t(1));
        QCOMPARE(a.images.size(), size_t(1));
        QCOMPARE(a.conditional_mask_weight.value_or(-1), 1.0); // A1111 "Conditional mask weight"
    }

    void cancelDuringImg2Img() {
        LATENT_REQUIRE_GOLDEN();
        GenerationRequest r = smallRequest();
        r.steps = 10;
        int steps = 0;
        GenerationCallbacks cb;
        cb.on_progress = [&](const GenerationProgress& p) { steps = int(p.step); };
        cb.cancelled = [&] { return steps >= 2; };
        bool cancelled = false;
        try {
            sd1Engine().img2img(r, InitImages{testPicture(64, 64), {}}, cb);
        } catch (const PipelineError& e) {
            cancelled = e.code() == "cancelled";
        }
        QVERIFY(cancelled);
        QCOMPARE(steps, 2);
    }
};

QTEST_GUILESS_MAIN(TestImg2ImgGolden)
#include "tst_img2img_golden.moc"
