// Per-image noise generators: CPU (libtorch == PyTorch CPU randn), NV/GPU (Philox4x32-10 +
// Box-Muller, A1111 rng_philox), batches, variation seeds, ENSD.
#include "common/golden.h"
#include "pipeline/core/error.h"
#include "pipeline/tensors/rng.h"
#include "pipeline/tensors/safetensors.h"

#include <ATen/ATen.h>

#include <QTest>

#include <regex>

using namespace latent;

namespace {

double max_abs(const at::Tensor& a, const at::Tensor& b) {
    return (a.to(at::kDouble) - b.to(at::kDouble)).abs().max().item<double>();
}

std::string golden(const char* rel) { return (latent::test::goldenDir() + "/" + rel).toStdString(); }

} // namespace

class TestRng : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cpuMatchesPyTorch() {
        CpuNoiseGenerator g(42);
        const at::Tensor x = g.randn({2, 3});
        const double ref[6] = {0.3367, 0.1288, 0.2345, 0.2303, -1.1229, -0.1863};
        for (int i = 0; i < 6; ++i) QVERIFY(std::fabs(x.flatten()[i].item<double>() - ref[i]) < 1e-4);
        QCOMPARE(x.scalar_type(), at::kFloat);
    }

    void philoxMatchesA1111Docstring() {
        // rng_philox.py: Generator(seed=0).randn(shape=(3, 4))
        PhiloxNoiseGenerator g(0);
        const at::Tensor x = g.randn({3, 4});
        const double ref[12] = {-0.92466259, -0.42534415, -2.6438457, 0.14518388, -0.12086647, -0.57972564,
                                -0.62285122, -0.32838709, -1.07454231, -0.36314407, -1.67105067, 2.26550497};
        for (int i = 0; i < 12; ++i) QVERIFY2(std::fabs(x.flatten()[i].item<double>() - ref[i]) < 1e-6, qPrintable(QString::number(i)));
        QCOMPARE(g.offset(), uint64_t(1));
    }

    void philoxGolden() {
        LATENT_REQUIRE_GOLDEN();
        const auto f = SafetensorsFile::open(golden("philox.safetensors"));
        const std::regex re(R"(seed(\d+)\.shape(\d+)x(\d+)x(\d+)\.draw(\d))");
        int checked = 0;
        for (const auto& info : f.tensors()) {
            std::smatch m;
            QVERIFY2(std::regex_match(info.name, m, re), info.name.c_str());
            const uint64_t seed = std::stoull(m[1]);
            const std::vector<int64_t> shape = {std::stoll(m[2]), std::stoll(m[3]), std::stoll(m[4])};
            const int draw = std::stoi(m[5]);
            auto gen = make_noise_generator("nv", seed);
            at::Tensor x;
            for (int d = 0; d <= draw; ++d) x = gen->randn(shape);
            const at::Tensor ref = f.load(info, at::kFloat);
            QCOMPARE(ref.sizes().vec(), shape);
            QVERIFY2(max_abs(x, ref) <= 1e-6, info.name.c_str());
            ++checked;
        }
        QVERIFY(checked >= 12);
        // "gpu" means the same generator on every build.
        auto g1 = make_noise_generator("GPU", 42), g2 = make_noise_generator("nv", 42);
        QVERIFY(at::equal(g1->randn({4, 8, 8}), g2->randn({4, 8, 8})));
    }

    void goldenCpuDraws_data() {
        QTest::addColumn<QString>("kase");
        QTest::newRow("euler") << "sd1-euler-10steps-cpu";
        QTest::newRow("euler_a") << "sd1-euler_a-10steps-cpu";
        QTest::newRow("dpmpp_2m") << "sd1-dpmpp_2m-karras-10steps-cpu";
        QTest::newRow("img2img") << "sd1-img2img-euler-s0.75";
        QTest::newRow("sdxl") << "sdxl-euler-10steps-cpu";
    }
    void goldenCpuDraws() {
        LATENT_REQUIRE_GOLDEN();
        QFETCH(QString, kase);
        const auto f = SafetensorsFile::open(golden(("cases/" + kase + "/latents.safetensors").toUtf8().constData()));
        const at::Tensor noise = f.load("noise", at::kFloat);
        const at::Tensor draws = f.load("rng_draws", at::kFloat);
        BatchNoiseOptions o;
        o.source = "cpu";
        o.seeds = {42};
        BatchNoise bn(o, {noise.size(1), noise.size(2), noise.size(3)});
        for (int64_t k = 0; k < draws.size(0); ++k) {
            const at::Tensor d = bn.next();
            QVERIFY2(max_abs(d, draws[k]) <= 1e-5, qPrintable(QString("draw %1").arg(k)));
            if (k == 0) QVERIFY(max_abs(d, noise) <= 1e-5);
        }
        QCOMPARE(bn.draws(), draws.size(0));
    }

    void batchEqualsSingles_data() {
        QTest::addColumn<QString>("source");
        QTest::newRow("cpu") << "cpu";
        QTest::newRow("nv") << "nv";
    }
    void batchEqualsSingles() {
        QFETCH(QString, source);
        BatchNoiseOptions o;
        o.source = source.toStdString();
        o.seeds = {7, 8, 9};
        BatchNoise batch(o, {4, 6, 5});
        std::vector<at::Tensor> b;
        for (int k = 0; k < 4; ++k) b.push_back(batch.next());
        QCOMPARE(b[0].sizes().vec(), (std::vector<int64_t>{3, 4, 6, 5}));
        for (int i = 0; i < 3; ++i) {
            BatchNoiseOptions s = o;
            s.seeds = {o.seeds[i]};
            BatchNoise single(s, {4, 6, 5});
            for (int k = 0; k < 4; ++k) QVERIFY(at::equal(single.next()[0], b[k][i]));
        }
        // Different images get different noise, successive draws differ.
        QVERIFY(!at::equal(b[0][0], b[0][1]));
        QVERIFY(!at::equal(b[0][0], b[1][0]));
        // randn_like: device/dtype of x, per-image shape of the generator.
        const at::Tensor like = batch.randn_like(at::zeros({3, 4, 6, 5}, at::kDouble));
        QCOMPARE(like.scalar_type(), at::kDouble);
        QCOMPARE(batch.draws(), int64_t(5));
    }

    void variationSeeds() {
        const std::vector<int64_t> shape = {4, 8, 8};
        BatchNoiseOptions base;
        base.source = "cpu";
        base.seeds = {100};
        BatchNoise plain(base, shape);
        const at::Tensor n0 = plain.next();
        const at::Tensor n1 = plain.next();
        const at::Tensor sub = CpuNoiseGenerator(555).randn(shape);

        BatchNoiseOptions v = base;
        v.subseeds = {555};
        v.subseed_strength = 1.0;
        BatchNoise full(v, shape);
        QVERIFY(max_abs(full.next()[0], sub) < 1e-5);  // strength 1 -> the subseed's noise
        QVERIFY(at::equal(full.next(), n1));            // later draws continue the main generator

        v.subseed_strength = 0.3;
        BatchNoise part(v, shape);
        const at::Tensor p = part.next()[0];
        // A1111 slerp over dim 1 (rows of each channel).
        const at::Tensor ln = n0[0] / at::norm(n0[0], 2, {1}, true), hn = sub / at::norm(sub, 2, {1}, true);
        const at::Tensor omega = at::acos((ln * hn).sum(1));
        const at::Tensor ref = (at::sin(0.7 * omega) / at::sin(omega)).unsqueeze(1) * n0[0] +
                               (at::sin(0.3 * omega) / at::sin(omega)).unsqueeze(1) * sub;
        QVERIFY(max_abs(p, ref) < 1e-5);
        QVERIFY(max_abs(p, n0[0]) > 1e-2);

        // Missing subseeds mean subseed 0 (A1111).
        BatchNoiseOptions z = base;
        z.subseed_strength = 1.0;
        BatchNoise zero(z, shape);
        QVERIFY(max_abs(zero.next()[0], CpuNoiseGenerator(0).randn(shape)) < 1e-5);
    }

    void etaNoiseSeedDelta() {
        BatchNoiseOptions o;
        o.source = "nv";
        o.seeds = {10};
        o.eta_noise_seed_delta = 31337;
        BatchNoise bn(o, {4, 4, 4});
        const at::Tensor first = bn.next();
        QVERIFY(at::equal(first[0], PhiloxNoiseGenerator(10).randn({4, 4, 4})));
        QVERIFY(at::equal(bn.next()[0], PhiloxNoiseGenerator(10 + 31337).randn({4, 4, 4})));
    }

    void seedResizeFrom_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("fromH");
        QTest::addColumn<int>("fromW");
        QTest::addColumn<double>("strength");
        QTest::addColumn<double>("sum");
        QTest::addColumn<QList<double>>("values");
        // A1111 ImageRNG.first with seed_resize_from_h/w, 64x64 images (latent 4x8x8), seeds
        // [100, 101] (with variation: [100, 100] and subseeds [7, 8], as A1111's all_seeds are),
        // computed with python3-torch (CPU) and A1111's rng_philox algorithm (NV).
        QTest::newRow("cpu 48x80") << "cpu" << 48 << 80 << 0.0 << 2.00419204
                                   << QList<double>{0.126849279,  -0.804316759, 0.845180929,
                                                    -0.659109175, -0.170657918, 0.66046381};
        QTest::newRow("cpu 96x40 variation")
            << "cpu" << 96 << 40 << 0.3 << -3.43488609
            << QList<double>{0.126849279, 1.48612177, 0.603108466, -0.623977959, 0.356871307, -0.859328866};
        QTest::newRow("nv 48x80") << "nv" << 48 << 80 << 0.0 << -22.5095858
                                  << QList<double>{1.43499076,   -2.55284524, -0.83900398,
                                                   -0.756739616, 1.2669127,   0.0263338257};
        QTest::newRow("nv 96x40 variation")
            << "nv" << 96 << 40 << 0.3 << 5.5078761
            << QList<double>{1.43499076, -0.748128474, -0.278736681, -0.277041674, 0.423698127, -0.176177174};
    }
    void seedResizeFrom() {
        QFETCH(QString, source);
        QFETCH(int, fromH);
        QFETCH(int, fromW);
        QFETCH(double, strength);
        QFETCH(double, sum);
        QFETCH(QList<double>, values);
        BatchNoiseOptions o;
        o.source = source.toStdString();
        o.seeds = strength != 0 ? std::vector<uint64_t>{100, 100} : std::vector<uint64_t>{100, 101};
        if (strength != 0) o.subseeds = {7, 8};
        o.subseed_strength = strength;
        o.seed_resize_from_h = fromH;
        o.seed_resize_from_w = fromW;
        BatchNoise noise(o, {4, 8, 8});
        const at::Tensor t = noise.next();
        QVERIFY2(std::fabs(t.to(at::kDouble).sum().item<double>() - sum) < 1e-4,
                 qPrintable(QString::number(t.sum().item<double>(), 'g', 9)));
        const int64_t idx[6][4] = {{0, 0, 0, 0}, {0, 1, 1, 0}, {0, 2, 6, 7}, {1, 3, 7, 7}, {1, 0, 3, 4}, {0, 3, 0, 5}};
        for (int k = 0; k < 6; ++k) {
            const double v = t[idx[k][0]][idx[k][1]][idx[k][2]][idx[k][3]].item<double>();
            QVERIFY2(std::fabs(v - values[k]) < 1e-6, qPrintable(QStringLiteral("%1: %2").arg(k).arg(v, 0, 'g', 9)));
        }
        // The image generators gave their one draw: the next draw is their second.
        auto g = make_noise_generator(o.source, 100);
        g->randn({4, 8, 8});
        QVERIFY(at::equal(noise.next()[0], g->randn({4, 8, 8})));
    }

    void sourceNames() {
        QCOMPARE(QString::fromStdString(canonical_rng_source("CPU")), QStringLiteral("cpu"));
        QCOMPARE(QString::fromStdString(rng_source_label("gpu")), QStringLiteral("GPU"));
        QCOMPARE(QString::fromStdString(rng_source_label("Nv")), QStringLiteral("NV"));
        bool threw = false;
        try {
            make_noise_generator("cuda-ish", 1);
        } catch (const PipelineError& e) {
            threw = e.code() == "unknown_rng_source";
        }
        QVERIFY(threw);
    }

    void deterministic() {
        auto a = make_noise_generator("cpu", 1234), b = make_noise_generator("cpu", 1234);
        for (int k = 0; k < 3; ++k) QVERIFY(at::equal(a->randn({4, 16, 16}), b->randn({4, 16, 16})));
        auto c = make_noise_generator("nv", 1234), d = make_noise_generator("nv", 1234);
        for (int k = 0; k < 3; ++k) QVERIFY(at::equal(c->randn({4, 16, 16}), d->randn({4, 16, 16})));
    }
};

QTEST_GUILESS_MAIN(TestRng)
#include "tst_rng.moc"
