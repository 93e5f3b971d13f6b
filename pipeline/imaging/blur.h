// Blurs with the exact integer behaviour of the libraries A1111 calls:
// - cv_gaussian_blur: OpenCV cv::GaussianBlur on 8-bit images (the bit-exact fixed-point path
//   of OpenCV >= 4.5: Gaussian kernel from sigma in double precision, quantised to 8 fractional
//   bits with error diffusion so it sums to exactly 1, separable horizontal then vertical pass,
//   BORDER_REFLECT_101, the result rounded half up).
// - pillow_gaussian_blur: Pillow ImageFilter.GaussianBlur(radius) (libImaging/BoxBlur.c: three
//   extended box-blur passes per axis with a fractional radius, 24-bit fixed point, edges
//   clamped, horizontal passes first).
#pragma once

#include "pipeline/imaging/image_u8.h"

#include <vector>

namespace latent {

// The 8-bit fixed-point kernel OpenCV uses (values sum to 256). n must be odd.
std::vector<int> cv_gaussian_kernel_fixed(int n, double sigma);

// cv2.GaussianBlur(img, (kw, kh), sigma_x, sigmaY=sigma_y) — sigma_y <= 0 means sigma_x.
ImageU8 cv_gaussian_blur(const ImageU8& in, int kw, int kh, double sigma_x, double sigma_y = 0.0);

// image.filter(ImageFilter.GaussianBlur(radius)) — all channels as stored (premultiply RGBA first
// for Pillow's RGBa behaviour). radius 0 returns a copy.
ImageU8 pillow_gaussian_blur(const ImageU8& in, double radius);

} // namespace latent
