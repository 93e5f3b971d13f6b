// Minimal, strict ZIP reader for PyTorch checkpoints (torch.save's zip container). Only stored
// (uncompressed) members are accepted; zip64 is supported (real checkpoints exceed 4 GiB).
// Every offset and size is checked against the file before use; overlapping members, duplicate
// names, `..`/absolute/backslash names, encryption, multi-disk archives and bytes after the end
// record are refused with PipelineError("cannot_verify", ...). Pure std + POSIX + zlib (crc32).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace latent {

struct ZipEntry {
    std::string name;
    uint64_t local_offset = 0;  // local file header
    uint64_t data_offset = 0;   // first byte of the member's data
    uint64_t size = 0;          // stored: compressed size == uncompressed size
    uint32_t crc32 = 0;
    uint16_t method = 0;
    uint16_t flags = 0;
};

// Reads `len` bytes at `offset` into `dst` or throws.
using ZipReadFn = std::function<void(uint64_t offset, void* dst, std::size_t len)>;

inline constexpr std::size_t kZipMaxEntries = 100'000;
inline constexpr uint64_t kZipMaxCentralDirectory = 64ull << 20;

// Parses and validates the central directory of an archive of `file_size` bytes. Pure function
// over `read` (fuzzable with an in-memory buffer).
std::vector<ZipEntry> parse_zip_directory(const ZipReadFn& read, uint64_t file_size);

class ZipArchive {
public:
    static ZipArchive open(const std::string& path);  // throws PipelineError
    const std::vector<ZipEntry>& entries() const;
    const ZipEntry* find(const std::string& name) const;
    const std::string& path() const;
    uint64_t file_size() const;
    // Bounded read inside one member.
    void read(const ZipEntry& e, uint64_t offset, void* dst, std::size_t len) const;
    // Reads the whole member into `dst` (must hold e.size bytes) and checks its CRC-32.
    void read_all(const ZipEntry& e, void* dst) const;
    // Whole member as bytes (refuses members larger than `max_bytes`), CRC-checked.
    std::vector<uint8_t> read_all(const ZipEntry& e, uint64_t max_bytes) const;

    struct Impl;

private:
    std::shared_ptr<const Impl> impl_;
};

} // namespace latent
