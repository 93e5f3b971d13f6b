#include "ui/widgets/seed_edit.h"

#include <QLineEdit>
#include <QLocale>
#include <QStyle>
#include <QStyleOptionSpinBox>

#include <algorithm>

namespace latent {

namespace {
// A pasted unsigned 64-bit seed has 20 digits: still accepted while typing, clamped at the end.
constexpr int kMaxDigits = 20;

bool allDigits(QStringView s) {
    return !s.isEmpty() && std::all_of(s.begin(), s.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}
} // namespace

SeedEdit::SeedEdit(QWidget* parent) : QAbstractSpinBox(parent) {
    setCorrectionMode(QAbstractSpinBox::CorrectToNearestValue);
    setInputMethodHints(Qt::ImhFormattedNumbersOnly);
    lineEdit()->setText(textFromValue(value_));
    // Like QSpinBox with keyboard tracking: every complete number typed is the value at once.
    connect(lineEdit(), &QLineEdit::textEdited, this, [this](const QString& text) {
        if (!keyboardTracking()) return;
        QString t = text;
        int pos = 0;
        if (validate(t, pos) != QValidator::Acceptable) return;
        bool ok = false;
        const qint64 v = valueFromText(t, &ok);
        if (ok && v != value_) {
            value_ = v;
            update();
            Q_EMIT valueChanged(value_);
        }
    });
    connect(this, &QAbstractSpinBox::editingFinished, this, &SeedEdit::commitText);
}

void SeedEdit::setRange(qint64 minimum, qint64 maximum) {
    minimum_ = minimum;
    maximum_ = std::max(minimum, maximum);
    updateGeometry();
    setValue(value_);
}

QString SeedEdit::textFromValue(qint64 value) const {
    if (value == minimum_ && !specialValueText().isEmpty()) return specialValueText();
    return QString::number(value); // no group separators: seeds are copied and pasted
}

qint64 SeedEdit::valueFromText(const QString& text, bool* ok) const {
    const QString t = text.trimmed();
    if (!specialValueText().isEmpty() && t == specialValueText()) {
        *ok = true;
        return minimum_;
    }
    bool parsed = false;
    const qint64 v = t.toLongLong(&parsed);
    *ok = parsed && v >= minimum_ && v <= maximum_;
    return *ok ? v : value_;
}

void SeedEdit::setValue(qint64 value) {
    const qint64 v = std::clamp(value, minimum_, maximum_);
    const QString text = textFromValue(v);
    if (lineEdit()->text() != text) lineEdit()->setText(text);
    if (v == value_) return;
    value_ = v;
    update();
    Q_EMIT valueChanged(value_);
}

void SeedEdit::commitText() {
    QString t = lineEdit()->text();
    int pos = 0;
    if (validate(t, pos) != QValidator::Acceptable) fixup(t);
    bool ok = false;
    const qint64 v = valueFromText(t, &ok);
    setValue(ok ? v : value_); // an unusable text goes back to the current value
}

void SeedEdit::stepBy(int steps) {
    commitText(); // a number typed just before Up/Down is where the step starts
    qint64 v = value_;
    // Saturating, without overflow at either end.
    if (steps > 0)
        v = (v > maximum_ - steps) ? maximum_ : v + steps;
    else if (steps < 0)
        v = (v < minimum_ - qint64(steps)) ? minimum_ : v + steps;
    setValue(v);
    selectAll();
}

QAbstractSpinBox::StepEnabled SeedEdit::stepEnabled() const {
    if (isReadOnly()) return StepNone;
    StepEnabled e = StepNone;
    if (value_ > minimum_) e |= StepDownEnabled;
    if (value_ < maximum_) e |= StepUpEnabled;
    return e;
}

QValidator::State SeedEdit::validate(QString& input, int&) const {
    const QString t = input.trimmed();
    if (t.isEmpty()) return QValidator::Intermediate;
    const QString special = specialValueText();
    if (!special.isEmpty()) {
        if (t == special) return QValidator::Acceptable;
        // Editing the special text ("Random") letter by letter.
        if (special.startsWith(t, Qt::CaseInsensitive) && !t.front().isDigit()) return QValidator::Intermediate;
    }
    const bool negative = t.startsWith(u'-');
    const QStringView digits = QStringView(t).mid(negative ? 1 : 0);
    if (negative && minimum_ >= 0) return QValidator::Invalid;
    if (digits.isEmpty()) return QValidator::Intermediate; // "-" on the way to "-1"
    if (!allDigits(digits) || digits.size() > kMaxDigits) return QValidator::Invalid;
    bool ok = false;
    const qint64 v = t.toLongLong(&ok);
    if (!ok) return negative ? QValidator::Invalid : QValidator::Intermediate; // beyond 2^63 - 1: clamped
    if (v < minimum_) return QValidator::Invalid;
    if (v > maximum_) return QValidator::Intermediate;
    return QValidator::Acceptable;
}

void SeedEdit::fixup(QString& input) const {
    const QString t = input.trimmed();
    if (allDigits(t)) {
        bool ok = false;
        const qint64 v = t.toLongLong(&ok);
        if (!ok || v > maximum_)
            input = textFromValue(maximum_);
        else if (v < minimum_)
            input = textFromValue(minimum_);
        else
            input = t;
    }
}

QSize SeedEdit::hintFor(const QString& widest) const {
    ensurePolished();
    const QFontMetrics fm(fontMetrics());
    int w = std::max(fm.horizontalAdvance(widest + QLatin1Char(' ')), fm.horizontalAdvance(specialValueText())) + 2;
    QStyleOptionSpinBox opt;
    initStyleOption(&opt);
    return style()->sizeFromContents(QStyle::CT_SpinBox, &opt, QSize(w, lineEdit()->sizeHint().height()), this);
}

QSize SeedEdit::sizeHint() const {
    // Room for an A1111 random seed (2^32 - 1); longer seeds scroll in the field.
    return hintFor(QStringLiteral("4294967295"));
}

QSize SeedEdit::minimumSizeHint() const {
    return hintFor(QStringLiteral("0000"));
}

} // namespace latent
