#include "pipeline/imaging/blur.h"

#include "pipeline/core/error.h"

#include <algorithm>
#include <cmath>

namespace latent {

namespace {

// OpenCV borderInterpolate for BORDER_REFLECT_101 (gfedcb|abcdefgh|gfedcba).
int64_t reflect101(int64_t p, int64_t len) {
    if (len == 1) return 0;
    while (p < 0 || p >= len) {
        if (p < 0)
            p = -p;
        else
            p = 2 * len - p - 2;
    }
    return p;
}

// One 1-D pass along x (horizontal = true) or y with a fixed-point kernel (8 fractional bits);
// returns the 16-bit accumulators (value · 256).
std::vector<uint32_t> cv_pass(const std::vector<uint32_t>& src, int64_t w, int64_t h, int ch, const std::vector<int>& k,
                              bool horizontal) {
    std::vector<uint32_t> out(src.size());
    const int64_t r = static_cast<int64_t>(k.size() / 2);
    for (int64_t y = 0; y < h; ++y)
        for (int64_t x = 0; x < w; ++x)
            for (int c = 0; c < ch; ++c) {
                uint64_t acc = 0;
                for (int64_t i = -r; i <= r; ++i) {
                    const int64_t xx = horizontal ? reflect101(x + i, w) : x;
                    const int64_t yy = horizontal ? y : reflect101(y + i, h);
                    acc += uint64_t(src[static_cast<size_t>((yy * w + xx) * ch + c)]) * uint64_t(k[i + r]);
                }
                out[static_cast<size_t>((y * w + x) * ch + c)] = static_cast<uint32_t>(acc);
            }
    return out;
}

// Pillow ImagingLineBoxBlur: window [x-r, x+r] with edge pixels weighted by the fractional part.
void box_line(const uint8_t* in, uint8_t* out, int64_t n, int64_t stride, int ch, float float_radius) {
    const int radius = static_cast<int>(float_radius);
    const uint32_t ww = static_cast<uint32_t>(static_cast<float>(1 << 24) / (float_radius * 2 + 1));
    const uint32_t fw = ((1u << 24) - static_cast<uint32_t>(radius * 2 + 1) * ww) / 2;
    const int64_t last = n - 1;
    auto px = [&](int64_t i, int c) -> uint32_t {
        i = std::min<int64_t>(std::max<int64_t>(i, 0), last);
        return in[i * stride + c];
    };
    std::vector<uint32_t> acc(static_cast<size_t>(ch));
    for (int c = 0; c < ch; ++c) {
        uint32_t a = 0;
        for (int64_t i = -radius - 1; i < radius; ++i) a += px(i, c); // window of x = -1
        acc[c] = a;
    }
    for (int64_t x = 0; x < n; ++x)
        for (int c = 0; c < ch; ++c) {
            acc[c] += px(x + radius, c) - px(x - radius - 1, c);
            const uint32_t bulk = acc[c] * ww + (px(x - radius - 1, c) + px(x + radius + 1, c)) * fw;
            out[x * stride + c] = static_cast<uint8_t>((bulk + (1u << 23)) >> 24);
        }
}

} // namespace

std::vector<int> cv_gaussian_kernel_fixed(int n, double sigma) {
    if (n < 1 || n % 2 == 0) throw PipelineError("bad_request", "Gaussian kernel sizes must be odd and positive.");
    if (n == 1) return {256};
    std::vector<double> exact(static_cast<size_t>(n));
    if (sigma <= 0) sigma = ((n - 1) * 0.5 - 1) * 0.3 + 0.8;
    // getGaussianKernelBitExact: x runs over 2·(i - (n-1)/2), exp(x² · (-0.125 / σ²)).
    const double scale2x = -0.125 / (sigma * sigma);
    const int half = (n - 1) / 2;
    double sum = 0;
    std::vector<double> values(static_cast<size_t>(half));
    for (int i = 0, x = 1 - n; i < half; ++i, x += 2) {
        values[i] = std::exp(double(x) * double(x) * scale2x);
        sum += values[i];
    }
    sum = sum * 2 + 1.0;
    const double mul = 1.0 / sum;
    for (int i = 0; i < half; ++i) exact[i] = exact[n - 1 - i] = values[i] * mul;
    exact[half] = mul;
    // getGaussianKernelFixedPoint_ED with 8 fractional bits.
    std::vector<int> out(static_cast<size_t>(n));
    double err = 0;
    int64_t total = 0;
    for (int i = 0; i < half; ++i) {
        const double adj = exact[i] * 256.0 + err;
        const int64_t v = static_cast<int64_t>(std::nearbyint(adj)); // cvRound: half to even
        err = adj - double(v);
        out[i] = out[n - 1 - i] = static_cast<int>(v);
        total += v;
    }
    out[half] = static_cast<int>(256 - total * 2);
    return out;
}

ImageU8 cv_gaussian_blur(const ImageU8& in, int kw, int kh, double sigma_x, double sigma_y) {
    if (!in.valid()) throw PipelineError("bad_image", "Cannot blur an empty image.");
    if (sigma_y <= 0) sigma_y = sigma_x;
    if (kw <= 0 && sigma_x > 0) kw = static_cast<int>(std::lround(sigma_x * 3 * 2 + 1)) | 1;
    if (kh <= 0 && sigma_y > 0) kh = static_cast<int>(std::lround(sigma_y * 3 * 2 + 1)) | 1;
    if (kw == 1 && kh == 1) return in;
    const std::vector<int> kx = cv_gaussian_kernel_fixed(kw, sigma_x);
    const std::vector<int> ky = cv_gaussian_kernel_fixed(kh, sigma_y);
    std::vector<uint32_t> v(in.data.begin(), in.data.end());
    v = cv_pass(v, in.width, in.height, in.channels, kx, true);  // value · 256
    v = cv_pass(v, in.width, in.height, in.channels, ky, false); // value · 65536
    ImageU8 out(in.width, in.height, in.channels);
    for (size_t i = 0; i < v.size(); ++i)
        out.data[i] = static_cast<uint8_t>(std::min<uint32_t>((v[i] + 32768u) >> 16, 255u));
    return out;
}

ImageU8 pillow_gaussian_blur(const ImageU8& in, double radius_in) {
    if (!in.valid()) throw PipelineError("bad_image", "Cannot blur an empty image.");
    if (radius_in == 0) return in;
    // ImagingGaussianBlur, float arithmetic as in C.
    const int passes = 3;
    const float r = static_cast<float>(radius_in);
    const float sigma2 = r * r / passes;
    const float L = static_cast<float>(std::sqrt(12.0 * sigma2 + 1.0));
    const float l = std::floor((L - 1.0f) / 2.0f);
    float a = (2 * l + 1) * (l * (l + 1) - 3 * sigma2);
    a /= 6 * (sigma2 - (l + 1) * (l + 1));
    const float box_radius = l + a;

    ImageU8 cur = in, tmp(in.width, in.height, in.channels);
    const int ch = in.channels;
    if (box_radius != 0) {
        for (int p = 0; p < passes; ++p) {
            for (int64_t y = 0; y < in.height; ++y) box_line(cur.row(y), tmp.row(y), in.width, ch, ch, box_radius);
            std::swap(cur, tmp);
        }
        for (int p = 0; p < passes; ++p) {
            for (int64_t x = 0; x < in.width; ++x)
                box_line(cur.data.data() + x * ch, tmp.data.data() + x * ch, in.height, in.width * ch, ch, box_radius);
            std::swap(cur, tmp);
        }
    }
    return cur;
}

} // namespace latent
