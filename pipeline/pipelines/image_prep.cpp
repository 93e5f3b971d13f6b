#include "pipeline/pipelines/image_prep.h"

#include "pipeline/core/error.h"
#include "pipeline/imaging/blur.h"
#include "pipeline/imaging/composite.h"
#include "pipeline/imaging/resample.h"

#include <algorithm>

namespace latent {

ImageU8 a1111_resize_image(int mode, const ImageU8& im, int64_t width, int64_t height) {
    if (!im.valid()) throw PipelineError("bad_image", "The image to resize is empty.");
    auto resize = [](const ImageU8& i, int64_t w, int64_t h) {
        return pillow_resize(i, w, h, ResampleFilter::Lanczos);
    };
    if (mode == 0) return resize(im, width, height);
    const double ratio = double(width) / double(height);
    const double src_ratio = double(im.width) / double(im.height);
    if (mode == 1) {
        const int64_t src_w = ratio > src_ratio ? width : im.width * height / im.height;
        const int64_t src_h = ratio <= src_ratio ? height : im.height * width / im.width;
        const ImageU8 resized = resize(im, src_w, src_h);
        ImageU8 res(width, height, im.channels);
        paste(res, resized, width / 2 - src_w / 2, height / 2 - src_h / 2);
        return res;
    }
    const int64_t src_w = ratio < src_ratio ? width : im.width * height / im.height;
    const int64_t src_h = ratio >= src_ratio ? height : im.height * width / im.width;
    const ImageU8 resized = resize(im, src_w, src_h);
    ImageU8 res(width, height, im.channels);
    paste(res, resized, width / 2 - src_w / 2, height / 2 - src_h / 2);
    const auto rw = double(resized.width), rh = double(resized.height), W = double(width), H = double(height);
    if (ratio < src_ratio) {
        const int64_t fill_height = height / 2 - src_h / 2;
        if (fill_height > 0) {
            paste(res, pillow_resize(resized, width, fill_height, ResampleFilter::Bicubic, {0, 0, W, 0}), 0, 0);
            paste(res, pillow_resize(resized, width, fill_height, ResampleFilter::Bicubic, {0, rh, W, rh}), 0,
                  fill_height + src_h);
        }
    } else if (ratio > src_ratio) {
        const int64_t fill_width = width / 2 - src_w / 2;
        if (fill_width > 0) {
            paste(res, pillow_resize(resized, fill_width, height, ResampleFilter::Bicubic, {0, 0, 0, H}), 0, 0);
            paste(res, pillow_resize(resized, fill_width, height, ResampleFilter::Bicubic, {rw, 0, rw, H}),
                  fill_width + src_w, 0);
        }
    }
    return res;
}

std::optional<CropRegion> get_crop_region(const ImageU8& mask, int64_t pad) {
    if (!mask.valid()) throw PipelineError("bad_image", "The mask is empty.");
    int64_t x1 = mask.width, y1 = mask.height, x2 = -1, y2 = -1;
    for (int64_t y = 0; y < mask.height; ++y)
        for (int64_t x = 0; x < mask.width; ++x) {
            bool nz = false;
            for (int c = 0; c < mask.channels; ++c) nz |= mask.at(x, y, c) != 0;
            if (!nz) continue;
            x1 = std::min(x1, x), y1 = std::min(y1, y), x2 = std::max(x2, x), y2 = std::max(y2, y);
        }
    if (x2 < 0) return std::nullopt;
    return CropRegion{std::max<int64_t>(x1 - pad, 0), std::max<int64_t>(y1 - pad, 0),
                      std::min<int64_t>(x2 + 1 + pad, mask.width), std::min<int64_t>(y2 + 1 + pad, mask.height)};
}

CropRegion expand_crop_region(CropRegion r, int64_t pw, int64_t ph, int64_t iw, int64_t ih) {
    int64_t x1 = r.x1, y1 = r.y1, x2 = r.x2, y2 = r.y2;
    const double ratio_crop = double(x2 - x1) / double(y2 - y1);
    const double ratio_proc = double(pw) / double(ph);
    auto floordiv2 = [](int64_t v) { return v >= 0 ? v / 2 : -((-v + 1) / 2); };
    if (ratio_crop > ratio_proc) {
        const double desired_h = double(x2 - x1) / ratio_proc;
        const int64_t diff = static_cast<int64_t>(desired_h - double(y2 - y1));
        y1 -= floordiv2(diff);
        y2 += diff - floordiv2(diff);
        if (y2 >= ih) {
            const int64_t d = y2 - ih;
            y2 -= d;
            y1 -= d;
        }
        if (y1 < 0) {
            y2 -= y1;
            y1 = 0;
        }
        if (y2 >= ih) y2 = ih;
    } else {
        const double desired_w = double(y2 - y1) * ratio_proc;
        const int64_t diff = static_cast<int64_t>(desired_w - double(x2 - x1));
        x1 -= floordiv2(diff);
        x2 += diff - floordiv2(diff);
        if (x2 >= iw) {
            const int64_t d = x2 - iw;
            x2 -= d;
            x1 -= d;
        }
        if (x1 < 0) {
            x2 -= x1;
            x1 = 0;
        }
        if (x2 >= iw) x2 = iw;
    }
    return {x1, y1, x2, y2};
}

ImageU8 masking_fill(const ImageU8& rgb_in, const ImageU8& mask) {
    const ImageU8 rgb = to_rgb(rgb_in);
    ImageU8 image_mod(rgb.width, rgb.height, 4, 0);
    ImageU8 image_masked(rgb.width, rgb.height, 4, 0); // RGBa
    paste_masked(image_masked, premultiply(to_rgba(rgb)), invert(to_luma(mask)));
    static const int kPasses[][2] = {{256, 1}, {64, 1}, {16, 2}, {4, 4}, {2, 2}, {0, 1}};
    for (const auto& p : kPasses) {
        const ImageU8 blurred = unpremultiply(pillow_gaussian_blur(image_masked, p[0]));
        for (int i = 0; i < p[1]; ++i) alpha_composite(image_mod, blurred);
    }
    return to_rgb(image_mod);
}

ImageU8 create_binary_mask(const ImageU8& mask, bool round) {
    if (!mask.valid()) throw PipelineError("bad_image", "The mask is empty.");
    if (mask.channels == 4) {
        bool opaque = true;
        for (size_t i = 3; i < mask.data.size() && opaque; i += 4) opaque = mask.data[i] == 255;
        if (!opaque) {
            ImageU8 out(mask.width, mask.height, 1);
            for (size_t i = 0; i < out.data.size(); ++i) {
                const uint8_t a = mask.data[i * 4 + 3];
                out.data[i] = round ? (a > 128 ? 255 : 0) : a;
            }
            return out;
        }
    }
    return to_luma(mask);
}

ImageU8 blur_mask(const ImageU8& mask, int blur_x, int blur_y) {
    ImageU8 m = to_luma(mask);
    if (blur_x > 0) m = cv_gaussian_blur(m, 2 * static_cast<int>(2.5 * blur_x + 0.5) + 1, 1, blur_x);
    if (blur_y > 0) m = cv_gaussian_blur(m, 1, 2 * static_cast<int>(2.5 * blur_y + 0.5) + 1, blur_y);
    return m;
}

OutpaintCanvas outpaint_extend(const ImageU8& rgb_in, const ImageU8* mask, const std::array<int64_t, 4>& ltrb,
                               int mask_blur) {
    const ImageU8 rgb = to_rgb(rgb_in);
    const auto [l, t, r, b] = ltrb;
    if (l < 0 || t < 0 || r < 0 || b < 0) throw PipelineError("bad_request", "Outpainting amounts cannot be negative.");
    OutpaintCanvas out;
    out.image = ImageU8(rgb.width + l + r, rgb.height + t + b, 3, 0);
    paste(out.image, rgb, l, t);
    out.mask = ImageU8(out.image.width, out.image.height, 1, 255);
    const int64_t inset = int64_t(mask_blur) * 2;
    const int64_t x1 = l + (l > 0 ? inset : 0), y1 = t + (t > 0 ? inset : 0);
    const int64_t x2 = l + rgb.width - (r > 0 ? inset : 0), y2 = t + rgb.height - (b > 0 ? inset : 0);
    for (int64_t y = std::max<int64_t>(y1, 0); y < y2; ++y)
        for (int64_t x = std::max<int64_t>(x1, 0); x < x2; ++x) {
            const int64_t ox = x - l, oy = y - t;
            out.mask.at(x, y) =
                (mask && ox >= 0 && oy >= 0 && ox < mask->width && oy < mask->height) ? mask->at(ox, oy) : 0;
        }
    return out;
}

ImageU8 make_overlay(const ImageU8& rgb, const ImageU8& mask_for_overlay) {
    ImageU8 masked(rgb.width, rgb.height, 4, 0);
    paste_masked(masked, premultiply(to_rgba(rgb)), invert(to_luma(mask_for_overlay)));
    return unpremultiply(masked);
}

ImageU8 apply_overlay(const ImageU8& decoded, const std::optional<CropRegion>& paste_to, const ImageU8& overlay) {
    ImageU8 base;
    if (paste_to) {
        base = ImageU8(overlay.width, overlay.height, 4, 0);
        paste(base, a1111_resize_image(1, to_rgb(decoded), paste_to->width(), paste_to->height()), paste_to->x1,
              paste_to->y1);
    } else {
        base = to_rgba(decoded);
        if (base.width != overlay.width || base.height != overlay.height)
            base = to_rgba(pillow_resize(to_rgb(decoded), overlay.width, overlay.height, ResampleFilter::Lanczos));
    }
    alpha_composite(base, overlay);
    return to_rgb(base);
}

} // namespace latent
