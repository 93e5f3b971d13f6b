// Threading under load (issue 19), figures only, never assertions:
//
//   bench contention [--competitors 0,1,2] [--model TINY.safetensors] [--repeats N]
//                    [--unet-size 512] [--unet-batch 2] [--no-unet] [--with-spin] [--plain]
//     Starts K busy competitor processes of its own (K = 0, 1 and the CPUs this process may use
//     by default) and, for each K, times in child processes the golden tiny txt2img (128x128, 10
//     Euler steps) and one real-size SD 1.5 UNet step (fp16 weights), each with the default thread
//     setting and with --threads 1 (--with-spin adds the OpenMP runtime's own spinning wait, i.e.
//     the behaviour before issue 19). Prints the times side by side with the gemm peak of the same
//     run and the two ratios.
//   bench spin, bench contention-task ...: the competitors and children of `bench contention`.
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace latent {

int runBenchContention(QStringList args);
int runBenchContentionTask(QStringList args);
int runBenchSpin(QStringList args);
// The tiny SD1 model the benchmarks generate with: `given`, else the golden fixtures' tiny SD1
// ($LATENT_GOLDEN_DIR), else the built-in demo model (same architecture, random weights).
QString benchTinyModelPath(const std::optional<QString>& given);

} // namespace latent
