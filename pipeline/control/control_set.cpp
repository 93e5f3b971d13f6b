#include "pipeline/control/control_set.h"

#include "pipeline/core/error.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace latent {

void ControlSet::add(PreparedControlUnit unit) {
    if (!unit.model) throw PipelineError("controlnet_input", "A ControlNet unit has no model.");
    if (!unit.hint.defined() || unit.hint.dim() != 4)
        throw PipelineError("controlnet_input", "A ControlNet unit has no control image.");
    units_.push_back(std::move(unit));
    embeddings_.emplace_back();
}

std::vector<double> ControlSet::control_scales(double weight, ControlMode mode, size_t count) {
    std::vector<double> s(count, weight);
    if (mode != ControlMode::Balanced)  // soft_injection
        for (size_t i = 0; i < count; ++i) s[i] = weight * std::pow(0.825, 12.0 - static_cast<double>(i));
    return s;
}

bool ControlSet::guidance_active(double start, double end, int64_t step, int64_t total) {
    const double percent = total > 0 ? double(step) / double(total) : 0.0;
    return !(percent < start || percent > end);
}

UNetResiduals ControlSet::residuals(const at::Tensor& x, const at::Tensor& t, const at::Tensor& context,
                                    const at::Tensor& text_embeds, const at::Tensor& time_ids,
                                    const at::Tensor& cond_mark, int64_t step, int64_t total) {
    CallRecord record{step, total, std::vector<bool>(units_.size(), false)};
    UNetResiduals sum;
    for (size_t u = 0; u < units_.size(); ++u) {
        PreparedControlUnit& unit = units_[u];
        if (unit.pass_disabled) continue;
        if (!guidance_active(unit.guidance_start, unit.guidance_end, step, total)) continue;
        record.active[u] = true;
        if (unit.weight == 0.0) continue;  // adds exactly nothing
        ControlNetModelImpl& net = *unit.model;
        const auto dtype = net.compute_dtype();
        if (!embeddings_[u].defined()) {
            const at::Tensor hint = unit.hint.to(x.device(), dtype);
            if (hint.size(2) != x.size(2) * 8 || hint.size(3) != x.size(3) * 8)
                throw PipelineError("controlnet_input", "The control image of unit " + std::to_string(u) + " is " +
                                                            std::to_string(hint.size(3)) + "x" +
                                                            std::to_string(hint.size(2)) + "; the generation needs " +
                                                            std::to_string(x.size(3) * 8) + "x" +
                                                            std::to_string(x.size(2) * 8) + ".");
            embeddings_[u] = net.embed_hint(hint);
        }
        at::Tensor y;
        if (net.config().unet.addition_embed_type == "text_time") y = net.text_time_vector(text_embeds, time_ids);
        UNetResiduals r = net.forward(x, t, context, embeddings_[u], y);
        const size_t count = r.down.size() + 1;
        const ControlMode scale_mode =
            unit.forced_soft && unit.mode == ControlMode::Balanced ? ControlMode::Prompt : unit.mode;
        const std::vector<double> scales = control_scales(unit.weight, scale_mode, count);
        // cfg_injection ("ControlNet is more important") and global-average-pooling models put
        // control on the conditional rows only.
        const bool cond_only = unit.mode == ControlMode::Control || net.config().global_pool_conditions;
        at::Tensor mark;
        if (cond_only) mark = cond_mark.to(x.device(), dtype).reshape({-1, 1, 1, 1});
        // In place on the unit's own outputs (no second copy of the residuals).
        auto scale = [&](at::Tensor& v, double s) {
            v.mul_(s);
            if (cond_only) v.mul_(mark);
        };
        for (size_t i = 0; i < r.down.size(); ++i) {
            scale(r.down[i], scales[i]);
            if (sum.down.size() <= i) sum.down.push_back(std::move(r.down[i]));
            else sum.down[i].add_(r.down[i]);
        }
        scale(r.mid, scales.back());
        if (sum.mid.defined()) sum.mid.add_(r.mid);
        else sum.mid = std::move(r.mid);
    }
    calls_.push_back(std::move(record));
    return sum;
}

bool ControlSet::has_restore() const {
    for (const auto& u : units_)
        if (u.restore_latent.defined()) return true;
    return false;
}

at::Tensor ControlSet::after_unet(const at::Tensor& x, const at::Tensor& t, const at::Tensor& out) const {
    at::Tensor h = out;
    for (const auto& u : units_) {
        if (!u.restore_latent.defined()) continue;
        if (!alphas_cumprod_.defined())
            throw PipelineError("controlnet_input", "The inpaint_only restore needs the model's alphas_cumprod.");
        const at::Tensor xt = x.narrow(1, 0, 4).to(h.scalar_type());
        const int64_t n = alphas_cumprod_.size(0);
        const at::Tensor tt = at::round(t.reshape({-1}).to(at::kFloat)).to(at::kLong).clamp(0, n - 1);
        at::Tensor ac = alphas_cumprod_.to(h.device()).index_select(0, tt.to(h.device()));
        if (ac.size(0) == 1 && xt.size(0) != 1) ac = ac.expand({xt.size(0)});
        ac = ac.to(h.scalar_type()).reshape({-1, 1, 1, 1});
        const at::Tensor recip = at::rsqrt(ac), recipm1 = at::sqrt(1.0 / ac - 1.0);
        const at::Tensor mask = u.restore_mask.to(h.device(), h.scalar_type());
        const at::Tensor origin = u.restore_latent.to(h.device(), h.scalar_type());
        const at::Tensor x0_pred = recip * xt - recipm1 * h;
        const at::Tensor x0 = x0_pred * mask + origin * (1.0 - mask);
        const at::Tensor eps = (recip * xt - x0) / recipm1;
        const double w = std::clamp(u.weight, 0.0, 1.0);
        h = eps * w + h * (1.0 - w);
    }
    return h;
}

void ControlSet::postprocess_images(std::vector<GeneratedImage>& images) const {
    for (const auto& u : units_) {
        if (!u.restore_latent.defined() || !u.paste_map.valid() || u.paste_map.channels != 4) continue;
        const ImageU8& map = u.paste_map;
        const at::Tensor rgba = at::from_blob(const_cast<uint8_t*>(map.data.data()), {map.height, map.width, 4}, at::kByte)
                                    .to(at::kFloat)
                                    .div(255.0)
                                    .permute({2, 0, 1})
                                    .unsqueeze(0);
        const at::Tensor raw = rgba.narrow(1, 0, 3);
        at::Tensor m = rgba.narrow(1, 3, 1);
        // cv2.dilate (7x7 ones; borders do not add) then cv2.blur (7x7 box, reflect-101 borders).
        m = at::max_pool2d(m, {7, 7}, {1, 1}, {3, 3});
        m = at::avg_pool2d(at::reflection_pad2d(m, {3, 3, 3, 3}), {7, 7}, {1, 1});
        for (GeneratedImage& img : images) {
            if (img.width != map.width || img.height != map.height) continue;
            const at::Tensor x = at::from_blob(img.rgb.data(), {img.height, img.width, 3}, at::kByte)
                                     .to(at::kFloat)
                                     .div(255.0)
                                     .permute({2, 0, 1})
                                     .unsqueeze(0);
            const at::Tensor y = (m * x.clamp(0, 1) + (1.0 - m) * raw).clamp(0, 1);
            const at::Tensor bytes = (y * 255.0).to(at::kByte).squeeze(0).permute({1, 2, 0}).contiguous();
            std::memcpy(img.rgb.data(), bytes.data_ptr(), img.rgb.size());
        }
    }
}

at::Tensor control_hint_tensor(const ImageU8& map) {
    if (!map.valid() || (map.channels != 3 && map.channels != 4))
        throw PipelineError("bad_image", "The control map must be an 8-bit RGB or RGBA image.");
    at::Tensor t = at::from_blob(const_cast<uint8_t*>(map.data.data()), {map.height, map.width, map.channels}, at::kByte)
                       .to(at::kFloat)
                       .div(255.0)
                       .permute({2, 0, 1})
                       .unsqueeze(0)
                       .contiguous();
    if (map.channels == 4) {
        // The extension's inpaint protocol (hook.py): masked pixels become −1.
        const at::Tensor c = t.narrow(1, 0, 3);
        const at::Tensor m = (t.narrow(1, 3, 1) > 0.5).to(at::kFloat);
        t = (c * (1.0 - m) - m).contiguous();
    }
    return t;
}

} // namespace latent
