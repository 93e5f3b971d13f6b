// Where the reference fixtures live for tests: $LATENT_GOLDEN_DIR, else ../shared/golden next to
// the checkout. Missing fixtures fail the test under CI=true and skip it otherwise.
#pragma once

#include <QDir>
#include <QString>
#include <QTest>
#include <QtGlobal>

namespace latent::test {

inline QString goldenDir() {
    QString dir = qEnvironmentVariable("LATENT_GOLDEN_DIR");
    if (dir.isEmpty()) dir = QStringLiteral(LATENT_TEST_GOLDEN_DIR);
    return QDir(dir).absolutePath();
}

inline bool goldenAvailable() { return QDir(goldenDir()).exists(QStringLiteral("README.md")); }

inline bool runningInCi() { return qEnvironmentVariable("CI") == QStringLiteral("true"); }

} // namespace latent::test

// Use at the top of a test function that needs the fixtures.
#define LATENT_REQUIRE_GOLDEN()                                                                    \
    do {                                                                                           \
        if (!latent::test::goldenAvailable()) {                                                    \
            if (latent::test::runningInCi())                                                       \
                QFAIL(qPrintable(QStringLiteral("golden fixtures missing at ") +                   \
                                 latent::test::goldenDir()));                                      \
            QSKIP("golden fixtures not found (set LATENT_GOLDEN_DIR)");                            \
        }                                                                                          \
    } while (0)
