// ESRGAN-family upscalers (pipeline/upscalers): architecture and scale detection for every key
// layout and file format, the forward pass against an independent re-implementation with plain
// ATen ops, A1111's tiled inference (tiles placed exactly, tiled = untiled away from the blended
// seams, cancel between tiles), A1111's Upscaler.upscale / resize_image rules, and refusals.
#include "common/golden.h"
#include "common/upscaler_fixtures.h"
#include "pipeline/core/error.h"
#include "pipeline/imaging/resample.h"
#include "pipeline/upscalers/image_upscaler.h"
#include "pipeline/upscalers/upscaler_model.h"

#include <ATen/ATen.h>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace latent;
using namespace latent::test;

namespace {

// A deterministic test picture: gradients plus a seeded speckle, 8-bit RGB.
ImageU8 testImage(int64_t w, int64_t h, uint32_t seed = 1) {
    ImageU8 img(w, h, 3);
    uint32_t s = seed;
    for (int64_t y = 0; y < h; ++y)
        for (int64_t x = 0; x < w; ++x) {
            s = s * 1664525u + 1013904223u;
            img.at(x, y, 0) = static_cast<uint8_t>((x * 255) / std::max<int64_t>(w - 1, 1));
            img.at(x, y, 1) = static_cast<uint8_t>((y * 255) / std::max<int64_t>(h - 1, 1));
            img.at(x, y, 2) = static_cast<uint8_t>((s >> 24) & 0xff);
        }
    return img;
}

at::Tensor conv(const at::Tensor& x, const TensorMap& m, const std::string& name) {
    return at::conv2d(x, m.at(name + ".weight"), m.at(name + ".bias"), 1, 1);
}

// Independent RRDBNet forward (basicsr RRDBNet.forward written out with ATen ops).
at::Tensor referenceRrdb(const at::Tensor& x, const TensorMap& m, int64_t nb, int64_t nUp, int64_t unshuffle) {
    auto lrelu = [](const at::Tensor& t) { return at::leaky_relu(t, 0.2); };
    at::Tensor feat = unshuffle > 1 ? at::pixel_unshuffle(x, unshuffle) : x;
    feat = conv(feat, m, "conv_first");
    at::Tensor b = feat;
    for (int64_t i = 0; i < nb; ++i) {
        at::Tensor r = b;
        for (int k = 1; k <= 3; ++k) {
            const std::string p = "body." + std::to_string(i) + ".rdb" + std::to_string(k) + ".conv";
            std::vector<at::Tensor> xs = {r};
            for (int j = 1; j <= 4; ++j) xs.push_back(lrelu(conv(at::cat(xs, 1), m, p + std::to_string(j))));
            r = conv(at::cat(xs, 1), m, p + "5") * 0.2 + r;
        }
        b = r * 0.2 + b;
    }
    feat = feat + conv(b, m, "conv_body");
    for (int64_t u = 1; u <= nUp; ++u)
        feat = lrelu(
            conv(at::upsample_nearest2d(feat, {feat.size(2) * 2, feat.size(3) * 2}), m, "conv_up" + std::to_string(u)));
    return conv(lrelu(conv(feat, m, "conv_hr")), m, "conv_last");
}

at::Tensor referenceSrvgg(const at::Tensor& x, const TensorMap& m, int64_t numConv, int64_t scale) {
    at::Tensor out = x;
    int64_t i = 0;
    for (int64_t c = 0; c <= numConv; ++c) {
        out = conv(out, m, "body." + std::to_string(i++));
        out = at::prelu(out, m.at("body." + std::to_string(i++) + ".weight"));
    }
    out = conv(out, m, "body." + std::to_string(i));
    return at::pixel_shuffle(out, scale) + at::upsample_nearest2d(x, {x.size(2) * scale, x.size(3) * scale});
}

// images.split_grid tile origins along one axis (A1111 v1.10.1 modules/images.py).
std::vector<int64_t> tileOrigins(int64_t size, int64_t tile, int64_t overlap) {
    const int64_t n = static_cast<int64_t>(std::ceil(double(size - overlap) / double(tile - overlap)));
    const double d = n > 1 ? double(size - tile) / double(n - 1) : 0.0;
    std::vector<int64_t> out;
    for (int64_t i = 0; i < n; ++i) {
        int64_t o = static_cast<int64_t>(i * d);
        if (o + tile >= size) o = size - tile;
        out.push_back(o);
    }
    return out;
}

ImageU8 untiled(UpscalerModel& m, const ImageU8& img) {
    UpscaleContext ctx;
    ctx.tile = 0;
    return upscale_with_model(m, img, ctx);
}

int maxDiff(const ImageU8& a, const ImageU8& b) {
    int d = 0;
    for (size_t i = 0; i < a.data.size(); ++i) d = std::max(d, std::abs(int(a.data[i]) - int(b.data[i])));
    return d;
}

} // namespace

class TestUpscalers : public QObject {
    Q_OBJECT

private slots:
    void detectsEveryRrdbLayoutAndScale_data() {
        QTest::addColumn<QString>("layout");
        QTest::addColumn<int>("nUp");
        QTest::addColumn<int>("inCh");
        QTest::addColumn<int>("scale");
        QTest::addColumn<int>("unshuffle");
        for (const char* layout : {"esrgan-old", "esrgan-2019", "real-esrgan"})
            for (int nUp = 0; nUp <= 3; ++nUp)
                QTest::addRow("%s-%dx", layout, 1 << nUp) << QString(layout) << nUp << 3 << (1 << nUp) << 1;
        QTest::newRow("real-esrgan-x2plus") << "real-esrgan" << 2 << 12 << 2 << 2;
        QTest::newRow("real-esrgan-x1") << "real-esrgan" << 2 << 48 << 1 << 4;
    }
    void detectsEveryRrdbLayoutAndScale() {
        QFETCH(QString, layout);
        QFETCH(int, nUp);
        QFETCH(int, inCh);
        QFETCH(int, scale);
        QFETCH(int, unshuffle);
        QTemporaryDir dir;
        const TensorMap canonical = rrdbWeights(8, 4, 2, nUp, inCh, 11);
        const TensorMap file = toRrdbLayout(canonical, layout.toStdString(), 2, nUp);
        const std::string st = dir.filePath("m.safetensors").toStdString();
        writeUpscalerSafetensors(st, file, at::kHalf);
        const std::string pth = dir.filePath("m.pth").toStdString();
        writeBytes(pth, upscalerPthBytes(file, layout == "real-esrgan" ? "params_ema" : ""));
        for (const std::string& path : {st, pth}) {
            const UpscalerArchInfo info = inspect_upscaler(path);
            QCOMPARE(info.arch, UpscalerArch::RRDBNet);
            QCOMPARE(QString::fromStdString(info.layout), layout);
            QCOMPARE(info.scale, int64_t(scale));
            QCOMPARE(info.unshuffle, int64_t(unshuffle));
            QCOMPARE(info.num_block, int64_t(2));
            QCOMPARE(info.num_feat, int64_t(8));
            QCOMPARE(info.num_grow_ch, int64_t(4));
            QCOMPARE(info.num_upsample, int64_t(nUp));
        }
        // The network runs and has the detected scale.
        auto model = load_upscaler(pth);
        const at::Tensor y = model->forward(at::rand({1, 3, 8, 12}));
        QCOMPARE(y.size(2), int64_t(8 * scale));
        QCOMPARE(y.size(3), int64_t(12 * scale));
    }

    void detectsSrvggCompact_data() {
        QTest::addColumn<int>("numConv");
        QTest::addColumn<int>("scale");
        QTest::newRow("general-x4v3-like") << 4 << 4;
        QTest::newRow("x2") << 1 << 2;
        QTest::newRow("x1") << 0 << 1;
    }
    void detectsSrvggCompact() {
        QFETCH(int, numConv);
        QFETCH(int, scale);
        QTemporaryDir dir;
        const std::string path = dir.filePath("v3.pth").toStdString();
        writeBytes(path, upscalerPthBytes(srvggWeights(8, numConv, scale, 5), "params"));
        const UpscalerArchInfo info = inspect_upscaler(path);
        QCOMPARE(info.arch, UpscalerArch::SRVGGNetCompact);
        QCOMPARE(info.scale, int64_t(scale));
        QCOMPARE(info.num_conv, int64_t(numConv));
        QCOMPARE(info.num_feat, int64_t(8));
        QVERIFY(QString::fromStdString(info.describe()).contains("SRVGGNetCompact"));
    }

    // The same weights in every layout and format give bit-identical images, and equal an
    // independent ATen re-implementation of the published forward passes.
    void forwardMatchesIndependentReference() {
        QTemporaryDir dir;
        const at::Tensor x = at::rand({1, 3, 10, 14}, at::TensorOptions().dtype(at::kFloat));
        for (int64_t inCh : {3, 12}) {
            const int64_t nb = 2, nUp = 2, unshuffle = inCh == 12 ? 2 : 1;
            const TensorMap canonical = rrdbWeights(8, 4, nb, nUp, inCh, 21);
            const at::Tensor expected = referenceRrdb(x, canonical, nb, nUp, unshuffle);
            at::Tensor first;
            for (const char* layout : {"esrgan-old", "esrgan-2019", "real-esrgan"}) {
                if (inCh != 3 && std::string(layout) != "real-esrgan") continue;
                const TensorMap file = toRrdbLayout(canonical, layout, nb, nUp);
                const std::string st = dir.filePath(QString("%1-%2.safetensors").arg(layout).arg(inCh)).toStdString();
                writeUpscalerSafetensors(st, file);
                const std::string pth = dir.filePath(QString("%1-%2.pth").arg(layout).arg(inCh)).toStdString();
                writeBytes(pth, upscalerPthBytes(file, "params_ema"));
                for (const std::string& path : {st, pth}) {
                    const at::Tensor y = load_upscaler(path)->forward(x);
                    QVERIFY2(at::allclose(y, expected, 1e-5, 1e-6), path.c_str());
                    if (!first.defined()) first = y;
                    QVERIFY(at::equal(y, first));
                }
            }
        }
        const TensorMap sv = srvggWeights(8, 3, 4, 9);
        const std::string path = dir.filePath("srvgg.safetensors").toStdString();
        writeUpscalerSafetensors(path, sv);
        QVERIFY(at::allclose(load_upscaler(path)->forward(x), referenceSrvgg(x, sv, 3, 4), 1e-5, 1e-6));
    }

    // A model whose body is all zeros returns exactly the nearest-upscaled input: any misplaced
    // tile, wrong ramp or wrong crop shows up as a mismatch. Includes an image smaller than the
    // tile (A1111 pads it with black through a negative crop origin).
    void tilesArePlacedExactly_data() {
        QTest::addColumn<int>("w");
        QTest::addColumn<int>("h");
        QTest::addColumn<int>("tile");
        QTest::addColumn<int>("overlap");
        QTest::newRow("a1111-defaults-3x2-tiles") << 420 << 260 << 192 << 8;
        QTest::newRow("uneven") << 157 << 93 << 64 << 8;
        QTest::newRow("smaller-than-tile") << 100 << 70 << 192 << 8;
        QTest::newRow("big-overlap") << 130 << 130 << 48 << 20;
    }
    void tilesArePlacedExactly() {
        QFETCH(int, w);
        QFETCH(int, h);
        QFETCH(int, tile);
        QFETCH(int, overlap);
        auto model = build_upscaler(detect_upscaler([] {
                                        TensorShapes s;
                                        for (const auto& [k, t] : srvggWeights(4, 1, 2, 1, true))
                                            s[k] = std::vector<int64_t>(t.sizes().begin(), t.sizes().end());
                                        return s;
                                    }())
                                        .info,
                                    srvggWeights(4, 1, 2, 1, true));
        const ImageU8 img = testImage(w, h);
        UpscaleContext ctx;
        ctx.tile = tile;
        ctx.tile_overlap = overlap;
        const ImageU8 out = upscale_with_model(*model, img, ctx);
        QCOMPARE(out.width, int64_t(2 * w));
        QCOMPARE(out.height, int64_t(2 * h));
        const ImageU8 nearest = pillow_resize(img, 2 * w, 2 * h, ResampleFilter::Nearest);
        QCOMPARE(maxDiff(out, nearest), 0);
    }

    // A real (random) network: tiled output equals the untiled one within 1 level everywhere
    // outside the blended overlap bands, where A1111 mixes two tiles (each correct up to its
    // receptive field, which is 3 pixels here and shorter than the 8-pixel overlap).
    void tiledMatchesUntiledAwayFromSeams() {
        const TensorMap sv = srvggWeights(8, 1, 4, 3);
        TensorShapes shapes;
        for (const auto& [k, t] : sv) shapes[k] = std::vector<int64_t>(t.sizes().begin(), t.sizes().end());
        auto model = build_upscaler(detect_upscaler(shapes).info, sv);
        const int64_t w = 420, h = 260, tile = 192, overlap = 8, s = 4;
        const ImageU8 img = testImage(w, h, 7);
        const ImageU8 tiled = upscale_with_model(*model, img); // A1111 defaults
        const ImageU8 whole = untiled(*model, img);
        QCOMPARE(tiled.width, whole.width);
        auto inBand = [&](int64_t v, const std::vector<int64_t>& origins) {
            for (size_t i = 1; i < origins.size(); ++i)
                if (v >= origins[i] * s && v < (origins[i] + overlap) * s) return true;
            return false;
        };
        const auto xs = tileOrigins(w, tile, overlap), ys = tileOrigins(h, tile, overlap);
        QCOMPARE(int(xs.size()), 3);
        QCOMPARE(int(ys.size()), 2);
        int worst = 0;
        int64_t compared = 0, differing = 0;
        for (int64_t y = 0; y < tiled.height; ++y)
            for (int64_t x = 0; x < tiled.width; ++x) {
                if (inBand(x, xs) || inBand(y, ys)) continue;
                for (int c = 0; c < 3; ++c) {
                    const int d = std::abs(int(tiled.at(x, y, c)) - int(whole.at(x, y, c)));
                    worst = std::max(worst, d);
                    differing += d != 0;
                    ++compared;
                }
            }
        QVERIFY2(worst <= 1, qPrintable(QString("max difference %1 levels").arg(worst)));
        QVERIFY(compared > tiled.data.size() * 8 / 10);
        QVERIFY(differing * 100 < compared);
        // The bands really are blends: the seams are not a copy of either neighbour everywhere.
        QVERIFY(maxDiff(tiled, whole) > 0);
    }

    void cancelStopsBetweenTiles() {
        const TensorMap sv = srvggWeights(4, 0, 2, 3);
        TensorShapes shapes;
        for (const auto& [k, t] : sv) shapes[k] = std::vector<int64_t>(t.sizes().begin(), t.sizes().end());
        auto model = build_upscaler(detect_upscaler(shapes).info, sv);
        int tiles = 0;
        int64_t total = 0;
        UpscaleContext ctx;
        ctx.tile = 32;
        ctx.tile_overlap = 8;
        ctx.on_tile = [&](int64_t done, int64_t all) {
            tiles = int(done);
            total = all;
        };
        ctx.cancelled = [&] { return tiles >= 2; };
        bool cancelled = false;
        try {
            upscale_with_model(*model, testImage(100, 100), ctx);
        } catch (const CancelledError&) {
            cancelled = true;
        }
        QVERIFY(cancelled);
        QCOMPARE(tiles, 2);
        QCOMPARE(total, int64_t(16));
    }

    // A1111 Upscaler.upscale: target = int(size·scale)//8·8, up to 3 model passes, final Lanczos;
    // resize_image(0, ...) then resizes to the exact size.
    void a1111UpscaleRules() {
        const ImageU8 img = testImage(128, 96);
        ImageUpscaler lanczos{ImageUpscaler::Kind::Lanczos, "Lanczos", nullptr};
        // scale 1.3: do_upscale to int(128·1.3) = 166, then the //8 target 160.
        const ImageU8 a = a1111_upscale(img, 1.3, lanczos);
        QCOMPARE(a.width, int64_t(160));
        QCOMPARE(a.height, int64_t(120));
        const ImageU8 manual =
            pillow_resize(pillow_resize(img, 166, 124, ResampleFilter::Lanczos), 160, 120, ResampleFilter::Lanczos);
        QCOMPARE(maxDiff(a, manual), 0);
        // resize_image(0, img, 166, 124, "Lanczos"): upscale by max(166/128, 124/96), then exact size.
        const ImageU8 r = a1111_resize_with_upscaler(img, 166, 124, &lanczos);
        QCOMPARE(r.width, int64_t(166));
        const double sc = std::max(166.0 / 128.0, 124.0 / 96.0);
        const ImageU8 r1 = pillow_resize(img, int64_t(128 * sc), int64_t(96 * sc), ResampleFilter::Lanczos);
        const ImageU8 r2 = pillow_resize(r1, int64_t(std::floor(128 * sc / 8) * 8),
                                         int64_t(std::floor(96 * sc / 8) * 8), ResampleFilter::Lanczos);
        QCOMPARE(maxDiff(r, pillow_resize(r2, 166, 124, ResampleFilter::Lanczos)), 0);
        // "None" (or no upscaler) is one Lanczos resize.
        ImageUpscaler none{ImageUpscaler::Kind::None, "None", nullptr};
        QCOMPARE(maxDiff(a1111_resize_with_upscaler(img, 166, 124, &none),
                         pillow_resize(img, 166, 124, ResampleFilter::Lanczos)),
                 0);
        // Nearest.
        ImageUpscaler nearest{ImageUpscaler::Kind::Nearest, "Nearest", nullptr};
        QCOMPARE(maxDiff(a1111_upscale(img, 2.0, nearest), pillow_resize(img, 256, 192, ResampleFilter::Nearest)), 0);

        // A 2x model asked for 4x runs twice; a 4x model asked for 2x runs once, then Lanczos.
        const TensorMap sv = srvggWeights(4, 0, 2, 8);
        TensorShapes shapes;
        for (const auto& [k, t] : sv) shapes[k] = std::vector<int64_t>(t.sizes().begin(), t.sizes().end());
        ImageUpscaler x2{ImageUpscaler::Kind::Model, "x2", build_upscaler(detect_upscaler(shapes).info, sv)};
        int passes = 0;
        UpscaleContext ctx;
        ctx.tile = 0;
        ctx.on_tile = [&](int64_t, int64_t) { ++passes; };
        const ImageU8 q = a1111_upscale(img, 4.0, x2, ctx);
        QCOMPARE(passes, 2);
        QCOMPARE(q.width, int64_t(512));
        QCOMPARE(maxDiff(q, untiled(*x2.model, untiled(*x2.model, img))), 0);
        passes = 0;
        const ImageU8 h = a1111_upscale(img, 1.5, x2, ctx);
        QCOMPARE(passes, 1);
        QCOMPARE(h.width, int64_t(192));
        QCOMPARE(maxDiff(h, pillow_resize(untiled(*x2.model, img), 192, 144, ResampleFilter::Lanczos)), 0);
    }

    void extrasScaleToCropAndBlend() {
        const ImageU8 img = testImage(64, 48);
        ImageUpscaler lanczos{ImageUpscaler::Kind::Lanczos, "Lanczos", nullptr};
        ImageUpscaler nearest{ImageUpscaler::Kind::Nearest, "Nearest", nullptr};
        ExtrasUpscaleOptions o;
        o.scale_to_width = 200;
        o.scale_to_height = 120;
        const ImageU8 c = extras_upscale(img, lanczos, nullptr, o);
        QCOMPARE(c.width, int64_t(200));
        QCOMPARE(c.height, int64_t(120));
        // by = max(200/64, 120/48) = 3.125 -> 200x150 (//8), centred: rows 15.. of it.
        const ImageU8 big = a1111_upscale(img, 3.125, lanczos);
        QCOMPARE(big.height, int64_t(144));
        QCOMPARE(c.at(10, 0, 0), big.at(10, 12, 0));
        ExtrasUpscaleOptions b;
        b.scale = 2.0;
        b.visibility = 0.3;
        const ImageU8 mixed = extras_upscale(img, lanczos, &nearest, b);
        QCOMPARE(maxDiff(mixed, pillow_blend(a1111_upscale(img, 2, lanczos), a1111_upscale(img, 2, nearest), 0.3f)), 0);
        // Image.blend: float, truncated.
        ImageU8 p(1, 1, 3, 0), q(1, 1, 3, 255);
        p.data = {10, 0, 200};
        q.data = {20, 255, 100};
        const ImageU8 r = pillow_blend(p, q, 0.3f);
        QCOMPARE(int(r.data[0]), 13);
        QCOMPARE(int(r.data[1]), 76);
        QCOMPARE(int(r.data[2]), 170);
    }

    void refusesWhatItCannotRun() {
        QTemporaryDir dir;
        auto expectError = [&](const std::string& path, const std::string& code, const QString& contains = {}) {
            try {
                load_upscaler(path);
            } catch (const PipelineError& e) {
                QVERIFY2(e.code() == code, (e.code() + ": " + e.what()).c_str());
                if (!contains.isEmpty()) QVERIFY2(QString(e.what()).contains(contains), e.what());
                return;
            }
            QFAIL(("accepted " + path).c_str());
        };
        // Unknown architecture: the message names the keys it saw.
        const std::string other = dir.filePath("other.safetensors").toStdString();
        writeUpscalerSafetensors(other, {{"encoder.weight", at::zeros({4, 4})}, {"decoder.bias", at::zeros({4})}});
        expectError(other, "unknown_upscaler", "encoder.weight");
        // An ESRGAN+ style extra tensor is a variant we do not run.
        TensorMap plus = rrdbWeights(8, 4, 1, 2, 3, 2);
        plus["body.0.rdb1.conv1x1.weight"] = at::zeros({4, 8, 1, 1});
        const std::string plusPath = dir.filePath("plus.safetensors").toStdString();
        writeUpscalerSafetensors(plusPath, plus);
        expectError(plusPath, "unknown_upscaler", "conv1x1");
        // A Stable Diffusion checkpoint is not an upscaler.
        if (goldenAvailable()) expectError((goldenDir() + "/tiny-sd1.safetensors").toStdString(), "unknown_upscaler");
        // Truncated safetensors.
        const std::string good = dir.filePath("good.safetensors").toStdString();
        writeUpscalerSafetensors(good, rrdbWeights(8, 4, 1, 2, 3, 2));
        QFile f(QString::fromStdString(good));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        f.close();
        const std::string cut = dir.filePath("cut.safetensors").toStdString();
        writeBytes(cut, bytes.left(bytes.size() - 100).toStdString());
        try {
            load_upscaler(cut);
            QFAIL("truncated file accepted");
        } catch (const PipelineError&) {
        }
        // A .pth whose pickle calls os.system is refused by the restricted reader, never run.
        Pk evil;
        evil.proto().global("os", "system").mark().str("touch /tmp/latent-pwned").tuple().reduce().stop();
        const std::string evilPath = dir.filePath("evil.pth").toStdString();
        writeBytes(evilPath, makeZip({{"archive/data.pkl", evil.b}, {"archive/version", "3\n"}}));
        expectError(evilPath, "cannot_verify");
        QVERIFY(!QFile::exists("/tmp/latent-pwned"));
        // Legacy (pre-zip) pickle .pth and an LFS pointer: explained, not "corrupt".
        const std::string legacy = dir.filePath("legacy.pth").toStdString();
        writeBytes(legacy, std::string("\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19.", 15));
        expectError(legacy, "wrong_format", "legacy");
        const std::string lfs = dir.filePath("lfs.pth").toStdString();
        writeBytes(lfs, "version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 67040989\n");
        expectError(lfs, "wrong_format");
    }
};

QTEST_GUILESS_MAIN(TestUpscalers)
#include "tst_upscalers.moc"
