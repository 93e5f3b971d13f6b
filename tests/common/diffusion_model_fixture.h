// A DiffusionModel over a checkpoint file, built as the engine builds it (pipeline/engine.cpp),
// for tests that call the pipeline functions (txt2img, txt2img_hires, ...) directly.
#pragma once

#include "pipeline/loaders/checkpoint_loader.h"
#include "pipeline/pipelines/diffusion_model.h"

#include <memory>
#include <string>

namespace latent::test {

inline std::unique_ptr<DiffusionModel> loadDiffusionModel(const std::string& path) {
    LoadedCheckpoint ckpt = load_checkpoint(path);
    auto m = std::make_unique<DiffusionModel>();
    m->family = family_name(ckpt.detection.family);
    m->is_sdxl = ckpt.detection.family == ModelFamily::SDXL;
    m->inpainting = ckpt.detection.inpainting;
    m->prediction = ckpt.prediction;
    m->text = std::make_shared<TextConditioner>(ckpt.make_conditioner(1));
    m->unet = ckpt.unet;
    m->vae = ckpt.vae;
    m->schedule = std::make_shared<DiscreteSchedule>(DiscreteSchedule::stable_diffusion());
    return m;
}

} // namespace latent::test
