// A1111 prompt syntax against golden/prompts.json (every prompt, every field except sd1_cond),
// A1111's own doctest examples, errors, chunking and emphasis.
#include "pipeline/core/error.h"
#include "pipeline/tokenizers/clip_tokenizer.h"
#include "pipeline/tokenizers/prompt_chunker.h"
#include "pipeline/tokenizers/prompt_parser.h"

#include <ATen/ATen.h>

#include "common/golden.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using latent::PromptParser;

namespace {

QJsonArray goldenPrompts() {
    QFile f(latent::test::goldenDir() + QStringLiteral("/prompts.json"));
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("prompts")).toArray();
}

QString q(const std::string& s) { return QString::fromStdString(s); }

QJsonArray scheduleJson(const std::vector<latent::ScheduleEntry>& s) {
    QJsonArray a;
    for (const auto& e : s) a.append(QJsonArray{e.end_at_step, q(e.text)});
    return a;
}

QString sched(const std::string& prompt, int steps, std::optional<int> hires = std::nullopt) {
    return QString::fromUtf8(
        QJsonDocument(scheduleJson(PromptParser::get_prompt_schedule(prompt, steps, hires))).toJson(QJsonDocument::Compact));
}

} // namespace

class TestPromptParser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void goldenPromptsCovered() {
        LATENT_REQUIRE_GOLDEN();
        QCOMPARE(goldenPrompts().size(), 10);
    }

    void golden_data() {
        QTest::addColumn<int>("index");
        if (!latent::test::goldenAvailable()) {
            QTest::newRow("missing") << -1;
            return;
        }
        const QJsonArray prompts = goldenPrompts();
        for (int i = 0; i < prompts.size(); ++i)
            QTest::newRow(qPrintable(prompts[i].toObject().value(QStringLiteral("id")).toString())) << i;
    }
    void golden() {
        LATENT_REQUIRE_GOLDEN();
        QFETCH(int, index);
        QVERIFY(index >= 0);
        const QJsonObject p = goldenPrompts()[index].toObject();
        const std::string prompt = p.value(QStringLiteral("prompt")).toString().toStdString();
        int fieldsChecked = 0;

        auto value = [&](const char* key) -> QJsonValue {
            const QJsonObject o = p.value(QLatin1String(key)).toObject();
            if (o.contains(QStringLiteral("error"))) return QJsonValue(QStringLiteral("<error>"));
            return o.value(QStringLiteral("value"));
        };
        auto expectError = [&](const char* key, auto fn) {
            if (value(key) != QJsonValue(QStringLiteral("<error>"))) return false;
            bool threw = false;
            try {
                fn();
            } catch (const latent::PipelineError& e) {
                threw = e.code() == "prompt_syntax";
            }
            if (!threw) qWarning("%s: expected a prompt_syntax error", key);
            return true;
        };

        // strip_comments
        QCOMPARE(QJsonValue(q(PromptParser::strip_comments(prompt))), value("strip_comments"));
        ++fieldsChecked;

        // extra_networks.parse_prompt
        {
            const auto en = PromptParser::parse_extra_networks(prompt);
            QJsonObject nets;
            for (const auto& [kind, calls] : en.networks) {
                QJsonArray list;
                for (const auto& c : calls) {
                    QJsonArray items;
                    for (const auto& it : c.items) items.append(q(it));
                    list.append(items);
                }
                nets.insert(q(kind), list);
            }
            QCOMPARE(QJsonValue(QJsonArray{q(en.prompt), nets}), value("extra_networks.parse_prompt"));
            ++fieldsChecked;
        }

        // parse_prompt_attention (weights compared exactly: the same double arithmetic)
        if (!expectError("parse_prompt_attention", [&] { PromptParser::parse_prompt_attention(prompt); })) {
            QJsonArray got;
            for (const auto& piece : PromptParser::parse_prompt_attention(prompt))
                got.append(QJsonArray{q(piece.text), piece.weight});
            QCOMPARE(QJsonValue(got), value("parse_prompt_attention"));
        }
        ++fieldsChecked;

        // schedules
        QCOMPARE(QJsonValue(scheduleJson(PromptParser::get_prompt_schedule(prompt, 10))),
                 value("prompt_schedules_10_steps"));
        QCOMPARE(QJsonValue(scheduleJson(PromptParser::get_prompt_schedule(prompt, 20))),
                 value("prompt_schedules_20_steps"));
        QCOMPARE(QJsonValue(scheduleJson(PromptParser::get_prompt_schedule(prompt, 10, 10))),
                 value("prompt_schedules_10_steps_hires_10"));
        fieldsChecked += 3;

        // multicond
        {
            const auto mc = PromptParser::get_multicond_prompt_list({prompt});
            QJsonArray indexes;
            for (const auto& per : mc.indexes) {
                QJsonArray a;
                for (const auto& [i, w] : per) a.append(QJsonArray{i, w});
                indexes.append(a);
            }
            QJsonArray flat;
            for (const auto& f : mc.flat) flat.append(q(f));
            QCOMPARE(QJsonValue(QJsonObject{{QStringLiteral("indexes"), indexes}, {QStringLiteral("flat"), flat}}),
                     value("multicond_prompt_list"));
            ++fieldsChecked;
        }

        // sd1_chunks_10_steps: comments -> extra networks -> AND -> schedules -> chunks
        {
            const QJsonArray expected = value("sd1_chunks_10_steps").toArray();
            const std::string cleaned =
                PromptParser::parse_extra_networks(PromptParser::strip_comments(prompt)).prompt;
            const auto mc = PromptParser::get_multicond_prompt_list({cleaned});
            latent::PromptChunker chunker(latent::ClipTokenizer::shared());
            int k = 0;
            for (std::size_t sub = 0; sub < mc.flat.size(); ++sub) {
                for (const auto& entry : PromptParser::get_prompt_schedule(mc.flat[sub], 10)) {
                    QVERIFY(k < expected.size());
                    const QJsonObject e = expected[k++].toObject();
                    QCOMPARE(e.value(QStringLiteral("subprompt")).toInt(), int(sub));
                    QCOMPARE(e.value(QStringLiteral("end_at_step")).toInt(), entry.end_at_step);
                    const auto chunks = chunker.tokenize_line(entry.text).chunks;
                    const QJsonArray tokens = e.value(QStringLiteral("tokens")).toArray();
                    const QJsonArray mults = e.value(QStringLiteral("multipliers")).toArray();
                    QCOMPARE(qsizetype(chunks.size() * 77), tokens.size());
                    for (qsizetype t = 0; t < tokens.size(); ++t) {
                        const auto& c = chunks[std::size_t(t / 77)];
                        if (c.tokens[std::size_t(t % 77)] != tokens[t].toInt())
                            QFAIL(qPrintable(QStringLiteral("token %1: %2 vs %3").arg(t)
                                                 .arg(c.tokens[std::size_t(t % 77)]).arg(tokens[t].toInt())));
                        QCOMPARE(c.multipliers[std::size_t(t % 77)], float(mults[t].toDouble()));
                    }
                }
            }
            QCOMPARE(k, expected.size());
            ++fieldsChecked;
        }
        QCOMPARE(fieldsChecked, 8);
    }

    // Examples from A1111's doctests (modules/prompt_parser.py).
    void schedulesLikeA1111Doctests() {
        QCOMPARE(sched("test", 10), QStringLiteral("[[10,\"test\"]]"));
        QCOMPARE(sched("a [b:3]", 10), QStringLiteral("[[3,\"a \"],[10,\"a b\"]]"));
        QCOMPARE(sched("a [b: 3]", 10), QStringLiteral("[[3,\"a \"],[10,\"a b\"]]"));
        QCOMPARE(sched("a [[[b]]:2]", 10), QStringLiteral("[[2,\"a \"],[10,\"a [[b]]\"]]"));
        QCOMPARE(sched("[(a:2):3]", 10), QStringLiteral("[[3,\"\"],[10,\"(a:2)\"]]"));
        QCOMPARE(sched("a [b : c : 1] d", 10), QStringLiteral("[[1,\"a b  d\"],[10,\"a  c  d\"]]"));
        QCOMPARE(sched("a[b:[c:d:2]:1]e", 10), QStringLiteral("[[1,\"abe\"],[2,\"ace\"],[10,\"ade\"]]"));
        QCOMPARE(sched("a [unbalanced", 10), QStringLiteral("[[10,\"a [unbalanced\"]]"));
        QCOMPARE(sched("a [b:.5] c", 10), QStringLiteral("[[5,\"a  c\"],[10,\"a b c\"]]"));
        QCOMPARE(sched("((a][:b:c [d:3]", 10), QStringLiteral("[[3,\"((a][:b:c \"],[10,\"((a][:b:c d\"]]"));
        QCOMPARE(sched("[a|(b:1.1)]", 4), QStringLiteral("[[1,\"a\"],[2,\"(b:1.1)\"],[3,\"a\"],[4,\"(b:1.1)\"]]"));
        QCOMPARE(sched("[fe|]male", 4), QStringLiteral("[[1,\"female\"],[2,\"male\"],[3,\"female\"],[4,\"male\"]]"));
        QCOMPARE(sched("[fe|||]male", 5),
                 QStringLiteral("[[1,\"female\"],[2,\"male\"],[3,\"male\"],[4,\"male\"],[5,\"female\"]]"));
        QCOMPARE(sched("a [b:.5] c", 10, 10), QStringLiteral("[[10,\"a b c\"]]"));
        QCOMPARE(sched("a [b:1.5] c", 10, 10), QStringLiteral("[[5,\"a  c\"],[10,\"a b c\"]]"));
        // a '|' outside an alternation makes lark fail: the prompt is used unchanged
        QCOMPARE(sched("a|b [c:d:2]", 10), QStringLiteral("[[10,\"a|b [c:d:2]\"]]"));
    }

    // Outputs of A1111's get_learned_conditioning_prompt_schedules run with lark 1.1.5 (6 steps).
    void schedulesLikeLark_data() {
        QTest::addColumn<QString>("prompt");
        QTest::addColumn<QString>("expected");
        static const std::pair<const char*, const char*> cases[] = {
        {"a [{b|d{:.5] c", "[[6,\"a [{b|d{:.5] c\"]]"},
        {"[x [a|b] :3]", "[[1,\"\"],[2,\"\"],[3,\"\"],[4,\"x b \"],[5,\"x a \"],[6,\"x b \"]]"},
        {"[a:b:c:3]", "[[6,\"[a:b:c:3]\"]]"},
        {"(a [b:c:2] d)", "[[2,\"(a b d)\"],[6,\"(a c d)\"]]"},
        {"[[a:1]", "[[1,\"[\"],[6,\"[a\"]]"},
        {"[a|b", "[[6,\"[a|b\"]]"},
        {"a|b", "[[6,\"a|b\"]]"},
        {"([a|b])", "[[1,\"(a)\"],[2,\"(b)\"],[3,\"(a)\"],[4,\"(b)\"],[5,\"(a)\"],[6,\"(b)\"]]"},
        {"[a:3.5x]", "[[6,\"[a:3.5x]\"]]"},
        {"[a: 1e1 ]", "[[6,\"\"]]"},
        {"[a:-2]", "[[6,\"a\"]]"},
        {"[a:b:+3]", "[[3,\"a\"],[6,\"b\"]]"},
        {"x\\(y [b:2]", "[[2,\"x\\\\(y \"],[6,\"x\\\\(y b\"]]"},
        {"x \\", "[[6,\"x \\\\\"]]"},
        {"[(a:b):c:2]", "[[2,\"(a:b)\"],[6,\"c\"]]"},
        {"[a:(b|c):2]", "[[6,\"[a:(b|c):2]\"]]"},
        {"[a|[b:c:2]]", "[[1,\"a\"],[2,\"b\"],[3,\"a\"],[4,\"c\"],[5,\"a\"],[6,\"c\"]]"},
        {"[[a|b]:c:4]", "[[1,\"a\"],[2,\"b\"],[3,\"a\"],[4,\"b\"],[5,\"c\"],[6,\"c\"]]"},
        {"(a:b:c) [x:2]", "[[2,\"(a:b:c) \"],[6,\"(a:b:c) x\"]]"},
        {"[a]:[b:2]", "[[2,\"[a]:\"],[6,\"[a]:b\"]]"},
        {"[ :2]", "[[2,\"\"],[6,\" \"]]"},
        {"[a:.]", "[[6,\"[a:.]\"]]"},
        {"[a:1.]", "[[6,\"\"]]"},
        {"[a:b:0.5]", "[[3,\"a\"],[6,\"b\"]]"},
        {"[a::3]", "[[3,\"a\"],[6,\"\"]]"},
        {"[:b:3]", "[[3,\"\"],[6,\"b\"]]"},
        {"((a)", "[[6,\"((a)\"]]"},
        {"[a [b|c]]", "[[1,\"[a b]\"],[2,\"[a c]\"],[3,\"[a b]\"],[4,\"[a c]\"],[5,\"[a b]\"],[6,\"[a c]\"]]"},
        {"[a|b]]", "[[1,\"a]\"],[2,\"b]\"],[3,\"a]\"],[4,\"b]\"],[5,\"a]\"],[6,\"b]\"]]"},
        {"x [a:2] [b|c|d] (e:1.2) [f]", "[[1,\"x  b (e:1.2) [f]\"],[2,\"x  c (e:1.2) [f]\"],[3,\"x a d (e:1.2) [f]\"],[4,\"x a b (e:1.2) [f]\"],[5,\"x a c (e:1.2) [f]\"],[6,\"x a d (e:1.2) [f]\"]]"},
        };
        int i = 0;
        for (const auto& [p, e] : cases)
            QTest::newRow(qPrintable(QStringLiteral("lark%1").arg(i++))) << QString::fromUtf8(p) << QString::fromUtf8(e);
    }
    void schedulesLikeLark() {
        QFETCH(QString, prompt);
        QFETCH(QString, expected);
        QCOMPARE(sched(prompt.toStdString(), 6), expected);
    }

    void attentionLikeA1111Doctests() {
        auto att = [](const std::string& s) {
            QJsonArray a;
            for (const auto& p : PromptParser::parse_prompt_attention(s)) a.append(QJsonArray{q(p.text), p.weight});
            return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
        };
        QCOMPARE(att("normal text"), QStringLiteral("[[\"normal text\",1]]"));
        QCOMPARE(att("an (important) word"), QStringLiteral("[[\"an \",1],[\"important\",1.1],[\" word\",1]]"));
        QCOMPARE(att("(unbalanced"), QStringLiteral("[[\"unbalanced\",1.1]]"));
        QCOMPARE(att("\\(literal\\]"), QStringLiteral("[[\"(literal]\",1]]"));
        QCOMPARE(att("(unnecessary)(parens)"), QStringLiteral("[[\"unnecessaryparens\",1.1]]"));
        const auto r = PromptParser::parse_prompt_attention("a (((house:1.3)) [on] a (hill:0.5), sun, (((sky))).");
        QCOMPARE(int(r.size()), 9);
        QCOMPARE(q(r[1].text), QStringLiteral("house"));
        QCOMPARE(r[1].weight, 1.3 * 1.1 * 1.1);
        QCOMPARE(r[5].weight, 0.5 * 1.1);
        QCOMPARE(q(r[6].text), QStringLiteral(", sun, "));
        QCOMPARE(r[7].weight, 1.1 * 1.1 * 1.1 * 1.1);
        QCOMPARE(att(""), QStringLiteral("[[\"\",1]]"));
        QCOMPARE(att("a BREAK b"), QStringLiteral("[[\"a\",1],[\"BREAK\",-1],[\"b\",1]]"));
        QCOMPARE(att("aBREAK b"), QStringLiteral("[[\"aBREAK b\",1]]"));
        QCOMPARE(att("(a:1.2 )"), QStringLiteral("[[\"a\",1.2]]"));
    }

    void attentionErrorsWhereA1111Raises() {
        for (const char* bad : {"(cat:1.2.3)", "(cat:.)", "a (b:..5)"}) {
            bool threw = false;
            try {
                PromptParser::parse_prompt_attention(bad);
            } catch (const latent::PipelineError& e) {
                threw = e.code() == "prompt_syntax";
            }
            QVERIFY2(threw, bad);
        }
        // without an open '(' the same text is plain text, as in A1111
        QCOMPARE(q(PromptParser::parse_prompt_attention("cat:1.2.3)")[0].text), QStringLiteral("cat:1.2.3)"));
    }

    void commentsAndNetworks() {
        QCOMPARE(q(PromptParser::strip_comments("a\n#c1\n#c2\nb # tail")), QStringLiteral("a\n\nb \n"));
        QCOMPARE(q(PromptParser::strip_comments("#only")), QStringLiteral("\n"));
        const auto en = PromptParser::parse_extra_networks("x <lyco:n:1:0.5> <bad> <lora:a>");
        QCOMPARE(q(en.prompt), QStringLiteral("x  <bad> "));
        QVERIFY(en.find("lyco") && en.find("lora") && !en.find("hypernet"));
        QCOMPARE(int(en.find("lyco")->front().items.size()), 3);
    }

    void multicond() {
        const auto mc = PromptParser::get_multicond_prompt_list({"a AND b:2 AND a", "score: 9", "ANDROID"});
        QCOMPARE(int(mc.flat.size()), 5);
        QCOMPARE(q(mc.flat[0]), QStringLiteral("a"));
        QCOMPARE(q(mc.flat[1]), QStringLiteral(" b"));
        QCOMPARE(mc.indexes[0][1].second, 2.0);
        QCOMPARE(mc.indexes[0][2].first, 2); // " a" differs from "a"
        QCOMPARE(q(mc.flat[3]), QStringLiteral("score"));
        QCOMPARE(mc.indexes[1][0].second, 9.0);
        QCOMPARE(q(mc.flat[4]), QStringLiteral("ANDROID"));
    }

    void chunkingBreakAndPadding() {
        latent::PromptChunker chunker(latent::ClipTokenizer::shared());
        const auto empty = chunker.tokenize_line("");
        QCOMPARE(int(empty.chunks.size()), 1);
        QCOMPARE(empty.chunks[0].tokens[0], 49406);
        QCOMPARE(empty.chunks[0].tokens[1], 49407);
        QCOMPARE(empty.token_count, 0);
        // 80 words -> 2 chunks, no comma: hard split at 75
        std::string words;
        for (int i = 0; i < 80; ++i) words += "cat ";
        auto two = chunker.tokenize_line(words);
        QCOMPARE(int(two.chunks.size()), 2);
        QCOMPARE(two.token_count, 80);
        QCOMPARE(two.chunks[1].tokens[5], 2368);
        QCOMPARE(two.chunks[1].tokens[6], 49407);
        auto neg = chunker.tokenize_line("blurry").chunks;
        chunker.pad_to(neg, two.chunks.size());
        QCOMPARE(int(neg.size()), 2);
        QCOMPARE(neg[1].tokens[1], 49407);
        // OpenCLIP padding: zeros after the first EOS
        const auto oc = latent::PromptChunker::openclip_tokens(neg[0]);
        QCOMPARE(oc[2], 49407);
        QCOMPARE(oc[3], 0);
        QCOMPARE(oc[76], 0);
        const at::Tensor t = latent::PromptChunker::tokens_tensor(two.chunks);
        QCOMPARE(t.numel(), int64_t(154));
        QCOMPARE(t[77].item<int64_t>(), int64_t(49406));
    }

    void embeddingExtensionPoint() {
        struct Fake : latent::EmbeddingLookup {
            std::optional<Match> find_at(const std::vector<int>& tokens, std::size_t pos) const override {
                if (tokens[pos] == 2368) return Match{"cat-emb", 3, 1}; // "cat" -> 3 vectors
                return std::nullopt;
            }
        } fake;
        latent::PromptChunker chunker(latent::ClipTokenizer::shared(), {}, &fake);
        const auto r = chunker.tokenize_line("a (cat) dog");
        const auto& c = r.chunks.at(0);
        QCOMPARE(int(c.fixes.size()), 1);
        QCOMPARE(c.fixes[0].offset, 2);
        QCOMPARE(c.tokens[2], 0);
        QCOMPARE(c.tokens[4], 0);
        QCOMPARE(c.multipliers[3], 1.1f);
        QCOMPARE(c.tokens[5], 1929); // dog
    }

    void emphasisRestoresMean() {
        // z = [[1,2],[3,4],[5,6]] (3 tokens, 2 channels), weights [1, 2, 0.5]
        const at::Tensor z = at::arange(1, 7, at::kFloat).reshape({3, 2});
        const at::Tensor w = at::tensor({1.0f, 2.0f, 0.5f});
        const at::Tensor out = latent::apply_emphasis(z, w);
        // weighted = [[1,2],[6,8],[2.5,3]], mean 22.5/6 = 3.75; original mean 3.5; scale 3.5/3.75
        const float s = 3.5f / 3.75f;
        const float expected[6] = {1 * s, 2 * s, 6 * s, 8 * s, 2.5f * s, 3 * s};
        for (int i = 0; i < 6; ++i) QVERIFY(std::abs(out.reshape({6})[i].item<float>() - expected[i]) < 1e-6f);
        QVERIFY(std::abs(out.mean().item<float>() - 3.5f) < 1e-6f);
        // batched: mean taken over the whole batch, as A1111 does
        const at::Tensor zb = at::stack({z, z * 2});
        const at::Tensor wb = at::stack({w, at::ones({3})});
        const at::Tensor ob = latent::apply_emphasis(zb, wb);
        QVERIFY(std::abs(ob.mean().item<float>() - zb.mean().item<float>()) < 1e-5f);
        QVERIFY(!at::allclose(ob[1], zb[1])); // the unweighted sample is rescaled too
        bool threw = false;
        try {
            latent::apply_emphasis(z, at::ones({4}));
        } catch (const latent::PipelineError&) {
            threw = true;
        }
        QVERIFY(threw);
    }
};

QTEST_GUILESS_MAIN(TestPromptParser)
#include "tst_prompt_parser.moc"
