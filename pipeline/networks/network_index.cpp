#include "pipeline/networks/network_index.h"

#include "pipeline/tensors/safetensors.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <mutex>

namespace latent {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// os.walk order: a folder's files (sorted here), then its subfolders, depth first.
void walk(const fs::path& dir, const std::vector<std::string>& extensions, std::vector<fs::path>& out, int depth = 0) {
    std::error_code ec;
    if (depth > 32 || !fs::is_directory(dir, ec)) return;
    std::vector<fs::path> files, dirs;
    for (fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end;
         it.increment(ec)) {
        std::error_code e2;
        if (it->is_directory(e2)) dirs.push_back(it->path());
        else if (it->is_regular_file(e2) &&
                 std::find(extensions.begin(), extensions.end(), lower(it->path().extension().string())) != extensions.end())
            files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    std::sort(dirs.begin(), dirs.end());
    out.insert(out.end(), files.begin(), files.end());
    for (const auto& d : dirs) walk(d, extensions, out, depth + 1);
}

struct CachedAlias {
    uintmax_t size = 0;
    fs::file_time_type mtime;
    std::string alias;
};

std::mutex g_mutex;
std::map<std::string, CachedAlias> g_aliases;  // path -> alias

std::string alias_of(const fs::path& path) {
    if (lower(path.extension().string()) != ".safetensors") return {};
    std::error_code ec;
    const uintmax_t size = fs::file_size(path, ec);
    const auto mtime = fs::last_write_time(path, ec);
    {
        std::lock_guard<std::mutex> lock(g_mutex);
        auto it = g_aliases.find(path.string());
        if (it != g_aliases.end() && it->second.size == size && it->second.mtime == mtime) return it->second.alias;
    }
    std::string alias;
    try {
        const SafetensorsFile file = SafetensorsFile::open(path.string());
        auto it = file.metadata().find("ss_output_name");
        if (it != file.metadata().end()) alias = it->second;
    } catch (const std::exception&) {
        // unreadable files have no alias; loading them later reports the problem
    }
    std::lock_guard<std::mutex> lock(g_mutex);
    g_aliases[path.string()] = {size, mtime, alias};
    return alias;
}

std::vector<NetworkFileEntry> list_files(const std::vector<std::string>& dirs, const std::vector<std::string>& ext,
                                         bool aliases) {
    std::vector<fs::path> paths;
    for (const auto& d : dirs)
        if (!d.empty()) walk(fs::path(d), ext, paths);
    std::vector<NetworkFileEntry> out;
    for (const auto& p : paths) {
        NetworkFileEntry e;
        e.name = p.stem().string();
        e.path = p.string();
        e.alias = aliases ? alias_of(p) : std::string();
        if (e.alias.empty()) e.alias = e.name;
        out.push_back(std::move(e));
    }
    return out;
}

} // namespace

std::vector<NetworkFileEntry> list_network_files(const std::vector<std::string>& dirs) {
    return list_files(dirs, {".safetensors", ".pt", ".ckpt"}, true);
}

std::vector<NetworkFileEntry> list_embedding_files(const std::vector<std::string>& dirs) {
    return list_files(dirs, {".safetensors", ".pt", ".bin"}, false);
}

std::string find_network_file(const std::string& name, const std::vector<std::string>& dirs) {
    // A1111 networks.process_network_files / load_networks.
    std::map<std::string, const NetworkFileEntry*> by_name, by_alias;
    std::map<std::string, bool> forbidden{{"none", true}, {"Addams", true}};
    const std::vector<NetworkFileEntry> entries = list_network_files(dirs);
    for (const auto& e : entries) {
        by_name[e.name] = &e;
        if (by_alias.count(e.alias)) forbidden[lower(e.alias)] = true;
        by_alias[e.name] = &e;
        by_alias[e.alias] = &e;
    }
    const NetworkFileEntry* found = nullptr;
    if (forbidden.count(lower(name))) {
        auto it = by_name.find(name);
        if (it != by_name.end()) found = it->second;
    } else {
        auto it = by_alias.find(name);
        if (it != by_alias.end()) found = it->second;
    }
    return found ? found->path : std::string();
}

} // namespace latent
