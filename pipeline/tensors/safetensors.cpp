#include "pipeline/tensors/safetensors.h"

#include "pipeline/core/error.h"
#include "pipeline/loaders/format_sniff.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <filesystem>
#include <numeric>
#include <set>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "safetensors I/O assumes a little-endian host");

namespace latent {


namespace {
[[noreturn]] void fail(const char* code, const std::string& msg) { throw PipelineError(code, msg); }
std::string printable(std::string_view name) { return printable_tensor_name(name); }
uint64_t le64(const uint8_t* p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
    return v;
}
} // namespace

std::optional<at::ScalarType> safe_dtype_to_scalar(SafeDType t) {
    switch (t) {
    case SafeDType::BOOL: return at::kBool;
    case SafeDType::U8: return at::kByte;
    case SafeDType::I8: return at::kChar;
    case SafeDType::I16: return at::kShort;
    case SafeDType::I32: return at::kInt;
    case SafeDType::I64: return at::kLong;
    case SafeDType::F16: return at::kHalf;
    case SafeDType::BF16: return at::kBFloat16;
    case SafeDType::F32: return at::kFloat;
    case SafeDType::F64: return at::kDouble;
    case SafeDType::C64: return at::kComplexFloat;
    default: return std::nullopt;
    }
}

std::optional<SafeDType> safe_dtype_from_scalar(at::ScalarType t) {
    switch (t) {
    case at::kBool: return SafeDType::BOOL;
    case at::kByte: return SafeDType::U8;
    case at::kChar: return SafeDType::I8;
    case at::kShort: return SafeDType::I16;
    case at::kInt: return SafeDType::I32;
    case at::kLong: return SafeDType::I64;
    case at::kHalf: return SafeDType::F16;
    case at::kBFloat16: return SafeDType::BF16;
    case at::kFloat: return SafeDType::F32;
    case at::kDouble: return SafeDType::F64;
    case at::kComplexFloat: return SafeDType::C64;
    default: return std::nullopt;
    }
}


// ---------------------------------------------------------------------------------------------
// File reader

namespace {

void pread_exact(int fd, void* dst, uint64_t len, uint64_t off, const std::string& path) {
    auto* p = static_cast<uint8_t*>(dst);
    while (len > 0) {
        const std::size_t chunk = static_cast<std::size_t>(std::min<uint64_t>(len, 1u << 30));
        const ssize_t r = ::pread(fd, p, chunk, static_cast<off_t>(off));
        if (r < 0) {
            if (errno == EINTR) continue;
            fail("io_error", "Reading '" + path + "' failed: " + std::strerror(errno) +
                                 " (was the drive removed?).");
        }
        if (r == 0)
            fail("truncated", "The file '" + path + "' ended early: it is truncated or changed while loading.");
        p += r;
        off += static_cast<uint64_t>(r);
        len -= static_cast<uint64_t>(r);
    }
}

} // namespace

struct SafetensorsFile::Impl {
    std::string path;
    int fd = -1;
    uint64_t file_size = 0;
    uint64_t data_offset = 0;
    std::vector<TensorInfo> tensors;
    std::map<std::string, std::string> metadata;
    std::map<std::string, std::size_t, std::less<>> index;
    ~Impl() {
        if (fd >= 0) ::close(fd);
    }
};

SafetensorsFile SafetensorsFile::open(const std::string& path) {
    auto impl = std::make_shared<Impl>();
    impl->path = path;
    impl->fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (impl->fd < 0) {
        const int err = errno;
        if (err == ENOENT) fail("not_found", "The file '" + path + "' does not exist.");
        fail("io_error", "Cannot open '" + path + "': " + std::strerror(err) + ".");
    }
    struct stat sb {};
    if (::fstat(impl->fd, &sb) != 0) fail("io_error", "Cannot read '" + path + "'.");
    if (S_ISDIR(sb.st_mode)) fail("wrong_format", "'" + path + "' is a folder, not a safetensors file.");
    impl->file_size = static_cast<uint64_t>(sb.st_size);

    // Explain other known formats (LFS pointer, HTML page, pickle, ...) instead of "corrupt".
    auto other_format = [&](const uint8_t* bytes, std::size_t n) {
        const FileFormat f = sniff_format_bytes(bytes, n, impl->file_size);
        if (f != FileFormat::Safetensors && f != FileFormat::Unknown && f != FileFormat::Empty)
            fail("wrong_format", "'" + std::filesystem::path(path).filename().string() +
                                     "' is not a safetensors file. " + format_explanation(f));
    };

    if (impl->file_size < 8) {
        uint8_t small[8] = {};
        if (impl->file_size) pread_exact(impl->fd, small, impl->file_size, 0, path);
        other_format(small, static_cast<std::size_t>(impl->file_size));
        fail("safetensors_too_short", "The file '" + std::filesystem::path(path).filename().string() +
                                          "' is too short to be a safetensors file (" +
                                          std::to_string(impl->file_size) + " bytes).");
    }
    uint8_t head[4096];
    const std::size_t head_len = static_cast<std::size_t>(std::min<uint64_t>(sizeof head, impl->file_size));
    pread_exact(impl->fd, head, head_len, 0, path);
    const uint64_t n = le64(head);
    if (n > kSafetensorsMaxHeader || n > impl->file_size - 8) {
        other_format(head, head_len);
        parse_safetensors_prefix(head, head_len, impl->file_size);  // throws the precise error
    }
    // Bounded header read: n <= 100 MB and <= file size, both checked above.
    SafetensorsHeader h;
    {
        std::unique_ptr<uint8_t[]> header(new uint8_t[n ? n : 1]);  // filled by the read below
        if (n) pread_exact(impl->fd, header.get(), n, 8, path);
        try {
            h = parse_safetensors_header(header.get(), static_cast<std::size_t>(n), impl->file_size);
        } catch (const PipelineError& e) {
            if (e.code() == "safetensors_invalid_header") other_format(head, head_len);
            throw;
        }
    }
    impl->data_offset = 8 + n;
    impl->tensors = std::move(h.tensors);
    impl->metadata = std::move(h.metadata);
    for (std::size_t i = 0; i < impl->tensors.size(); ++i) impl->index.emplace(impl->tensors[i].name, i);
    SafetensorsFile f;
    f.impl_ = std::move(impl);
    return f;
}

namespace {
const SafetensorsFile::Impl& need(const std::shared_ptr<const SafetensorsFile::Impl>& p) {
    if (!p) fail("invalid_argument", "The safetensors file is not open.");
    return *p;
}
} // namespace

const std::string& SafetensorsFile::path() const { return need(impl_).path; }
const std::vector<TensorInfo>& SafetensorsFile::tensors() const { return need(impl_).tensors; }
const std::map<std::string, std::string>& SafetensorsFile::metadata() const { return need(impl_).metadata; }
uint64_t SafetensorsFile::data_offset() const { return need(impl_).data_offset; }
uint64_t SafetensorsFile::file_size() const { return need(impl_).file_size; }

const TensorInfo* SafetensorsFile::find(std::string_view name) const {
    const auto& im = need(impl_);
    auto it = im.index.find(name);
    return it == im.index.end() ? nullptr : &im.tensors[it->second];
}

bool SafetensorsFile::contains(std::string_view name) const { return find(name) != nullptr; }

void SafetensorsFile::read_data(uint64_t offset, void* dst, uint64_t len) const {
    const auto& im = need(impl_);
    const uint64_t data_size = im.file_size - im.data_offset;
    if (offset > data_size || len > data_size - offset)
        fail("invalid_argument", "Read outside the data section of '" + im.path + "'.");
    if (len) pread_exact(im.fd, dst, len, im.data_offset + offset, im.path);
}

at::Tensor SafetensorsFile::load(const TensorInfo& t, std::optional<at::ScalarType> to) const {
    const auto& im = need(impl_);
    const auto st = safe_dtype_to_scalar(t.dtype);
    if (!st)
        fail("unsupported_dtype", "The tensor '" + printable(t.name) + "' uses the " +
                                      std::string(safe_dtype_name(t.dtype)) +
                                      " data type, which this version of Latent Studio cannot load.");
    const uint64_t bytes = t.end - t.begin;
    at::Tensor out;
    if (*st == at::kBool) {
        // Read raw bytes and normalise: a bool tensor must hold only 0/1.
        at::Tensor raw = at::empty(t.shape, at::TensorOptions().dtype(at::kByte));
        if (static_cast<uint64_t>(raw.nbytes()) != bytes)
            fail("safetensors_size_mismatch", "Tensor size mismatch for '" + printable(t.name) + "'.");
        read_data(t.begin, raw.data_ptr(), bytes);
        out = raw.ne(0);
    } else {
        out = at::empty(t.shape, at::TensorOptions().dtype(*st));
        if (static_cast<uint64_t>(out.nbytes()) != bytes)
            fail("safetensors_size_mismatch", "Tensor size mismatch for '" + printable(t.name) + "'.");
        read_data(t.begin, out.data_ptr(), bytes);
    }
    (void)im;
    if (to && *to != out.scalar_type()) out = out.to(*to);
    return out;
}

at::Tensor SafetensorsFile::load(std::string_view name, std::optional<at::ScalarType> to) const {
    const TensorInfo* t = find(name);
    if (!t) fail("not_found", "The tensor '" + printable(name) + "' is not in '" + need(impl_).path + "'.");
    return load(*t, to);
}

// ---------------------------------------------------------------------------------------------
// Writer

namespace {

void json_escape(std::string& out, std::string_view s) {
    out += '"';
    for (unsigned char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (c < 0x20) {
                static const char* hex = "0123456789abcdef";
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 15];
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    out += '"';
}

} // namespace

std::string build_safetensors_header(const std::vector<SafetensorsTensorSpec>& specs,
                                     const std::map<std::string, std::string>& metadata) {
    if (specs.size() > kSafetensorsMaxTensors)
        fail("invalid_argument", "Too many tensors to write (" + std::to_string(specs.size()) + ").");
    std::set<std::string_view> names;
    std::string h = "{";
    bool first = true;
    if (!metadata.empty()) {
        h += "\"__metadata__\":{";
        bool f2 = true;
        for (const auto& [k, v] : metadata) {
            if (!is_valid_utf8(k) || !is_valid_utf8(v))
                fail("invalid_argument", "Metadata keys and values must be UTF-8 text.");
            if (!f2) h += ',';
            f2 = false;
            json_escape(h, k);
            h += ':';
            json_escape(h, v);
        }
        h += '}';
        first = false;
    }
    uint64_t offset = 0;
    for (const auto& spec : specs) {
        const std::string& name = spec.name;
        if (name == "__metadata__") fail("invalid_argument", "A tensor cannot be named __metadata__.");
        if (!is_valid_utf8(name)) fail("invalid_argument", "Tensor names must be UTF-8 text.");
        if (!names.insert(name).second)
            fail("invalid_argument", "The tensor name '" + printable(name) + "' is used twice.");
        if (spec.shape.size() > kSafetensorsMaxRank)
            fail("invalid_argument", "The tensor '" + printable(name) + "' has too many dimensions.");
        const auto dt = safe_dtype_from_scalar(spec.dtype);
        if (!dt)
            fail("unsupported_dtype", "The tensor '" + printable(name) + "' has a data type (" +
                                          std::string(c10::toString(spec.dtype)) +
                                          ") that safetensors cannot store.");
        uint64_t bytes = static_cast<uint64_t>(safe_dtype_bits(*dt) / 8);
        for (int64_t d : spec.shape) {
            if (d < 0 || __builtin_mul_overflow(bytes, static_cast<uint64_t>(d), &bytes))
                fail("invalid_argument", "The tensor '" + printable(name) + "' has an impossible shape.");
        }
        if (!first) h += ',';
        first = false;
        json_escape(h, name);
        h += ":{\"dtype\":\"";
        h += safe_dtype_name(*dt);
        h += "\",\"shape\":[";
        for (std::size_t i = 0; i < spec.shape.size(); ++i) {
            if (i) h += ',';
            h += std::to_string(spec.shape[i]);
        }
        h += "],\"data_offsets\":[";
        h += std::to_string(offset);
        h += ',';
        if (__builtin_add_overflow(offset, bytes, &offset)) fail("invalid_argument", "The tensors are too large.");
        h += std::to_string(offset);
        h += "]}";
    }
    h += '}';
    while (h.size() % 8 != 0) h += ' ';
    return h;
}

namespace {

std::vector<SafetensorsTensorSpec> specs_of(const std::vector<std::pair<std::string, at::Tensor>>& tensors) {
    std::vector<SafetensorsTensorSpec> specs;
    specs.reserve(tensors.size());
    for (const auto& [name, t] : tensors) {
        if (!t.defined()) fail("invalid_argument", "The tensor '" + printable(name) + "' is undefined.");
        specs.push_back({name, t.scalar_type(), t.sizes().vec()});
    }
    return specs;
}

} // namespace

std::string build_safetensors_header(const std::vector<std::pair<std::string, at::Tensor>>& tensors,
                                     const std::map<std::string, std::string>& metadata) {
    return build_safetensors_header(specs_of(tensors), metadata);
}

namespace {

void write_all(int fd, const void* src, std::size_t len, const std::string& path) {
    const auto* p = static_cast<const uint8_t*>(src);
    while (len > 0) {
        const ssize_t w = ::write(fd, p, std::min<std::size_t>(len, 1u << 30));
        if (w < 0) {
            if (errno == EINTR) continue;
            fail("write_failed", "Writing '" + path + "' failed: " + std::strerror(errno) + ".");
        }
        p += w;
        len -= static_cast<std::size_t>(w);
    }
}

} // namespace

void write_safetensors(const std::string& path, const std::vector<std::pair<std::string, at::Tensor>>& tensors,
                       const std::map<std::string, std::string>& metadata) {
    write_safetensors_streamed(path, specs_of(tensors), [&](std::size_t i) { return tensors[i].second; }, metadata);
}

void write_safetensors_streamed(const std::string& path, const std::vector<SafetensorsTensorSpec>& specs,
                                const SafetensorsTensorProducer& produce,
                                const std::map<std::string, std::string>& metadata) {
    const std::string header = build_safetensors_header(specs, metadata);
    if (header.size() > kSafetensorsMaxHeader)
        fail("invalid_argument", "The safetensors header would be larger than 100 MB.");

    std::string tmpl = path + ".tmp-XXXXXX";
    const int fd = ::mkostemp(tmpl.data(), O_CLOEXEC);
    if (fd < 0) fail("write_failed", "Cannot create a file next to '" + path + "': " + std::strerror(errno) + ".");
    bool done = false;
    struct Cleanup {
        int fd;
        const std::string& tmp;
        bool& done;
        ~Cleanup() {
            if (fd >= 0) ::close(fd);
            if (!done) ::unlink(tmp.c_str());
        }
    } cleanup{fd, tmpl, done};

    ::fchmod(fd, 0644);
    uint8_t len8[8];
    uint64_t n = header.size();
    for (int i = 0; i < 8; ++i) len8[i] = static_cast<uint8_t>(n >> (8 * i));
    write_all(fd, len8, 8, path);
    write_all(fd, header.data(), header.size(), path);
    for (std::size_t i = 0; i < specs.size(); ++i) {
        const SafetensorsTensorSpec& spec = specs[i];
        at::Tensor c = produce(i);
        if (!c.defined() || c.scalar_type() != spec.dtype || c.sizes().vec() != spec.shape)
            fail("invalid_argument", "The tensor '" + printable(spec.name) + "' does not match its declared dtype and shape.");
        if (!c.device().is_cpu()) c = c.cpu();
        c = c.contiguous();
        if (c.numel() == 0) continue;
        if (c.scalar_type() == at::kBool) c = c.to(at::kByte);
        write_all(fd, c.data_ptr(), c.nbytes(), path);
    }
    if (::fsync(fd) != 0) fail("write_failed", "Flushing '" + path + "' to disk failed: " + std::strerror(errno) + ".");
    const int fd_copy = cleanup.fd;
    cleanup.fd = -1;
    if (::close(fd_copy) != 0) fail("write_failed", "Closing '" + path + "' failed: " + std::strerror(errno) + ".");
    if (::rename(tmpl.c_str(), path.c_str()) != 0)
        fail("write_failed", "Cannot move the new file into place as '" + path + "': " + std::strerror(errno) + ".");
    done = true;
    // Make the rename durable (best effort).
    std::string dir = std::filesystem::path(path).parent_path().string();
    if (dir.empty()) dir = ".";
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
}

} // namespace latent
