// `latentstudio-cli bench txt2img` (issue 19, item 4): one whole generation of real size, figures
// only, never assertions:
//
//   bench txt2img [--family sd1] [--size 512] [--steps 20] [--sampler Euler] [--cfg 7]
//                 [--precision fp32|bf16] [--path FILE] [--keep] [--plain]
//     A child process writes a real-size SD 1.5 checkpoint with random weights (float16, A1111
//     single-file layout) to a temporary folder (or FILE, kept with --keep / when it exists);
//     this process loads it through the real loader and runs txt2img, then prints the load time,
//     the text encoding, every step, the VAE decode, the total wall time (load + generation) and
//     the peak RSS. Smaller --steps / --size give a quick check.
#pragma once

#include <QStringList>

namespace latent {

int runBenchTxt2img(QStringList args);

} // namespace latent
