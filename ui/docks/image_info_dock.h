// Image info ("PNG info"): the generation parameters of the image on the canvas.
#pragma once

#include <QDockWidget>

class QPlainTextEdit;
class QPushButton;

namespace latent {

class ImageInfoDock : public QDockWidget {
    Q_OBJECT
public:
    explicit ImageInfoDock(QWidget* parent = nullptr);
    // Shows an A1111 infotext (or clears with an empty string). Always plain text.
    void setInfotext(const QString& text);
    QString infotext() const;

Q_SIGNALS:
    void restoreParametersRequested(const QString& infotext);

private:
    QPlainTextEdit* text_;
    QPushButton* restore_;
};

} // namespace latent
