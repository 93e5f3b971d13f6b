// Textual-inversion embeddings as A1111 uses them: every file layout (A1111 .pt with
// string_to_param, emb_params and diffusers-concept files, SDXL clip_l + clip_g), names matched on
// token ids in the prompt and the negative prompt, vectors taking token slots of the 75-token
// chunks (checked against hand-built chunks), replacing token embeddings before the position
// embeddings (an embedding made of the token embeddings of "red dog" must encode exactly like the
// words), embeddings of another width skipped with a warning.
#include "common/golden.h"
#include "common/torch_save.h"
#include "pipeline/core/error.h"
#include "pipeline/engine.h"
#include "pipeline/loaders/checkpoint_loader.h"
#include "pipeline/networks/embeddings.h"
#include "pipeline/pipelines/conditioning.h"
#include "pipeline/tensors/safetensors.h"
#include "pipeline/tokenizers/clip_tokenizer.h"
#include "pipeline/tokenizers/prompt_chunker.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace latent;

namespace {

std::string goldenModel(const char* name) { return QDir(test::goldenDir()).filePath(name).toStdString(); }

const ClipTokenizer& tok() { return ClipTokenizer::shared(); }
int id(const char* word) {
    const auto ids = tok().encode(word);
    if (ids.size() != 1) qFatal("%s is not one token", word);
    return ids[0];
}

struct Loaded {
    LoadedCheckpoint ckpt;
    std::shared_ptr<TextConditioner> text;
    bool sdxl = false;
};
Loaded load(const char* file) {
    Loaded l;
    LoadOptions o;
    o.load_unet = false;
    o.load_vae = false;
    l.ckpt = load_checkpoint(goldenModel(file), o);
    l.text = std::make_shared<TextConditioner>(l.ckpt.make_conditioner(1));
    l.sdxl = l.ckpt.detection.family == ModelFamily::SDXL;
    return l;
}

// The token embeddings of `words` in text encoder `e`: [n, width].
at::Tensor tokenVectors(const Loaded& l, int e, const std::vector<int>& ids) {
    const at::Tensor table = l.text->encoder(e)->text_model->embeddings->token_embedding->weight;
    std::vector<int64_t> idx(ids.begin(), ids.end());
    return table.index_select(0, at::tensor(idx, at::kLong)).to(at::kFloat).clone();
}

at::Tensor crossattn(const Loaded& l, const std::string& prompt, const EmbeddingDatabase* db,
                     std::vector<std::string>* used = nullptr, std::vector<std::string>* skipped = nullptr) {
    const PromptChunker chunker(tok(), PromptChunker::Options{}, db);
    ConditioningOptions o;
    o.steps = 10;
    o.embeddings = db;
    o.sdxl = l.sdxl;
    const PromptConditioning pc = encode_prompt(*l.text, chunker, prompt, o);
    if (used) *used = pc.used_embeddings;
    if (skipped) *skipped = pc.skipped_embeddings;
    return pc.parts.at(0).schedule.at(0).cond.crossattn;
}

double maxAbs(const at::Tensor& a, const at::Tensor& b) { return (a - b).abs().max().item<double>(); }

} // namespace

class TestTextualInversion : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    std::string dir(const QString& name) {
        QDir(tmp_.path()).mkpath(name);
        return QDir(tmp_.path()).filePath(name).toStdString();
    }

private slots:
    void initTestCase() { QVERIFY(tmp_.isValid()); }

    // The 75-token chunks with embeddings, against chunks built by hand from A1111's rules.
    void chunksAsA1111() {
        const std::string d = dir("chunks");
        write_safetensors(d + "/MyEmb.safetensors", {{"emb_params", at::randn({3, 32})}});
        EmbeddingDatabase db;
        db.load({d}, 32, tok());
        QCOMPARE(db.embeddings().size(), std::size_t(1));
        const PromptChunker chunker(tok(), PromptChunker::Options{}, &db);

        // "a myemb cat": BOS, a, 3 slots (id 0), cat, EOS...; the fix sits where the slots start.
        ChunkedPrompt c = chunker.tokenize_line("a myemb cat");
        QCOMPARE(c.chunks.size(), std::size_t(1));
        QCOMPARE(c.token_count, 5);
        std::array<int, 77> expect{};
        expect.fill(ClipTokenizer::kEos);
        expect[0] = ClipTokenizer::kBos;
        expect[1] = id("a");
        expect[2] = expect[3] = expect[4] = 0;
        expect[5] = id("cat");
        QCOMPARE(c.chunks[0].tokens, expect);
        QCOMPARE(c.chunks[0].fixes.size(), std::size_t(1));
        QCOMPARE(c.chunks[0].fixes[0].offset, 2);
        QCOMPARE(c.chunks[0].fixes[0].num_vectors, 3);
        QCOMPARE(c.chunks[0].fixes[0].name, std::string("MyEmb"));

        // Emphasis applies to the embedding's slots; case does not matter (CLIP lower-cases).
        c = chunker.tokenize_line("(MYEMB:1.5) cat");
        QCOMPARE(c.chunks[0].multipliers[1], 1.5f);
        QCOMPARE(c.chunks[0].multipliers[3], 1.5f);
        QCOMPARE(c.chunks[0].multipliers[4], 1.0f);
        QCOMPARE(c.chunks[0].tokens[4], id("cat"));

        // 73 tokens, then the 3-vector embedding does not fit (73 + 3 > 75): the first chunk is
        // padded with EOS and the embedding opens the second one.
        std::string prompt;
        for (int i = 0; i < 73; ++i) prompt += "a ";
        c = chunker.tokenize_line(prompt + "myemb cat");
        QCOMPARE(c.chunks.size(), std::size_t(2));
        QCOMPARE(c.chunks[0].tokens[73], id("a"));
        QCOMPARE(c.chunks[0].tokens[74], ClipTokenizer::kEos);
        QCOMPARE(c.chunks[0].tokens[75], ClipTokenizer::kEos);
        QVERIFY(c.chunks[0].fixes.empty());
        QCOMPARE(c.chunks[1].fixes.size(), std::size_t(1));
        QCOMPARE(c.chunks[1].fixes[0].offset, 1);
        QCOMPARE(c.chunks[1].tokens[4], id("cat"));
        QCOMPARE(c.token_count, 75 + 4);
        // 72 tokens + 3 vectors = 75 fit exactly.
        prompt.clear();
        for (int i = 0; i < 72; ++i) prompt += "a ";
        c = chunker.tokenize_line(prompt + "myemb");
        QCOMPARE(c.chunks.size(), std::size_t(1));
        QCOMPARE(c.chunks[0].fixes.at(0).offset, 73);
        QCOMPARE(c.token_count, 75);
    }

    // Every layout; the vectors replace token embeddings exactly like the words they copy.
    void layoutsEncodeLikeTheWordsTheyCopy() {
        LATENT_REQUIRE_GOLDEN();
        c10::InferenceMode guard;
        const Loaded sd1 = load("tiny-sd1.safetensors");
        const std::vector<int> redDog = {id("red"), id("dog")};
        const at::Tensor v = tokenVectors(sd1, 0, redDog);
        const std::string d = dir("layouts");
        // A1111 / original textual inversion (.pt): string_to_param {'*': [n, D]} and metadata.
        test::torchSave(QString::fromStdString(d + "/a1111style.pt"),
                        {{"string_to_token", test::PtDict{{"*", 265}}},
                         {"string_to_param", test::PtDict{{"*", v}}},
                         {"name", "a1111style"},
                         {"step", 1500}});
        // kohya / safetensors: emb_params.
        write_safetensors(d + "/kohyastyle.safetensors", {{"emb_params", v}});
        // diffusers concept (.bin): {"<token>": [D]} with a single vector.
        test::torchSave(QString::fromStdString(d + "/concept.bin"), {{"<dog>", tokenVectors(sd1, 0, {id("dog")}).squeeze(0)}});
        // Subfolders count too.
        QDir(QString::fromStdString(d)).mkpath("sub");
        write_safetensors(d + "/sub/nested.safetensors", {{"emb_params", v}});
        EmbeddingDatabase db;
        db.load({d}, 32, tok());
        QVERIFY2(db.errors().empty(), db.errors().empty() ? "" : db.errors().front().c_str());
        QCOMPARE(db.embeddings().size(), std::size_t(4));
        QCOMPARE(db.get("a1111style")->vectors, int64_t(2));
        QCOMPARE(db.get("concept")->vectors, int64_t(1));

        const at::Tensor words = crossattn(sd1, "a photo of a red dog, watercolor", &db);
        for (const char* name : {"a1111style", "kohyastyle", "nested"}) {
            std::vector<std::string> used;
            const at::Tensor e = crossattn(sd1, std::string("a photo of a ") + name + ", watercolor", &db, &used);
            QVERIFY2(maxAbs(words, e) < 1e-5, name);
            QCOMPARE(used, std::vector<std::string>{name});
        }
        QVERIFY(maxAbs(crossattn(sd1, "a photo of a dog", &db), crossattn(sd1, "a photo of a concept", &db)) < 1e-5);
        // Without the database the name is just text, and the result differs.
        QVERIFY(maxAbs(words, crossattn(sd1, "a photo of a kohyastyle, watercolor", nullptr)) > 1e-2);
        // Emphasis multiplies the embedding's slots like the words'.
        QVERIFY(maxAbs(crossattn(sd1, "a photo of a (red dog:1.3), watercolor", &db),
                       crossattn(sd1, "a photo of a (kohyastyle:1.3), watercolor", &db)) < 1e-5);
    }

    // SDXL: clip_l for the first encoder, clip_g for the second; an SD1 embedding is skipped.
    void sdxlEmbeddingsAndWrongFamilies() {
        LATENT_REQUIRE_GOLDEN();
        c10::InferenceMode guard;
        const Loaded xl = load("tiny-sdxl.safetensors");
        const std::vector<int> redDog = {id("red"), id("dog")};
        const std::string d = dir("xl");
        write_safetensors(d + "/xlemb.safetensors",
                          {{"clip_l", tokenVectors(xl, 0, redDog)}, {"clip_g", tokenVectors(xl, 1, redDog)}});
        write_safetensors(d + "/sdoneemb.safetensors", {{"emb_params", at::randn({2, 32})}});
        EmbeddingDatabase db;
        db.load({d}, 32 + 64, tok());
        QCOMPARE(db.embeddings().size(), std::size_t(1));
        QCOMPARE(db.skipped().size(), std::size_t(1));
        const at::Tensor words = crossattn(xl, "a red dog in the snow", &db);
        QVERIFY(maxAbs(words, crossattn(xl, "a xlemb in the snow", &db)) < 1e-5);
        std::vector<std::string> used, skipped;
        const at::Tensor s = crossattn(xl, "a sdoneemb in the snow", &db, &used, &skipped);
        QVERIFY(used.empty());
        QCOMPARE(skipped, std::vector<std::string>{"sdoneemb"});
        QVERIFY(maxAbs(s, crossattn(xl, "a sdoneemb in the snow", nullptr)) < 1e-6);  // plain text
        // And the SDXL embedding on SD1 is skipped likewise.
        EmbeddingDatabase db1;
        db1.load({d}, 32, tok());
        QCOMPARE(db1.embeddings().size(), std::size_t(1));
        QCOMPARE(db1.skipped().begin()->first, std::string("xlemb"));
    }

    // Broken files are reported, not used; the job goes on.
    void badFiles() {
        const std::string d = dir("bad");
        test::torchSave(QString::fromStdString(d + "/twoterms.pt"),
                        {{"string_to_param", test::PtDict{{"*", at::randn({1, 32})}, {"+", at::randn({1, 32})}}}});
        write_safetensors(d + "/two.safetensors", {{"a", at::randn({1, 32})}, {"b", at::randn({1, 32})}});
        write_safetensors(d + "/ints.safetensors", {{"emb_params", at::ones({2, 32}, at::kLong)}});
        write_safetensors(d + "/huge.safetensors", {{"emb_params", at::randn({80, 32})}});
        {
            QFile f(QString::fromStdString(d + "/page.pt"));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("<html>login</html>");
        }
        write_safetensors(d + "/good.safetensors", {{"emb_params", at::randn({1, 32})}});
        EmbeddingDatabase db;
        db.load({d}, 32, tok());
        QCOMPARE(db.embeddings().size(), std::size_t(1));
        QCOMPARE(db.errors().size(), std::size_t(5));
        std::string all;
        for (const auto& e : db.errors()) all += e + "\n";
        QVERIFY2(all.find("several terms") != std::string::npos, all.c_str());
        QVERIFY2(all.find("more than a 75-token chunk") != std::string::npos, all.c_str());
    }

    // Through the engine: prompt and negative prompt, listed for "TI hashes", a warning for an
    // embedding of another family.
    void engineUsesEmbeddingsFolder() {
        LATENT_REQUIRE_GOLDEN();
        const std::string d = dir("engine");
        write_safetensors(d + "/goodthing.safetensors", {{"emb_params", at::randn({2, 32})}});
        write_safetensors(d + "/badthing.safetensors", {{"emb_params", at::randn({2, 32})}});
        write_safetensors(d + "/xlthing.safetensors", {{"clip_l", at::randn({1, 32})}, {"clip_g", at::randn({1, 64})}});
        Engine engine("cpu");
        engine.load_model(goldenModel("tiny-sd1.safetensors"));
        GenerationRequest r;
        r.prompt = "a goodthing astronaut, xlthing";
        r.negative_prompt = "badthing, blurry";
        r.steps = 3;
        r.width = r.height = 64;
        r.seed = 1;
        r.rng = "cpu";
        r.embedding_dirs = {d};
        const GenerationResult with = engine.txt2img(r);
        QCOMPARE(with.embeddings.size(), std::size_t(1));
        QCOMPARE(with.embeddings[0].name, std::string("goodthing"));
        QCOMPARE(with.embeddings[0].path, d + "/goodthing.safetensors");
        QCOMPARE(with.negative_embeddings.size(), std::size_t(1));
        QCOMPARE(with.negative_embeddings[0].name, std::string("badthing"));
        std::string warnings;
        for (const auto& w : with.warnings) warnings += w;
        QVERIFY2(warnings.find("\"xlthing\" was skipped") != std::string::npos, warnings.c_str());
        r.embedding_dirs.clear();
        const GenerationResult without = engine.txt2img(r);
        QVERIFY(without.embeddings.empty());
        QVERIFY(without.images[0].rgb != with.images[0].rgb);
    }
};

QTEST_GUILESS_MAIN(TestTextualInversion)
#include "tst_textual_inversion.moc"
