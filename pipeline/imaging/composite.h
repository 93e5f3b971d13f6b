// Pillow's 8-bit pixel conversions and compositing with its exact integer rounding
// (libImaging/Convert.c, Paste.c, AlphaComposite.c), as A1111's inpainting uses them.
#pragma once

#include "pipeline/imaging/image_u8.h"

#include <array>

namespace latent {

// image.convert('L') from L, RGB or RGBA: (R·19595 + G·38470 + B·7471 + 0x8000) >> 16.
ImageU8 to_luma(const ImageU8& in);
// image.convert('RGB') (drops alpha, replicates L) and convert('RGBA') (alpha 255).
ImageU8 to_rgb(const ImageU8& in);
ImageU8 to_rgba(const ImageU8& in);
// RGBA -> RGBa (premultiplied, MULDIV255) and RGBa -> RGBA (255·c / a, clipped).
ImageU8 premultiply(const ImageU8& rgba);
ImageU8 unpremultiply(const ImageU8& rgba);
// ImageOps.invert: 255 - v on every channel.
ImageU8 invert(const ImageU8& in);
// image.crop((x1, y1, x2, y2)); pixels outside the image are 0.
ImageU8 crop(const ImageU8& in, int64_t x1, int64_t y1, int64_t x2, int64_t y2);
// dst.paste(src, (x, y)) without a mask: clipped to dst; src is converted to dst's channels
// (RGB onto RGBA sets alpha 255).
void paste(ImageU8& dst, const ImageU8& src, int64_t x, int64_t y);
// dst.paste(src, (x, y), mask=L): every byte blended as DIV255(dst·(255−m) + src·m);
// src must have dst's channels, mask is src-sized L.
void paste_masked(ImageU8& dst, const ImageU8& src, const ImageU8& mask, int64_t x = 0, int64_t y = 0);
// dst.alpha_composite(src): both RGBA (straight alpha), same size; Pillow's integer formula.
void alpha_composite(ImageU8& dst, const ImageU8& src);
// A1111 images.flatten(img, background): RGBA pasted with its alpha over a solid background,
// returned as RGB; RGB and L are converted to RGB.
ImageU8 flatten(const ImageU8& in, const std::array<uint8_t, 3>& background = {255, 255, 255});

} // namespace latent
