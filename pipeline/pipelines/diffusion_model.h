// Everything a generation needs from a loaded checkpoint, ready on its device.
#pragma once

#include "pipeline/models/autoencoder_kl.h"
#include "pipeline/models/text_conditioner.h"
#include "pipeline/models/unet2d_condition.h"
#include "pipeline/schedulers/denoiser.h"

#include <memory>
#include <string>
#include <vector>

namespace latent {

class PromptChunker;
class NetworkRuntime;
class EmbeddingDatabase;

struct DiffusionModel {
    std::string family;                 // "sd1", "sd2", "sdxl", ...
    bool is_sdxl = false;
    bool inpainting = false;
    Prediction prediction = Prediction::Epsilon;
    std::shared_ptr<TextConditioner> text;
    UNet2DConditionModel unet{nullptr};
    AutoencoderKL vae{nullptr};
    std::shared_ptr<DiscreteSchedule> schedule;
    at::Device device = at::kCPU;
    at::ScalarType dtype = at::kFloat;
    // Networks applied to this model (created on first use) and its textual-inversion database
    // (cached per embedding folder contents).
    std::shared_ptr<NetworkRuntime> networks;
    std::shared_ptr<EmbeddingDatabase> embeddings;
};

// A checkpoint (and optionally a standalone VAE) loaded onto `device` as the engine uses it:
// family, prediction, text conditioner, UNet, VAE and the SD sigma table. Throws PipelineError.
std::unique_ptr<DiffusionModel> load_diffusion_model(const std::string& path, const std::string& vae_path = {},
                                                     at::Device device = at::kCPU,
                                                     std::vector<std::string>* warnings = nullptr,
                                                     double* vae_scale = nullptr);

} // namespace latent
