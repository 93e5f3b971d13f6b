// Out-of-process conversion of pickle checkpoints (.ckpt/.pt/.pth/.bin) to safetensors
// (SAFETY.md case 17). The restricted reader (pipeline/loaders/ckpt_converter.h) runs in a CHILD
// process (`latentstudio-cli convert-worker IN TMP`), never in the caller's process:
//   1. the child writes a temp file `OUT.part-XXXXXX` next to the output and re-reads it itself;
//   2. a crash of the child (signal) is reported as a failure, the caller lives on;
//   3. the caller re-reads the temp file with the strict safetensors reader (R1-R15, every tensor
//      read back with bounded reads) before renaming it into place atomically;
//   4. on any failure nothing is left: no output, no temp file.
// The child gets no core dumps, no new privileges, dies with its parent and, where the kernel
// allows unprivileged namespaces, an empty network namespace (offline).
// Nothing here ever calls torch::pickle_load or torch::jit::load.
#pragma once

#include <QString>
#include <QStringList>

#include <atomic>

namespace latent {

struct SafeConvertOptions {
    bool overwrite = false;     // replace an existing output
    bool halfPrecision = false; // store floating tensors as float16
    // The worker program: by default `latentstudio-cli` next to the running executable (or the
    // running executable itself when it is latentstudio-cli). Tests may substitute another
    // program; `workerArgumentsPrefix` goes before "convert-worker IN TMP [--fp16]".
    QString workerProgram;
    QStringList workerArgumentsPrefix;
    const std::atomic<bool>* cancel = nullptr; // polled every 100 ms; kills the child
};

struct SafeConvertResult {
    bool ok = false;
    bool crashed = false; // the child died from a signal
    bool cancelled = false;
    // Stable code: "ok", "not_found", "output_exists", "cannot_verify", "wrong_format",
    // "already_safetensors", "worker_crashed", "worker_failed", "verify_failed", "io_error",
    // "cancelled".
    QString code;
    QString error;  // one plain-English line when !ok
    QString output; // final path when ok
    qint64 tensors = 0;
    qint64 outputBytes = 0;
    QStringList skipped;  // non-tensor entries the checkpoint held ("global_step", ...)
    bool offline = false; // the child ran in its own empty network namespace
};

class SafeCheckpointConverter {
public:
    static SafeConvertResult convert(const QString& input, const QString& output,
                                     const SafeConvertOptions& options = {});

    // The child side (`latentstudio-cli convert-worker IN TMP [--fp16]`): converts with the
    // restricted reader, prints one JSON report line on stdout; on failure one line
    // "code<TAB>message" on stderr and exit status 2. Returns the exit status.
    static int runWorker(const QStringList& args);

    // Default worker program (see SafeConvertOptions::workerProgram).
    static QString defaultWorkerProgram();
};

} // namespace latent
