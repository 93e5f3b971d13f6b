// SeedEdit, the prompt panel's 64-bit seed field: exact values far beyond int (A1111's random
// seeds reach 2^32 - 1, pasted ones more), -1 shown as "Random", keyboard steps that never
// overflow, typed and pasted text validated, and numbers beyond the range clamped.
#include "ui/widgets/seed_edit.h"

#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

#include <limits>

using latent::SeedEdit;

namespace {
constexpr qint64 kBig = (Q_INT64_C(1) << 40) + 3;   // 1099511627779
constexpr qint64 kA1111Max = Q_INT64_C(4294967295); // 2^32 - 1
constexpr qint64 kMax = std::numeric_limits<qint64>::max();
} // namespace

class TestSeedEdit : public QObject {
    Q_OBJECT
private:
    static QLineEdit* edit(SeedEdit& s) { return s.findChild<QLineEdit*>(); }

    static void type(SeedEdit& s, const QString& text) {
        edit(s)->selectAll();
        QTest::keyClicks(edit(s), text);
    }

private Q_SLOTS:
    void holdsExact64BitValues() {
        SeedEdit s;
        s.setSpecialValueText(QStringLiteral("Random"));
        s.setValue(SeedEdit::kRandom);
        QCOMPARE(s.value(), qint64(-1));
        QCOMPARE(s.text(), QStringLiteral("Random"));
        QVERIFY(s.isRandom());
        QCOMPARE(s.minimum(), qint64(-1));
        QCOMPARE(s.maximum(), kMax);

        QSignalSpy changed(&s, &SeedEdit::valueChanged);
        for (qint64 v : {kA1111Max, kBig, Q_INT64_C(9007199254740993) /* 2^53 + 1 */, kMax, qint64(0)}) {
            s.setValue(v);
            QCOMPARE(s.value(), v);
            QCOMPARE(s.text(), QString::number(v));
            QCOMPARE(changed.last().first().value<qint64>(), v);
            QCOMPARE(s.property("value").value<qint64>(), v);
        }
        const int emitted = int(changed.count());
        s.setValue(0); // unchanged: no signal
        QCOMPARE(changed.count(), emitted);
        s.setValue(-12345); // below the range: clamped to random
        QCOMPARE(s.value(), qint64(-1));
        QCOMPARE(s.text(), QStringLiteral("Random"));
    }

    void typingAndKeyboardSteps() {
        SeedEdit s;
        s.setSpecialValueText(QStringLiteral("Random"));
        s.setValue(-1);
        s.show();
        QVERIFY(QTest::qWaitForWindowExposed(&s));
        s.setFocus();
        QSignalSpy changed(&s, &SeedEdit::valueChanged);

        type(s, QStringLiteral("1099511627779"));
        QCOMPARE(s.value(), kBig); // keyboard tracking: the value follows the typing
        QCOMPARE(changed.last().first().value<qint64>(), kBig);

        QTest::keyClick(&s, Qt::Key_Up);
        QCOMPARE(s.value(), kBig + 1);
        QTest::keyClick(&s, Qt::Key_Down);
        QTest::keyClick(&s, Qt::Key_Down);
        QCOMPARE(s.value(), kBig - 1);
        QTest::keyClick(&s, Qt::Key_PageUp);
        QCOMPARE(s.value(), kBig + 9);
        QCOMPARE(s.text(), QString::number(kBig + 9));

        // A number typed and then stepped starts from the typed number.
        type(s, QStringLiteral("4294967294"));
        QTest::keyClick(&s, Qt::Key_Up);
        QCOMPARE(s.value(), kA1111Max);

        // The ends: no overflow past 2^63 - 1, no step below "Random", and from "Random" up is 0.
        s.setValue(kMax - 1);
        QTest::keyClick(&s, Qt::Key_PageUp);
        QCOMPARE(s.value(), kMax);
        QTest::keyClick(&s, Qt::Key_Up);
        QCOMPARE(s.value(), kMax);
        s.setValue(0);
        QTest::keyClick(&s, Qt::Key_PageDown);
        QCOMPARE(s.value(), qint64(-1));
        QCOMPARE(s.text(), QStringLiteral("Random"));
        QTest::keyClick(&s, Qt::Key_Down);
        QCOMPARE(s.value(), qint64(-1));
        QTest::keyClick(&s, Qt::Key_Up);
        QCOMPARE(s.value(), qint64(0));

        // Letters are refused as they are typed.
        type(s, QStringLiteral("12x3"));
        QCOMPARE(edit(s)->text(), QStringLiteral("123"));
        QCOMPARE(s.value(), qint64(123));

        // Typing "-1" is random; Enter shows it as "Random".
        type(s, QStringLiteral("-1"));
        QTest::keyClick(&s, Qt::Key_Return);
        QCOMPARE(s.value(), qint64(-1));
        QCOMPARE(s.text(), QStringLiteral("Random"));

        // An emptied field goes back to the value when editing ends.
        s.setValue(77);
        edit(s)->selectAll();
        QTest::keyClick(edit(s), Qt::Key_Delete);
        QCOMPARE(edit(s)->text(), QString());
        QTest::keyClick(&s, Qt::Key_Return);
        QCOMPARE(s.value(), qint64(77));
        QCOMPARE(s.text(), QStringLiteral("77"));
    }

    void pastedSeedsAreValidatedAndClamped() {
        SeedEdit s;
        s.setSpecialValueText(QStringLiteral("Random"));
        s.show();
        QVERIFY(QTest::qWaitForWindowExposed(&s));
        s.setFocus();
        // A seed pasted with spaces around it.
        QApplication::clipboard()->setText(QStringLiteral(" 4294967295 "));
        edit(s)->selectAll();
        edit(s)->paste();
        QTest::keyClick(&s, Qt::Key_Return);
        QCOMPARE(s.value(), kA1111Max);
        // An unsigned 64-bit seed beyond what the engine takes: clamped to 2^63 - 1 at Enter.
        QApplication::clipboard()->setText(QStringLiteral("18446744073709551615"));
        edit(s)->selectAll();
        edit(s)->paste();
        QCOMPARE(edit(s)->text(), QStringLiteral("18446744073709551615"));
        QTest::keyClick(&s, Qt::Key_Return);
        QCOMPARE(s.value(), kMax);
        QCOMPARE(s.text(), QString::number(kMax));
        // Text that is no number is not pasted at all.
        QApplication::clipboard()->setText(QStringLiteral("Seed: 12"));
        edit(s)->selectAll();
        edit(s)->paste();
        QCOMPARE(s.value(), kMax);
    }

    void validation_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("state");
        const int ok = QValidator::Acceptable, mid = QValidator::Intermediate, bad = QValidator::Invalid;
        QTest::newRow("zero") << QStringLiteral("0") << ok;
        QTest::newRow("spaces") << QStringLiteral("  42 ") << ok;
        QTest::newRow("2^32-1") << QStringLiteral("4294967295") << ok;
        QTest::newRow("2^63-1") << QStringLiteral("9223372036854775807") << ok;
        QTest::newRow("minus one") << QStringLiteral("-1") << ok;
        QTest::newRow("special") << QStringLiteral("Random") << ok;
        QTest::newRow("empty") << QString() << mid;
        QTest::newRow("minus") << QStringLiteral("-") << mid;
        QTest::newRow("special, partly") << QStringLiteral("Ran") << mid;
        QTest::newRow("2^63") << QStringLiteral("9223372036854775808") << mid;
        QTest::newRow("2^64-1") << QStringLiteral("18446744073709551615") << mid;
        QTest::newRow("21 digits") << QStringLiteral("100000000000000000000") << bad;
        QTest::newRow("minus two") << QStringLiteral("-2") << bad;
        QTest::newRow("letters") << QStringLiteral("12a") << bad;
        QTest::newRow("float") << QStringLiteral("1.5") << bad;
        QTest::newRow("group separator") << QStringLiteral("1,000") << bad;
    }
    void validation() {
        QFETCH(QString, text);
        QFETCH(int, state);
        SeedEdit s;
        s.setSpecialValueText(QStringLiteral("Random"));
        int pos = 0;
        QString t = text;
        QCOMPARE(int(s.validate(t, pos)), state);
    }

    void customRange() {
        SeedEdit s;
        s.setRange(0, 1000);
        s.setValue(5000);
        QCOMPARE(s.value(), qint64(1000));
        int pos = 0;
        QString t = QStringLiteral("-1");
        QCOMPARE(s.validate(t, pos), QValidator::Invalid); // no "random" below 0 here
        t = QStringLiteral("1001");
        QCOMPARE(s.validate(t, pos), QValidator::Intermediate);
        s.fixup(t);
        QCOMPARE(t, QStringLiteral("1000"));
        QVERIFY(s.sizeHint().width() >= s.minimumSizeHint().width());
    }
};

QTEST_MAIN(TestSeedEdit)
#include "tst_seed_edit.moc"
