// CLIP text encoders and A1111 text conditioning against the golden references.
#include "common/golden.h"
#include "pipeline/core/error.h"
#include "pipeline/loaders/key_map_text.h"
#include "pipeline/loaders/state_dict.h"
#include "pipeline/models/clip_text.h"
#include "pipeline/models/model_config.h"
#include "pipeline/models/text_conditioner.h"
#include "pipeline/pipelines/conditioning.h"
#include "pipeline/tokenizers/clip_tokenizer.h"
#include "pipeline/tokenizers/prompt_chunker.h"
#include "pipeline/tensors/safetensors.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>
#include <nlohmann/json.hpp>

#include <QFile>
#include <QTest>

using namespace latent;

namespace {

std::string golden(const char* rel) { return (test::goldenDir() + "/" + rel).toStdString(); }

// Builds a ClipTextModel from the tensors of `file` under `prefix` through the real key map.
ClipTextModel load_text_encoder(const SafetensorsFile& file, const std::string& prefix, const std::string& config_key,
                                LoadReport* report_out = nullptr) {
    ClipTextConfig cfg = clip_text_config_from_json(nlohmann::json::parse(file.metadata().at(config_key)));
    std::vector<std::string> keys;
    for (const auto& t : file.tensors()) keys.push_back(t.name);
    KeyMapping map = map_text_encoder_keys(keys, prefix, cfg.with_projection);
    WeightMap weights;
    for (const auto& [canonical, src] : map)
        weights[canonical] = [&file, src = src]() { return src.apply(file.load(src.key)); };
    ClipTextModel model(cfg);
    model->eval();
    LoadReport r = load_weights(*model, weights, /*strict=*/true);
    if (report_out) *report_out = r;
    return model;
}

double max_abs(const at::Tensor& a, const at::Tensor& b) { return (a - b).abs().max().item<double>(); }

} // namespace

class TestClipText : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { at::set_num_threads(2); }

    void sd1CondMatchesGolden() {
        LATENT_REQUIRE_GOLDEN();
        auto file = SafetensorsFile::open(golden("tiny-sd1.safetensors"));
        LoadReport report;
        ClipTextModel te = load_text_encoder(file, "cond_stage_model.transformer.", "reference.text_encoder_config", &report);
        QVERIFY2(report.ok(), report.summary().c_str());
        QVERIFY(report.unexpected.empty());
        TextConditioner cond(TextConditioningKind::SD1, te);
        auto ref = SafetensorsFile::open(golden("cases/sd1-euler-10steps-cpu/cond.safetensors"));
        for (const char* which : {"cond", "uncond"}) {
            const std::string w = which;
            at::Tensor tokens = ref.load(w + ".tokens").view({-1, 77});
            at::Tensor mult = ref.load(w + ".multipliers", at::kFloat).view({-1, 77});
            at::Tensor expected = ref.load(w + ".crossattn", at::kFloat);
            TextConditioning out = cond.encode(tokens, mult);
            QCOMPARE(out.crossattn.sizes().vec(), expected.sizes().vec());
            const double d = max_abs(out.crossattn, expected);
            qInfo("%s.crossattn max abs diff %.3g", which, d);
            QVERIFY2(d <= 1e-4, which);
            QVERIFY(!out.pooled.defined());
        }
    }

    void clipSkipChangesLayer() {
        LATENT_REQUIRE_GOLDEN();
        auto file = SafetensorsFile::open(golden("tiny-sd1.safetensors"));
        ClipTextModel te = load_text_encoder(file, "cond_stage_model.transformer.", "reference.text_encoder_config");
        auto ref = SafetensorsFile::open(golden("cases/sd1-euler-10steps-cpu/cond.safetensors"));
        at::Tensor tokens = ref.load("cond.tokens").view({-1, 77});
        at::Tensor mult = at::ones({1, 77});
        TextConditioner c1(TextConditioningKind::SD1, te);
        TextConditioner c2(TextConditioningKind::SD1, te);
        c2.set_clip_skip(2);
        at::Tensor a = c1.encode(tokens, mult).crossattn;
        at::Tensor b = c2.encode(tokens, mult).crossattn;
        // clip skip 2 = final_layer_norm(hidden_states[-2])
        c10::InferenceMode guard;
        ClipTextOutput o = te->forward(tokens);
        at::Tensor manual = te->text_model->final_layer_norm->forward(o.hidden_states[o.hidden_states.size() - 2]);
        QVERIFY(max_abs(b, manual) < 1e-6);
        QVERIFY(max_abs(a, b) > 1e-3);
        QVERIFY(max_abs(a, o.last_hidden_state) < 1e-6);
        QCOMPARE(int(o.hidden_states.size()), 4);
        QVERIFY_THROWS_EXCEPTION(PipelineError, c1.set_clip_skip(9));
    }

    void sdxlCondAndPooledMatchGolden() {
        LATENT_REQUIRE_GOLDEN();
        auto file = SafetensorsFile::open(golden("tiny-sdxl.safetensors"));
        LoadReport r1, r2;
        ClipTextModel te1 = load_text_encoder(file, "conditioner.embedders.0.transformer.", "reference.text_encoder_config", &r1);
        ClipTextModel te2 = load_text_encoder(file, "conditioner.embedders.1.model.", "reference.text_encoder_2_config", &r2);
        QVERIFY2(r1.ok() && r1.unexpected.empty(), r1.summary().c_str());
        QVERIFY2(r2.ok() && r2.unexpected.empty(), r2.summary().c_str());
        QVERIFY(te2->text_projection);
        TextConditioner cond(TextConditioningKind::SDXL, te1, te2);
        QCOMPARE(cond.context_dim(), int64_t(96));
        QCOMPARE(cond.pooled_dim(), int64_t(32));
        auto ref = SafetensorsFile::open(golden("cases/sdxl-euler-10steps-cpu/cond.safetensors"));
        for (const char* which : {"cond", "uncond"}) {
            const std::string w = which;
            at::Tensor tokens = ref.load(w + ".tokens").view({-1, 77});
            at::Tensor mult = ref.load(w + ".multipliers", at::kFloat).view({-1, 77});
            TextConditioning out = cond.encode(tokens, mult);
            at::Tensor expected = ref.load(w + ".crossattn", at::kFloat);
            QCOMPARE(out.crossattn.sizes().vec(), expected.sizes().vec());
            const double d = max_abs(out.crossattn, expected);
            at::Tensor vec = ref.load(w + ".vector", at::kFloat);
            const double dp = max_abs(out.pooled, vec.narrow(1, 0, 32));
            qInfo("sdxl %s crossattn diff %.3g pooled diff %.3g", which, d, dp);
            QVERIFY2(d <= 1e-4, which);
            QVERIFY2(dp <= 1e-4, which);
        }
    }

    // prompts.json sd1_chunks_10_steps (emphasis, BREAK, long prompts) -> prompts_cond.safetensors.
    void promptChunksWithEmphasisMatchGolden() {
        LATENT_REQUIRE_GOLDEN();
        auto file = SafetensorsFile::open(golden("tiny-sd1.safetensors"));
        ClipTextModel te = load_text_encoder(file, "cond_stage_model.transformer.", "reference.text_encoder_config");
        TextConditioner cond(TextConditioningKind::SD1, te);
        auto ref = SafetensorsFile::open(golden("prompts_cond.safetensors"));
        QFile f(QString::fromStdString(golden("prompts.json")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const auto j = nlohmann::json::parse(f.readAll().toStdString());
        int compared = 0, emphasised = 0;
        double worst = 0;
        for (const auto& p : j.at("prompts")) {
            const auto& chunks = p.at("sd1_chunks_10_steps");
            if (!chunks.contains("value")) continue;
            for (const auto& entry : p.at("sd1_cond")) {
                const nlohmann::json* match = nullptr;
                for (const auto& c : chunks.at("value"))
                    if (c.at("subprompt") == entry.at("subprompt") && c.at("end_at_step") == entry.at("end_at_step"))
                        match = &c;
                QVERIFY2(match, entry.at("key").get<std::string>().c_str());
                std::vector<int64_t> tok = match->at("tokens").get<std::vector<int64_t>>();
                std::vector<float> mul = match->at("multipliers").get<std::vector<float>>();
                QCOMPARE(tok.size() % 77, size_t(0));
                for (float m : mul) emphasised += m != 1.0f;
                at::Tensor t = at::tensor(tok, at::kLong).view({-1, 77});
                at::Tensor m = at::tensor(mul, at::kFloat).view({-1, 77});
                at::Tensor out = cond.encode(t, m).crossattn;
                at::Tensor expected = ref.load(entry.at("key").get<std::string>(), at::kFloat);
                QCOMPARE(out.squeeze(0).sizes().vec(), expected.sizes().vec());
                const double d = max_abs(out.squeeze(0), expected);
                worst = std::max(worst, d);
                QVERIFY2(d <= 1e-4, entry.at("key").get<std::string>().c_str());
                ++compared;
            }
        }
        qInfo("compared %d prompt conditionings (worst %.3g, %d emphasised tokens)", compared, worst, emphasised);
        QVERIFY(compared >= 15);
        QVERIFY(emphasised > 0);
    }

    void emphasisRestoresMean() {
        at::manual_seed(3);
        at::Tensor z = at::randn({1, 77, 8}) + 0.5;
        at::Tensor m = at::ones({1, 77});
        m.narrow(1, 3, 4).fill_(1.5);
        at::Tensor out = TextConditioner::apply_emphasis_original(z, m);
        QVERIFY(std::abs(out.mean().item<double>() - z.mean().item<double>()) < 1e-5);
        // token 3 scaled by 1.5 * ratio, token 0 by ratio only
        const double ratio = (out[0][0] / z[0][0]).mean().item<double>();
        QVERIFY(std::abs((out[0][3] / z[0][3]).mean().item<double>() - 1.5 * ratio) < 1e-4);
        QVERIFY(std::abs(ratio - 1.0) > 1e-4);
    }

    // A1111 encodes all the schedule texts of a prompt in one batch and takes emphasis means over
    // that batch: "[(red cat:1.6):dog:0.5]" gives "(red cat:1.6)" and "dog" whose conditionings
    // share one mean ratio per encoder, which differs from encoding each text alone.
    void scheduleTextsShareEmphasisMean() {
        LATENT_REQUIRE_GOLDEN();
        auto file = SafetensorsFile::open(golden("tiny-sd1.safetensors"));
        ClipTextModel te = load_text_encoder(file, "cond_stage_model.transformer.", "reference.text_encoder_config");
        TextConditioner cond(TextConditioningKind::SD1, te);
        PromptChunker chunker(ClipTokenizer::shared());
        ConditioningOptions opt;
        opt.steps = 10;
        PromptConditioning pc = encode_prompt(cond, chunker, "[(red cat:1.6):dog:0.5]", opt);
        QCOMPARE(int(pc.parts.size()), 1);
        QCOMPARE(int(pc.parts[0].schedule.size()), 2);
        const auto& first = pc.parts[0].schedule[0];
        const auto& second = pc.parts[0].schedule[1];
        at::Tensor t1 = first.tokens.view({-1, 77}), m1 = first.multipliers.view({-1, 77});
        at::Tensor t2 = second.tokens.view({-1, 77}), m2 = second.multipliers.view({-1, 77});
        QVERIFY(m1.max().item<double>() > 1.5);   // the emphasis is there
        QVERIFY(m2.max().item<double>() == 1.0);  // "dog" has none

        // By hand, A1111's way: one batch, one mean over it.
        at::Tensor z;
        {
            c10::InferenceMode guard;
            z = te->forward(at::cat({t1, t2}, 0)).last_hidden_state;  // [2,77,C]
        }
        const at::Tensor m = at::cat({m1, m2}, 0).unsqueeze(-1);
        const at::Tensor weighted = z * m;
        const at::Tensor expected = weighted * (z.mean() / weighted.mean());
        const double d1 = max_abs(first.cond.crossattn, expected.narrow(0, 0, 1));
        const double d2 = max_abs(second.cond.crossattn, expected.narrow(0, 1, 1));
        qInfo("batched emphasis: diffs %.3g %.3g", d1, d2);
        QVERIFY(d1 < 1e-5 && d2 < 1e-5);
        // "dog" alone would have no rescaling at all; in the batch it is scaled by the shared ratio.
        const at::Tensor alone = cond.encode(t2, m2).crossattn;
        QVERIFY(max_abs(alone, z.narrow(0, 1, 1)) < 1e-5);
        QVERIFY(max_abs(second.cond.crossattn, alone) > 1e-4);
        // encode_batch rejects texts with different chunk counts (the caller pads).
        QVERIFY_THROWS_EXCEPTION(PipelineError, cond.encode_batch({t1, at::cat({t2, t2}, 0)}, {m1, at::cat({m2, m2}, 0)}));
    }

    // OpenCLIP layout (fused in_proj, transposed text_projection) round-trips through the key map.
    void openClipKeyMapRoundTrip() {
        ClipTextConfig cfg;
        cfg.vocab_size = 300;
        cfg.hidden_size = 16;
        cfg.intermediate_size = 32;
        cfg.num_hidden_layers = 2;
        cfg.num_attention_heads = 2;
        cfg.hidden_act = "gelu";
        cfg.with_projection = true;
        cfg.projection_dim = 8;
        cfg.eos_token_id = 299;
        at::manual_seed(7);
        ClipTextModel src(cfg);
        // Export in OpenCLIP names.
        std::map<std::string, at::Tensor> sd;
        for (const auto& p : src->named_parameters()) sd[p.key()] = p.value().detach();
        const std::string pre = "cond_stage_model.model.";
        std::vector<std::pair<std::string, at::Tensor>> file;
        file.push_back({pre + "token_embedding.weight", sd["text_model.embeddings.token_embedding.weight"]});
        file.push_back({pre + "positional_embedding", sd["text_model.embeddings.position_embedding.weight"]});
        file.push_back({pre + "ln_final.weight", sd["text_model.final_layer_norm.weight"]});
        file.push_back({pre + "ln_final.bias", sd["text_model.final_layer_norm.bias"]});
        file.push_back({pre + "text_projection", sd["text_projection.weight"].t().contiguous()});
        file.push_back({pre + "logit_scale", at::ones({})});
        for (int i = 0; i < 2; ++i) {
            const std::string l = "text_model.encoder.layers." + std::to_string(i) + ".";
            const std::string r = pre + "transformer.resblocks." + std::to_string(i) + ".";
            file.push_back({r + "attn.in_proj_weight", at::cat({sd[l + "self_attn.q_proj.weight"], sd[l + "self_attn.k_proj.weight"], sd[l + "self_attn.v_proj.weight"]})});
            file.push_back({r + "attn.in_proj_bias", at::cat({sd[l + "self_attn.q_proj.bias"], sd[l + "self_attn.k_proj.bias"], sd[l + "self_attn.v_proj.bias"]})});
            file.push_back({r + "attn.out_proj.weight", sd[l + "self_attn.out_proj.weight"]});
            file.push_back({r + "attn.out_proj.bias", sd[l + "self_attn.out_proj.bias"]});
            for (const auto& [o, n] : std::vector<std::pair<std::string, std::string>>{
                     {"ln_1", "layer_norm1"}, {"ln_2", "layer_norm2"}, {"mlp.c_fc", "mlp.fc1"}, {"mlp.c_proj", "mlp.fc2"}}) {
                file.push_back({r + o + ".weight", sd[l + n + ".weight"]});
                file.push_back({r + o + ".bias", sd[l + n + ".bias"]});
            }
        }
        std::vector<std::string> keys;
        std::map<std::string, at::Tensor> by_name;
        for (auto& [k, t] : file) {
            keys.push_back(k);
            by_name[k] = t;
        }
        QCOMPARE(detect_text_layout(keys, pre), TextKeyLayout::OpenClip);
        std::vector<std::string> ignored, unknown;
        KeyMapping map = map_text_encoder_keys(keys, pre, true, &ignored, &unknown);
        QCOMPARE(int(ignored.size()), 1);  // logit_scale
        QVERIFY(unknown.empty());
        WeightMap weights;
        for (const auto& [canonical, s] : map) weights[canonical] = [&by_name, s = s]() { return s.apply(by_name.at(s.key)); };
        at::manual_seed(99);
        ClipTextModel dst(cfg);
        LoadReport r = load_weights(*dst, weights, true);
        QVERIFY2(r.ok() && r.unexpected.empty(), r.summary().c_str());
        at::Tensor ids = at::tensor(std::vector<int64_t>{298, 5, 17, 299, 0, 0, 0}, at::kLong).view({1, -1});
        c10::InferenceMode guard;
        auto a = src->forward(ids);
        auto b = dst->forward(ids);
        QVERIFY(max_abs(a.last_hidden_state, b.last_hidden_state) == 0.0);
        QVERIFY(max_abs(a.text_embeds, b.text_embeds) == 0.0);
        // pooled = final-normed state at argmax(ids) = position 3
        QVERIFY(max_abs(a.pooled, a.last_hidden_state.select(1, 3)) == 0.0);
        // Without projection (SD2), text_projection is ignored rather than loaded.
        ignored.clear();
        KeyMapping map2 = map_text_encoder_keys(keys, pre, false, &ignored);
        QVERIFY(!map2.count("text_projection.weight"));
        QCOMPARE(int(ignored.size()), 2);
    }

    void legacyAndPaddingRules() {
        // Legacy SD1 names without "text_model." get it prepended; position_ids are ignored.
        std::vector<std::string> keys = {"cond_stage_model.transformer.embeddings.token_embedding.weight",
                                         "cond_stage_model.transformer.embeddings.position_ids",
                                         "cond_stage_model.transformer.final_layer_norm.weight",
                                         "model.diffusion_model.conv_in.weight"};
        QCOMPARE(detect_text_layout(keys, "cond_stage_model.transformer."), TextKeyLayout::TransformersLegacy);
        std::vector<std::string> ignored;
        auto map = map_text_encoder_keys(keys, "cond_stage_model.transformer.", false, &ignored);
        QCOMPARE(int(map.size()), 2);
        QVERIFY(map.count("text_model.embeddings.token_embedding.weight"));
        QVERIFY(map.count("text_model.final_layer_norm.weight"));
        QCOMPARE(int(ignored.size()), 1);

        // SD2-style conditioning zeroes the ids after the first EOS: same result as feeding the
        // zero-padded ids to the model directly, and different from EOS padding.
        ClipTextConfig cfg;
        cfg.vocab_size = 50000;
        cfg.hidden_size = 16;
        cfg.intermediate_size = 32;
        cfg.num_hidden_layers = 3;
        cfg.num_attention_heads = 2;
        cfg.hidden_act = "gelu";
        at::manual_seed(1);
        ClipTextModel te(cfg);
        std::vector<int64_t> ids(77, 49407);
        ids[0] = 49406;
        ids[1] = 320;
        ids[2] = 2368;
        at::Tensor eos_padded = at::tensor(ids, at::kLong).view({1, 77});
        std::vector<int64_t> zero_ids = ids;
        for (size_t i = 4; i < 77; ++i) zero_ids[i] = 0;
        at::Tensor zero_padded = at::tensor(zero_ids, at::kLong).view({1, 77});
        TextConditioner sd2(TextConditioningKind::SD2, te);
        at::Tensor got = sd2.encode(eos_padded, at::ones({1, 77})).crossattn;
        c10::InferenceMode guard;
        auto o = te->forward(zero_padded);
        at::Tensor manual = te->text_model->final_layer_norm->forward(o.hidden_states[2]);
        QVERIFY(max_abs(got, manual) < 1e-6);
        auto o2 = te->forward(eos_padded);
        QVERIFY(max_abs(got, te->text_model->final_layer_norm->forward(o2.hidden_states[2])) > 1e-4);
    }

    void rejectsBadInput() {
        ClipTextConfig cfg;
        cfg.vocab_size = 100;
        cfg.hidden_size = 8;
        cfg.intermediate_size = 16;
        cfg.num_hidden_layers = 1;
        cfg.num_attention_heads = 2;
        ClipTextModel te(cfg);
        QVERIFY_THROWS_EXCEPTION(PipelineError, te->forward(at::full({1, 5}, 100, at::kLong)));
        QVERIFY_THROWS_EXCEPTION(PipelineError, te->forward(at::zeros({1, 78}, at::kLong)));
        nlohmann::json bad = {{"hidden_size", 30}, {"num_attention_heads", 4}};
        QVERIFY_THROWS_EXCEPTION(PipelineError, clip_text_config_from_json(bad));
        TextConditioner c(TextConditioningKind::SD1, te);
        QVERIFY_THROWS_EXCEPTION(PipelineError, c.encode(at::zeros({1, 77}, at::kLong), at::ones({1, 76})));
        QVERIFY_THROWS_EXCEPTION(PipelineError, TextConditioner(TextConditioningKind::SDXL, te));
    }
};

QTEST_GUILESS_MAIN(TestClipText)
#include "tst_clip_text.moc"
