#include "pipeline/networks/embeddings.h"

#include "pipeline/core/error.h"
#include "pipeline/networks/network_file.h"
#include "pipeline/networks/network_index.h"
#include "pipeline/tokenizers/clip_tokenizer.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

namespace latent {

namespace {

std::string label(const std::string& path) { return "\"" + std::filesystem::path(path).filename().string() + "\""; }

[[noreturn]] void bad(const std::string& path, const std::string& why) {
    throw PipelineError("embedding_bad_file", "The embedding " + label(path) + " " + why);
}

at::Tensor as_vectors(at::Tensor t, const std::string& path) {
    if (!t.is_floating_point()) bad(path, "does not hold floating-point vectors.");
    if (t.dim() == 1) t = t.unsqueeze(0);
    if (t.dim() != 2 || t.size(0) < 1 || t.size(1) < 1)
        bad(path, "holds a tensor of an unexpected shape (expected [vectors, width]).");
    return t.to(at::kFloat).contiguous();
}

bool matches_at(const std::vector<int>& tokens, std::size_t pos, const std::vector<int>& ids) {
    if (ids.empty() || pos + ids.size() > tokens.size()) return false;
    return std::equal(ids.begin(), ids.end(), tokens.begin() + static_cast<std::ptrdiff_t>(pos));
}

} // namespace

at::Tensor TextualInversion::vectors_for(int encoder, bool sdxl) const {
    if (clip_l.defined() || clip_g.defined()) {
        if (!sdxl) return {};
        return encoder == 0 ? clip_l : clip_g;
    }
    if (sdxl) return {};
    return encoder == 0 ? vec : at::Tensor();
}

TextualInversion load_textual_inversion(const std::string& path) {
    NetworkTensors file = read_network_file(path);
    TextualInversion e;
    e.path = path;
    e.name = std::filesystem::path(path).stem().string();
    std::vector<std::string> params;
    for (const auto& [k, t] : file.tensors)
        if (k.rfind("string_to_param.", 0) == 0) params.push_back(k);
    if (!params.empty()) {
        if (params.size() != 1) bad(path, "has several terms in it (A1111 refuses that too).");
        e.vec = as_vectors(file.tensors.at(params.front()), path);
    } else if (file.tensors.count("clip_g") && file.tensors.count("clip_l")) {
        e.clip_l = as_vectors(file.tensors.at("clip_l"), path);
        e.clip_g = as_vectors(file.tensors.at("clip_g"), path);
        if (e.clip_l.size(0) != e.clip_g.size(0)) bad(path, "has clip_l and clip_g with different vector counts.");
    } else if (file.tensors.size() == 1) {
        e.vec = as_vectors(file.tensors.begin()->second, path);
    } else if (file.tensors.empty()) {
        bad(path, "holds no tensors.");
    } else {
        bad(path, "is neither a textual-inversion embedding nor a diffusers concept (it has " +
                      std::to_string(file.tensors.size()) + " tensors).");
    }
    if (e.vec.defined()) {
        e.vectors = e.vec.size(0);
        e.width = e.vec.size(1);
    } else {
        e.vectors = e.clip_g.size(0);
        e.width = e.clip_l.size(1) + e.clip_g.size(1);
    }
    if (e.vectors > kChunkLength)
        bad(path, "has " + std::to_string(e.vectors) + " vectors, more than a 75-token chunk holds.");
    return e;
}

std::string EmbeddingDatabase::signature_of(const std::vector<std::string>& dirs, int64_t expected_width) {
    std::ostringstream os;
    os << expected_width;
    for (const auto& e : list_embedding_files(dirs)) {
        std::error_code ec;
        os << '\n' << e.path << '|' << std::filesystem::file_size(e.path, ec) << '|'
           << std::filesystem::last_write_time(e.path, ec).time_since_epoch().count();
    }
    return os.str();
}

void EmbeddingDatabase::load(const std::vector<std::string>& dirs, int64_t expected_width,
                             const ClipTokenizer& tokenizer) {
    embeddings_.clear();
    skipped_.clear();
    ids_lookup_.clear();
    skipped_ids_.clear();
    errors_.clear();
    signature_ = signature_of(dirs, expected_width);
    expected_width_ = expected_width;
    for (const auto& f : list_embedding_files(dirs)) {
        std::error_code ec;
        if (std::filesystem::file_size(f.path, ec) == 0) continue;  // A1111 skips empty files
        TextualInversion e;
        try {
            e = load_textual_inversion(f.path);
        } catch (const PipelineError& err) {
            errors_.push_back(err.what());
            continue;
        }
        std::vector<int> ids = tokenizer.encode(e.name);
        if (ids.empty()) continue;
        const std::string name = e.name;
        if (e.width != expected_width) {
            skipped_[name] = std::move(e);
            skipped_ids_.push_back({std::move(ids), name});
            continue;
        }
        // A later file of the same name replaces the earlier one (A1111 register_embedding_by_name).
        if (embeddings_.count(name))
            for (auto& [first, list] : ids_lookup_)
                list.erase(std::remove_if(list.begin(), list.end(), [&](const Entry& x) { return x.name == name; }),
                           list.end());
        embeddings_[name] = std::move(e);
        auto& list = ids_lookup_[ids.front()];
        list.push_back({std::move(ids), name});
        std::stable_sort(list.begin(), list.end(),
                         [](const Entry& a, const Entry& b) { return a.ids.size() > b.ids.size(); });
    }
}

std::optional<EmbeddingLookup::Match> EmbeddingDatabase::find_at(const std::vector<int>& tokens,
                                                                 std::size_t position) const {
    if (position >= tokens.size()) return std::nullopt;
    auto it = ids_lookup_.find(tokens[position]);
    if (it == ids_lookup_.end()) return std::nullopt;
    for (const Entry& e : it->second) {
        if (!matches_at(tokens, position, e.ids)) continue;
        const TextualInversion& ti = embeddings_.at(e.name);
        return Match{e.name, static_cast<int>(ti.vectors), static_cast<int>(e.ids.size())};
    }
    return std::nullopt;
}

const TextualInversion* EmbeddingDatabase::get(const std::string& name) const {
    auto it = embeddings_.find(name);
    return it == embeddings_.end() ? nullptr : &it->second;
}

std::vector<std::string> EmbeddingDatabase::skipped_in(const std::vector<int>& tokens) const {
    std::vector<std::string> out;
    for (const Entry& e : skipped_ids_)
        for (std::size_t i = 0; i < tokens.size(); ++i)
            if (matches_at(tokens, i, e.ids)) {
                out.push_back(e.name);
                break;
            }
    return out;
}

} // namespace latent
