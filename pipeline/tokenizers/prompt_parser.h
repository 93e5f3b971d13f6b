// AUTOMATIC1111 prompt syntax (v1.10), reimplemented from the semantics of
// `modules/prompt_parser.py`, `modules/extra_networks.py` and the "Comments" script:
//
//   strip_comments            `#` comments (whole lines and line ends)
//   parse_extra_networks      `<lora:name:0.8>`, `<lyco:...>`, `<hypernet:...>`: removed, returned
//   get_multicond_prompt_list `AND` with optional `:weight` per sub-prompt
//   get_prompt_schedule       `[from:to:when]`, `[to:when]`, `[from::when]`, `[a|b|c]` -> per-step
//                             texts (the lark grammar, with "new-style" timelines and hires steps)
//   parse_prompt_attention    `(a)`, `[a]`, `(a:1.3)`, escapes, `BREAK` -> (text, weight) runs
//
// A1111 applies them in that order: comments, extra networks, AND, schedules, then attention
// inside the text encoder wrapper. Errors where A1111 raises (e.g. `(cat:1.2.3)`) throw
// PipelineError("prompt_syntax", ...).
//
// Grammar note: A1111 parses schedules with a lark Earley parser whose grammar lets any bracket
// or colon stand for itself at the top level. This implementation resolves that ambiguity by
// taking, left to right, every bracket that forms a valid `[...]` / `(...)` construct; a bracket
// that cannot is literal text. That agrees with A1111 on its documented cases; exotic nestings
// where both readings are valid may differ.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace latent {

struct AttentionPiece {
    std::string text;
    double weight = 1.0; // `BREAK` is the piece {"BREAK", -1}
    bool is_break() const { return weight == -1.0 && text == "BREAK"; }
};

struct ScheduleEntry {
    int end_at_step = 0; // this text applies to steps <= end_at_step
    std::string text;
};

struct MulticondPromptList {
    // For each input prompt: (index into `flat`, weight) per AND-separated sub-prompt.
    std::vector<std::vector<std::pair<int, double>>> indexes;
    std::vector<std::string> flat; // unique sub-prompt texts, in order of appearance
};

struct ExtraNetworkCall {
    std::vector<std::string> items; // the `:`-separated arguments, e.g. {"foo", "0.8"}
};

struct ExtraNetworks {
    std::string prompt; // the prompt with every `<name:args>` tag removed
    // Network kind ("lora", "lyco", "hypernet", ...) -> its calls, kinds in order of appearance.
    std::vector<std::pair<std::string, std::vector<ExtraNetworkCall>>> networks;
    const std::vector<ExtraNetworkCall>* find(std::string_view kind) const;
};

class PromptParser {
public:
    static std::string strip_comments(std::string_view text);
    static ExtraNetworks parse_extra_networks(std::string_view prompt);
    static MulticondPromptList get_multicond_prompt_list(const std::vector<std::string>& prompts);
    // `hires_steps` set and !use_old_scheduling: integers count from the start of the first pass
    // (so they are offset by base_steps), fractions above 1 address the hires pass.
    static std::vector<ScheduleEntry> get_prompt_schedule(std::string_view prompt, int base_steps,
                                                          std::optional<int> hires_steps = std::nullopt,
                                                          bool use_old_scheduling = false);
    static std::vector<AttentionPiece> parse_prompt_attention(std::string_view text);
};

} // namespace latent
