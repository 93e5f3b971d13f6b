// Prompt panel: prompt / negative prompt and the generation parameters.
#pragma once

#include <QDockWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace latent {

class PromptDock : public QDockWidget {
    Q_OBJECT
public:
    explicit PromptDock(QWidget* parent = nullptr);

    QString prompt() const;
    QString negativePrompt() const;
    void setModelAvailable(bool available);
    // Appends `text` to the prompt as A1111's extra-network cards do (one space between).
    void insertPromptText(const QString& text);

Q_SIGNALS:
    void generateRequested();
    void interruptRequested();

private:
    QPlainTextEdit* prompt_;
    QPlainTextEdit* negative_;
    QComboBox* sampler_;
    QComboBox* schedule_;
    QSpinBox* steps_;
    QDoubleSpinBox* cfg_;
    QSpinBox* seed_;
    QSpinBox* width_;
    QSpinBox* height_;
    QSpinBox* batchSize_;
    QSpinBox* batchCount_;
    QPushButton* generate_;
    QPushButton* interrupt_;
    QLabel* hint_;
};

} // namespace latent
