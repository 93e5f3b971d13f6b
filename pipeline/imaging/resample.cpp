#include "pipeline/imaging/resample.h"

#include "pipeline/core/error.h"

#include <cmath>
#include <string>

namespace latent {

namespace {

constexpr int kPrecisionBits = 32 - 8 - 2;

double sinc(double x) {
    if (x == 0.0) return 1.0;
    x *= M_PI;
    return std::sin(x) / x;
}

double filter_value(ResampleFilter f, double x) {
    switch (f) {
    case ResampleFilter::Bilinear:
        if (x < 0.0) x = -x;
        return x < 1.0 ? 1.0 - x : 0.0;
    case ResampleFilter::Bicubic: {
        constexpr double a = -0.5;
        if (x < 0.0) x = -x;
        if (x < 1.0) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        if (x < 2.0) return (((x - 5) * x + 8) * x - 4) * a;
        return 0.0;
    }
    case ResampleFilter::Lanczos:
        if (-3.0 <= x && x < 3.0) return sinc(x) * sinc(x / 3);
        return 0.0;
    case ResampleFilter::Nearest:
        break;
    }
    return 0.0;
}

double filter_support(ResampleFilter f) {
    switch (f) {
    case ResampleFilter::Bilinear:
        return 1.0;
    case ResampleFilter::Bicubic:
        return 2.0;
    case ResampleFilter::Lanczos:
        return 3.0;
    case ResampleFilter::Nearest:
        break;
    }
    return 0.0;
}

struct Coeffs {
    int ksize = 0;
    std::vector<int> bounds; // (xmin, count) per output pixel
    std::vector<int32_t> k;  // fixed-point coefficients, ksize per output pixel
};

// precompute_coeffs + normalize_coeffs_8bpc of Resample.c.
Coeffs precompute(int64_t in_size, float in0, float in1, int64_t out_size, ResampleFilter f) {
    double scale = static_cast<double>(in1 - in0) / static_cast<double>(out_size);
    double filterscale = scale < 1.0 ? 1.0 : scale;
    const double support = filter_support(f) * filterscale;
    Coeffs c;
    c.ksize = static_cast<int>(std::ceil(support)) * 2 + 1;
    c.bounds.resize(static_cast<size_t>(out_size) * 2);
    c.k.assign(static_cast<size_t>(out_size) * c.ksize, 0);
    std::vector<double> kk(static_cast<size_t>(c.ksize));
    for (int64_t xx = 0; xx < out_size; ++xx) {
        const double center = in0 + (xx + 0.5) * scale;
        double ww = 0.0;
        const double ss = 1.0 / filterscale;
        int xmin = static_cast<int>(center - support + 0.5);
        if (xmin < 0) xmin = 0;
        int xmax = static_cast<int>(center + support + 0.5);
        if (xmax > in_size) xmax = static_cast<int>(in_size);
        xmax -= xmin;
        for (int x = 0; x < c.ksize; ++x) kk[x] = 0.0;
        for (int x = 0; x < xmax; ++x) {
            const double w = filter_value(f, (x + xmin - center + 0.5) * ss);
            kk[x] = w;
            ww += w;
        }
        for (int x = 0; x < xmax; ++x)
            if (ww != 0.0) kk[x] /= ww;
        for (int x = 0; x < c.ksize; ++x) {
            const double v = kk[x] * (1 << kPrecisionBits);
            c.k[static_cast<size_t>(xx) * c.ksize + x] = static_cast<int32_t>(v < 0 ? -0.5 + v : 0.5 + v);
        }
        c.bounds[static_cast<size_t>(xx) * 2] = xmin;
        c.bounds[static_cast<size_t>(xx) * 2 + 1] = xmax;
    }
    return c;
}

inline uint8_t clip8(int64_t in) {
    if (in >= (int64_t(1) << kPrecisionBits << 8)) return 255;
    if (in <= 0) return 0;
    return static_cast<uint8_t>(in >> kPrecisionBits);
}

ImageU8 resample_horizontal(const ImageU8& in, int64_t out_w, int64_t y0, int64_t rows, const Coeffs& c) {
    ImageU8 out(out_w, rows, in.channels);
    const int ch = in.channels;
    for (int64_t y = 0; y < rows; ++y) {
        const uint8_t* src = in.row(y + y0);
        uint8_t* dst = out.row(y);
        for (int64_t xx = 0; xx < out_w; ++xx) {
            const int xmin = c.bounds[xx * 2], xmax = c.bounds[xx * 2 + 1];
            const int32_t* k = &c.k[static_cast<size_t>(xx) * c.ksize];
            for (int b = 0; b < ch; ++b) {
                int64_t ss = int64_t(1) << (kPrecisionBits - 1);
                for (int x = 0; x < xmax; ++x) ss += int64_t(src[(x + xmin) * ch + b]) * k[x];
                dst[xx * ch + b] = clip8(ss);
            }
        }
    }
    return out;
}

ImageU8 resample_vertical(const ImageU8& in, int64_t out_h, const Coeffs& c, int shift) {
    ImageU8 out(in.width, out_h, in.channels);
    const int ch = in.channels;
    const int64_t stride = in.width * ch;
    for (int64_t yy = 0; yy < out_h; ++yy) {
        const int ymin = c.bounds[yy * 2] - shift, ymax = c.bounds[yy * 2 + 1];
        const int32_t* k = &c.k[static_cast<size_t>(yy) * c.ksize];
        uint8_t* dst = out.row(yy);
        for (int64_t i = 0; i < stride; ++i) {
            int64_t ss = int64_t(1) << (kPrecisionBits - 1);
            for (int y = 0; y < ymax; ++y) ss += int64_t(in.data[static_cast<size_t>((y + ymin) * stride + i)]) * k[y];
            dst[i] = clip8(ss);
        }
    }
    return out;
}

ImageU8 resize_nearest(const ImageU8& in, int64_t w, int64_t h, const std::array<double, 4>& box) {
    ImageU8 out(w, h, in.channels);
    const double sx = (box[2] - box[0]) / w, sy = (box[3] - box[1]) / h;
    for (int64_t y = 0; y < h; ++y) {
        int64_t yi = static_cast<int64_t>(box[1] + (y + 0.5) * sy);
        yi = std::min<int64_t>(std::max<int64_t>(yi, 0), in.height - 1);
        for (int64_t x = 0; x < w; ++x) {
            int64_t xi = static_cast<int64_t>(box[0] + (x + 0.5) * sx);
            xi = std::min<int64_t>(std::max<int64_t>(xi, 0), in.width - 1);
            for (int b = 0; b < in.channels; ++b) out.at(x, y, b) = in.at(xi, yi, b);
        }
    }
    return out;
}

} // namespace

ImageU8 pillow_resize(const ImageU8& in, int64_t width, int64_t height, ResampleFilter filter) {
    return pillow_resize(in, width, height, filter,
                         {0.0, 0.0, static_cast<double>(in.width), static_cast<double>(in.height)});
}

ImageU8 pillow_resize(const ImageU8& in, int64_t width, int64_t height, ResampleFilter filter,
                      const std::array<double, 4>& box) {
    if (!in.valid()) throw PipelineError("bad_image", "Cannot resize an empty or inconsistent image.");
    if (width < 1 || height < 1 || width > 65536 || height > 65536)
        throw PipelineError("bad_image", "Resize target " + std::to_string(width) + "x" + std::to_string(height) +
                                             " is out of range.");
    if (box[0] < 0 || box[1] < 0 || box[2] > in.width || box[3] > in.height || box[2] - box[0] < 0 ||
        box[3] - box[1] < 0)
        throw PipelineError("bad_image", "The resize box lies outside the image.");
    if (width == in.width && height == in.height && box[0] == 0 && box[1] == 0 && box[2] == in.width &&
        box[3] == in.height)
        return in;
    if (filter == ResampleFilter::Nearest) return resize_nearest(in, width, height, box);

    const float b0 = static_cast<float>(box[0]), b1 = static_cast<float>(box[1]);
    const float b2 = static_cast<float>(box[2]), b3 = static_cast<float>(box[3]);
    const bool need_h = width != in.width || b0 != 0 || b2 != width;
    const bool need_v = height != in.height || b1 != 0 || b3 != height;
    const Coeffs ch = precompute(in.width, b0, b2, width, filter);
    const Coeffs cv = precompute(in.height, b1, b3, height, filter);
    const int ybox_first = cv.bounds[0];
    const int ybox_last = cv.bounds[height * 2 - 2] + cv.bounds[height * 2 - 1];

    ImageU8 cur = in;
    int shift = 0;
    if (need_h) {
        cur = resample_horizontal(in, width, ybox_first, ybox_last - ybox_first, ch);
        shift = ybox_first;
    }
    if (need_v) cur = resample_vertical(cur, height, cv, shift);
    return cur;
}

} // namespace latent
