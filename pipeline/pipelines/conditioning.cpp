#include "pipeline/pipelines/conditioning.h"

#include "pipeline/core/error.h"
#include "pipeline/tokenizers/prompt_chunker.h"

#include <ATen/ATen.h>

#include <map>

namespace latent {

const ScheduledConditioning& WeightedConditioning::at_step(int step) const {
    for (const auto& e : schedule)
        if (step <= e.end_at_step) return e;
    return schedule.back();
}

namespace {

struct Encoded {
    TextConditioning cond;
    at::Tensor tokens, multipliers;
};

Encoded encode_text(const TextConditioner& text, const PromptChunker& chunker, const std::string& line,
                    bool zero) {
    ChunkedPrompt chunked = chunker.tokenize_line(line);
    if (chunked.chunks.empty()) chunked.chunks.push_back(chunker.empty_chunk());
    std::vector<std::array<int, 77>> tokens;
    std::vector<std::array<float, 77>> multipliers;
    for (const auto& c : chunked.chunks) {
        tokens.push_back(c.tokens);
        multipliers.push_back(c.multipliers);
    }
    Encoded e;
    e.cond = text.encode(tokens, multipliers);
    e.tokens = PromptChunker::tokens_tensor(chunked.chunks);
    e.multipliers = PromptChunker::multipliers_tensor(chunked.chunks);
    if (zero) {
        e.cond.crossattn = at::zeros_like(e.cond.crossattn);
        if (e.cond.pooled.defined()) e.cond.pooled = at::zeros_like(e.cond.pooled);
    }
    return e;
}

} // namespace

PromptConditioning encode_prompt(const TextConditioner& text, const PromptChunker& chunker, const std::string& prompt,
                                 const ConditioningOptions& options) {
    PromptConditioning out;
    const std::string stripped = PromptParser::strip_comments(prompt);
    out.networks = PromptParser::parse_extra_networks(stripped);

    std::vector<std::pair<std::string, double>> parts;
    if (options.multicond) {
        const MulticondPromptList list = PromptParser::get_multicond_prompt_list({out.networks.prompt});
        for (const auto& [index, weight] : list.indexes.at(0)) parts.emplace_back(list.flat.at(index), weight);
    } else {
        parts.emplace_back(out.networks.prompt, 1.0);
    }

    const bool zero = options.zero_if_empty && out.networks.prompt.empty();
    std::map<std::string, Encoded> cache;  // each distinct text is encoded once
    for (const auto& [subprompt, weight] : parts) {
        WeightedConditioning wc;
        wc.weight = weight;
        for (const ScheduleEntry& entry : PromptParser::get_prompt_schedule(subprompt, options.steps)) {
            auto it = cache.find(entry.text);
            if (it == cache.end()) it = cache.emplace(entry.text, encode_text(text, chunker, entry.text, zero)).first;
            wc.schedule.push_back({entry.end_at_step, it->second.cond, it->second.tokens, it->second.multipliers});
        }
        if (wc.schedule.empty())
            throw PipelineError("prompt_syntax", "The prompt produced no conditioning.");
        out.parts.push_back(std::move(wc));
    }
    return out;
}

void pad_conditionings(std::vector<PromptConditioning*> all, const at::Tensor& empty_chunk) {
    int64_t longest = 0;
    for (auto* pc : all)
        for (auto& part : pc->parts)
            for (auto& e : part.schedule) longest = std::max(longest, e.cond.crossattn.size(1));
    for (auto* pc : all)
        for (auto& part : pc->parts)
            for (auto& e : part.schedule) {
                const int64_t missing = (longest - e.cond.crossattn.size(1)) / empty_chunk.size(1);
                if (missing <= 0) continue;
                std::vector<at::Tensor> pieces{e.cond.crossattn};
                for (int64_t i = 0; i < missing; ++i) pieces.push_back(empty_chunk.to(e.cond.crossattn.dtype()));
                e.cond.crossattn = at::cat(pieces, 1);
            }
}

} // namespace latent
