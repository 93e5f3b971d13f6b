// The CLI's commands and options, declared once. `latentstudio-cli help` and the manual page
// latentstudio-cli(1) (generated at build time by tools/make_man_pages.cpp) both come from this
// table, so they never drift: a new command or option is added here (and to its parser).
// Texts are English source strings marked for translation in the "Cli" context; the usage text
// is translated, the manual page is English.
#pragma once

#include <QString>

#include <vector>

namespace latent {

struct CliOption {
    const char* flags; // "--model PATH", "--rng cpu|gpu|nv"
    const char* help;  // one sentence, no final period
};

struct CliCommand {
    const char* name;      // "txt2img"; "--version, version" for the version command
    const char* arguments; // after the name in the synopsis ("" for none)
    const char* summary;   // what it does, one line
    std::vector<CliOption> options;
    const char* notes; // a paragraph after the options, or nullptr
};

struct CliEnvironment {
    const char* name;
    const char* help;
};

const std::vector<CliCommand>& cliCommands();
const std::vector<CliOption>& cliGlobalOptions();
const std::vector<CliEnvironment>& cliEnvironment();

// `latentstudio-cli help` (translated).
QString cliUsageText();
// latentstudio-cli(1) in roff (man(7)), English.
QString cliManPage(const QString& version, const QString& date);

// Shared by the manual pages: roff-escaped text (backslashes, leading dots and quotes, hyphens
// in option names).
QString roffEscape(const QString& text);

} // namespace latent
