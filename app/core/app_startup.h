// What both programs do first, right after the QCoreApplication exists (and AppInfo is applied),
// and last, at a normal exit:
//   1. upgrade the settings file (or make it read-only when a newer version wrote it);
//   2. install the rotating log (app/core/app_log.h) at the level from $LATENT_LOG_LEVEL or the
//      settings, with prompts only when the settings allow them;
//   3. arm the crash guard and turn the notes of earlier runs that ended unexpectedly into
//      notices (the studio shows them; the CLI only logs them, its output is for scripts);
//   4. at a normal exit (the object's destruction): log it and disarm the crash guard.
#pragma once

#include <QString>

namespace latent {

class AppStartup {
public:
    struct Options {
        QString program;     // "latentstudio", "latentstudio-cli"
        bool fileLog = true; // write the log file (else stderr only)
        bool crashGuard = true;
        bool previousEndsAsNotices = true; // else logged only
    };
    explicit AppStartup(const Options& options);
    ~AppStartup();
    AppStartup(const AppStartup&) = delete;
    AppStartup& operator=(const AppStartup&) = delete;

private:
    Options options_;
};

} // namespace latent
