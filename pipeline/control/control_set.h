// The ControlNet units of one generation, applied with sd-webui-controlnet's semantics
// (scripts/hook.py UnetHook): on every UNet call each active unit runs its ControlNet on the same
// latent, timestep and text conditioning as the UNet; its 13 (SDXL: 10) residuals are scaled by
// the unit's weight (Balanced) or by the soft weights weight·0.825^(12−i) ("My prompt is more
// important" and "ControlNet is more important"), the latter also zeroed on the unconditional
// half of the CFG batch (cfg_injection); the residuals of all units are summed and added to the
// UNet's skip connections and mid block. A unit is active while
// sampling_step / total_steps lies in [guidance_start, guidance_end] (guidance_schedule_handler,
// with A1111's step counter: the index of the last completed sampler step, 0 before the first,
// and total = steps, or t_enc + 1 for img2img).
#pragma once

#include "pipeline/control/control_unit.h"
#include "pipeline/pipelines/generation.h"
#include "pipeline/loaders/model_family.h"
#include "pipeline/models/controlnet.h"

#include <ATen/core/Tensor.h>

#include <string>
#include <vector>

namespace latent {

struct PreparedControlUnit {
    std::string name;  // for messages / infotext ("model [hash]")
    ControlNetModel model{nullptr};
    at::Tensor hint;   // [1, C, H, W] float as fed to the net (0..1; inpaint: −1 where masked)
    double weight = 1.0;
    double guidance_start = 0.0;
    double guidance_end = 1.0;
    ControlMode mode = ControlMode::Balanced;
    // Hires fix (hr_option): the unit adds no residuals in this pass ("Low res only" in the second
    // pass, "High res only" in the first); its inpaint_only restore still runs, as the extension's.
    bool pass_disabled = false;
    // Hires fix second pass: canny and mlsd units take the soft weights 0.825^(12−i) whatever
    // their control mode (the extension's high_res_fix_forced_soft_injection).
    bool forced_soft = false;
    // inpaint_only (sd-webui-controlnet's "restore", txt2img / img2img without an A1111 mask):
    // the latent of the control image, the latent-size mask (1 = generate there), and the fitted
    // RGBA map whose colours are pasted back outside the mask after decoding.
    at::Tensor restore_latent;  // [1, 4, h, w]
    at::Tensor restore_mask;    // [1, 1, h, w]
    ImageU8 paste_map;          // width x height, RGBA (alpha = mask)
};

class ControlSet {
public:
    void add(PreparedControlUnit unit);
    bool empty() const { return units_.empty(); }
    const std::vector<PreparedControlUnit>& units() const { return units_; }

    // Scales of a unit's `count` residuals (extension: [weight]·13, or weight·0.825^(12−i) for
    // i = 0..12 with soft injection, cut to the first 10 for SDXL).
    static std::vector<double> control_scales(double weight, ControlMode mode, size_t count);
    // guidance_stopped is false while start <= step/total <= end.
    static bool guidance_active(double start, double end, int64_t sampling_step, int64_t total_steps);

    // Summed residuals of the active units for one UNet call on x [N, C, h, w] (c_in-scaled, as
    // the UNet gets it), timesteps t, context [N, S, C]; SDXL: text_embeds [N, P] and time_ids
    // [N, 6]. cond_mark [N]: 1 for rows of the conditional half, 0 for the unconditional half.
    // Empty when no unit is active (then the UNet runs without residuals).
    UNetResiduals residuals(const at::Tensor& x, const at::Tensor& t, const at::Tensor& context,
                            const at::Tensor& text_embeds, const at::Tensor& time_ids, const at::Tensor& cond_mark,
                            int64_t sampling_step, int64_t total_steps);

    // After every UNet call (all rows, whatever the guidance window, as the extension): for
    // inpaint_only units x0 = pred_x0·m + restore_latent·(1 − m) with pred_x0 from the output as
    // ε at timestep round(t), turned back into ε and mixed by min(max(weight, 0), 1) with the
    // output. `alphas_cumprod` [1000] of the model's schedule must be set.
    at::Tensor after_unet(const at::Tensor& x, const at::Tensor& t, const at::Tensor& out) const;
    void set_alphas_cumprod(const at::Tensor& alphas_cumprod) { alphas_cumprod_ = alphas_cumprod; }
    bool has_restore() const;
    // After decoding: inpaint_only units paste their image's colours back where the mask,
    // dilated (7x7) and box-blurred (7x7), is 0: y = m·x + (1 − m)·colours.
    void postprocess_images(std::vector<GeneratedImage>& images) const;

    // One record per residuals() call (tests, logs).
    struct CallRecord {
        int64_t sampling_step = 0;
        int64_t total_steps = 0;
        std::vector<bool> active;  // per unit
    };
    const std::vector<CallRecord>& calls() const { return calls_; }

private:
    std::vector<PreparedControlUnit> units_;
    std::vector<at::Tensor> embeddings_;  // hint embedding per unit (computed on first use)
    std::vector<CallRecord> calls_;
    at::Tensor alphas_cumprod_;
};

// The hint tensor of a prepared control map (RGB or RGBA, see prepare_control_map):
// [1, 3, H, W] = map / 255; an RGBA inpaint map gives c·(1 − m) − m with m = (alpha/255 > 0.5).
at::Tensor control_hint_tensor(const ImageU8& map);

} // namespace latent
