// Tiny but real model files for library tests: safetensors written with the project's writer,
// with the tensor names and shapes that family detection reads (SD 1.x, SDXL, inpainting,
// LoRA, VAE, embedding), plus junk that must be listed with its verdict (LFS pointer, HTML page,
// truncated file, pickle).
#pragma once

#include "pipeline/tensors/safetensors.h"

#include <ATen/ATen.h>

#include <QByteArray>
#include <QColor>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QString>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace latent::test {

using TensorList = std::vector<std::pair<std::string, at::Tensor>>;

inline at::Tensor tinyTensor(std::vector<int64_t> shape, int seed) {
    at::manual_seed(seed);
    return at::randn(shape, at::kFloat).to(at::kHalf);
}

inline TensorList sd1Tensors(int seed, bool inpainting = false) {
    const std::string U = "model.diffusion_model.";
    return {
        {U + "input_blocks.0.0.weight", tinyTensor({8, inpainting ? 9 : 4, 3, 3}, seed)},
        {U + "input_blocks.1.0.out_layers.3.weight", tinyTensor({8, 8, 3, 3}, seed + 1)},
        {U + "input_blocks.1.1.transformer_blocks.0.attn2.to_k.weight", tinyTensor({8, 768}, seed + 2)},
        {U + "out.2.weight", tinyTensor({4, 8, 3, 3}, seed + 3)},
        {"cond_stage_model.transformer.text_model.embeddings.token_embedding.weight", tinyTensor({32, 16}, seed + 4)},
        {"first_stage_model.decoder.conv_in.weight", tinyTensor({8, 4, 3, 3}, seed + 5)}};
}

inline TensorList sdxlTensors(int seed) {
    const std::string U = "model.diffusion_model.";
    return {{U + "input_blocks.0.0.weight", tinyTensor({8, 4, 3, 3}, seed)},
            {U + "input_blocks.1.0.out_layers.3.weight", tinyTensor({8, 8, 3, 3}, seed + 1)},
            {U + "input_blocks.1.1.transformer_blocks.0.attn2.to_k.weight", tinyTensor({8, 2048}, seed + 2)},
            {U + "label_emb.0.0.weight", tinyTensor({32, 48}, seed + 3)},
            {U + "out.2.weight", tinyTensor({4, 8, 3, 3}, seed + 4)},
            {"conditioner.embedders.0.transformer.text_model.embeddings.token_embedding.weight",
             tinyTensor({32, 16}, seed + 5)},
            {"conditioner.embedders.1.model.token_embedding.weight", tinyTensor({32, 16}, seed + 6)}};
}

inline TensorList loraTensors(int seed) {
    const std::string L = "lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn2_to_k";
    return {{L + ".lora_down.weight", tinyTensor({4, 768}, seed)},
            {L + ".lora_up.weight", tinyTensor({8, 4}, seed + 1)},
            {L + ".alpha", at::scalar_tensor(4.0, at::kFloat)}};
}

inline TensorList vaeTensors(int seed) {
    return {{"encoder.conv_in.weight", tinyTensor({8, 3, 3, 3}, seed)},
            {"encoder.down.0.block.0.conv2.weight", tinyTensor({8, 8, 3, 3}, seed + 1)},
            {"decoder.conv_in.weight", tinyTensor({8, 4, 3, 3}, seed + 2)}};
}

inline TensorList embeddingTensors(int seed) {
    return {{"emb_params", tinyTensor({2, 768}, seed)}};
}

inline void writeModel(const QString& path, const TensorList& tensors,
                       const std::map<std::string, std::string>& md = {}) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    write_safetensors(path.toStdString(), tensors, md);
}

inline bool writeBytes(const QString& path, const QByteArray& bytes) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

inline bool writePreview(const QString& path, QColor color) {
    QImage img(40, 30, QImage::Format_RGB32);
    img.fill(color);
    return img.save(path, "PNG");
}

// The A1111 tree of the tests:
//   Stable-diffusion/sd1.safetensors (+ sd1.preview.png), sdxl.safetensors (+ sdxl.png),
//   Stable-diffusion/sub/inpaint.safetensors, Stable-diffusion/login.safetensors (HTML),
//   Stable-diffusion/broken.safetensors (truncated), Stable-diffusion/old.ckpt (pickle),
//   Lora/mylora.safetensors (+ mylora.json, mylora.preview.png), Lora/pointer.safetensors (LFS pointer),
//   VAE/vae.safetensors, embeddings/myemb.safetensors, notes.txt (ignored), Lora/x.safetensors.part (ignored)
inline void writeA1111Tree(const QString& root) {
    const QDir r(root);
    writeModel(r.filePath("Stable-diffusion/sd1.safetensors"), sd1Tensors(1),
               {{"modelspec.title", "Tiny SD1"}, {"modelspec.architecture", "stable-diffusion-v1"}});
    writePreview(r.filePath("Stable-diffusion/sd1.preview.png"), Qt::red);
    writeModel(r.filePath("Stable-diffusion/sdxl.safetensors"), sdxlTensors(20));
    writePreview(r.filePath("Stable-diffusion/sdxl.png"), Qt::blue);
    writeModel(r.filePath("Stable-diffusion/sub/inpaint.safetensors"), sd1Tensors(40, true));
    writeBytes(r.filePath("Stable-diffusion/login.safetensors"),
               "<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>Log in to continue</body></html>\n");
    {
        writeModel(r.filePath("Stable-diffusion/broken.safetensors"), sd1Tensors(60));
        QFile f(r.filePath("Stable-diffusion/broken.safetensors"));
        f.resize(f.size() / 2);
    }
    writeBytes(r.filePath("Stable-diffusion/old.ckpt"), QByteArray::fromHex("80027d7100285801000000617101"
                                                                            "4b01752e"));
    writeModel(r.filePath("Lora/mylora.safetensors"), loraTensors(80),
               {{"ss_base_model_version", "sd_v1"},
                {"ss_output_name", "mylora"},
                {"ss_network_dim", "4"},
                {"ss_tag_frequency", R"({"10_red": {"red hair": 12, "smile": 3, "1girl": 12}})"}});
    writePreview(r.filePath("Lora/mylora.preview.png"), QColor(0x40, 0xA0, 0x60));
    writeBytes(r.filePath("Lora/mylora.json"),
               R"({"description": "A test LoRA", "sd version": "SD1", "activation text": "red hair",)"
               R"( "preferred weight": 0.8, "notes": "keep me", "custom key": 42})");
    writeBytes(r.filePath("Lora/pointer.safetensors"),
               "version https://git-lfs.github.com/spec/v1\n"
               "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 151108831\n");
    writeBytes(r.filePath("Lora/x.safetensors.part"), QByteArray(100, 'x'));
    writeModel(r.filePath("VAE/vae.safetensors"), vaeTensors(90));
    writeModel(r.filePath("embeddings/myemb.safetensors"), embeddingTensors(100));
    writeBytes(r.filePath("notes.txt"), "not a model");
}

} // namespace latent::test
