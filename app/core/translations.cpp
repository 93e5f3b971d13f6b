#include "app/core/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace latent {

namespace {
QTranslator* g_appTranslator = nullptr;
QTranslator* g_qtTranslator = nullptr;
} // namespace

QStringList Translations::available() { return {QStringLiteral("en"), QStringLiteral("de")}; }

QString Translations::displayName(const QString& code) {
    if (code == QLatin1String("de")) return QStringLiteral("Deutsch");
    return QStringLiteral("English");
}

QString Translations::install(const QString& requested) {
    QString code = requested;
    if (code.isEmpty()) code = QLocale().name().section(QLatin1Char('_'), 0, 0);
    if (!available().contains(code)) code = QStringLiteral("en");

    auto* app = QCoreApplication::instance();
    if (g_appTranslator) {
        app->removeTranslator(g_appTranslator);
        delete g_appTranslator;
        g_appTranslator = nullptr;
    }
    if (g_qtTranslator) {
        app->removeTranslator(g_qtTranslator);
        delete g_qtTranslator;
        g_qtTranslator = nullptr;
    }
    auto* t = new QTranslator(app);
    if (t->load(QStringLiteral(":/i18n/latentstudio_%1.qm").arg(code))) {
        app->installTranslator(t);
        g_appTranslator = t;
    } else {
        delete t;
    }
    // Qt's own strings (standard dialogs, context menus), when the system has them.
    auto* qt = new QTranslator(app);
    if (code != QLatin1String("en") &&
        qt->load(QLocale(code), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        app->installTranslator(qt);
        g_qtTranslator = qt;
    } else {
        delete qt;
    }
    return code;
}

} // namespace latent
