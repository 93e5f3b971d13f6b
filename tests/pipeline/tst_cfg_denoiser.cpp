// A1111 CFGDenoiser.forward (v1.10.1): which UNet calls one denoiser evaluation makes for
// conditionings of equal and different lengths, with batch_cond_uncond on and off, with "Pad
// conds" / "Pad conds v0", AND sub-prompts of different lengths (stack_conds), the uncond skips
// (NGMS, Skip Early CFG) and the CFG combination — all worked out by hand from A1111's code.
#include "pipeline/core/error.h"
#include "pipeline/pipelines/cfg_denoiser.h"

#include <ATen/ATen.h>

#include <QTest>

using namespace latent;

namespace {

// A context of `chunks` 77-token chunks, C = 3, filled with `value` (+ row index / 100).
at::Tensor ctx(int64_t rows, int64_t chunks, double value) {
    at::Tensor t = at::full({rows, 77 * chunks, 3}, value);
    for (int64_t r = 0; r < rows; ++r) t[r] += r / 100.0;
    return t;
}

CfgConditioning single(int64_t B, int64_t condChunks, int64_t uncondChunks) {
    CfgConditioning c;
    for (int64_t i = 0; i < B; ++i) c.conds_list.push_back({{i, 1.0}});
    c.cond = ctx(B, condChunks, 1.0);
    c.uncond = ctx(B, uncondChunks, -1.0);
    return c;
}

struct Call {
    int64_t begin, end, tokens;
};

std::vector<Call> callsOf(const CfgPlan& p) {
    std::vector<Call> out;
    for (const UNetCall& u : p.calls) out.push_back({u.begin, u.end, u.context.size(1)});
    return out;
}

void expectCalls(const CfgPlan& p, const std::vector<Call>& want) {
    const auto got = callsOf(p);
    QCOMPARE(got.size(), want.size());
    for (size_t i = 0; i < want.size(); ++i) {
        QCOMPARE(got[i].begin, want[i].begin);
        QCOMPARE(got[i].end, want[i].end);
        QCOMPARE(got[i].tokens, want[i].tokens);
    }
}

const at::Tensor kX = at::arange(2 * 4 * 2 * 2, at::kFloat).reshape({2, 4, 2, 2});
const at::Tensor kSigma = at::full({2}, 3.0);

} // namespace

class TestCfgDenoiser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void equalLengthsRunOneBatch() {
        const CfgPlan p = plan_cfg_calls(single(2, 1, 1), kX, kSigma, {}, CfgOptions{}, 0, 10, {});
        expectCalls(p, {{0, 4, 77}});
        QCOMPARE(p.x_in.size(0), int64_t(4));
        // rows: image 0, image 1 (cond), then image 0, image 1 (uncond)
        QVERIFY(at::equal(p.x_in[2], kX[0]));
        QVERIFY(at::equal(p.x_in[1], kX[1]));
        QVERIFY(!p.padded_cond_uncond && !p.padded_cond_uncond_v0);
        // batch_cond_uncond off: one call per batch_size rows.
        CfgOptions o;
        o.batch_cond_uncond = false;
        expectCalls(plan_cfg_calls(single(2, 1, 1), kX, kSigma, {}, o, 0, 10, {}), {{0, 2, 77}, {2, 4, 77}});
    }

    void differentLengthsRunSeparately() {
        // A1111 default: the cond rows in calls of 2·batch rows, then the uncond rows.
        expectCalls(plan_cfg_calls(single(2, 2, 1), kX, kSigma, {}, CfgOptions{}, 0, 10, {}),
                    {{0, 2, 154}, {2, 4, 77}});
        expectCalls(plan_cfg_calls(single(2, 1, 3), kX, kSigma, {}, CfgOptions{}, 0, 10, {}),
                    {{0, 2, 77}, {2, 4, 231}});
        // Three AND sub-prompts per image: 6 cond rows in calls of 4 and 2.
        CfgConditioning c;
        c.conds_list = {{{0, 1.0}, {1, 0.5}, {2, 0.25}}, {{3, 1.0}, {4, 0.5}, {5, 0.25}}};
        c.cond = ctx(6, 2, 1.0);
        c.uncond = ctx(2, 1, -1.0);
        const CfgPlan p = plan_cfg_calls(c, kX, kSigma, {}, CfgOptions{}, 0, 10, {});
        expectCalls(p, {{0, 4, 154}, {4, 6, 154}, {6, 8, 77}});
        QVERIFY(at::equal(p.x_in[2], kX[0]));
        QVERIFY(at::equal(p.x_in[3], kX[1]));
        QVERIFY(at::equal(p.x_in[6], kX[0]));
        // Without batch_cond_uncond: calls of batch_size rows.
        CfgOptions o;
        o.batch_cond_uncond = false;
        expectCalls(plan_cfg_calls(c, kX, kSigma, {}, o, 0, 10, {}),
                    {{0, 2, 154}, {2, 4, 154}, {4, 6, 154}, {6, 8, 77}});
    }

    void padConds() {
        const at::Tensor empty = at::full({1, 77, 3}, 5.0);
        CfgOptions o;
        o.pad_cond_uncond = true;
        // uncond shorter: two empty chunks appended to the uncond.
        CfgPlan p = plan_cfg_calls(single(2, 3, 1), kX, kSigma, {}, o, 0, 10, empty);
        expectCalls(p, {{0, 4, 231}});
        QVERIFY(p.padded_cond_uncond);
        const at::Tensor uncond = p.calls[0].context.narrow(0, 2, 2);
        QVERIFY(at::equal(uncond.narrow(1, 0, 77), ctx(2, 1, -1.0)));
        QVERIFY(at::equal(uncond.narrow(1, 77, 154), at::full({2, 154, 3}, 5.0)));
        // cond shorter: the cond is padded.
        p = plan_cfg_calls(single(2, 1, 2), kX, kSigma, {}, o, 0, 10, empty);
        expectCalls(p, {{0, 4, 154}});
        QVERIFY(at::equal(p.calls[0].context.narrow(0, 0, 2).narrow(1, 77, 77), at::full({2, 77, 3}, 5.0)));
        // Equal lengths: no padding, no infotext flag.
        QVERIFY(!plan_cfg_calls(single(2, 1, 1), kX, kSigma, {}, o, 0, 10, empty).padded_cond_uncond);
    }

    void padCondsV0() {
        CfgOptions o;
        o.pad_cond_uncond_v0 = true;
        o.pad_cond_uncond = true; // v0 wins
        CfgConditioning c = single(2, 2, 1);
        c.uncond[0][76] = at::full({3}, 9.0); // the last vector of image 0's uncond
        CfgPlan p = plan_cfg_calls(c, kX, kSigma, {}, o, 0, 10, at::full({1, 77, 3}, 5.0));
        expectCalls(p, {{0, 4, 154}});
        QVERIFY(p.padded_cond_uncond_v0);
        QVERIFY(!p.padded_cond_uncond);
        const at::Tensor u0 = p.calls[0].context[2];
        QVERIFY(at::equal(u0.narrow(0, 77, 77), at::full({77, 3}, 9.0)));
        // uncond longer: cut to the cond length.
        p = plan_cfg_calls(single(2, 1, 2), kX, kSigma, {}, o, 0, 10, {});
        expectCalls(p, {{0, 4, 77}});
        QVERIFY(at::equal(p.calls[0].context.narrow(0, 2, 2), ctx(2, 1, -1.0)));
    }

    void stackCondsRepeatsLastVector() {
        at::Tensor a = at::arange(6, at::kFloat).reshape({2, 3});
        at::Tensor b = at::arange(12, at::kFloat).reshape({4, 3});
        const at::Tensor s = stack_conds({a, b});
        QCOMPARE(s.sizes().vec(), (std::vector<int64_t>{2, 4, 3}));
        QVERIFY(at::equal(s[0][2], a[1]));
        QVERIFY(at::equal(s[0][3], a[1]));
        QVERIFY(at::equal(s[1], b));
    }

    void combinesLikeA1111() {
        // A fake model: denoised = x · 0 + mean of the context (per row), so every row's output
        // tells which conditioning it saw.
        CfgConditioning c;
        c.conds_list = {{{0, 1.0}, {1, 0.5}}, {{2, 1.0}, {3, 0.5}}};
        std::vector<at::Tensor> rows = {at::full({77, 3}, 1.0), at::full({154, 3}, 2.0), at::full({77, 3}, 3.0),
                                        at::full({77, 3}, 4.0)};
        c.cond = stack_conds(rows);
        c.uncond = at::full({2, 77, 3}, -1.0);
        CfgOptions o;
        o.cfg_scale = 7.0;
        const CfgPlan p = plan_cfg_calls(c, kX, kSigma, {}, o, 0, 10, {});
        int calls = 0;
        bool rowsMatch = true;
        const CfgModelFn model = [&](const at::Tensor& x, const at::Tensor& sigma, const at::Tensor&,
                                     const at::Tensor& context, const at::Tensor&) -> at::Tensor {
            ++calls;
            rowsMatch = rowsMatch && sigma.size(0) == x.size(0) && context.size(0) == x.size(0);
            return at::zeros_like(x) + context.mean({1, 2}).view({-1, 1, 1, 1});
        };
        at::Tensor lastLatent;
        const at::Tensor d = run_cfg_plan(p, model, o, nullptr, &lastLatent);
        QCOMPARE(calls, 2); // 4 cond rows (154 tokens) + 2 uncond rows (77 tokens)
        QVERIFY(rowsMatch);
        // A1111's last_latent: each image's first sub-prompt output, before CFG (rows 0 and 2).
        QCOMPARE(lastLatent.size(0), int64_t(2));
        QVERIFY(std::fabs(lastLatent[0].mean().item<double>() - 1.0) < 1e-6);
        QVERIFY(std::fabs(lastLatent[1].mean().item<double>() - 3.0) < 1e-6);
        // image 0: u + (1 - u)·7 + (2 - u)·3.5 with u = -1; image 1: u + (3 - u)·7 + (4 - u)·3.5
        QVERIFY(std::fabs(d[0].mean().item<double>() - (-1 + 2 * 7 + 3 * 3.5)) < 1e-5);
        QVERIFY(std::fabs(d[1].mean().item<double>() - (-1 + 4 * 7 + 5 * 3.5)) < 1e-5);
    }

    void skipsUncond() {
        CfgOptions o;
        o.cfg_scale = 7.0;
        o.s_min_uncond = 5.0;
        // NGMS: odd steps with sigma < s_min_uncond skip the uncond rows and use scale 1.
        const at::Tensor low = at::full({2}, 2.0);
        CfgPlan p = plan_cfg_calls(single(2, 1, 1), kX, low, {}, o, 1, 10, {});
        QVERIFY(p.skip_uncond && p.skipped_ngms);
        expectCalls(p, {{0, 2, 77}});
        QVERIFY(!plan_cfg_calls(single(2, 1, 1), kX, low, {}, o, 2, 10, {}).skip_uncond);
        QVERIFY(!plan_cfg_calls(single(2, 1, 1), kX, kSigma.mul(3), {}, o, 1, 10, {}).skip_uncond);
        o.s_min_uncond_all = true;
        QVERIFY(plan_cfg_calls(single(2, 1, 1), kX, low, {}, o, 2, 10, {}).skip_uncond);
        const CfgModelFn model = [&](const at::Tensor& x, const at::Tensor&, const at::Tensor&,
                                     const at::Tensor& context, const at::Tensor&) {
            return at::zeros_like(x) + context.mean({1, 2}).view({-1, 1, 1, 1});
        };
        // Skipped: the cond output alone (1.0 and 1.01 for the two images).
        const at::Tensor d = run_cfg_plan(p, model, o);
        QVERIFY(std::fabs(d[0].mean().item<double>() - 1.0) < 1e-6);
        QVERIFY(std::fabs(d[1].mean().item<double>() - 1.01) < 1e-6);
        // Different lengths with the uncond skipped: one call, cond rows only.
        expectCalls(plan_cfg_calls(single(2, 2, 1), kX, low, {}, o, 1, 10, {}), {{0, 2, 154}});
        // Skip Early CFG: step / total_steps <= skip_early_cond (never with 0).
        CfgOptions e;
        e.skip_early_cond = 0.2;
        QVERIFY(plan_cfg_calls(single(2, 1, 1), kX, kSigma, {}, e, 2, 10, {}).skipped_early);
        QVERIFY(!plan_cfg_calls(single(2, 1, 1), kX, kSigma, {}, e, 3, 10, {}).skip_uncond);
        QVERIFY(!plan_cfg_calls(single(2, 1, 1), kX, kSigma, {}, CfgOptions{}, 0, 10, {}).skip_uncond);
    }

    void imageCondFollowsRows() {
        const at::Tensor ic = at::stack({at::full({5, 2, 2}, 1.0), at::full({5, 2, 2}, 2.0)});
        const CfgPlan p = plan_cfg_calls(single(2, 2, 1), kX, kSigma, ic, CfgOptions{}, 0, 10, {});
        QCOMPARE(p.image_cond_in.size(0), int64_t(4));
        QVERIFY(at::equal(p.image_cond_in[3], ic[1]));
        bool threw = false;
        try {
            CfgConditioning bad = single(2, 1, 1);
            bad.conds_list.pop_back();
            plan_cfg_calls(bad, kX, kSigma, {}, CfgOptions{}, 0, 10, {});
        } catch (const PipelineError&) {
            threw = true;
        }
        QVERIFY(threw);
    }
};

QTEST_GUILESS_MAIN(TestCfgDenoiser)
#include "tst_cfg_denoiser.moc"
