// NumPy's numpy.random.SeedSequence (bit_generator.pyx, NumPy >= 1.19), which torchsde uses to
// derive the seeds of its Brownian-tree nodes from one entropy value.
//
// The entropy and every spawn-key entry are unsigned integers of any size, split into
// little-endian 32-bit words (0 is one word [0]). The pool (pool_size words, at least 4) is
// filled by hashmix over the entropy words (then zeros), all pool words are mixed with each
// other, and entropy words beyond the pool are mixed in last. With a spawn key, the run entropy
// is zero-padded to the pool size before the spawn-key words are appended.
#pragma once

#include <cstdint>
#include <vector>

namespace latent {

class SeedSequence {
public:
    // entropy: the words of the entropy integer (use words_of); spawn_key: one entry per
    // spawn-key integer, each given as its words.
    SeedSequence(std::vector<uint32_t> entropy, std::vector<std::vector<uint32_t>> spawn_key = {}, int pool_size = 4);
    // Convenience for integer entropy and integer spawn keys.
    static SeedSequence from_ints(uint64_t entropy, const std::vector<uint64_t>& spawn_key = {}, int pool_size = 4);

    // generate_state(n, dtype=uint32)
    std::vector<uint32_t> generate_state(size_t n_words) const;
    // generate_state(n, dtype=uint64): pairs of 32-bit words, little-endian.
    std::vector<uint64_t> generate_state64(size_t n_words) const;
    // spawn(n): children with spawn_key + (i,), i counting on from earlier spawns.
    std::vector<SeedSequence> spawn(size_t n_children);

    const std::vector<uint32_t>& pool() const { return pool_; }

    // Python's _int_to_uint32_array: little-endian 32-bit words, 0 -> [0].
    static std::vector<uint32_t> words_of(uint64_t n);

private:
    std::vector<uint32_t> entropy_;
    std::vector<std::vector<uint32_t>> spawn_key_;
    int pool_size_ = 4;
    uint64_t n_children_spawned_ = 0;
    std::vector<uint32_t> pool_;
};

} // namespace latent
