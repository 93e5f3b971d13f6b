// Error type thrown by the pipeline. `code` is a stable machine-readable name (used by the
// app layer to pick a translated message and by tests); `what()` is a plain-English sentence.
#pragma once

#include <stdexcept>
#include <string>

namespace latent {

class PipelineError : public std::runtime_error {
public:
    PipelineError(std::string code, const std::string& message)
        : std::runtime_error(message), code_(std::move(code)) {}
    const std::string& code() const noexcept { return code_; }

private:
    std::string code_;
};

// Thrown when a cancel flag is observed inside a long-running pipeline call.
class CancelledError : public PipelineError {
public:
    CancelledError() : PipelineError("cancelled", "The job was cancelled.") {}
};

} // namespace latent
