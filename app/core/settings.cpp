#include "app/core/settings.h"

namespace latent {

Settings::Settings() = default;
Settings::Settings(QSettings* backend) : external_(backend) {}

} // namespace latent
