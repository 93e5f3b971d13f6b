// A DiffusionModel over a checkpoint file, loaded as the engine loads it, and a tiny SD 2.x
// checkpoint written with the real writer, for tests that call the pipeline functions directly.
#pragma once

#include "pipeline/loaders/checkpoint_writer.h"
#include "pipeline/pipelines/diffusion_model.h"

#include <memory>
#include <string>

namespace latent::test {

inline std::unique_ptr<DiffusionModel> loadDiffusionModel(const std::string& path) { return load_diffusion_model(path); }

// A tiny SD 2.x checkpoint (OpenCLIP-style text encoder, linear projections; 32 wide instead of
// 1024) written to `file` with seeded random weights.
inline void writeTinySd2Checkpoint(const std::string& file, uint64_t seed) {
    UNetConfig u = unet_config_sd1(4);
    u.block_out_channels = {32, 64, 64, 64};
    u.num_attention_heads = {2, 4, 4, 4};
    u.cross_attention_dim = 32;
    u.use_linear_projection = true;
    VaeConfig v;
    v.block_out_channels = {32, 32, 64, 64};
    v.layers_per_block = 1;
    ClipTextConfig t;
    t.hidden_size = 32;
    t.intermediate_size = 64;
    t.num_hidden_layers = 2;
    t.num_attention_heads = 4;
    t.projection_dim = 32;
    t.hidden_act = "gelu";
    write_a1111_checkpoint(file, make_random_modules(ModelFamily::SD2, u, v, t, {}, seed), at::kFloat);
}

} // namespace latent::test
