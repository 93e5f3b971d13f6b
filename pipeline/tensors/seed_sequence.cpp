#include "pipeline/tensors/seed_sequence.h"

#include "pipeline/core/error.h"

namespace latent {

namespace {

constexpr uint32_t kInitA = 0x43b0d7e5u;
constexpr uint32_t kMultA = 0x931e8875u;
constexpr uint32_t kInitB = 0x8b51f9ddu;
constexpr uint32_t kMultB = 0x58f38dedu;
constexpr uint32_t kMixMultL = 0xca01f9ddu;
constexpr uint32_t kMixMultR = 0x4973f715u;
constexpr int kXShift = 16;

uint32_t hashmix(uint32_t value, uint32_t& hash_const) {
    value ^= hash_const;
    hash_const *= kMultA;
    value *= hash_const;
    value ^= value >> kXShift;
    return value;
}

uint32_t mix(uint32_t x, uint32_t y) {
    uint32_t result = kMixMultL * x - kMixMultR * y;
    result ^= result >> kXShift;
    return result;
}

} // namespace

std::vector<uint32_t> SeedSequence::words_of(uint64_t n) {
    std::vector<uint32_t> out;
    if (n == 0) out.push_back(0);
    while (n > 0) {
        out.push_back(static_cast<uint32_t>(n & 0xffffffffu));
        n >>= 32;
    }
    return out;
}

SeedSequence SeedSequence::from_ints(uint64_t entropy, const std::vector<uint64_t>& spawn_key, int pool_size) {
    std::vector<std::vector<uint32_t>> key;
    for (uint64_t k : spawn_key) key.push_back(words_of(k));
    return SeedSequence(words_of(entropy), std::move(key), pool_size);
}

SeedSequence::SeedSequence(std::vector<uint32_t> entropy, std::vector<std::vector<uint32_t>> spawn_key, int pool_size)
    : entropy_(std::move(entropy)), spawn_key_(std::move(spawn_key)), pool_size_(pool_size) {
    if (pool_size_ < 4) throw PipelineError("bad_pool_size", "The SeedSequence pool size must be at least 4.");
    // get_assembled_entropy
    std::vector<uint32_t> assembled = entropy_;
    std::vector<uint32_t> spawn_words;
    for (const auto& k : spawn_key_) spawn_words.insert(spawn_words.end(), k.begin(), k.end());
    if (!spawn_words.empty() && assembled.size() < static_cast<size_t>(pool_size_)) assembled.resize(pool_size_, 0u);
    assembled.insert(assembled.end(), spawn_words.begin(), spawn_words.end());

    // mix_entropy
    pool_.assign(pool_size_, 0u);
    uint32_t hash_const = kInitA;
    for (size_t i = 0; i < pool_.size(); ++i) pool_[i] = hashmix(i < assembled.size() ? assembled[i] : 0u, hash_const);
    for (size_t src = 0; src < pool_.size(); ++src)
        for (size_t dst = 0; dst < pool_.size(); ++dst)
            if (src != dst) pool_[dst] = mix(pool_[dst], hashmix(pool_[src], hash_const));
    for (size_t src = pool_.size(); src < assembled.size(); ++src)
        for (size_t dst = 0; dst < pool_.size(); ++dst)
            pool_[dst] = mix(pool_[dst], hashmix(assembled[src], hash_const));
}

std::vector<uint32_t> SeedSequence::generate_state(size_t n_words) const {
    std::vector<uint32_t> out(n_words);
    uint32_t hash_const = kInitB;
    for (size_t i = 0; i < n_words; ++i) {
        uint32_t v = pool_[i % pool_.size()];
        v ^= hash_const;
        hash_const *= kMultB;
        v *= hash_const;
        v ^= v >> kXShift;
        out[i] = v;
    }
    return out;
}

std::vector<uint64_t> SeedSequence::generate_state64(size_t n_words) const {
    const std::vector<uint32_t> w = generate_state(n_words * 2);
    std::vector<uint64_t> out(n_words);
    for (size_t i = 0; i < n_words; ++i)
        out[i] = static_cast<uint64_t>(w[2 * i]) | (static_cast<uint64_t>(w[2 * i + 1]) << 32);
    return out;
}

std::vector<SeedSequence> SeedSequence::spawn(size_t n_children) {
    std::vector<SeedSequence> out;
    for (uint64_t i = n_children_spawned_; i < n_children_spawned_ + n_children; ++i) {
        auto key = spawn_key_;
        key.push_back(words_of(i));
        out.emplace_back(entropy_, std::move(key), pool_size_);
    }
    n_children_spawned_ += n_children;
    return out;
}

} // namespace latent
