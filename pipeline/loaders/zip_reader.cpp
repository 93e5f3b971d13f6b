#include "pipeline/loaders/zip_reader.h"

#include "pipeline/core/error.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <set>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

namespace latent {

namespace {

[[noreturn]] void refuse(const std::string& why) {
    throw PipelineError("cannot_verify", "cannot verify this file, not loaded: " + why + ".");
}

uint16_t u16(const uint8_t* p) { return static_cast<uint16_t>(p[0] | (p[1] << 8)); }
uint32_t u32(const uint8_t* p) {
    return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) | (static_cast<uint32_t>(p[2]) << 16) |
           (static_cast<uint32_t>(p[3]) << 24);
}
uint64_t u64(const uint8_t* p) { return static_cast<uint64_t>(u32(p)) | (static_cast<uint64_t>(u32(p + 4)) << 32); }

bool add_ok(uint64_t a, uint64_t b, uint64_t& out) { return !__builtin_add_overflow(a, b, &out); }

void check_name(const std::string& n) {
    if (n.empty() || n.size() > 1024) refuse("a zip member has an empty or overlong name");
    if (n.find('\0') != std::string::npos || n.find('\\') != std::string::npos)
        refuse("a zip member name contains a NUL byte or a backslash");
    if (n.front() == '/') refuse("a zip member has an absolute path");
    if (n.size() >= 2 && n[1] == ':') refuse("a zip member has a drive-letter path");
    std::size_t start = 0;
    while (start <= n.size()) {
        std::size_t end = n.find('/', start);
        if (end == std::string::npos) end = n.size();
        const std::string seg = n.substr(start, end - start);
        if (seg == "..") refuse("a zip member name contains '..'");
        start = end + 1;
    }
}

} // namespace

std::vector<ZipEntry> parse_zip_directory(const ZipReadFn& read, uint64_t file_size) {
    if (file_size < 22) refuse("the file is too small to be a zip archive");
    // End of central directory: the record must end exactly at the end of the file (its comment
    // included), so nothing can be appended after the archive.
    const std::size_t tail_len = static_cast<std::size_t>(std::min<uint64_t>(file_size, 22 + 65535));
    std::vector<uint8_t> tail(tail_len);
    read(file_size - tail_len, tail.data(), tail_len);
    std::size_t eocd = SIZE_MAX;
    for (std::size_t p = tail_len - 22 + 1; p-- > 0;) {
        if (tail[p] == 'P' && tail[p + 1] == 'K' && tail[p + 2] == 5 && tail[p + 3] == 6 &&
            u16(&tail[p + 20]) == tail_len - p - 22) {
            eocd = p;
            break;
        }
    }
    if (eocd == SIZE_MAX) refuse("no valid zip end record (not a zip archive, or data appended after it)");
    const uint8_t* e = &tail[eocd];
    const uint64_t eocd_pos = file_size - tail_len + eocd;
    uint64_t disk = u16(e + 4), cd_disk = u16(e + 6), n_disk = u16(e + 8), n_total = u16(e + 10);
    uint64_t cd_size = u32(e + 12), cd_off = u32(e + 16);
    uint64_t cd_limit = eocd_pos;  // the central directory must end before this
    if (n_disk == 0xFFFF || n_total == 0xFFFF || cd_size == 0xFFFFFFFF || cd_off == 0xFFFFFFFF) {
        if (eocd_pos < 20) refuse("zip64 locator missing");
        uint8_t loc[20];
        read(eocd_pos - 20, loc, 20);
        if (u32(loc) != 0x07064b50) refuse("zip64 locator missing");
        if (u32(loc + 4) != 0 || u32(loc + 16) > 1) refuse("multi-disk zip archives are not supported");
        const uint64_t z64 = u64(loc + 8);
        uint64_t z64_end;
        if (!add_ok(z64, 56, z64_end) || z64_end > eocd_pos - 20) refuse("zip64 end record out of bounds");
        uint8_t r[56];
        read(z64, r, 56);
        if (u32(r) != 0x06064b50) refuse("zip64 end record missing");
        disk = u32(r + 16);
        cd_disk = u32(r + 20);
        n_disk = u64(r + 24);
        n_total = u64(r + 32);
        cd_size = u64(r + 40);
        cd_off = u64(r + 48);
        cd_limit = z64;
    }
    if (disk != 0 || cd_disk != 0 || n_disk != n_total) refuse("multi-disk zip archives are not supported");
    if (n_total > kZipMaxEntries) refuse("the zip archive has too many members");
    uint64_t cd_end;
    if (!add_ok(cd_off, cd_size, cd_end) || cd_end > cd_limit) refuse("the zip central directory is out of bounds");
    if (cd_size > kZipMaxCentralDirectory) refuse("the zip central directory is too large");
    std::vector<uint8_t> cd(static_cast<std::size_t>(cd_size));
    if (cd_size) read(cd_off, cd.data(), cd.size());

    std::vector<ZipEntry> out;
    std::set<std::string> names;
    std::size_t p = 0;
    for (uint64_t i = 0; i < n_total; ++i) {
        if (cd.size() - p < 46 || u32(&cd[p]) != 0x02014b50) refuse("damaged zip central directory");
        const uint8_t* h = &cd[p];
        ZipEntry z;
        z.flags = u16(h + 8);
        z.method = u16(h + 10);
        z.crc32 = u32(h + 16);
        uint64_t csize = u32(h + 20), usize = u32(h + 24);
        const std::size_t nlen = u16(h + 28), xlen = u16(h + 30), clen = u16(h + 32);
        uint64_t disk_start = u16(h + 34);
        uint64_t local = u32(h + 42);
        if (cd.size() - p - 46 < nlen + xlen + clen) refuse("damaged zip central directory");
        z.name.assign(reinterpret_cast<const char*>(h + 46), nlen);
        // zip64 extra field: 64-bit values for the fields that hold 0xFFFFFFFF, in order.
        const uint8_t* x = h + 46 + nlen;
        std::size_t xp = 0;
        bool need_u = usize == 0xFFFFFFFF, need_c = csize == 0xFFFFFFFF, need_l = local == 0xFFFFFFFF,
             need_d = disk_start == 0xFFFF;
        while (xlen - xp >= 4) {
            const uint16_t id = u16(x + xp), sz = u16(x + xp + 2);
            if (xlen - xp - 4 < sz) refuse("damaged zip extra field");
            if (id == 0x0001) {
                std::size_t q = xp + 4;
                const std::size_t qend = q + sz;
                auto take = [&](uint64_t& v) {
                    if (qend - q < 8) refuse("damaged zip64 extra field");
                    v = u64(x + q);
                    q += 8;
                };
                if (need_u) take(usize), need_u = false;
                if (need_c) take(csize), need_c = false;
                if (need_l) take(local), need_l = false;
                if (need_d) {
                    if (qend - q < 4) refuse("damaged zip64 extra field");
                    disk_start = u32(x + q);
                    need_d = false;
                }
            }
            xp += 4 + sz;
        }
        if (need_u || need_c || need_l || need_d) refuse("zip64 sizes missing");
        p += 46 + nlen + xlen + clen;

        check_name(z.name);
        if (!names.insert(z.name).second) refuse("the zip archive contains '" + z.name + "' twice");
        if (disk_start != 0) refuse("multi-disk zip archives are not supported");
        if (z.flags & 0x0001) refuse("the zip archive is encrypted");
        if (z.method != 0) refuse("the zip member '" + z.name + "' is compressed (PyTorch checkpoints are stored uncompressed)");
        if (csize != usize) refuse("the stored zip member '" + z.name + "' declares two different sizes");
        z.size = usize;
        z.local_offset = local;
        // Local header.
        uint64_t lh_end;
        if (!add_ok(local, 30, lh_end) || lh_end > cd_off) refuse("a zip member lies outside the archive");
        uint8_t lh[30];
        read(local, lh, 30);
        if (u32(lh) != 0x04034b50) refuse("damaged zip local header");
        const std::size_t lnlen = u16(lh + 26), lxlen = u16(lh + 28);
        if (u16(lh + 8) != z.method) refuse("zip local header disagrees with the central directory");
        uint64_t data_off, data_end;
        if (!add_ok(lh_end, lnlen + lxlen, data_off) || !add_ok(data_off, z.size, data_end) || data_end > cd_off)
            refuse("the zip member '" + z.name + "' extends beyond the archive");
        if (lnlen != nlen) refuse("zip local header name disagrees with the central directory");
        std::string lname(lnlen, '\0');
        if (lnlen) read(lh_end, lname.data(), lnlen);
        if (lname != z.name) refuse("zip local header name disagrees with the central directory");
        z.data_offset = data_off;
        out.push_back(std::move(z));
    }
    if (p != cd.size()) refuse("unexpected bytes in the zip central directory");
    // Members must not overlap (overlapping members are how zip bombs multiply their size).
    std::vector<const ZipEntry*> order;
    for (const auto& z : out) order.push_back(&z);
    std::sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->local_offset < b->local_offset; });
    if (!order.empty() && order.front()->local_offset != 0) refuse("unexpected data before the first zip member");
    for (std::size_t i = 1; i < order.size(); ++i)
        if (order[i]->local_offset < order[i - 1]->data_offset + order[i - 1]->size)
            refuse("zip members overlap");
    return out;
}

// ---------------------------------------------------------------------------------------------

struct ZipArchive::Impl {
    std::string path;
    int fd = -1;
    uint64_t size = 0;
    std::vector<ZipEntry> entries;
    std::map<std::string, std::size_t> index;
    ~Impl() {
        if (fd >= 0) ::close(fd);
    }
    void pread_exact(uint64_t off, void* dst, std::size_t len) const {
        auto* d = static_cast<uint8_t*>(dst);
        while (len > 0) {
            const ssize_t r = ::pread(fd, d, std::min<std::size_t>(len, 1u << 30), static_cast<off_t>(off));
            if (r < 0) {
                if (errno == EINTR) continue;
                throw PipelineError("io_error", "Reading '" + path + "' failed: " + std::strerror(errno) + ".");
            }
            if (r == 0) throw PipelineError("truncated", "The file '" + path + "' ended early: it is truncated.");
            d += r;
            off += static_cast<uint64_t>(r);
            len -= static_cast<std::size_t>(r);
        }
    }
};

ZipArchive ZipArchive::open(const std::string& path) {
    auto impl = std::make_shared<Impl>();
    impl->path = path;
    impl->fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (impl->fd < 0) throw PipelineError(errno == ENOENT ? "not_found" : "io_error", "Cannot open '" + path + "'.");
    struct stat sb {};
    if (::fstat(impl->fd, &sb) != 0 || !S_ISREG(sb.st_mode)) throw PipelineError("io_error", "Cannot read '" + path + "'.");
    impl->size = static_cast<uint64_t>(sb.st_size);
    const Impl* raw = impl.get();
    impl->entries = parse_zip_directory(
        [raw](uint64_t off, void* dst, std::size_t len) {
            if (off > raw->size || len > raw->size - off) refuse("a zip offset points outside the file");
            raw->pread_exact(off, dst, len);
        },
        impl->size);
    for (std::size_t i = 0; i < impl->entries.size(); ++i) impl->index.emplace(impl->entries[i].name, i);
    ZipArchive z;
    z.impl_ = std::move(impl);
    return z;
}

const std::vector<ZipEntry>& ZipArchive::entries() const { return impl_->entries; }
const std::string& ZipArchive::path() const { return impl_->path; }
uint64_t ZipArchive::file_size() const { return impl_->size; }

const ZipEntry* ZipArchive::find(const std::string& name) const {
    auto it = impl_->index.find(name);
    return it == impl_->index.end() ? nullptr : &impl_->entries[it->second];
}

void ZipArchive::read(const ZipEntry& e, uint64_t offset, void* dst, std::size_t len) const {
    if (offset > e.size || len > e.size - offset) refuse("read outside a zip member");
    impl_->pread_exact(e.data_offset + offset, dst, len);
}

void ZipArchive::read_all(const ZipEntry& e, void* dst) const {
    uLong crc = crc32(0L, Z_NULL, 0);
    auto* d = static_cast<uint8_t*>(dst);
    uint64_t done = 0;
    while (done < e.size) {
        const std::size_t chunk = static_cast<std::size_t>(std::min<uint64_t>(e.size - done, 64u << 20));
        impl_->pread_exact(e.data_offset + done, d + done, chunk);
        crc = crc32(crc, d + done, static_cast<uInt>(chunk));
        done += chunk;
    }
    if (static_cast<uint32_t>(crc) != e.crc32) refuse("the CRC-32 of zip member '" + e.name + "' does not match (damaged file)");
}

std::vector<uint8_t> ZipArchive::read_all(const ZipEntry& e, uint64_t max_bytes) const {
    if (e.size > max_bytes) refuse("the zip member '" + e.name + "' is too large");
    std::vector<uint8_t> out(static_cast<std::size_t>(e.size));
    read_all(e, out.data());
    return out;
}

} // namespace latent
