#include "app/core/settings.h"

#include <atomic>

namespace latent {

namespace {
std::atomic<bool> g_readOnly{false};
} // namespace

void Settings::setReadOnly(bool readOnly) { g_readOnly.store(readOnly); }
bool Settings::readOnly() { return g_readOnly.load(); }

Settings::Settings() = default;
Settings::Settings(QSettings* backend) : external_(backend) {}

} // namespace latent
