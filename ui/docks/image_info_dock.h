// Image info ("PNG info"): the generation parameters of the selected gallery image or of the
// image opened on the canvas, as plain text, with "Send to prompt".
#pragma once

#include "app/metadata/generation_params.h"

#include <QDockWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace latent {

class ImageInfoDock : public QDockWidget {
    Q_OBJECT
public:
    // Longest infotext shown (untrusted metadata; the full text is still sent / copied).
    static constexpr int kMaxShownChars = 64 * 1024;

    explicit ImageInfoDock(QWidget* parent = nullptr);
    // Shows an A1111 infotext (or clears with an empty string). Always plain text.
    void setInfotext(const QString& text);
    // The image's file and its infotext (empty path and text: nothing selected).
    void setImage(const QString& path, const QString& infotext);
    QString infotext() const { return infotext_; }
    QString shownText() const;
    QString path() const { return path_; }
    // The networks the image used (and those its prompt names that were not applied).
    QString networksText() const;

public Q_SLOTS:
    // Emits restoreParametersRequested with the parsed infotext.
    void sendToPrompt();

Q_SIGNALS:
    void restoreParametersRequested(const latent::GenerationParams& params);

private:
    QLabel* title_;
    QLabel* networks_;
    QPlainTextEdit* text_;
    QPushButton* restore_;
    QString infotext_;
    QString path_;
};

} // namespace latent
