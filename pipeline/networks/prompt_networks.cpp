#include "pipeline/networks/prompt_networks.h"

#include "pipeline/core/error.h"
#include "pipeline/networks/embeddings.h"
#include "pipeline/networks/network_index.h"
#include "pipeline/tokenizers/clip_tokenizer.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace latent {

namespace {

std::string tag_text(const std::string& kind, const ExtraNetworkCall& call) {
    std::string s = "<" + kind;
    for (const auto& item : call.items) s += ":" + item;
    return s + ">";
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

// Python float(): surrounding whitespace allowed, the whole rest must be the number.
double parse_weight(const std::string& text, const std::string& kind, const ExtraNetworkCall& call) {
    const std::string t = trim(text);
    char* end = nullptr;
    errno = 0;
    const double v = t.empty() ? 0.0 : std::strtod(t.c_str(), &end);
    if (t.empty() || end != t.c_str() + t.size() || errno == ERANGE || !std::isfinite(v))
        throw PipelineError("bad_network_args", "The weight \"" + text + "\" in " + tag_text(kind, call) +
                                                    " is not a number.");
    return v;
}

int64_t parse_dyn(const std::string& text, const std::string& kind, const ExtraNetworkCall& call) {
    const std::string t = trim(text);
    char* end = nullptr;
    errno = 0;
    const long long v = t.empty() ? 0 : std::strtoll(t.c_str(), &end, 10);
    if (t.empty() || end != t.c_str() + t.size() || errno == ERANGE || v < 1)
        throw PipelineError("bad_network_args", "The rank \"" + text + "\" in " + tag_text(kind, call) +
                                                    " is not a positive whole number.");
    return v;
}

} // namespace

PromptNetworkCalls resolve_prompt_networks(const ExtraNetworks& extra, const std::vector<std::string>& lora_dirs) {
    PromptNetworkCalls out;
    for (const char* kind : {"lora", "lyco"}) {
        const auto* calls = extra.find(kind);
        if (!calls) continue;
        for (const ExtraNetworkCall& call : *calls) {
            std::vector<std::string> positional;
            std::map<std::string, std::string> named;
            for (const auto& item : call.items) {
                const auto eq = item.find('=');
                // A1111: item.split('=', 2) with exactly two parts is a named argument.
                if (eq != std::string::npos && item.find('=', eq + 1) == std::string::npos)
                    named[item.substr(0, eq)] = item.substr(eq + 1);
                else
                    positional.push_back(item);
            }
            if (positional.empty()) continue;  // A1111 would fail on a nameless tag; nothing to apply
            NetworkRequest r;
            r.name = positional[0];
            r.te_multiplier = positional.size() > 1 ? parse_weight(positional[1], kind, call) : 1.0;
            if (named.count("te")) r.te_multiplier = parse_weight(named["te"], kind, call);
            r.unet_multiplier = positional.size() > 2 ? parse_weight(positional[2], kind, call) : r.te_multiplier;
            if (named.count("unet")) r.unet_multiplier = parse_weight(named["unet"], kind, call);
            if (positional.size() > 3) r.dyn_dim = parse_dyn(positional[3], kind, call);
            if (named.count("dyn")) r.dyn_dim = parse_dyn(named["dyn"], kind, call);
            r.path = find_network_file(r.name, lora_dirs);
            if (r.path.empty())
                out.not_found.push_back(r.name);
            else
                out.requests.push_back(std::move(r));
        }
    }
    return out;
}

const EmbeddingDatabase* prepare_networks(DiffusionModel& model, const GenerationRequest& request,
                                          GenerationResult& result) {
    // 1. LoRA / LyCORIS of the (first) prompt, as A1111's parse_prompts.
    const ExtraNetworks extra = PromptParser::parse_extra_networks(PromptParser::strip_comments(request.prompt));
    const PromptNetworkCalls calls = resolve_prompt_networks(extra, request.lora_dirs);
    if (!calls.not_found.empty()) {
        std::string names;
        for (const auto& n : calls.not_found) names += (names.empty() ? "" : ", ") + n;
        result.warnings.push_back("Lora not found: " + names);
        result.networks_not_applied = calls.not_found;
    }
    if (!calls.requests.empty() || model.networks) {
        if (!model.networks) model.networks = std::make_shared<NetworkRuntime>(model);
        const NetworkActivation a = model.networks->activate(calls.requests);
        result.warnings.insert(result.warnings.end(), a.warnings.begin(), a.warnings.end());
        for (const auto& r : calls.requests) {
            bool applied = false;
            for (const auto& n : a.applied) applied = applied || (n.name == r.name && n.path == r.path);
            if (!applied) result.networks_not_applied.push_back(r.name);
        }
        for (const AppliedNetwork& n : a.applied) {
            UsedNetwork u;
            u.name = n.name;
            u.path = n.path;
            u.te_multiplier = n.te_multiplier;
            u.unet_multiplier = n.unet_multiplier;
            u.type = n.kind;
            auto it = n.metadata.find("sshs_model_hash");
            if (it != n.metadata.end()) u.metadata_hash = it->second;
            result.networks.push_back(std::move(u));
        }
    }

    // 2. Textual inversions (reloaded when the folders' contents change).
    if (request.embedding_dirs.empty()) return nullptr;
    int64_t width = 0;
    for (int e = 0; e < 2 && model.text; ++e)
        if (ClipTextModel te = model.text->encoder(e)) width += te->config().hidden_size;
    const std::string signature = EmbeddingDatabase::signature_of(request.embedding_dirs, width);
    if (!model.embeddings || model.embeddings->signature() != signature) {
        auto db = std::make_shared<EmbeddingDatabase>();
        db->load(request.embedding_dirs, width, ClipTokenizer::shared());
        for (const auto& e : db->errors()) result.warnings.push_back(e);
        model.embeddings = std::move(db);
    }
    return model.embeddings.get();
}

} // namespace latent
