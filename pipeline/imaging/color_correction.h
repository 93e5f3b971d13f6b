// A1111's img2img colour correction (modules/processing.py setup_color_correction /
// apply_color_correction, option img2img_color_correction):
//  1. the target is the prepared init image in CIE L*a*b* (OpenCV cvtColor RGB2LAB, 8-bit);
//  2. the result image is converted the same way and each L*a*b* channel is histogram-matched
//     to the target (scikit-image match_histograms: the cumulative distribution of the source
//     values mapped through numpy.interp onto the target's; the float result stored back into
//     8 bits by truncation), then converted back (LAB2RGB);
//  3. that image is blended with the uncorrected result in blendmodes' LUMINOSITY mode: the
//     corrected colours get the uncorrected image's luminosity (0.299 R + 0.587 G + 0.114 B),
//     out-of-range colours pulled back towards their luminosity, rounded to 8 bits.
#pragma once

#include "pipeline/imaging/image_u8.h"

namespace latent {

// The correction target of an RGB (or RGBA/L: converted to RGB) init image: 8-bit L*a*b*.
ImageU8 color_correction_target(const ImageU8& init_rgb);
// Applies the correction to an RGB image (any size; the target's size does not matter).
ImageU8 apply_color_correction(const ImageU8& target_lab, const ImageU8& image_rgb);

// The pieces, exposed for tests.
ImageU8 rgb_to_lab(const ImageU8& rgb);
ImageU8 lab_to_rgb(const ImageU8& lab);
// skimage.exposure.match_histograms(image, reference, channel_axis=2) for 8-bit images.
ImageU8 match_histograms(const ImageU8& image, const ImageU8& reference);
// blendmodes.blendLayers(background, foreground, BlendType.LUMINOSITY) for opaque RGB images.
ImageU8 blend_luminosity(const ImageU8& background, const ImageU8& foreground);

} // namespace latent
