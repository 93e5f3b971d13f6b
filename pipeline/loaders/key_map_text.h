// Canonical (transformers CLIPTextModel) names for text-encoder weights stored under any of the
// layouts Stable Diffusion checkpoints use:
//   transformers   <prefix>text_model.*, <prefix>text_projection.weight
//                  (SD1 `cond_stage_model.transformer.`, SDXL `conditioner.embedders.0.transformer.`,
//                   diffusers `text_encoder/`: empty prefix)
//   legacy         <prefix>embeddings.*, <prefix>encoder.layers.*, <prefix>final_layer_norm.*
//                  (old SD1 files without the `text_model.` level)
//   OpenCLIP       <prefix>token_embedding.weight, positional_embedding, ln_final,
//                  transformer.resblocks.N.{ln_1,ln_2,attn.in_proj_weight/bias,attn.out_proj,
//                  mlp.c_fc,mlp.c_proj}, text_projection [width, proj] (used as x @ P)
//                  (SD2 `cond_stage_model.model.`, SDXL `conditioner.embedders.1.model.`)
// `in_proj_weight` is split into q/k/v (rows 0..D-1, D..2D-1, 2D..3D-1) and the OpenCLIP
// `text_projection` is transposed into a Linear weight [proj, width].
#pragma once

#include <ATen/core/Tensor.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace latent {

// How one canonical tensor is produced from one tensor of the source file. Shared by the
// text and VAE key maps and used by the checkpoint loader to build lazy WeightMaps.
struct KeySource {
    enum class Op { Copy, Transpose, Chunk };
    std::string key;          // full source tensor name
    Op op = Op::Copy;
    int64_t chunk_index = 0;  // Op::Chunk: part `chunk_index` of `chunk_count` equal parts along dim 0
    int64_t chunk_count = 1;

    // Applies the transform (no copy for Copy; contiguous result otherwise).
    at::Tensor apply(const at::Tensor& t) const;
};

// canonical name -> source
using KeyMapping = std::map<std::string, KeySource>;

enum class TextKeyLayout { None, Transformers, TransformersLegacy, OpenClip };

// Layout of the text-encoder keys found under `prefix` (None when there are none).
TextKeyLayout detect_text_layout(const std::vector<std::string>& keys, std::string_view prefix);

// Maps every key under `prefix` to its canonical ClipTextModel name. `with_projection` keeps
// the projection (CLIPTextModelWithProjection, SDXL bigG); without it the projection is
// ignored (SD2's unused OpenCLIP projection). Keys that the model never uses (position_ids,
// logit_scale, attn_mask, OpenCLIP vision tower) are appended to `ignored` when given; keys
// under the prefix that are not understood are appended to `unknown`.
KeyMapping map_text_encoder_keys(const std::vector<std::string>& keys, std::string_view prefix, bool with_projection,
                                 std::vector<std::string>* ignored = nullptr,
                                 std::vector<std::string>* unknown = nullptr);

} // namespace latent
