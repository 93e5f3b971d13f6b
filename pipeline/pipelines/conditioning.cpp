#include "pipeline/pipelines/conditioning.h"

#include "pipeline/core/error.h"
#include "pipeline/networks/embeddings.h"
#include "pipeline/tokenizers/prompt_chunker.h"

#include <ATen/ATen.h>

#include <algorithm>
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

// All the schedule texts of one (sub)prompt in one encoder batch, as A1111's
// get_learned_conditioning does: shorter texts are padded with empty chunks, and emphasis takes
// its means over the whole batch.
void note_once(std::vector<std::string>& list, const std::string& name) {
    if (std::find(list.begin(), list.end(), name) == list.end()) list.push_back(name);
}

std::vector<Encoded> encode_texts(const TextConditioner& text, const PromptChunker& chunker,
                                  const std::vector<std::string>& lines, bool zero, const ConditioningOptions& options,
                                  PromptConditioning& report) {
    std::vector<ChunkedPrompt> chunked;
    size_t longest = 1;
    for (const auto& line : lines) {
        chunked.push_back(chunker.tokenize_line(line));
        if (chunked.back().chunks.empty()) chunked.back().chunks.push_back(chunker.empty_chunk());
        longest = std::max(longest, chunked.back().chunks.size());
    }
    std::vector<at::Tensor> tokens, multipliers;
    std::vector<Encoded> out(lines.size());
    // OpenCLIP-style first encoders (SD 2.x) see id 0 ("!") after each chunk's first EOS
    // (A1111 FrozenCLIPEmbedderWithCustomWords.process_tokens with id_pad 0): record those ids.
    const bool zero_after_eos = text.layer_choice(0).zero_after_eos;
    for (size_t k = 0; k < chunked.size(); ++k) {
        if (zero_after_eos) {
            std::vector<PromptChunk> fed = chunked[k].chunks;
            for (PromptChunk& c : fed) c.tokens = PromptChunker::openclip_tokens(c);
            out[k].tokens = PromptChunker::tokens_tensor(fed);
        } else {
            out[k].tokens = PromptChunker::tokens_tensor(chunked[k].chunks);
        }
        out[k].multipliers = PromptChunker::multipliers_tensor(chunked[k].chunks);
        std::vector<PromptChunk> padded = chunked[k].chunks;
        while (padded.size() < longest) padded.push_back(chunker.empty_chunk());
        tokens.push_back(PromptChunker::tokens_tensor(padded).reshape({-1, 77}));
        multipliers.push_back(PromptChunker::multipliers_tensor(padded).reshape({-1, 77}));
    }
    // Textual-inversion vectors replace the placeholder tokens the chunker left for them.
    std::vector<std::vector<ChunkOverrides>> overrides(chunked.size());
    bool any_override = false;
    for (size_t k = 0; k < chunked.size(); ++k) {
        for (const PromptChunk& chunk : chunked[k].chunks) {
            ChunkOverrides per_chunk;
            for (const PromptChunkFix& fix : chunk.fixes) {
                const TextualInversion* ti = options.embeddings ? options.embeddings->get(fix.name) : nullptr;
                if (!ti) throw PipelineError("embedding_missing", "The embedding " + fix.name + " is not loaded.");
                TokenOverride o;
                o.offset = fix.offset;
                for (int e = 0; e < 2; ++e) {
                    const at::Tensor v = ti->vectors_for(e, options.sdxl);
                    if (v.defined()) o.vectors[e] = v.narrow(0, 0, std::min<int64_t>(fix.num_vectors, v.size(0)));
                }
                per_chunk.push_back(std::move(o));
                note_once(report.used_embeddings, fix.name);
                any_override = true;
            }
            overrides[k].push_back(std::move(per_chunk));
            if (options.embeddings && !options.embeddings->skipped().empty())
                for (const auto& name :
                     options.embeddings->skipped_in(std::vector<int>(chunk.tokens.begin(), chunk.tokens.end())))
                    note_once(report.skipped_embeddings, name);
        }
    }
    std::vector<TextConditioning> conds = text.encode_batch(tokens, multipliers, any_override ? &overrides : nullptr);
    for (size_t k = 0; k < out.size(); ++k) {
        out[k].cond = std::move(conds[k]);
        if (zero) {
            out[k].cond.crossattn = at::zeros_like(out[k].cond.crossattn);
            if (out[k].cond.pooled.defined()) out[k].cond.pooled = at::zeros_like(out[k].cond.pooled);
        }
    }
    return out;
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
    // Each distinct sub-prompt is encoded once (A1111 caches by prompt, not by schedule text).
    std::map<std::string, std::vector<ScheduledConditioning>> cache;
    for (const auto& [subprompt, weight] : parts) {
        WeightedConditioning wc;
        wc.weight = weight;
        auto it = cache.find(subprompt);
        if (it == cache.end()) {
            const std::vector<ScheduleEntry> schedule = options.first_pass_steps > 0
                ? PromptParser::get_prompt_schedule(subprompt, options.first_pass_steps, options.steps)
                : PromptParser::get_prompt_schedule(subprompt, options.steps);
            if (schedule.empty()) throw PipelineError("prompt_syntax", "The prompt produced no conditioning.");
            std::vector<std::string> lines;
            for (const ScheduleEntry& entry : schedule) lines.push_back(entry.text);
            std::vector<Encoded> encoded = encode_texts(text, chunker, lines, zero, options, out);
            std::vector<ScheduledConditioning> entries;
            for (size_t k = 0; k < schedule.size(); ++k)
                entries.push_back({schedule[k].end_at_step, encoded[k].cond, encoded[k].tokens, encoded[k].multipliers});
            it = cache.emplace(subprompt, std::move(entries)).first;
        }
        wc.schedule = it->second;
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
