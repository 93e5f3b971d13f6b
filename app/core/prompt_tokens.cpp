#include "app/core/prompt_tokens.h"

#include "pipeline/core/error.h"
#include "pipeline/tokenizers/clip_tokenizer.h"
#include "pipeline/tokenizers/prompt_chunker.h"
#include "pipeline/tokenizers/prompt_parser.h"

#include <algorithm>
#include <exception>

namespace latent {

PromptTokenCount countPromptTokens(const QString& prompt, int steps) {
    PromptTokenCount out;
    try {
        const ClipTokenizer& tokenizer = ClipTokenizer::shared();
        const PromptChunker chunker(tokenizer);
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
