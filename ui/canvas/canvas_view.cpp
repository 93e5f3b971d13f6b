#include "ui/canvas/canvas_view.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QMimeData>
#include <QPainter>
#include <QUrl>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace latent {

namespace {
constexpr double kMinZoom = 0.02;
constexpr double kMaxZoom = 32.0;

bool isImageFile(const QString& path) {
    static const QStringList exts = {QStringLiteral("png"),  QStringLiteral("jpg"), QStringLiteral("jpeg"),
                                     QStringLiteral("webp"), QStringLiteral("bmp"), QStringLiteral("tif"),
                                     QStringLiteral("tiff"), QStringLiteral("exr")};
    return exts.contains(QFileInfo(path).suffix().toLower());
}
} // namespace

CanvasView::CanvasView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("canvasView"));
    setAcceptDrops(true);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setMinimumSize(200, 200);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void CanvasView::setImage(const QImage& image) {
    image_ = image;
    fit_ = true;
    updateFit();
    update();
}

QRectF CanvasView::imageRect() const {
    return QRectF(offset_, QSizeF(image_.width() * zoom_, image_.height() * zoom_));
}

void CanvasView::updateFit() {
    if (!fit_ || image_.isNull()) return;
    const double margin = 16.0;
    const double zx = (width() - 2 * margin) / std::max(1, image_.width());
    const double zy = (height() - 2 * margin) / std::max(1, image_.height());
    zoom_ = std::clamp(std::min(zx, zy), kMinZoom, kMaxZoom);
    offset_ = QPointF((width() - image_.width() * zoom_) / 2.0, (height() - image_.height() * zoom_) / 2.0);
    Q_EMIT zoomChanged(zoom_);
}

void CanvasView::zoomToFit() {
    fit_ = true;
    updateFit();
    update();
}

void CanvasView::zoomToActualSize() {
    zoomBy(1.0 / zoom_, QPointF(width() / 2.0, height() / 2.0));
}

void CanvasView::zoomBy(double factor, const QPointF& anchor) {
    if (image_.isNull()) return;
    const double newZoom = std::clamp(zoom_ * factor, kMinZoom, kMaxZoom);
    // Keep the image point under `anchor` fixed.
    const QPointF imagePoint = (anchor - offset_) / zoom_;
    zoom_ = newZoom;
    offset_ = anchor - imagePoint * zoom_;
    fit_ = false;
    Q_EMIT zoomChanged(zoom_);
    update();
}

void CanvasView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Dark));
    if (image_.isNull()) return;
    const QRectF target = imageRect();
    // Checkerboard under transparent images.
    const int cell = 12;
    p.save();
    p.setClipRect(target);
    for (int y = int(target.top()); y < target.bottom(); y += cell)
        for (int x = int(target.left()); x < target.right(); x += cell)
            p.fillRect(x, y, cell, cell, ((x / cell + y / cell) & 1) ? QColor(200, 200, 200) : QColor(240, 240, 240));
    p.restore();
    p.setRenderHint(QPainter::SmoothPixmapTransform, zoom_ < 1.0);
    p.drawImage(target, image_);
}

void CanvasView::resizeEvent(QResizeEvent*) { updateFit(); }

void CanvasView::wheelEvent(QWheelEvent* event) {
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0.0) return;
    zoomBy(std::pow(1.15, steps), event->position());
    event->accept();
}

void CanvasView::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && spaceHeld_)) {
        panning_ = true;
        lastPos_ = event->position();
        setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QWidget::mousePressEvent(event);
}

void CanvasView::mouseMoveEvent(QMouseEvent* event) {
    if (panning_) {
        offset_ += event->position() - lastPos_;
        lastPos_ = event->position();
        fit_ = false;
        update();
        return;
    }
    QWidget::mouseMoveEvent(event);
}

void CanvasView::mouseReleaseEvent(QMouseEvent* event) {
    if (panning_) {
        panning_ = false;
        setCursor(spaceHeld_ ? Qt::OpenHandCursor : Qt::ArrowCursor);
        return;
    }
    QWidget::mouseReleaseEvent(event);
}

void CanvasView::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        spaceHeld_ = true;
        setCursor(Qt::OpenHandCursor);
        return;
    }
    QWidget::keyPressEvent(event);
}

void CanvasView::keyReleaseEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        spaceHeld_ = false;
        setCursor(Qt::ArrowCursor);
        return;
    }
    QWidget::keyReleaseEvent(event);
}

void CanvasView::dragEnterEvent(QDragEnterEvent* event) {
    const auto* mime = event->mimeData();
    if (mime->hasImage()) {
        event->acceptProposedAction();
        return;
    }
    for (const QUrl& url : mime->urls()) {
        if (url.isLocalFile() && isImageFile(url.toLocalFile())) {
            event->acceptProposedAction();
            return;
        }
    }
}

void CanvasView::dropEvent(QDropEvent* event) {
    const auto* mime = event->mimeData();
    for (const QUrl& url : mime->urls()) {
        if (url.isLocalFile() && isImageFile(url.toLocalFile())) {
            Q_EMIT imageFileDropped(url.toLocalFile());
            event->acceptProposedAction();
            return;
        }
    }
    if (mime->hasImage()) {
        setImage(qvariant_cast<QImage>(mime->imageData()));
        event->acceptProposedAction();
    }
}

} // namespace latent
