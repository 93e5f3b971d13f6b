#include "pipeline/imaging/color_correction.h"

#include "pipeline/core/error.h"
#include "pipeline/imaging/composite.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace latent {

namespace {

ImageU8 convert(const ImageU8& in, int code) {
    if (!in.valid() || in.channels != 3)
        throw PipelineError("bad_image", "Colour conversion needs an 8-bit RGB image.");
    cv::Mat src(static_cast<int>(in.height), static_cast<int>(in.width), CV_8UC3, const_cast<uint8_t*>(in.data.data()));
    cv::Mat dst;
    cv::cvtColor(src, dst, code);
    ImageU8 out(in.width, in.height, 3);
    std::copy(dst.data, dst.data + out.data.size(), out.data.begin());
    return out;
}

// numpy.interp(x, xp, fp) with xp increasing.
double np_interp(double x, const std::vector<double>& xp, const std::vector<double>& fp) {
    const size_t n = xp.size();
    if (x < xp.front()) return fp.front();
    if (x > xp.back()) return fp.back();
    // j with xp[j] <= x < xp[j+1] (or j = n-1 when x == xp.back())
    const size_t j = static_cast<size_t>(std::upper_bound(xp.begin(), xp.end(), x) - xp.begin()) - 1;
    if (j == n - 1) return fp[j];
    if (xp[j] == x) return fp[j];
    const double slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
    double v = slope * (x - xp[j]) + fp[j];
    if (std::isnan(v)) v = slope * (x - xp[j + 1]) + fp[j + 1];
    return v;
}

double lum(const double* c) {
    return (c[0] * 0.299) + (c[1] * 0.587) + (c[2] * 0.114);
}

} // namespace

ImageU8 rgb_to_lab(const ImageU8& rgb) {
    return convert(rgb, cv::COLOR_RGB2Lab);
}
ImageU8 lab_to_rgb(const ImageU8& lab) {
    return convert(lab, cv::COLOR_Lab2RGB);
}

ImageU8 match_histograms(const ImageU8& image, const ImageU8& reference) {
    if (!image.valid() || !reference.valid() || image.channels != reference.channels)
        throw PipelineError("bad_image", "Histogram matching needs two 8-bit images with the same channels.");
    ImageU8 out = image;
    const int C = image.channels;
    const size_t n_src = static_cast<size_t>(image.width * image.height);
    const size_t n_ref = static_cast<size_t>(reference.width * reference.height);
    for (int c = 0; c < C; ++c) {
        std::vector<int64_t> src_counts(256, 0), ref_counts(256, 0);
        for (size_t i = 0; i < n_src; ++i) ++src_counts[image.data[i * C + c]];
        for (size_t i = 0; i < n_ref; ++i) ++ref_counts[reference.data[i * C + c]];
        // Template: only the values that occur, with their normalised cumulative counts.
        std::vector<double> tmpl_values, tmpl_quantiles;
        int64_t cum = 0;
        for (int v = 0; v < 256; ++v) {
            if (ref_counts[v] == 0) continue;
            cum += ref_counts[v];
            tmpl_values.push_back(v);
            tmpl_quantiles.push_back(static_cast<double>(cum) / static_cast<double>(n_ref));
        }
        std::array<uint8_t, 256> lut{};
        cum = 0;
        for (int v = 0; v < 256; ++v) {
            cum += src_counts[v];
            if (src_counts[v] == 0) continue;
            const double q = static_cast<double>(cum) / static_cast<double>(n_src);
            // float64 -> uint8 by truncation, as numpy's assignment into the uint8 result does.
            lut[v] = static_cast<uint8_t>(np_interp(q, tmpl_quantiles, tmpl_values));
        }
        for (size_t i = 0; i < n_src; ++i) out.data[i * C + c] = lut[image.data[i * C + c]];
    }
    return out;
}

ImageU8 blend_luminosity(const ImageU8& background, const ImageU8& foreground) {
    if (!background.valid() || !foreground.valid() || background.channels != 3 || foreground.channels != 3 ||
        background.width != foreground.width || background.height != foreground.height)
        throw PipelineError("bad_image", "The luminosity blend needs two RGB images of the same size.");
    ImageU8 out(background.width, background.height, 3);
    const size_t n = static_cast<size_t>(background.width * background.height);
    for (size_t i = 0; i < n; ++i) {
        double bg[3], fg[3];
        for (int k = 0; k < 3; ++k) {
            bg[k] = background.data[i * 3 + k] / 255.0;
            fg[k] = foreground.data[i * 3 + k] / 255.0;
        }
        // _setLum(background, _lum(foreground))
        const double delta = lum(fg) - lum(bg);
        double c[3] = {bg[0] + delta, bg[1] + delta, bg[2] + delta};
        const double l = lum(c);
        const double mn = std::min({c[0], c[1], c[2]}), mx = std::max({c[0], c[1], c[2]});
        if (mn < 0)
            for (double& v : c) v = l + (((v - l) * l) / (l - mn));
        if (mx > 1)
            for (double& v : c) v = l + (((v - l) * (1 - l)) / (mx - l));
        // imageFloatToInt(clip(x, 0, 1)): round half to even of x·255.
        for (int k = 0; k < 3; ++k) {
            const double v = std::clamp(c[k], 0.0, 1.0);
            out.data[i * 3 + k] = static_cast<uint8_t>(std::clamp(std::nearbyint(v * 255.0), 0.0, 255.0));
        }
    }
    return out;
}

ImageU8 color_correction_target(const ImageU8& init) {
    return rgb_to_lab(to_rgb(init));
}

ImageU8 apply_color_correction(const ImageU8& target_lab, const ImageU8& image_rgb) {
    const ImageU8 rgb = to_rgb(image_rgb);
    const ImageU8 corrected = lab_to_rgb(match_histograms(rgb_to_lab(rgb), target_lab));
    return blend_luminosity(corrected, rgb);
}

} // namespace latent
