#include "pipeline/pipelines/image_tensor.h"

#include "pipeline/core/error.h"

#include <ATen/ATen.h>

#include <cstring>

namespace latent {

GeneratedImage tensor_to_image(const at::Tensor& x) {
    if (x.dim() != 3 || x.size(0) != 3)
        throw PipelineError("bad_image", "Expected a [3,H,W] image tensor.");
    // Same float32 arithmetic as A1111: torch.clamp((x + 1.0) / 2.0, 0, 1) * 255 then astype(uint8).
    at::Tensor v = at::clamp((x.to(at::kFloat) + 1.0) / 2.0, 0.0, 1.0) * 255.0;
    at::Tensor hwc = v.permute({1, 2, 0}).contiguous().to(at::kByte);  // truncation toward zero
    GeneratedImage img;
    img.height = x.size(1);
    img.width = x.size(2);
    img.rgb.resize(static_cast<size_t>(hwc.numel()));
    std::memcpy(img.rgb.data(), hwc.data_ptr<uint8_t>(), img.rgb.size());
    return img;
}

at::Tensor image_to_tensor(const GeneratedImage& image) {
    if (image.rgb.size() != static_cast<size_t>(image.width * image.height * 3))
        throw PipelineError("bad_image", "Image buffer size does not match its dimensions.");
    at::Tensor t = at::from_blob(const_cast<uint8_t*>(image.rgb.data()), {image.height, image.width, 3}, at::kByte)
                       .to(at::kFloat);
    return (t.permute({2, 0, 1}).unsqueeze(0) / 255.0 * 2.0 - 1.0).contiguous();
}

GeneratedImage latent_preview(const at::Tensor& latent, bool sdxl) {
    // Linear latent→RGB factors (the well-known approximations used for live previews).
    static const float kSd1[4][3] = {
        {0.3512f, 0.2297f, 0.3227f}, {0.3250f, 0.4974f, 0.2350f}, {-0.2829f, 0.1762f, 0.2721f}, {-0.2120f, -0.2616f, -0.7177f}};
    static const float kSdxl[4][3] = {
        {0.3920f, 0.4054f, 0.4549f}, {-0.2634f, -0.0196f, 0.0653f}, {0.0568f, 0.1687f, -0.0755f}, {-0.3112f, -0.2359f, -0.2076f}};
    at::Tensor factors = at::from_blob(const_cast<float*>(&(sdxl ? kSdxl : kSd1)[0][0]), {4, 3}, at::kFloat).clone();
    at::Tensor l = latent.detach().to(at::kCPU, at::kFloat);
    if (l.dim() == 4) l = l[0];
    // [4,h,w] → [h,w,4] @ [4,3] → [3,h,w]
    at::Tensor rgb = at::matmul(l.permute({1, 2, 0}), factors).permute({2, 0, 1});
    return tensor_to_image(rgb.clamp(-1.0, 1.0));
}

} // namespace latent
