#include "pipeline/tokenizers/prompt_chunker.h"

#include "pipeline/core/error.h"
#include "pipeline/tokenizers/prompt_parser.h"

#include <ATen/ATen.h>

namespace latent {

PromptChunker::PromptChunker(const ClipTokenizer& tokenizer) : PromptChunker(tokenizer, Options{}) {}

PromptChunker::PromptChunker(const ClipTokenizer& tokenizer, Options options,
                             const EmbeddingLookup* embeddings)
    : tokenizer_(tokenizer), options_(options), embeddings_(embeddings),
      comma_token_(tokenizer.token_to_id(",</w>")) {}

PromptChunk PromptChunker::empty_chunk() const {
    PromptChunk c;
    c.tokens.fill(options_.id_end);
    c.tokens[0] = options_.id_start;
    c.multipliers.fill(1.0f);
    return c;
}

void PromptChunker::pad_to(std::vector<PromptChunk>& chunks, std::size_t count) const {
    while (chunks.size() < count) chunks.push_back(empty_chunk());
}

ChunkedPrompt PromptChunker::tokenize_line(std::string_view line) const {
    std::vector<AttentionPiece> parsed;
    if (options_.emphasis)
        parsed = PromptParser::parse_prompt_attention(line);
    else
        parsed.push_back({std::string(line), 1.0});

    ChunkedPrompt result;
    struct Building {
        std::vector<int> tokens;
        std::vector<float> multipliers;
        std::vector<PromptChunkFix> fixes;
    } chunk;
    int last_comma = -1;

    auto next_chunk = [&](bool is_last) {
        if (is_last)
            result.token_count += static_cast<int>(chunk.tokens.size());
        else
            result.token_count += kChunkLength;
        const int to_add = kChunkLength - static_cast<int>(chunk.tokens.size());
        if (to_add > 0) {
            chunk.tokens.insert(chunk.tokens.end(), static_cast<std::size_t>(to_add), options_.id_end);
            chunk.multipliers.insert(chunk.multipliers.end(), static_cast<std::size_t>(to_add), 1.0f);
        }
        if (chunk.tokens.size() != kChunkLength)
            throw PipelineError("prompt_chunk_overflow",
                                "A prompt chunk came out longer than 75 tokens.");
        PromptChunk out;
        out.tokens[0] = options_.id_start;
        out.multipliers[0] = 1.0f;
        for (int k = 0; k < kChunkLength; ++k) {
            out.tokens[static_cast<std::size_t>(k) + 1] = chunk.tokens[static_cast<std::size_t>(k)];
            out.multipliers[static_cast<std::size_t>(k) + 1] = chunk.multipliers[static_cast<std::size_t>(k)];
        }
        out.tokens[kChunkTokens - 1] = options_.id_end;
        out.multipliers[kChunkTokens - 1] = 1.0f;
        // A1111 records fix offsets relative to the chunk without BOS; they are used after BOS
        // is prepended, so shift by one to index the 77-token array.
        for (auto f : chunk.fixes) {
            f.offset += 1;
            out.fixes.push_back(std::move(f));
        }
        last_comma = -1;
        result.chunks.push_back(std::move(out));
        chunk = Building{};
    };

    for (const AttentionPiece& piece : parsed) {
        if (piece.is_break()) {
            next_chunk(false);
            continue;
        }
        const std::vector<int> tokens = tokenizer_.encode(piece.text);
        const float weight = static_cast<float>(piece.weight);
        std::size_t position = 0;
        while (position < tokens.size()) {
            const int token = tokens[position];
            if (token == comma_token_) {
                last_comma = static_cast<int>(chunk.tokens.size());
            } else if (options_.comma_padding_backtrack != 0 &&
                       static_cast<int>(chunk.tokens.size()) == kChunkLength && last_comma != -1 &&
                       static_cast<int>(chunk.tokens.size()) - last_comma <=
                           options_.comma_padding_backtrack) {
                const auto break_location = static_cast<std::size_t>(last_comma + 1);
                std::vector<int> reloc_tokens(chunk.tokens.begin() + static_cast<std::ptrdiff_t>(break_location),
                                              chunk.tokens.end());
                std::vector<float> reloc_mults(
                    chunk.multipliers.begin() + static_cast<std::ptrdiff_t>(break_location),
                    chunk.multipliers.end());
                chunk.tokens.resize(break_location);
                chunk.multipliers.resize(break_location);
                // Fixes inside the relocated part move with it (A1111 leaves them behind, which
                // only matters for embeddings right after a comma at a chunk end).
                std::vector<PromptChunkFix> moved;
                std::vector<PromptChunkFix> kept;
                for (auto& f : chunk.fixes) {
                    if (f.offset >= static_cast<int>(break_location)) {
                        f.offset -= static_cast<int>(break_location);
                        moved.push_back(f);
                    } else {
                        kept.push_back(f);
                    }
                }
                chunk.fixes = std::move(kept);
                next_chunk(false);
                chunk.tokens = std::move(reloc_tokens);
                chunk.multipliers = std::move(reloc_mults);
                chunk.fixes = std::move(moved);
            }

            if (static_cast<int>(chunk.tokens.size()) == kChunkLength) next_chunk(false);

            std::optional<EmbeddingLookup::Match> emb;
            if (embeddings_) emb = embeddings_->find_at(tokens, position);
            if (!emb) {
                chunk.tokens.push_back(token);
                chunk.multipliers.push_back(weight);
                ++position;
                continue;
            }
            const int emb_len = std::max(0, emb->num_vectors);
            if (emb_len > kChunkLength)
                throw PipelineError("embedding_too_long", "The embedding " + emb->name + " has " +
                                                              std::to_string(emb_len) +
                                                              " vectors, more than a chunk holds (75).");
            if (static_cast<int>(chunk.tokens.size()) + emb_len > kChunkLength) next_chunk(false);
            chunk.fixes.push_back({static_cast<int>(chunk.tokens.size()), emb->name, emb_len});
            chunk.tokens.insert(chunk.tokens.end(), static_cast<std::size_t>(emb_len), 0);
            chunk.multipliers.insert(chunk.multipliers.end(), static_cast<std::size_t>(emb_len), weight);
            position += static_cast<std::size_t>(std::max(1, emb->length_in_tokens));
        }
    }
    if (!chunk.tokens.empty() || result.chunks.empty()) next_chunk(true);
    return result;
}

std::array<int, kChunkTokens> PromptChunker::openclip_tokens(const PromptChunk& chunk, int id_end,
                                                             int id_pad) {
    std::array<int, kChunkTokens> out = chunk.tokens;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i] == id_end) {
            for (std::size_t k = i + 1; k < out.size(); ++k) out[k] = id_pad;
            break;
        }
    }
    return out;
}

at::Tensor PromptChunker::tokens_tensor(const std::vector<PromptChunk>& chunks) {
    at::Tensor t = at::zeros({static_cast<int64_t>(chunks.size()) * kChunkTokens}, at::kLong);
    auto* p = t.data_ptr<int64_t>();
    for (const auto& c : chunks)
        for (int v : c.tokens) *p++ = v;
    return t;
}

at::Tensor PromptChunker::multipliers_tensor(const std::vector<PromptChunk>& chunks) {
    at::Tensor t = at::zeros({static_cast<int64_t>(chunks.size()) * kChunkTokens}, at::kFloat);
    auto* p = t.data_ptr<float>();
    for (const auto& c : chunks)
        for (float v : c.multipliers) *p++ = v;
    return t;
}

at::Tensor apply_emphasis(const at::Tensor& z, const at::Tensor& multipliers) {
    if (z.dim() < 2 || multipliers.dim() != z.dim() - 1 ||
        multipliers.sizes() != z.sizes().slice(0, static_cast<std::size_t>(z.dim() - 1)))
        throw PipelineError("emphasis_shape", "The emphasis multipliers do not match the shape of the "
                                              "text embeddings.");
    const at::Tensor original_mean = z.mean();
    const at::Tensor weighted = z * multipliers.to(z.scalar_type()).unsqueeze(-1).expand(z.sizes());
    const at::Tensor new_mean = weighted.mean();
    return weighted * (original_mean / new_mean);
}

} // namespace latent
