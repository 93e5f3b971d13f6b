// The studio's command-line options, declared once: latentstudio's QCommandLineParser
// (app/main/studio_main.cpp) and its manual page latentstudio(1) (tools/make_man_pages.cpp) are
// both made from this table.
#pragma once

#include <QCommandLineOption>
#include <QList>
#include <QString>

#include <vector>

namespace latent {

struct StudioOption {
    const char* name;         // "lang"
    const char* valueName;    // "code"; nullptr for a switch
    const char* help;         // marked for translation in the "Studio" context
    const char* defaultValue; // nullptr for none
};

const std::vector<StudioOption>& studioOptions();
// The options for QCommandLineParser, help translated.
QList<QCommandLineOption> studioCommandLineOptions();
// latentstudio(1) in roff (man(7)), English.
QString studioManPage(const QString& version, const QString& date);

} // namespace latent
