// The SDE samplers' noise, bit for bit as A1111 draws it: NumPy's SeedSequence (expected words
// computed with python3-numpy 1.24), torchsde 0.2.6's BrownianTree / BrownianInterval (expected
// increments from an independent Python re-implementation that reproduces the golden
// DPM++ 2M SDE trajectory exactly) and k-diffusion's batched BrownianTreeNoiseSampler.
#include "pipeline/core/error.h"
#include "pipeline/schedulers/brownian_tree.h"
#include "pipeline/tensors/seed_sequence.h"

#include <ATen/ATen.h>

#include <QTest>

#include <cmath>

using namespace latent;

namespace {

struct Query {
    float ta, tb;
    double cpu[6];
    double nv[6];
};

// Queried in this order on one tree (entropy 7, shape [2, 3], t0 = float32(0.0291675366),
// t1 = float32(14.614643)).
const Query kQueries[] = {
    {1.0f,
     2.5f,
     {-1.04711652, 2.36374474, 0.766209245, 0.514355719, -2.45882487, 0.766210258},
     {-0.432999045, -0.917838097, 1.26464653, -0.710281014, 0.755120933, 1.36968231}},
    {0.5f,
     1.0f,
     {0.000228755263, 0.645193636, 0.0690079108, 0.88939923, 0.199127465, 0.723319113},
     {-0.510641575, 0.602203548, -1.2472434, 0.0120283365, -0.564870596, -0.464824229}},
    {2.5f,
     14.614643f,
     {-6.94447803, 5.92432737, -0.456646919, 10.5713634, 3.05001569, -3.50974393},
     {5.40326738, 1.914042, -0.927696407, 0.856332421, 1.180264, -0.595254421}},
    {0.0291675366f,
     0.03f,
     {-0.00833851751, -0.00727244141, -0.00622087019, 0.0110808443, -0.0225918181, -0.015366463},
     {0.000817389693, -0.0288592931, 0.0317638069, 0.0225624721, -0.0149423555, 0.0506072529}},
    {0.0291675366f,
     14.614643f,
     {-7.72184038, 9.41466331, -0.200708807, 11.6551609, 0.872331977, -2.14694905},
     {3.25659084, 1.86167705, -1.58432901, 1.02864182, 1.98964357, 0.661109269}},
    {3.3333f,
     3.3334f,
     {-0.0170438699, -0.00732885068, -0.00239171647, 0.00225053402, -0.000418533571, -0.000649393594},
     {0.000899776351, -0.0034688767, -0.00371254166, 0.000327842601, -0.00963827781, -0.00805998594}},
};

BrownianInterval makeTree(const char* source) {
    return BrownianInterval(static_cast<float>(0.0291675366), static_cast<float>(14.614643), {2, 3}, 7, source);
}

void checkValues(const at::Tensor& got, const double* ref, const QString& what) {
    QCOMPARE(got.numel(), int64_t(6));
    QCOMPARE(got.scalar_type(), at::kFloat);
    const at::Tensor flat = got.flatten();
    for (int i = 0; i < 6; ++i) {
        const double v = flat[i].item<double>();
        // 9 significant digits printed: equal up to the printing.
        QVERIFY2(
            std::fabs(v - ref[i]) <= 1e-8 + 5e-8 * std::fabs(ref[i]),
            qPrintable(QStringLiteral("%1[%2]: %3 vs %4").arg(what).arg(i).arg(v, 0, 'g', 10).arg(ref[i], 0, 'g', 10)));
    }
}

} // namespace

class TestBrownianTree : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void seedSequenceMatchesNumpy() {
        // numpy.random.SeedSequence(...).generate_state(...)
        QCOMPARE(SeedSequence::from_ints(42).generate_state(4),
                 (std::vector<uint32_t>{3444837047u, 2669555309u, 2046530742u, 3581440988u}));
        QCOMPARE(SeedSequence::from_ints(42, {}, 24).generate_state(3),
                 (std::vector<uint32_t>{387750627u, 2536650517u, 4078839648u}));
        QCOMPARE(SeedSequence::from_ints(42, {5, 3}, 24).generate_state(4),
                 (std::vector<uint32_t>{3084123560u, 468215949u, 242942938u, 2650128260u}));
        // Multi-word entropy and spawn key.
        QCOMPARE(SeedSequence::from_ints((uint64_t(1) << 40) + 3, {(uint64_t(1) << 33) + 1, 7}, 24).generate_state(4),
                 (std::vector<uint32_t>{3779758191u, 3797882002u, 900931307u, 2427422261u}));
        QCOMPARE(SeedSequence::from_ints(0).generate_state64(2),
                 (std::vector<uint64_t>{15793235383387715774ull, 12390638538380655177ull}));
        // Entropy longer than the pool is mixed in after the pool.
        QCOMPARE(SeedSequence::from_ints(9223372036854775807ull, {}, 4).generate_state(5),
                 (std::vector<uint32_t>{2601519614u, 129883343u, 3320886363u, 1463973635u, 2581701247u}));
        QCOMPARE(SeedSequence::from_ints(123, {1, 2, 3, 4, 5, 6}).generate_state(3),
                 (std::vector<uint32_t>{1243569272u, 2918856731u, 437220334u}));
        // spawn(): children count on.
        SeedSequence parent = SeedSequence::from_ints(12345);
        const auto kids = parent.spawn(3);
        QCOMPARE(kids[0].generate_state(2), (std::vector<uint32_t>{959183449u, 3196577012u}));
        QCOMPARE(kids[1].generate_state(2), (std::vector<uint32_t>{1457248422u, 358904087u}));
        QCOMPARE(kids[2].generate_state(2), (std::vector<uint32_t>{642571064u, 3843934530u}));
        SeedSequence again = SeedSequence::from_ints(12345);
        again.spawn(2);
        const auto later = again.spawn(2);
        QCOMPARE(later[0].generate_state(1), (std::vector<uint32_t>{642571064u}));
        QCOMPARE(later[1].generate_state(1), (std::vector<uint32_t>{3609844797u}));
        bool threw = false;
        try {
            SeedSequence::from_ints(1, {}, 3);
        } catch (const PipelineError&) {
            threw = true;
        }
        QVERIFY(threw);
    }

    void roundsLikePython() {
        const BrownianInterval tree = makeTree("cpu");
        // Python: round(0.0291675366461277, 6), round(14.614643096923828, 6), round(0.0078125, 6)
        QCOMPARE(tree.start(), 0.029168);
        QCOMPARE(tree.end(), 14.614643);
        QCOMPARE(tree.round(0.0078125), 0.007812);
        QCOMPARE(tree.round(0.0000015), 0.000002);
    }

    void matchesTorchsde_data() {
        QTest::addColumn<QString>("source");
        QTest::newRow("cpu") << QStringLiteral("cpu");
        QTest::newRow("nv") << QStringLiteral("nv");
        QTest::newRow("gpu") << QStringLiteral("gpu");
    }
    void matchesTorchsde() {
        QFETCH(QString, source);
        const bool nv = source != QLatin1String("cpu");
        BrownianInterval tree = makeTree(source.toLatin1().constData());
        for (const Query& q : kQueries)
            checkValues(tree(q.ta, q.tb), nv ? q.nv : q.cpu, QStringLiteral("[%1, %2]").arg(q.ta).arg(q.tb));
        // The halfway tree depends on the entropy only, not on the order of the queries.
        BrownianInterval reversed = makeTree(source.toLatin1().constData());
        for (int i = int(std::size(kQueries)) - 1; i >= 0; --i)
            checkValues(reversed(kQueries[i].ta, kQueries[i].tb), nv ? kQueries[i].nv : kQueries[i].cpu,
                        QStringLiteral("reversed %1").arg(i));
    }

    void incrementsAddUp() {
        BrownianInterval tree = makeTree("cpu");
        const at::Tensor ab = tree(0.5f, 1.25f), bc = tree(1.25f, 3.0f), ac = tree(0.5f, 3.0f);
        QVERIFY((ab + bc - ac).abs().max().item<double>() < 1e-5);
        QVERIFY(at::equal(tree(2.0f, 2.0f), at::zeros({2, 3})));
        // Out-of-range times are clamped to [t0, t1] like torchsde.
        QVERIFY(at::equal(tree(0.0f, 100.0f), tree(0.0291675366f, 14.614643f)));
        bool threw = false;
        try {
            tree(2.0f, 1.0f);
        } catch (const PipelineError&) {
            threw = true;
        }
        QVERIFY(threw);
    }

    void noiseSamplerIsBatchedTrees() {
        // One tree per image seed: a batch of seeds [42, 43] equals the single images.
        const at::Tensor x = at::zeros({2, 4, 8, 8});
        BrownianTreeNoiseSampler batch(x, 0.0291675366, 14.614643, {42, 43});
        BrownianTreeNoiseSampler single(x.narrow(0, 1, 1), 0.0291675366, 14.614643, {43});
        const at::Tensor b = batch(9.102933883666992, 5.478399276733398);
        const at::Tensor s = single(9.102933883666992, 5.478399276733398);
        QCOMPARE(b.sizes().vec(), (std::vector<int64_t>{2, 4, 8, 8}));
        QVERIFY(at::equal(b.narrow(0, 1, 1), s));
        QVERIFY(!at::equal(b[0], b[1]));
        // sigma > sigma_next: minus the increment over [sigma_next, sigma], over sqrt|Δ| in float32.
        BrownianInterval tree(static_cast<float>(0.0291675366), static_cast<float>(14.614643), {4, 8, 8}, 42);
        const at::Tensor w = tree(static_cast<float>(5.478399276733398), static_cast<float>(9.102933883666992));
        const float d =
            std::sqrt(std::fabs(static_cast<float>(5.478399276733398) - static_cast<float>(9.102933883666992)));
        QVERIFY(at::equal(b[0], at::div(w * -1, at::scalar_tensor(d, at::kFloat))));
        // Unit variance per element (statistically, for 512 values).
        const double var = b.var().item<double>();
        QVERIFY2(var > 0.7 && var < 1.3, qPrintable(QString::number(var)));
        bool threw = false;
        try {
            BrownianTreeNoiseSampler bad(x, 0.03, 14.6, {1});
        } catch (const PipelineError&) {
            threw = true;
        }
        QVERIFY(threw);
    }
};

QTEST_GUILESS_MAIN(TestBrownianTree)
#include "tst_brownian_tree.moc"
