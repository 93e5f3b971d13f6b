#include "pipeline/loaders/demo_model.h"

#include "pipeline/loaders/checkpoint_writer.h"
#include "pipeline/models/autoencoder_kl.h"
#include "pipeline/models/clip_text.h"
#include "pipeline/models/unet_config.h"

#include <c10/core/InferenceMode.h>

namespace latent {

namespace {

UNetConfig demo_unet_config() {
    UNetConfig c;
    c.block_out_channels = {32, 64, 128, 128};
    c.layers_per_block = 2;
    c.down_block_attention = {true, true, true, false};
    c.up_block_attention = {false, true, true, true};
    c.cross_attention_dim = 32;
    c.num_attention_heads = {8, 8, 8, 8};
    c.transformer_layers = {1, 1, 1, 1};
    c.reverse_transformer_layers = {1, 1, 1, 1};
    return c;
}

ClipTextConfig demo_text_config() {
    ClipTextConfig c;
    c.hidden_size = 32;
    c.intermediate_size = 64;
    c.num_hidden_layers = 3;
    c.num_attention_heads = 4;
    c.projection_dim = 32;
    return c;
}

VaeConfig demo_vae_config() {
    VaeConfig c;
    c.block_out_channels = {32, 64, 128, 128};
    c.layers_per_block = 2;
    c.norm_num_groups = 32;
    return c;
}

} // namespace

void write_demo_model(const std::string& path, uint64_t seed) {
    c10::InferenceMode guard;
    // The same writer (A1111 layout, configs in `reference.*` metadata) the tests use for their
    // tiny models, so the demo is exactly what a downloaded A1111 checkpoint looks like.
    const CheckpointModules modules =
        make_random_sd1_modules(demo_unet_config(), demo_vae_config(), demo_text_config(), seed);
    write_a1111_checkpoint(path, modules, at::kHalf,
                           {{"latent.demo", "Latent Studio demo model: random weights (seed " + std::to_string(seed) +
                                                "), it makes noise. For trying the studio only."},
                            {"modelspec.title", "Latent Studio demo (random weights)"}});
}

} // namespace latent
