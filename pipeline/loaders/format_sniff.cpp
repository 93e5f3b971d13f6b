#include "pipeline/loaders/format_sniff.h"

#include "pipeline/core/error.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string_view>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace latent {

namespace {

uint64_t le64(const uint8_t* p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
    return v;
}

bool is_ws(uint8_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

bool istarts_with(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char a = s[i], b = prefix[i];
        if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
        if (a != b) return false;
    }
    return true;
}

bool icontains(std::string_view s, std::string_view needle) {
    if (needle.empty() || s.size() < needle.size()) return false;
    for (std::size_t i = 0; i + needle.size() <= s.size(); ++i)
        if (istarts_with(s.substr(i), needle)) return true;
    return false;
}

} // namespace

FileFormat sniff_format_bytes(const uint8_t* data, std::size_t len, uint64_t file_size) {
    if (file_size == 0 || len == 0) return FileFormat::Empty;
    if (len > file_size) len = static_cast<std::size_t>(file_size);
    std::string_view s(reinterpret_cast<const char*>(data), len);

    // safetensors: u64 N <= 100M, 8 + N <= size, the header text starts (after optional
    // whitespace) with '{'.
    if (len >= 9) {
        const uint64_t n = le64(data);
        if (n >= 2 && n <= 100'000'000ull && 8 + n <= file_size) {
            std::size_t i = 8;
            while (i < len && i < 8 + n && is_ws(data[i])) ++i;
            if (i < len && data[i] == '{') return FileFormat::Safetensors;
        }
    }
    if (starts_with(s, "PK\x03\x04") || starts_with(s, "PK\x05\x06")) {
        // torch.save's zip: first member "<name>/data.pkl" (or data.pkl somewhere near the start).
        if (s.find("data.pkl") != std::string_view::npos) return FileFormat::PyTorchZip;
        return FileFormat::Zip;
    }
    if (len >= 2 && data[0] == 0x80 && data[1] >= 2 && data[1] <= 5) return FileFormat::Pickle;
    if (starts_with(s, "GGUF")) return FileFormat::Gguf;
    if (starts_with(s, std::string_view("7z\xBC\xAF\x27\x1C", 6))) return FileFormat::SevenZip;

    std::string_view t = s;
    if (starts_with(t, "\xEF\xBB\xBF")) t.remove_prefix(3);  // UTF-8 BOM
    while (!t.empty() && is_ws(static_cast<uint8_t>(t.front()))) t.remove_prefix(1);
    if (starts_with(t, "version https://git-lfs.github.com/spec/") ||
        (starts_with(t, "version ") && t.find("oid sha256:") != std::string_view::npos))
        return FileFormat::GitLfsPointer;
    if (istarts_with(t, "<!doctype html") || istarts_with(t, "<html") || istarts_with(t, "<head") ||
        istarts_with(t, "<body") || istarts_with(t, "<meta") || istarts_with(t, "<title") ||
        (istarts_with(t, "<") && (icontains(t.substr(0, 4096), "<html") ||
                                  icontains(t.substr(0, 4096), "<body"))))
        return FileFormat::Html;
    if (!t.empty() && (t.front() == '{' || t.front() == '[')) return FileFormat::Json;
    // Legacy pickle protocols 0/1 as written by old torch.save: '(' MARK or '}' EMPTY_DICT then
    // text opcodes. Too ambiguous to call pickle; leave Unknown.
    return FileFormat::Unknown;
}

FileFormat sniff_format(const std::string& path) {
    std::error_code ec;
    const auto st = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(st))
        throw PipelineError("not_found", "The file '" + path + "' does not exist or cannot be read.");
    if (std::filesystem::is_directory(st)) {
        if (std::filesystem::is_regular_file(std::filesystem::path(path) / "model_index.json", ec))
            return FileFormat::DiffusersFolder;
        return FileFormat::Directory;
    }
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw PipelineError("io_error", "Cannot open '" + path + "': " + std::strerror(errno) + ".");
    struct stat sb {};
    if (::fstat(fd, &sb) != 0) {
        ::close(fd);
        throw PipelineError("io_error", "Cannot read '" + path + "'.");
    }
    uint8_t buf[4096];
    std::size_t got = 0;
    while (got < sizeof buf) {
        const ssize_t r = ::pread(fd, buf + got, sizeof buf - got, static_cast<off_t>(got));
        if (r < 0) {
            if (errno == EINTR) continue;
            ::close(fd);
            throw PipelineError("io_error", "Cannot read '" + path + "': " + std::strerror(errno) + ".");
        }
        if (r == 0) break;
        got += static_cast<std::size_t>(r);
    }
    ::close(fd);
    return sniff_format_bytes(buf, got, static_cast<uint64_t>(sb.st_size));
}

std::string format_name(FileFormat f) {
    switch (f) {
    case FileFormat::Safetensors: return "safetensors";
    case FileFormat::PyTorchZip: return "pytorch_zip";
    case FileFormat::Pickle: return "pickle";
    case FileFormat::GitLfsPointer: return "git_lfs_pointer";
    case FileFormat::Html: return "html";
    case FileFormat::Json: return "json";
    case FileFormat::Gguf: return "gguf";
    case FileFormat::Empty: return "empty";
    case FileFormat::Unknown: return "unknown";
    case FileFormat::DiffusersFolder: return "diffusers_folder";
    case FileFormat::Directory: return "directory";
    case FileFormat::Zip: return "zip";
    case FileFormat::SevenZip: return "7z";
    }
    return "unknown";
}

std::string format_explanation(FileFormat f) {
    switch (f) {
    case FileFormat::Safetensors:
        return "This is a safetensors file, the safe format for model weights.";
    case FileFormat::PyTorchZip:
        return "This is a PyTorch pickle checkpoint (zip container). Pickle checkpoints can run code "
               "when they are opened, so Latent Studio does not load them; convert it with "
               "'latentstudio-cli convert FILE --out FILE.safetensors' or download the .safetensors "
               "version.";
    case FileFormat::Pickle:
        return "This is a bare pickle checkpoint. Pickle checkpoints can run code when they are "
               "opened, so Latent Studio does not load them; convert it with 'latentstudio-cli "
               "convert FILE --out FILE.safetensors' or download the .safetensors version.";
    case FileFormat::GitLfsPointer:
        return "This is a Git LFS pointer, not the model: download the real file (for example with "
               "'git lfs pull' or from the website's download button).";
    case FileFormat::Html:
        return "A web page (often a login or error page) was saved instead of the model: sign in or "
               "accept the licence on the website, then download the file again.";
    case FileFormat::Json:
        return "A JSON document (usually an error message from the server) was saved instead of the "
               "model: check the download link and your access token, then download it again.";
    case FileFormat::Gguf:
        return "This is a GGUF file (quantised weights for llama.cpp / stable-diffusion.cpp), which "
               "Latent Studio does not load: use the .safetensors version of the model.";
    case FileFormat::Empty:
        return "The file is empty (0 bytes): the download probably failed; download it again.";
    case FileFormat::Unknown:
        return "The file is not in a known model format (it may be damaged or incomplete).";
    case FileFormat::DiffusersFolder:
        return "This is a diffusers model folder (model_index.json with one folder per component).";
    case FileFormat::Directory:
        return "This is a folder without model_index.json, so it is not a diffusers model folder.";
    case FileFormat::Zip:
        return "This is a zip archive, not a model file: extract it first.";
    case FileFormat::SevenZip:
        return "This is a 7z archive, not a model file: extract it first.";
    }
    return "Unknown format.";
}

bool format_is_pickle(FileFormat f) { return f == FileFormat::PyTorchZip || f == FileFormat::Pickle; }

} // namespace latent
