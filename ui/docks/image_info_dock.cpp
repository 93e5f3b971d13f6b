#include "ui/docks/image_info_dock.h"

#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace latent {

ImageInfoDock::ImageInfoDock(QWidget* parent) : QDockWidget(tr("Image info"), parent) {
    setObjectName(QStringLiteral("imageInfoDock"));
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    text_ = new QPlainTextEdit;
    text_->setReadOnly(true);
    text_->setPlaceholderText(tr("Drop a PNG made by Latent Studio or AUTOMATIC1111 on the canvas to see how it was made."));
    layout->addWidget(text_, 1);
    restore_ = new QPushButton(tr("Send parameters to prompt"));
    restore_->setEnabled(false);
    connect(restore_, &QPushButton::clicked, this, [this] { Q_EMIT restoreParametersRequested(text_->toPlainText()); });
    layout->addWidget(restore_);
    setWidget(body);
}

void ImageInfoDock::setInfotext(const QString& text) {
    // Metadata from files is untrusted: cap its length; QPlainTextEdit never renders rich text.
    constexpr int kMaxChars = 64 * 1024;
    text_->setPlainText(text.left(kMaxChars));
    restore_->setEnabled(!text.isEmpty());
}

QString ImageInfoDock::infotext() const { return text_->toPlainText(); }

} // namespace latent
