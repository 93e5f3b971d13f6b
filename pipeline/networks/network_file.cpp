#include "pipeline/networks/network_file.h"

#include "pipeline/core/error.h"
#include "pipeline/loaders/ckpt_converter.h"
#include "pipeline/loaders/format_sniff.h"
#include "pipeline/tensors/safetensors.h"

#include <ATen/ATen.h>

#include <filesystem>

namespace latent {

namespace {

std::string file_label(const std::string& path) { return "\"" + std::filesystem::path(path).filename().string() + "\""; }

} // namespace

NetworkTensors read_network_file(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw PipelineError("not_found", "The file " + file_label(path) + " does not exist or is not a file.");
    NetworkTensors out;
    out.path = path;
    out.bytes = std::filesystem::file_size(path, ec);
    const FileFormat format = sniff_format(path);
    try {
        switch (format) {
        case FileFormat::Safetensors: {
            const SafetensorsFile file = SafetensorsFile::open(path);
            out.format = "safetensors";
            out.metadata = file.metadata();
            for (const TensorInfo& t : file.tensors()) out.tensors.emplace(t.name, file.load(t));
            break;
        }
        case FileFormat::PyTorchZip: {
            const TorchZipCheckpoint ckpt = TorchZipCheckpoint::open(path);
            out.format = "pytorch_zip";
            for (const PickleTensor& t : ckpt.state().tensors) {
                if (out.tensors.count(t.name))
                    throw PipelineError("cannot_verify", "cannot verify this file, not loaded: the tensor \"" + t.name +
                                                             "\" appears twice.");
                out.tensors.emplace(t.name, ckpt.load(t));
            }
            break;
        }
        case FileFormat::Pickle:
            throw PipelineError("wrong_format",
                                "This is a legacy (non-zip) PyTorch pickle file. It cannot be verified without running "
                                "it, so it is not loaded; save it again with a current PyTorch or as .safetensors.");
        default:
            throw PipelineError("wrong_format", format_explanation(format));
        }
    } catch (const PipelineError& e) {
        throw PipelineError(e.code(), file_label(path) + ": " + e.what());
    }
    return out;
}

} // namespace latent
