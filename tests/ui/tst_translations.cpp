// Translations are complete and up to date: every tr() string of app/ and ui/ is in the .ts
// files (lupdate over the sources finds nothing new) and every German entry is translated.
#include "app/core/translations.h"

#include <QCoreApplication>
#include <QFile>
#include <QLibraryInfo>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QRegularExpression>
#include <QTest>
#include <QXmlStreamReader>

namespace {

struct TsEntry {
    QString context;
    QString source;
    bool finished = false;
};

QList<TsEntry> readTs(const QString& path) {
    QList<TsEntry> entries;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return entries;
    QXmlStreamReader xml(&f);
    QString context;
    TsEntry current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            current = TsEntry{context, {}, false};
        } else if (name == QLatin1String("source")) {
            current.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            current.finished = type.isEmpty() && !text.trimmed().isEmpty();
            entries << current;
        }
    }
    return entries;
}

QSet<QString> keys(const QList<TsEntry>& entries) {
    QSet<QString> s;
    for (const auto& e : entries) s.insert(e.context + QLatin1Char('|') + e.source);
    return s;
}

const QString kSource = QStringLiteral(LATENT_TEST_SOURCE_DIR);

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void germanIsComplete() {
        const auto entries = readTs(kSource + QStringLiteral("/translations/latentstudio_de.ts"));
        QVERIFY(entries.size() > 50);
        QStringList unfinished;
        for (const auto& e : entries)
            if (!e.finished) unfinished << e.source;
        QVERIFY2(unfinished.isEmpty(),
                 qPrintable(QStringLiteral("untranslated German strings: ") + unfinished.join(QStringLiteral(" | "))));
    }

    void tsFilesMatchSources() {
        const QString lupdate = QLibraryInfo::path(QLibraryInfo::BinariesPath) + QStringLiteral("/lupdate");
        if (!QFile::exists(lupdate)) QFAIL("lupdate not found (qt6-l10n-tools)");
        QTemporaryDir dir;
        const QString fresh = dir.filePath(QStringLiteral("fresh_de.ts"));
        QProcess p;
        p.start(lupdate,
                {QStringLiteral("-silent"), QStringLiteral("-locations"), QStringLiteral("none"),
                 QStringLiteral("-extensions"), QStringLiteral("cpp,h"), QStringLiteral("-I"), kSource,
                 kSource + QStringLiteral("/app"), kSource + QStringLiteral("/ui"), QStringLiteral("-ts"), fresh});
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), 0);
        const auto inSources = keys(readTs(fresh));
        const auto inTs = keys(readTs(kSource + QStringLiteral("/translations/latentstudio_de.ts")));
        const auto inEn = keys(readTs(kSource + QStringLiteral("/translations/latentstudio_en.ts")));
        QVERIFY(!inSources.isEmpty());
        const QSet<QString> missing = inSources - inTs;
        const QSet<QString> stale = inTs - inSources;
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("strings missing from the .ts files (run the "
                                                              "update_translations target): ") +
                                               QStringList(missing.values()).join(QStringLiteral(" | "))));
        QVERIFY2(stale.isEmpty(), qPrintable(QStringLiteral("obsolete strings in the .ts files: ") +
                                             QStringList(stale.values()).join(QStringLiteral(" | "))));
        QCOMPARE(inEn, inTs);
    }

    void installFallsBackToEnglish() {
        QCOMPARE(latent::Translations::install(QStringLiteral("xx")), QStringLiteral("en"));
        QCOMPARE(latent::Translations::install(QStringLiteral("de")), QStringLiteral("de"));
        QCOMPARE(QCoreApplication::translate("latent::GalleryDock", "Gallery"), QStringLiteral("Galerie"));
        latent::Translations::install(QStringLiteral("en"));
        QCOMPARE(QCoreApplication::translate("latent::GalleryDock", "Gallery"), QStringLiteral("Gallery"));
    }

    // English plurals come from latentstudio_en.ts ("1 image", "2 images"), not the "(s)" source.
    void englishPluralsAreReal() {
        latent::Translations::install(QStringLiteral("en"));
        const char* ctx = "latent::MainWindow";
        const char* text = "Job #%1 done: %n image(s) saved";
        QCOMPARE(QCoreApplication::translate(ctx, text, nullptr, 1), QStringLiteral("Job #%1 done: 1 image saved"));
        QCOMPARE(QCoreApplication::translate(ctx, text, nullptr, 3), QStringLiteral("Job #%1 done: 3 images saved"));
        // Every plural entry of the English file has both forms and no "(s)" left.
        QFile f(kSource + QStringLiteral("/translations/latentstudio_en.ts"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString ts = QString::fromUtf8(f.readAll());
        const int numerus = ts.count(QStringLiteral("numerus=\"yes\""));
        QVERIFY(numerus > 5);
        QCOMPARE(ts.count(QStringLiteral("<numerusform>")), 2 * numerus);
        QVERIFY(!ts.contains(QRegularExpression(QStringLiteral("<numerusform>[^<]*\\(s\\)"))));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
