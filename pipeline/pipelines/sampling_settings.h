// A1111's settings (shared.opts) that change how an image is sampled, with A1111 v1.10.1's
// defaults. A job sets them through the API's `override_settings` or an infotext (the keys in
// comments are A1111's option names and, in quotes, their infotext names). Torch-free: safe for
// app/ and ui/ headers.
#pragma once

#include <string>

namespace latent {

struct SamplingSettings {
    double eta_ancestral = 1.0;                     // eta_ancestral, "Eta": ancestral and SDE k-diffusion samplers
    double eta_ddim = 0.0;                          // eta_ddim, "Eta DDIM": DDIM (and DDIM CFG++)
    double s_churn = 0.0;                           // s_churn, "Sigma churn": Euler, Heun, DPM2
    double s_tmin = 0.0;                            // s_tmin, "Sigma tmin"
    double s_tmax = 0.0;                            // s_tmax, "Sigma tmax" (0 = infinity)
    double s_noise = 1.0;                           // s_noise, "Sigma noise"
    double sigma_min = 0.0;                         // sigma_min, "Schedule min sigma" (0 = the model's)
    double sigma_max = 0.0;                         // sigma_max, "Schedule max sigma" (0 = the model's)
    double rho = 0.0;                               // rho, "Schedule rho" (0 = the schedule's default)
    double beta_dist_alpha = 0.6;                   // beta_dist_alpha, "Beta schedule alpha"
    double beta_dist_beta = 0.6;                    // beta_dist_beta, "Beta schedule beta"
    bool always_discard_next_to_last_sigma = false; // "Discard penultimate sigma"
    bool sgm_noise_multiplier = false;              // "SGM noise multiplier"
    std::string uni_pc_variant = "bh1";             // "UniPC variant": bh1, bh2, vary_coeff
    std::string uni_pc_skip_type = "time_uniform";  // "UniPC skip type": time_uniform, time_quadratic, logSNR
    int uni_pc_order = 3;                           // "UniPC order"
    bool uni_pc_lower_order_final = true;           // "UniPC lower order final"
    bool pad_cond_uncond = false;                   // "Pad conds"
    bool pad_cond_uncond_v0 = false;                // "Pad conds v0"
    bool batch_cond_uncond = true;                  // cond and uncond in one UNet batch when their lengths agree
    double s_min_uncond = 0.0;                      // s_min_uncond, "NGMS"
    bool s_min_uncond_all = false;                  // "NGMS all steps"
    double skip_early_cond = 0.0;                   // "Skip Early CFG"
    double initial_noise_multiplier = 1.0;          // img2img: "Noise multiplier"
    bool img2img_color_correction = false;          // img2img: match the result's colours to the init image
    bool use_old_karras_scheduler_sigmas = false;   // Karras and friends over [0.1, 10]
};

} // namespace latent
