#include "pipeline/imaging/composite.h"

#include "pipeline/core/error.h"

#include <algorithm>

namespace latent {

namespace {

inline uint32_t div255(uint32_t a) {
    const uint32_t tmp = a + 128;
    return ((tmp >> 8) + tmp) >> 8;
}
inline uint8_t clip8(int v) {
    return static_cast<uint8_t>(v < 0 ? 0 : (v > 255 ? 255 : v));
}

void need_valid(const ImageU8& im) {
    if (!im.valid()) throw PipelineError("bad_image", "The image buffer is empty or inconsistent.");
}

} // namespace

ImageU8 to_luma(const ImageU8& in) {
    need_valid(in);
    if (in.channels == 1) return in;
    ImageU8 out(in.width, in.height, 1);
    const size_t n = static_cast<size_t>(in.width * in.height);
    for (size_t i = 0; i < n; ++i) {
        const uint8_t* p = &in.data[i * in.channels];
        if (in.channels == 2) {
            out.data[i] = p[0];
            continue;
        }
        out.data[i] = static_cast<uint8_t>((p[0] * 19595u + p[1] * 38470u + p[2] * 7471u + 0x8000u) >> 16);
    }
    return out;
}

ImageU8 to_rgb(const ImageU8& in) {
    need_valid(in);
    if (in.channels == 3) return in;
    ImageU8 out(in.width, in.height, 3);
    const size_t n = static_cast<size_t>(in.width * in.height);
    for (size_t i = 0; i < n; ++i)
        for (int c = 0; c < 3; ++c) out.data[i * 3 + c] = in.data[i * in.channels + (in.channels >= 3 ? c : 0)];
    return out;
}

ImageU8 to_rgba(const ImageU8& in) {
    need_valid(in);
    if (in.channels == 4) return in;
    ImageU8 out(in.width, in.height, 4, 255);
    const size_t n = static_cast<size_t>(in.width * in.height);
    for (size_t i = 0; i < n; ++i) {
        for (int c = 0; c < 3; ++c) out.data[i * 4 + c] = in.data[i * in.channels + (in.channels >= 3 ? c : 0)];
        if (in.channels == 2) out.data[i * 4 + 3] = in.data[i * 2 + 1];
    }
    return out;
}

ImageU8 premultiply(const ImageU8& rgba) {
    need_valid(rgba);
    if (rgba.channels != 4) return to_rgba(rgba);
    ImageU8 out = rgba;
    for (size_t i = 0; i < out.data.size(); i += 4) {
        const uint32_t a = out.data[i + 3];
        for (int c = 0; c < 3; ++c) out.data[i + c] = static_cast<uint8_t>(div255(out.data[i + c] * a));
    }
    return out;
}

ImageU8 unpremultiply(const ImageU8& rgba) {
    need_valid(rgba);
    if (rgba.channels != 4) throw PipelineError("bad_image", "Unpremultiplying needs an RGBa image.");
    ImageU8 out = rgba;
    for (size_t i = 0; i < out.data.size(); i += 4) {
        const int a = out.data[i + 3];
        if (a == 255 || a == 0) continue;
        for (int c = 0; c < 3; ++c) out.data[i + c] = clip8((255 * out.data[i + c]) / a);
    }
    return out;
}

ImageU8 invert(const ImageU8& in) {
    need_valid(in);
    ImageU8 out = in;
    for (auto& v : out.data) v = static_cast<uint8_t>(255 - v);
    return out;
}

ImageU8 crop(const ImageU8& in, int64_t x1, int64_t y1, int64_t x2, int64_t y2) {
    need_valid(in);
    if (x2 <= x1 || y2 <= y1) throw PipelineError("bad_image", "The crop box is empty.");
    ImageU8 out(x2 - x1, y2 - y1, in.channels);
    for (int64_t y = std::max<int64_t>(y1, 0); y < std::min<int64_t>(y2, in.height); ++y)
        for (int64_t x = std::max<int64_t>(x1, 0); x < std::min<int64_t>(x2, in.width); ++x)
            for (int c = 0; c < in.channels; ++c) out.at(x - x1, y - y1, c) = in.at(x, y, c);
    return out;
}

void paste(ImageU8& dst, const ImageU8& src_in, int64_t x0, int64_t y0) {
    need_valid(dst);
    need_valid(src_in);
    const ImageU8 src = dst.channels == src_in.channels ? src_in
                        : dst.channels == 4             ? to_rgba(src_in)
                        : dst.channels == 3             ? to_rgb(src_in)
                                                        : to_luma(src_in);
    for (int64_t y = 0; y < src.height; ++y) {
        const int64_t dy = y + y0;
        if (dy < 0 || dy >= dst.height) continue;
        for (int64_t x = 0; x < src.width; ++x) {
            const int64_t dx = x + x0;
            if (dx < 0 || dx >= dst.width) continue;
            for (int c = 0; c < dst.channels; ++c) dst.at(dx, dy, c) = src.at(x, y, c);
        }
    }
}

void paste_masked(ImageU8& dst, const ImageU8& src, const ImageU8& mask, int64_t x0, int64_t y0) {
    need_valid(dst);
    need_valid(src);
    need_valid(mask);
    if (src.channels != dst.channels || mask.channels != 1 || mask.width != src.width || mask.height != src.height)
        throw PipelineError("bad_image", "paste_masked: channel or mask size mismatch.");
    for (int64_t y = 0; y < src.height; ++y) {
        const int64_t dy = y + y0;
        if (dy < 0 || dy >= dst.height) continue;
        for (int64_t x = 0; x < src.width; ++x) {
            const int64_t dx = x + x0;
            if (dx < 0 || dx >= dst.width) continue;
            const uint32_t m = mask.at(x, y);
            for (int c = 0; c < dst.channels; ++c) {
                uint8_t& o = dst.at(dx, dy, c);
                o = static_cast<uint8_t>(div255(o * (255 - m) + src.at(x, y, c) * m));
            }
        }
    }
}

void alpha_composite(ImageU8& dst, const ImageU8& src) {
    need_valid(dst);
    need_valid(src);
    if (dst.channels != 4 || src.channels != 4 || dst.width != src.width || dst.height != src.height)
        throw PipelineError("bad_image", "alpha_composite needs two RGBA images of the same size.");
    constexpr int kBits = 7;
    auto shiftdiv255 = [](uint32_t a) { return ((a >> 8) + a) >> 8; };
    for (size_t i = 0; i < dst.data.size(); i += 4) {
        const uint8_t* s = &src.data[i];
        uint8_t* d = &dst.data[i];
        if (s[3] == 0) continue;
        const uint32_t blend = uint32_t(d[3]) * (255 - s[3]);
        const uint32_t outa255 = uint32_t(s[3]) * 255 + blend;
        const uint32_t coef1 = uint32_t(s[3]) * 255 * 255 * (1u << kBits) / outa255;
        const uint32_t coef2 = 255 * (1u << kBits) - coef1;
        for (int c = 0; c < 3; ++c) {
            const uint32_t tmp = s[c] * coef1 + d[c] * coef2;
            d[c] = static_cast<uint8_t>(shiftdiv255(tmp + (0x80u << kBits)) >> kBits);
        }
        d[3] = static_cast<uint8_t>(shiftdiv255(outa255 + 0x80));
    }
}

ImageU8 flatten(const ImageU8& in, const std::array<uint8_t, 3>& background) {
    need_valid(in);
    if (in.channels != 4 && in.channels != 2) return to_rgb(in);
    const ImageU8 rgba = to_rgba(in);
    ImageU8 bg(in.width, in.height, 4, 255);
    for (size_t i = 0; i < bg.data.size(); i += 4)
        for (int c = 0; c < 3; ++c) bg.data[i + c] = background[c];
    ImageU8 alpha(in.width, in.height, 1);
    for (size_t i = 0; i < alpha.data.size(); ++i) alpha.data[i] = rgba.data[i * 4 + 3];
    paste_masked(bg, rgba, alpha);
    return to_rgb(bg);
}

} // namespace latent
