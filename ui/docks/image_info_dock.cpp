#include "ui/docks/image_info_dock.h"

#include "app/core/display_text.h"
#include "app/metadata/network_usage.h"

#include <QFileInfo>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace latent {

ImageInfoDock::ImageInfoDock(QWidget* parent) : QDockWidget(tr("Image info"), parent) {
    setObjectName(QStringLiteral("imageInfoDock"));
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    title_ = new QLabel;
    title_->setObjectName(QStringLiteral("imageInfoTitle"));
    title_->setTextFormat(Qt::PlainText);
    title_->setWordWrap(true);
    title_->hide();
    layout->addWidget(title_);
    networks_ = new QLabel;
    networks_->setObjectName(QStringLiteral("imageInfoNetworks"));
    networks_->setTextFormat(Qt::PlainText);
    networks_->setWordWrap(true);
    networks_->hide();
    layout->addWidget(networks_);
    text_ = new QPlainTextEdit;
    text_->setObjectName(QStringLiteral("imageInfoText"));
    text_->setReadOnly(true);
    text_->setPlaceholderText(
        tr("Select an image in the gallery, or drop a PNG made by Latent Studio or AUTOMATIC1111 on the canvas, to see "
           "how it was made."));
    layout->addWidget(text_, 1);
    restore_ = new QPushButton(tr("Send to prompt"));
    restore_->setObjectName(QStringLiteral("sendToPromptButton"));
    restore_->setToolTip(tr("Put every parameter of this image into the prompt panel"));
    restore_->setEnabled(false);
    connect(restore_, &QPushButton::clicked, this, &ImageInfoDock::sendToPrompt);
    layout->addWidget(restore_);
    setWidget(body);
}

void ImageInfoDock::setInfotext(const QString& text) {
    setImage(path_, text);
}

void ImageInfoDock::setImage(const QString& path, const QString& infotext) {
    path_ = path;
    infotext_ = infotext;
    if (path.isEmpty()) {
        title_->hide();
    } else {
        title_->setText(safeDisplayLine(QFileInfo(path).fileName(), 200));
        title_->show();
    }
    // Metadata from files is untrusted: cleaned, capped, and QPlainTextEdit never renders rich text.
    QString shown = safeDisplayText(infotext, kMaxShownChars);
    if (infotext.isEmpty() && !path.isEmpty())
        shown = tr("This image carries no generation parameters.");
    else if (!infotext.isEmpty()) {
        const GenerationParams p = GenerationParams::fromInfotext(infotext);
        if (!p.warnings.isEmpty())
            shown += QStringLiteral("\n\n") + tr("Notes:") + QLatin1Char('\n') +
                     safeDisplayText(p.warnings.join(QLatin1Char('\n')), 4000);
    }
    text_->setPlainText(shown);
    restore_->setEnabled(!infotext.isEmpty());
    const QString networks =
        infotext.isEmpty() ? QString() : networkUsage(GenerationParams::fromInfotext(infotext)).summary();
    networks_->setText(safeDisplayText(networks, 2000));
    networks_->setVisible(!networks.isEmpty());
}

QString ImageInfoDock::networksText() const {
    return networks_->text();
}

QString ImageInfoDock::shownText() const {
    return text_->toPlainText();
}

void ImageInfoDock::sendToPrompt() {
    if (infotext_.isEmpty()) return;
    Q_EMIT restoreParametersRequested(GenerationParams::fromInfotext(infotext_));
}

} // namespace latent
