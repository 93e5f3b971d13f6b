// A plain 8-bit image buffer (torch-free, Qt-free): interleaved channels, row-major.
// channels: 1 = L (mask), 3 = RGB, 4 = RGBA (straight alpha) or RGBa (premultiplied, by context).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace latent {

struct ImageU8 {
    int64_t width = 0;
    int64_t height = 0;
    int channels = 0;
    std::vector<uint8_t> data;

    ImageU8() = default;
    ImageU8(int64_t w, int64_t h, int c, uint8_t fill = 0)
        : width(w), height(h), channels(c), data(static_cast<size_t>(w * h * c), fill) {}

    bool empty() const { return width <= 0 || height <= 0 || channels <= 0; }
    bool valid() const { return !empty() && data.size() == static_cast<size_t>(width * height * channels); }
    uint8_t* row(int64_t y) { return data.data() + static_cast<size_t>(y * width * channels); }
    const uint8_t* row(int64_t y) const { return data.data() + static_cast<size_t>(y * width * channels); }
    uint8_t& at(int64_t x, int64_t y, int c = 0) { return data[static_cast<size_t>((y * width + x) * channels + c)]; }
    uint8_t at(int64_t x, int64_t y, int c = 0) const {
        return data[static_cast<size_t>((y * width + x) * channels + c)];
    }
};

} // namespace latent
