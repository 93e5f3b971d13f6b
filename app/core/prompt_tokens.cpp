#include "app/core/prompt_tokens.h"

#include "pipeline/core/error.h"
#include "pipeline/networks/embeddings.h"
#include "pipeline/tokenizers/clip_tokenizer.h"
#include "pipeline/tokenizers/prompt_chunker.h"
#include "pipeline/tokenizers/prompt_parser.h"

#include <QDateTime>
#include <QFileInfo>
#include <QMutex>

#include <algorithm>
#include <exception>

namespace latent {

namespace {

// Embedding names -> vector counts, matched on token ids as the engine's database does.
class NameLookup : public EmbeddingLookup {
public:
    NameLookup(const QHash<QString, int>& vectors, const ClipTokenizer& tokenizer) {
        for (auto it = vectors.constBegin(); it != vectors.constEnd(); ++it) {
            if (it.value() < 1) continue;
            std::vector<int> ids = tokenizer.encode(it.key().toStdString());
            if (ids.empty()) continue;
            entries_.push_back({std::move(ids), it.key().toStdString(), it.value()});
        }
        std::stable_sort(entries_.begin(), entries_.end(),
                         [](const Entry& a, const Entry& b) { return a.ids.size() > b.ids.size(); });
    }
    std::optional<Match> find_at(const std::vector<int>& tokens, std::size_t position) const override {
        for (const Entry& e : entries_) {
            if (position + e.ids.size() > tokens.size()) continue;
            if (std::equal(e.ids.begin(), e.ids.end(), tokens.begin() + static_cast<std::ptrdiff_t>(position)))
                return Match{e.name, e.vectors, static_cast<int>(e.ids.size())};
        }
        return std::nullopt;
    }

private:
    struct Entry {
        std::vector<int> ids;
        std::string name;
        int vectors;
    };
    std::vector<Entry> entries_;
};

} // namespace

PromptTokenCount countPromptTokens(const QString& prompt, int steps) { return countPromptTokens(prompt, steps, {}); }

int embeddingVectorCount(const QString& path) {
    static QMutex mutex;
    static QHash<QString, int> cache;
    const QFileInfo fi(path);
    const QString key = fi.absoluteFilePath() + QLatin1Char('|') + QString::number(fi.size()) + QLatin1Char('|') +
                        QString::number(fi.lastModified().toMSecsSinceEpoch());
    {
        QMutexLocker lock(&mutex);
        auto it = cache.constFind(key);
        if (it != cache.constEnd()) return *it;
    }
    int n = 0;
    try {
        n = static_cast<int>(load_textual_inversion(path.toStdString()).vectors);
    } catch (const std::exception&) {
        n = 0;
    }
    QMutexLocker lock(&mutex);
    cache.insert(key, n);
    return n;
}

PromptTokenCount countPromptTokens(const QString& prompt, int steps, const QHash<QString, int>& embeddingVectors) {
    PromptTokenCount out;
    try {
        const ClipTokenizer& tokenizer = ClipTokenizer::shared();
        const NameLookup lookup(embeddingVectors, tokenizer);
        const PromptChunker chunker(tokenizer, PromptChunker::Options{}, embeddingVectors.isEmpty() ? nullptr : &lookup);
        const std::string stripped = PromptParser::strip_comments(prompt.toStdString());
        const ExtraNetworks networks = PromptParser::parse_extra_networks(stripped);
        const MulticondPromptList list = PromptParser::get_multicond_prompt_list({networks.prompt});
        for (const std::string& sub : list.flat) {
            for (const ScheduleEntry& entry : PromptParser::get_prompt_schedule(sub, std::max(1, steps))) {
                const ChunkedPrompt chunked = chunker.tokenize_line(entry.text);
                if (chunked.token_count > out.tokens || int(chunked.chunks.size()) > out.chunks) {
                    out.tokens = std::max(out.tokens, chunked.token_count);
                    out.chunks = std::max(out.chunks, int(chunked.chunks.size()));
                }
            }
        }
    } catch (const std::exception& e) {
        out = PromptTokenCount{};
        out.error = QString::fromStdString(e.what());
    }
    out.limit = out.chunks * kChunkLength;
    return out;
}

} // namespace latent
