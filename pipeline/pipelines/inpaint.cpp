#include "pipeline/pipelines/inpaint.h"

#include "pipeline/core/error.h"
#include "pipeline/imaging/color_correction.h"
#include "pipeline/imaging/composite.h"
#include "pipeline/imaging/resample.h"
#include "pipeline/pipelines/image_prep.h"
#include "pipeline/pipelines/img2img.h"
#include "pipeline/tensors/rng.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

namespace latent {

namespace {

bool all_black(const ImageU8& m) {
    for (uint8_t v : m.data)
        if (v != 0) return false;
    return true;
}

ImageU8 to_image_u8(const GeneratedImage& g) {
    ImageU8 im(g.width, g.height, 3);
    im.data = g.rgb;
    return im;
}

} // namespace

GenerationResult inpaint(DiffusionModel& model, const GenerationRequest& request_in, const InitImages& images,
                         const GenerationCallbacks& callbacks, LatentRecorder* recorder, ControlSet* control) {
    c10::InferenceMode inference_guard;
    GenerationRequest request = request_in;
    if (!request.denoising_strength) request.denoising_strength = 0.75; // A1111 default
    validate_request(request);
    validate_img2img(request, images.init);
    if (!images.more_inits.empty())
        throw PipelineError("bad_request",
                            "Several init images work for img2img only, not with a mask or outpainting.");
    const Img2ImgOptions& o = request.img2img;
    const int64_t W = request.width, H = request.height, B = request.batch_size;
    const int64_t h = H / 8, w = W / 8;
    std::vector<std::string> warnings;
    std::vector<std::pair<std::string, std::string>> extra;

    // 1. The init image (flattened) and the binary mask (alpha or luma), matched to its size.
    ImageU8 init = flatten(images.init, o.background);
    ImageU8 image_mask;
    if (!images.mask.valid() && o.mask_from_init_alpha) {
        if (images.init.channels != 4)
            throw PipelineError("bad_request", "The init image has no alpha channel to take the mask from.");
        image_mask = ImageU8(images.init.width, images.init.height, 1);
        for (size_t i = 0; i < image_mask.data.size(); ++i)
            image_mask.data[i] = static_cast<uint8_t>(255 - images.init.data[i * 4 + 3]);
        image_mask = create_binary_mask(image_mask, o.mask_round);
    } else if (images.mask.valid()) {
        image_mask = create_binary_mask(images.mask, o.mask_round);
        if (image_mask.width != init.width || image_mask.height != init.height) {
            warnings.push_back("The mask is " + std::to_string(image_mask.width) + "x" +
                               std::to_string(image_mask.height) + " but the image is " + std::to_string(init.width) +
                               "x" + std::to_string(init.height) + "; the mask was resized to the image.");
            image_mask = pillow_resize(image_mask, init.width, init.height, ResampleFilter::Lanczos);
        }
    }
    const bool outpainting = o.outpaint[0] || o.outpaint[1] || o.outpaint[2] || o.outpaint[3];
    if (!image_mask.valid() && !outpainting)
        throw PipelineError("bad_request", "Inpainting needs a mask (white = the area to repaint).");

    // 2. Invert ("Inpaint not masked").
    if (o.inpainting_mask_invert && image_mask.valid()) {
        image_mask = invert(image_mask);
        extra.emplace_back("Mask mode", "Inpaint not masked");
    }

    // 3. Outpainting: grow the canvas; the new area (and a 2·blur band inside the old edge) is masked.
    if (outpainting) {
        const OutpaintCanvas canvas = outpaint_extend(init, image_mask.valid() ? &image_mask : nullptr, o.outpaint,
                                                      std::max(o.mask_blur_x, o.mask_blur_y));
        init = canvas.image;
        image_mask = canvas.mask;
    }
    if (all_black(image_mask))
        throw PipelineError(
            "bad_request",
            "The mask is completely black, so there is nothing to inpaint (white marks the area to repaint).");

    // 4. Mask blur: OpenCV Gaussian along x, then along y.
    if (o.mask_blur_x > 0 || o.mask_blur_y > 0) {
        image_mask = blur_mask(image_mask, o.mask_blur_x, o.mask_blur_y);
        if (o.mask_blur_x == o.mask_blur_y) extra.emplace_back("Mask blur", std::to_string(o.mask_blur_x));
    }

    // 5. Inpaint area: only masked (crop around the mask, grown to the processing aspect) or whole picture.
    ImageU8 mask_for_overlay;
    std::optional<CropRegion> crop_region;
    if (o.inpaint_full_res) {
        mask_for_overlay = image_mask;
        crop_region = get_crop_region(image_mask, o.inpaint_full_res_padding);
        if (!crop_region)
            throw PipelineError("bad_request", "The blurred mask is empty, so there is nothing to inpaint.");
        *crop_region = expand_crop_region(*crop_region, W, H, image_mask.width, image_mask.height);
        const CropRegion& c = *crop_region;
        image_mask = a1111_resize_image(2, crop(image_mask, c.x1, c.y1, c.x2, c.y2), W, H);
        extra.emplace_back("Inpaint area", "Only masked");
        extra.emplace_back("Masked area padding", std::to_string(o.inpaint_full_res_padding));
    } else {
        image_mask = a1111_resize_image(o.resize_mode, image_mask, W, H);
        mask_for_overlay = image_mask;
        for (auto& v : mask_for_overlay.data) v = static_cast<uint8_t>(std::min(255, int(v) * 2));
    }
    const ImageU8& latent_mask = image_mask;

    // 6. The image: resized (whole picture) or cropped and resized (only masked); the overlay of
    //    the original through the inverted blurred mask for the paste-back.
    const bool latent_upscale = o.resize_mode == 3;
    ImageU8 image = init;
    if (!crop_region && !latent_upscale) image = a1111_resize_image(o.resize_mode, image, W, H);
    if (mask_for_overlay.width != image.width || mask_for_overlay.height != image.height)
        mask_for_overlay = a1111_resize_image(o.resize_mode, mask_for_overlay, image.width, image.height);
    const ImageU8 overlay = make_overlay(image, mask_for_overlay);
    if (crop_region) {
        const CropRegion& c = *crop_region;
        image = a1111_resize_image(2, crop(image, c.x1, c.y1, c.x2, c.y2), W, H);
    } else if (latent_upscale && (image.width % 8 != 0 || image.height % 8 != 0)) {
        image =
            crop(image, 0, 0, std::max<int64_t>(8, image.width / 8 * 8), std::max<int64_t>(8, image.height / 8 * 8));
        warnings.push_back("Latent upscale: the init image was cropped to a multiple of 8 before encoding.");
    }

    // 7. Masked content "fill": masked pixels replaced by colours blurred in from around them.
    if (o.inpainting_fill != 1) {
        image =
            masking_fill(image, latent_mask.width == image.width && latent_mask.height == image.height
                                    ? latent_mask
                                    : pillow_resize(latent_mask, image.width, image.height, ResampleFilter::Lanczos));
        if (o.inpainting_fill == 0) extra.emplace_back("Masked content", "fill");
    }

    // A1111 setup_color_correction: the prepared (cropped, filled) init image in L*a*b*.
    ImageU8 correction;
    if (request.settings.img2img_color_correction) correction = color_correction_target(image);

    // 8. VAE encode.
    const at::Tensor x01 = image_to_unit_tensor(image);
    LatentInputs in;
    in.control = control;
    in.init_latent = encode_init(model, x01, B, h, w, latent_upscale, callbacks);

    // 9. Latent masks: the mask resized to the latent size (Pillow bicubic), /255, rounded.
    {
        const ImageU8 small = pillow_resize(latent_mask, w, h, ResampleFilter::Bicubic);
        at::Tensor lat =
            at::from_blob(const_cast<uint8_t*>(small.data.data()), {h, w}, at::kByte).to(at::kFloat) / 255.0;
        if (o.mask_round) lat = at::round(lat);
        lat = lat.unsqueeze(0).repeat({in.init_latent.size(1), 1, 1});
        in.nmask = lat.to(model.device, model.dtype);
        in.mask = (1.0 - lat).to(model.device, model.dtype);
    }

    // 10. Latent noise / latent nothing in the masked area (A1111: seeds of the first batch).
    if (o.inpainting_fill == 2) {
        BatchNoiseOptions no;
        no.source = request.rng;
        for (int64_t i = 0; i < B; ++i) no.seeds.push_back(static_cast<uint64_t>(image_seed(request, i)));
        BatchNoise noise(no, {in.init_latent.size(1), h, w});
        const at::Tensor n = noise.next().to(model.device, model.dtype);
        in.init_latent = in.init_latent * in.mask + n * in.nmask;
        extra.emplace_back("Masked content", "latent noise");
    } else if (o.inpainting_fill == 3) {
        in.init_latent = in.init_latent * in.mask;
        extra.emplace_back("Masked content", "latent nothing");
    }

    // 11. 9-channel models: mask + masked-image latent as extra UNet input.
    if (model.unet->config().in_channels == 9) {
        const ImageU8 m = to_luma(latent_mask);
        at::Tensor m01 =
            at::from_blob(const_cast<uint8_t*>(m.data.data()), {1, 1, m.height, m.width}, at::kByte).to(at::kFloat) /
            255.0;
        in.image_cond =
            inpainting_image_conditioning(model, x01 * 2.0 - 1.0, m01, o.inpainting_mask_weight, o.mask_round, B, h, w);
    }
    if (recorder) {
        recorder->latents["vae_input"] = x01.expand({B, -1, -1, -1}).contiguous();
        recorder->latents["init_latent"] = in.init_latent.to(at::kCPU, at::kFloat).clone();
        recorder->latents["mask"] = in.mask.to(at::kCPU, at::kFloat).clone();
        recorder->latents["nmask"] = in.nmask.to(at::kCPU, at::kFloat).clone();
    }

    // 12. Sample with the latent blend after every model call, decode.
    GenerationResult result = run_diffusion(model, request, callbacks, recorder, &in);

    // 13. Paste-back: the decoded crop resized into place, the original composited over it
    //     through 255 − blurred mask, so pixels outside the mask stay the original ones.
    //     A1111 applies the colour correction first.
    if (correction.valid()) {
        for (GeneratedImage& img : result.images) {
            ImageU8 rgb(img.width, img.height, 3);
            rgb.data = img.rgb;
            img.rgb = apply_color_correction(correction, rgb).data;
        }
    }
    result.decoded_images = result.images;
    for (GeneratedImage& img : result.images) {
        const ImageU8 pasted = apply_overlay(to_image_u8(img), crop_region, overlay);
        img.width = pasted.width;
        img.height = pasted.height;
        img.rgb = pasted.data;
    }
    result.mask_for_overlay = mask_for_overlay;
    result.warnings.insert(result.warnings.begin(), warnings.begin(), warnings.end());
    // The img2img keys come first (A1111 adds them in init(), before the sampler's).
    result.extra_params.insert(result.extra_params.begin(), extra.begin(), extra.end());
    return result;
}

} // namespace latent
