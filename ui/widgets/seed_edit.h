// A seed field for 64-bit seeds: QSpinBox holds an int, but A1111 seeds go to 2^32 - 1 for random
// ones and users paste larger ones. The value is a qint64 in [minimum, maximum] (default
// [-1, 2^63 - 1], everything the engine accepts); the minimum shows the special value text
// ("Random" for -1). Up/Down, Page Up/Down and the wheel step it; typed or pasted text is
// validated (digits, surrounding spaces allowed), and a number beyond the range is clamped when
// editing ends.
#pragma once

#include <QAbstractSpinBox>

#include <limits>

namespace latent {

class SeedEdit : public QAbstractSpinBox {
    Q_OBJECT
    Q_PROPERTY(qint64 value READ value WRITE setValue NOTIFY valueChanged USER true)
public:
    static constexpr qint64 kRandom = -1;
    static constexpr qint64 kMaxSeed = std::numeric_limits<qint64>::max();

    explicit SeedEdit(QWidget* parent = nullptr);

    qint64 value() const { return value_; }
    qint64 minimum() const { return minimum_; }
    qint64 maximum() const { return maximum_; }
    void setRange(qint64 minimum, qint64 maximum);
    bool isRandom() const { return value_ == minimum_ && !specialValueText().isEmpty(); }

    // The text for a value, and the value of a text (nullopt-like: *ok = false when it is not a
    // number in range). Public for tests and for callers that show seeds elsewhere.
    QString textFromValue(qint64 value) const;
    qint64 valueFromText(const QString& text, bool* ok) const;

    void stepBy(int steps) override;
    QValidator::State validate(QString& input, int& pos) const override;
    void fixup(QString& input) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

public Q_SLOTS:
    // Clamped into the range; updates the text and emits valueChanged when the value changes.
    void setValue(qint64 value);

Q_SIGNALS:
    void valueChanged(qint64 value);

protected:
    StepEnabled stepEnabled() const override;

private:
    QSize hintFor(const QString& widest) const;
    void commitText();

    qint64 value_ = kRandom;
    qint64 minimum_ = kRandom;
    qint64 maximum_ = kMaxSeed;
};

} // namespace latent
