// Hand-built PyTorch checkpoints for tests: pickle opcodes (protocol 2, as torch.save emits
// them) and a stored-member ZIP writer. No Python or torch.save needed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <zlib.h>

#define LATENT_BYTES(lit) std::string(lit, sizeof(lit) - 1)

namespace latent::test {

#define S(lit) LATENT_BYTES(lit)
// ---- pickle builder (protocol 2, the opcodes torch.save emits) ------------------------------
struct Pk {
    std::string b;
    Pk& raw(const std::string& s) {
        b += s;
        return *this;
    }
    Pk& op(char c) {
        b += c;
        return *this;
    }
    Pk& proto() { return raw(S("\x80\x02")); }
    Pk& u32(uint32_t v) {
        for (int i = 0; i < 4; ++i) b += static_cast<char>((v >> (8 * i)) & 0xff);
        return *this;
    }
    Pk& str(const std::string& s) {
        op('X');
        u32(static_cast<uint32_t>(s.size()));
        return raw(s);
    }
    Pk& global(const std::string& m, const std::string& n) { return op('c').raw(m + "\n" + n + "\n"); }
    Pk& integer(int64_t v) {
        if (v >= 0 && v < 256) return op('K').raw(std::string(1, static_cast<char>(v)));
        if (v >= INT32_MIN && v <= INT32_MAX) {
            op('J');
            return u32(static_cast<uint32_t>(static_cast<int32_t>(v)));
        }
        b += '\x8a';
        b += '\x08';
        for (int i = 0; i < 8; ++i) b += static_cast<char>((static_cast<uint64_t>(v) >> (8 * i)) & 0xff);
        return *this;
    }
    Pk& put(uint8_t i) { return op('q').raw(std::string(1, static_cast<char>(i))); }
    Pk& get(uint8_t i) { return op('h').raw(std::string(1, static_cast<char>(i))); }
    Pk& mark() { return op('('); }
    Pk& tuple() { return op('t'); }
    Pk& reduce() { return op('R'); }
    Pk& stop() { return op('.'); }
    Pk& intTuple(const std::vector<int64_t>& v) {
        mark();
        for (auto x : v) integer(x);
        return tuple();
    }
    // torch._utils._rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict())
    Pk& tensor(const std::string& key, const std::string& stype, int64_t numel, int64_t offset,
               const std::vector<int64_t>& size, const std::vector<int64_t>& stride) {
        global("torch._utils", "_rebuild_tensor_v2");
        mark();
        mark().str("storage").global("torch", stype).str(key).str("cpu").integer(numel).tuple();
        op('Q'); // BINPERSID
        integer(offset);
        intTuple(size);
        intTuple(stride);
        op('\x89'); // NEWFALSE
        global("collections", "OrderedDict").op(')').reduce();
        tuple();
        return reduce();
    }
};

// ---- zip writer (stored members) -------------------------------------------------------------
struct ZipMember {
    std::string name;
    std::string data;
    uint16_t method = 0;
    std::string central_name;           // default: name
    std::optional<uint64_t> zip64_size; // declare this size via a zip64 extra field
};

inline void le(std::string& o, uint64_t v, int n) {
    for (int i = 0; i < n; ++i) o += static_cast<char>((v >> (8 * i)) & 0xff);
}

inline std::string makeZip(const std::vector<ZipMember>& ms, const std::string& trailing = {}) {
    std::string out, cd;
    for (const auto& m : ms) {
        const uint64_t off = out.size();
        const uint32_t crc = static_cast<uint32_t>(
            crc32(0, reinterpret_cast<const Bytef*>(m.data.data()), static_cast<uInt>(m.data.size())));
        out += "PK\x03\x04";
        le(out, 20, 2);
        le(out, 0, 2);
        le(out, m.method, 2);
        le(out, 0, 4); // time/date
        le(out, crc, 4);
        le(out, m.data.size(), 4);
        le(out, m.data.size(), 4);
        le(out, m.name.size(), 2);
        le(out, 0, 2);
        out += m.name;
        out += m.data;
        const std::string cname = m.central_name.empty() ? m.name : m.central_name;
        std::string extra;
        if (m.zip64_size) {
            le(extra, 1, 2);
            le(extra, 16, 2);
            le(extra, *m.zip64_size, 8);
            le(extra, *m.zip64_size, 8);
        }
        cd += "PK\x01\x02";
        le(cd, 20, 2);
        le(cd, 20, 2);
        le(cd, 0, 2);
        le(cd, m.method, 2);
        le(cd, 0, 4);
        le(cd, crc, 4);
        le(cd, m.zip64_size ? 0xFFFFFFFFu : m.data.size(), 4);
        le(cd, m.zip64_size ? 0xFFFFFFFFu : m.data.size(), 4);
        le(cd, cname.size(), 2);
        le(cd, extra.size(), 2);
        le(cd, 0, 2);
        le(cd, 0, 2);
        le(cd, 0, 2);
        le(cd, 0, 4);
        le(cd, off, 4);
        cd += cname;
        cd += extra;
    }
    const uint64_t cd_off = out.size();
    out += cd;
    out += "PK\x05\x06";
    le(out, 0, 2);
    le(out, 0, 2);
    le(out, ms.size(), 2);
    le(out, ms.size(), 2);
    le(out, cd.size(), 4);
    le(out, cd_off, 4);
    le(out, 0, 2);
    return out + trailing;
}

#undef S

} // namespace latent::test
