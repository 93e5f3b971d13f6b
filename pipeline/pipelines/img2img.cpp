#include "pipeline/pipelines/img2img.h"

#include "pipeline/core/error.h"
#include "pipeline/imaging/color_correction.h"
#include "pipeline/imaging/composite.h"
#include "pipeline/pipelines/image_prep.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <cstring>

namespace latent {

void validate_img2img(const GenerationRequest& r, const ImageU8& init) {
    auto bad = [](const std::string& msg) { throw PipelineError("bad_request", msg); };
    if (r.denoising_strength && !(*r.denoising_strength >= 0.0 && *r.denoising_strength <= 1.0))
        bad("Denoising strength must be between 0 and 1.");
    if (!init.valid() || (init.channels != 1 && init.channels != 3 && init.channels != 4))
        throw PipelineError("bad_image", "The init image is empty or not an 8-bit L, RGB or RGBA image.");
    if (init.width > 16384 || init.height > 16384)
        throw PipelineError("bad_image", "The init image is larger than 16384 pixels on a side.");
    const Img2ImgOptions& o = r.img2img;
    if (o.resize_mode < 0 || o.resize_mode > 3) bad("Resize mode must be 0, 1, 2 or 3.");
    if (o.mask_blur_x < 0 || o.mask_blur_y < 0 || o.mask_blur_x > 256 || o.mask_blur_y > 256)
        bad("Mask blur must be between 0 and 256.");
    if (o.inpaint_full_res_padding < 0 || o.inpaint_full_res_padding > 1024)
        bad("Masked area padding must be between 0 and 1024.");
    if (o.inpainting_fill < 0 || o.inpainting_fill > 3)
        bad("Masked content must be 0 (fill), 1 (original), 2 (latent noise) or 3 (latent nothing).");
    if (!(o.inpainting_mask_weight >= 0.0 && o.inpainting_mask_weight <= 1.0))
        bad("The inpainting mask weight must be between 0 and 1.");
    for (int64_t v : o.outpaint)
        if (v < 0 || v > 4096) bad("Outpainting amounts must be between 0 and 4096 pixels.");
}

at::Tensor image_to_unit_tensor(const ImageU8& rgb_in) {
    const ImageU8 rgb = to_rgb(rgb_in);
    at::Tensor t =
        at::from_blob(const_cast<uint8_t*>(rgb.data.data()), {rgb.height, rgb.width, 3}, at::kByte).to(at::kFloat);
    return (t / 255.0).permute({2, 0, 1}).unsqueeze(0).contiguous();
}

at::Tensor encode_init(DiffusionModel& model, const at::Tensor& x01, int64_t batch, int64_t latent_h, int64_t latent_w,
                       bool latent_upscale, const GenerationCallbacks& callbacks) {
    const at::Tensor x = (x01.to(model.device, model.dtype) * 2.0 - 1.0);
    const bool tiled = x.size(2) * x.size(3) > 1024 * 1024;
    at::Tensor z = model.vae->encode_to_latents(x, tiled, callbacks.cancelled);
    if (latent_upscale && (z.size(2) != latent_h || z.size(3) != latent_w))
        z = at::upsample_bilinear2d(z, {latent_h, latent_w}, /*align_corners=*/false);
    return z.expand({batch, -1, -1, -1}).contiguous();
}

at::Tensor inpainting_image_conditioning(DiffusionModel& model, const at::Tensor& source_m11, at::Tensor mask01,
                                         double weight, bool round, int64_t batch, int64_t latent_h, int64_t latent_w) {
    const at::Tensor src = source_m11.to(model.device, model.dtype);
    if (!mask01.defined()) {
        mask01 = at::ones({1, 1, src.size(2), src.size(3)}, src.options());
    } else {
        mask01 = mask01.to(model.device, model.dtype);
        if (round) mask01 = at::round(mask01);
        if (mask01.size(2) != src.size(2) || mask01.size(3) != src.size(3))
            mask01 = at::upsample_nearest2d(mask01, {src.size(2), src.size(3)});
    }
    const at::Tensor cond_image = at::lerp(src, src * (1.0 - mask01), weight);
    const at::Tensor z =
        model.vae->encode_to_latents(cond_image, cond_image.size(2) * cond_image.size(3) > 1024 * 1024);
    const at::Tensor m = at::upsample_nearest2d(mask01, {latent_h, latent_w});
    return at::cat({m.expand({z.size(0), -1, -1, -1}), z}, 1).expand({batch, -1, -1, -1}).contiguous();
}

GenerationResult img2img(DiffusionModel& model, const GenerationRequest& request_in, const InitImages& images,
                         const GenerationCallbacks& callbacks, LatentRecorder* recorder, ControlSet* control) {
    c10::InferenceMode inference_guard;
    GenerationRequest request = request_in;
    if (!request.denoising_strength) request.denoising_strength = 0.75; // A1111 default
    // A1111 init_images: one image is used for the whole batch; N <= batch_size images make the
    // batch size N, image i starting from init image i.
    std::vector<const ImageU8*> inits{&images.init};
    for (const ImageU8& more : images.more_inits) inits.push_back(&more);
    const int64_t n_inits = static_cast<int64_t>(inits.size());
    if (n_inits > request.batch_size)
        throw PipelineError("bad_request", "There are " + std::to_string(n_inits) +
                                               " init images but the batch size is " +
                                               std::to_string(request.batch_size) +
                                               "; give at most one init image per image of the batch.");
    if (n_inits > 1) request.batch_size = n_inits;
    validate_request(request);
    for (const ImageU8* init : inits) validate_img2img(request, *init);
    if (images.mask.valid())
        throw PipelineError("bad_request", "img2img() got a mask: masked jobs run through inpaint().");
    const Img2ImgOptions& o = request.img2img;
    const int64_t W = request.width, H = request.height, B = request.batch_size;
    const bool latent_upscale = o.resize_mode == 3;

    GenerationResult pre;
    std::vector<at::Tensor> units, latents;
    std::vector<ImageU8> corrections;
    for (const ImageU8* init : inits) {
        // 1. Flatten transparency onto the background colour (A1111 images.flatten).
        ImageU8 image = flatten(*init, o.background);

        // 2. Resize to the processing size by resize mode (3 = latent upscale: encode as is).
        if (!latent_upscale) {
            image = a1111_resize_image(o.resize_mode, image, W, H);
        } else if (image.width % 8 != 0 || image.height % 8 != 0) {
            const int64_t w8 = std::max<int64_t>(8, image.width / 8 * 8),
                          h8 = std::max<int64_t>(8, image.height / 8 * 8);
            pre.warnings.push_back("Latent upscale: the init image was cropped to " + std::to_string(w8) + "x" +
                                   std::to_string(h8) + " (a multiple of 8) before encoding.");
            image = crop(image, 0, 0, w8, h8);
        }
        if (n_inits > 1 && !units.empty() &&
            (image.width != units.front().size(3) || image.height != units.front().size(2)))
            throw PipelineError("bad_request", "With latent upscale all init images must have the same size.");
        // A1111 setup_color_correction: the prepared init image in L*a*b*.
        if (request.settings.img2img_color_correction) corrections.push_back(color_correction_target(image));

        // 3. VAE encode (posterior mean × scale factor), one image at a time like A1111.
        const at::Tensor x01 = image_to_unit_tensor(image);
        units.push_back(x01);
        latents.push_back(encode_init(model, x01, n_inits > 1 ? 1 : B, H / 8, W / 8, latent_upscale, callbacks));
    }
    const at::Tensor x01 = units.front();
    LatentInputs in;
    in.control = control;
    in.init_latent = n_inits > 1 ? at::cat(latents, 0) : latents.front();

    // 4. 9-channel models: A1111's conditioning with everything masked (weight 1 = a blank image).
    if (model.unet->config().in_channels == 9) {
        std::vector<at::Tensor> conds;
        for (const at::Tensor& u : units)
            conds.push_back(inpainting_image_conditioning(model, u * 2.0 - 1.0, at::Tensor(), o.inpainting_mask_weight,
                                                          o.mask_round, n_inits > 1 ? 1 : B, H / 8, W / 8));
        in.image_cond = conds.size() == 1 ? conds.front() : at::cat(conds, 0);
    }
    if (recorder) {
        recorder->latents["vae_input"] = n_inits > 1 ? at::cat(units, 0) : x01.expand({B, -1, -1, -1}).contiguous();
        recorder->latents["init_latent"] = in.init_latent.to(at::kCPU, at::kFloat).clone();
    }

    // 5-8. Conditioning, noise, sliced sampling from init_latent + noise·σ_start, decoding.
    GenerationResult result = run_diffusion(model, request, callbacks, recorder, &in);
    result.warnings.insert(result.warnings.begin(), pre.warnings.begin(), pre.warnings.end());

    // 9. A1111 apply_color_correction on every image (corrections repeat over the batch).
    if (!corrections.empty()) {
        for (GeneratedImage& img : result.images) {
            const ImageU8& target = corrections[static_cast<size_t>(img.batch_index % B) % corrections.size()];
            ImageU8 rgb(img.width, img.height, 3);
            rgb.data = img.rgb;
            img.rgb = apply_color_correction(target, rgb).data;
        }
    }
    return result;
}

} // namespace latent
