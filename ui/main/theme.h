// The studio's look: Fusion with a dark, neutral palette (images read best on dark grey).
#pragma once

class QApplication;

namespace latent {

void applyStudioTheme(QApplication& app);

} // namespace latent
