// Loading the UI language (compiled-in .qm files under :/i18n).
#pragma once

#include <QString>
#include <QStringList>

class QCoreApplication;
class QTranslator;

namespace latent {

class Translations {
public:
    // Languages we ship, as codes ("en", "de").
    static QStringList available();
    // Native display name of a language code ("English", "Deutsch").
    static QString displayName(const QString& code);
    // Installs the translator for `code` ("" = system locale) on the application; returns the
    // code actually installed ("en" when nothing matched). Replaces an earlier installation.
    static QString install(const QString& code);
};

} // namespace latent
