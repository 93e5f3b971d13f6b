// What a diffusion model predicts (shared by loaders, which detect it, and schedulers, which
// apply it). `VPrediction` is an alias of `V`.
#pragma once

namespace latent {

enum class Prediction { Epsilon, V, VPrediction = V };

} // namespace latent
