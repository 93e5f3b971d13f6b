#include "pipeline/upscalers/image_upscaler.h"

#include "pipeline/core/error.h"
#include "pipeline/core/system_info.h"
#include "pipeline/imaging/composite.h"
#include "pipeline/imaging/resample.h"
#include "pipeline/upscalers/upscaler_model.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <cmath>
#include <cstring>
#include <vector>

namespace latent {

namespace {

void check_cancel(const UpscaleContext& ctx) {
    if (ctx.cancelled && ctx.cancelled()) throw CancelledError();
    adapt_threads_to_load();
}

// upscale_pil_patch: RGB8 -> BGR float [1,3,H,W] (uint8 / 255 in double, as numpy, then float32),
// model, clamp(0, 1) · 255 rounded half to even (numpy round) -> RGB8.
ImageU8 upscale_patch(UpscalerModel& model, const ImageU8& rgb) {
    c10::InferenceMode guard;
    const int64_t h = rgb.height, w = rgb.width;
    at::Tensor in = at::empty({1, 3, h, w}, at::kFloat);
    float* p = in.data_ptr<float>();
    for (int c = 0; c < 3; ++c) {
        const int src = 2 - c; // BGR
        float* plane = p + c * h * w;
        for (int64_t i = 0; i < h * w; ++i)
            plane[i] = static_cast<float>(static_cast<double>(rgb.data[static_cast<size_t>(i * 3 + src)]) / 255.0);
    }
    at::Tensor out = model.forward(in);
    out = (out.to(at::kCPU, at::kFloat).clamp(0.0, 1.0) * 255.0).round().to(at::kByte).contiguous();
    const int64_t oh = out.size(2), ow = out.size(3);
    if (out.size(1) != 3) throw PipelineError("bad_image", "The upscaler did not return a 3-channel image.");
    ImageU8 result(ow, oh, 3);
    const uint8_t* o = out.data_ptr<uint8_t>();
    for (int c = 0; c < 3; ++c) {
        const uint8_t* plane = o + c * oh * ow;
        const int dst = 2 - c;
        for (int64_t i = 0; i < oh * ow; ++i) result.data[static_cast<size_t>(i * 3 + dst)] = plane[i];
    }
    return result;
}

// images.combine_grid's ramps: floor(i·255 / overlap) along x (mask_w, tile_h rows) or y (mask_h).
ImageU8 ramp_mask(int64_t overlap, int64_t length, bool along_x) {
    ImageU8 m(along_x ? overlap : length, along_x ? length : overlap, 1);
    for (int64_t y = 0; y < m.height; ++y)
        for (int64_t x = 0; x < m.width; ++x) {
            const int64_t i = along_x ? x : y;
            m.at(x, y) = static_cast<uint8_t>(i * 255 / overlap);
        }
    return m;
}

struct GridTile {
    int64_t x = 0;
    ImageU8 image;
};

ImageU8 resize_to(const ImageU8& img, int64_t w, int64_t h, ResampleFilter f) {
    if (img.width == w && img.height == h) return img;
    return pillow_resize(img, w, h, f);
}

} // namespace

ImageU8 upscale_with_model(UpscalerModel& model, const ImageU8& rgb_in, const UpscaleContext& ctx) {
    if (!rgb_in.valid()) throw PipelineError("bad_image", "The image to upscale is empty.");
    const ImageU8 rgb = to_rgb(rgb_in);
    const int64_t w = rgb.width, h = rgb.height;
    // A1111 fails on images no taller or wider than the overlap (no tiles); run those whole.
    if (ctx.tile <= 0 || w <= ctx.tile_overlap || h <= ctx.tile_overlap) {
        check_cancel(ctx);
        ImageU8 out = upscale_patch(model, rgb);
        if (ctx.on_tile) ctx.on_tile(1, 1);
        return out;
    }
    const int64_t tile = ctx.tile, overlap = ctx.tile_overlap;
    if (overlap < 0 || overlap >= tile)
        throw PipelineError("bad_request", "The tile overlap must be at least 0 and smaller than the tile size.");

    // images.split_grid
    const int64_t step = tile - overlap;
    const int64_t cols = static_cast<int64_t>(std::ceil(double(w - overlap) / double(step)));
    const int64_t rows = static_cast<int64_t>(std::ceil(double(h - overlap) / double(step)));
    const double dx = cols > 1 ? double(w - tile) / double(cols - 1) : 0.0;
    const double dy = rows > 1 ? double(h - tile) / double(rows - 1) : 0.0;
    const int64_t total = std::max<int64_t>(rows, 1) * std::max<int64_t>(cols, 1);

    // combine_grid, one row at a time (the same result as A1111's two-stage combine, without
    // keeping every upscaled tile).
    ImageU8 combined;
    ImageU8 mask_w, mask_h;
    int64_t scale = 0, done = 0;
    for (int64_t row = 0; row < rows; ++row) {
        int64_t y = static_cast<int64_t>(row * dy);
        if (y + tile >= h) y = h - tile;
        ImageU8 combined_row;
        for (int64_t col = 0; col < cols; ++col) {
            int64_t x = static_cast<int64_t>(col * dx);
            if (x + tile >= w) x = w - tile;
            check_cancel(ctx);
            const ImageU8 out = upscale_patch(model, crop(rgb, x, y, x + tile, y + tile));
            if (scale == 0) {
                scale = out.width / tile;
                if (scale < 1 || out.height != tile * scale)
                    throw PipelineError("bad_image", "The upscaler returned an unexpected tile size.");
                combined = ImageU8(w * scale, h * scale, 3);
                mask_w = ramp_mask(overlap * scale, tile * scale, true);
                mask_h = ramp_mask(overlap * scale, w * scale, false);
            }
            if (combined_row.empty()) combined_row = ImageU8(w * scale, tile * scale, 3);
            const int64_t ox = x * scale, ov = overlap * scale, th = tile * scale, tw = tile * scale;
            if (x == 0) {
                paste(combined_row, out, 0, 0);
            } else {
                if (ov > 0) paste_masked(combined_row, crop(out, 0, 0, ov, th), mask_w, ox, 0);
                paste(combined_row, crop(out, ov, 0, tw, th), ox + ov, 0);
            }
            if (ctx.on_tile) ctx.on_tile(++done, total);
        }
        const int64_t oy = y * scale, ov = overlap * scale, th = tile * scale;
        if (y == 0) {
            paste(combined, combined_row, 0, 0);
        } else {
            if (ov > 0) paste_masked(combined, crop(combined_row, 0, 0, combined_row.width, ov), mask_h, 0, oy);
            paste(combined, crop(combined_row, 0, ov, combined_row.width, th), 0, oy + ov);
        }
    }
    return combined;
}

ImageU8 a1111_upscale(const ImageU8& rgb_in, double scale, const ImageUpscaler& up, const UpscaleContext& ctx) {
    if (!rgb_in.valid()) throw PipelineError("bad_image", "The image to upscale is empty.");
    if (!(scale > 0) || !std::isfinite(scale))
        throw PipelineError("bad_request", "The upscale factor must be positive.");
    ImageU8 img = to_rgb(rgb_in);
    const int64_t dest_w = static_cast<int64_t>(std::floor(double(img.width) * scale / 8.0) * 8.0);
    const int64_t dest_h = static_cast<int64_t>(std::floor(double(img.height) * scale / 8.0) * 8.0);
    if (dest_w < 1 || dest_h < 1) throw PipelineError("bad_request", "The upscaled image would be empty.");
    for (int i = 0; i < 3; ++i) {
        if (img.width >= dest_w && img.height >= dest_h && (i > 0 || scale != 1.0)) break;
        check_cancel(ctx);
        const int64_t pw = img.width, ph = img.height;
        switch (up.kind) {
        case ImageUpscaler::Kind::None:
            break;
        case ImageUpscaler::Kind::Lanczos:
        case ImageUpscaler::Kind::Nearest: {
            const int64_t nw = static_cast<int64_t>(double(img.width) * scale);
            const int64_t nh = static_cast<int64_t>(double(img.height) * scale);
            img = pillow_resize(img, nw, nh,
                                up.kind == ImageUpscaler::Kind::Lanczos ? ResampleFilter::Lanczos
                                                                        : ResampleFilter::Nearest);
            break;
        }
        case ImageUpscaler::Kind::Model:
            if (!up.model) throw PipelineError("bad_request", "The upscaler \"" + up.name + "\" has no model loaded.");
            img = upscale_with_model(*up.model, img, ctx);
            break;
        }
        if (img.width == pw && img.height == ph) break;
    }
    return resize_to(img, dest_w, dest_h, ResampleFilter::Lanczos);
}

ImageU8 a1111_resize_with_upscaler(const ImageU8& rgb_in, int64_t width, int64_t height, const ImageUpscaler* up,
                                   const UpscaleContext& ctx) {
    if (!rgb_in.valid()) throw PipelineError("bad_image", "The image to resize is empty.");
    if (width < 1 || height < 1) throw PipelineError("bad_request", "The target size must be positive.");
    ImageU8 im = to_rgb(rgb_in);
    if (!up || up->kind == ImageUpscaler::Kind::None) return resize_to(im, width, height, ResampleFilter::Lanczos);
    const double scale = std::max(double(width) / double(im.width), double(height) / double(im.height));
    if (scale > 1.0) im = a1111_upscale(im, scale, *up, ctx);
    return resize_to(im, width, height, ResampleFilter::Lanczos);
}

ImageU8 pillow_blend(const ImageU8& a, const ImageU8& b, float alpha) {
    if (!a.valid() || !b.valid() || a.width != b.width || a.height != b.height || a.channels != b.channels)
        throw PipelineError("bad_image", "Image.blend needs two images of the same size and mode.");
    ImageU8 out(a.width, a.height, a.channels);
    for (size_t i = 0; i < a.data.size(); ++i) {
        const float t = float(int(a.data[i])) + alpha * float(int(b.data[i]) - int(a.data[i]));
        out.data[i] = t <= 0.0f ? 0 : t >= 255.0f ? 255 : static_cast<uint8_t>(t);
    }
    return out;
}

ImageU8 extras_upscale(const ImageU8& rgb_in, const ImageUpscaler& up1, const ImageUpscaler* up2,
                       const ExtrasUpscaleOptions& o, const UpscaleContext& ctx) {
    if (!rgb_in.valid()) throw PipelineError("bad_image", "The image to upscale is empty.");
    const ImageU8 rgb = to_rgb(rgb_in);
    const bool scale_to = o.scale_to_width > 0 && o.scale_to_height > 0;
    const double by = scale_to ? std::max(double(o.scale_to_width) / double(rgb.width),
                                          double(o.scale_to_height) / double(rgb.height))
                               : o.scale;
    auto one = [&](const ImageUpscaler& up) {
        ImageU8 img = a1111_upscale(rgb, by, up, ctx);
        if (scale_to && o.crop) {
            ImageU8 cropped(o.scale_to_width, o.scale_to_height, 3);
            paste(cropped, img, o.scale_to_width / 2 - img.width / 2, o.scale_to_height / 2 - img.height / 2);
            img = std::move(cropped);
        }
        return img;
    };
    ImageU8 result = one(up1);
    if (up2 && o.visibility > 0) result = pillow_blend(result, one(*up2), static_cast<float>(o.visibility));
    return result;
}

} // namespace latent
