#include "ui/canvas/canvas_view.h"

#include "ui/canvas/image_loading.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QFrame>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QMimeData>
#include <QPainter>
#include <QPushButton>
#include <QThreadPool>
#include <QUndoStack>
#include <QUrl>
#include <QWheelEvent>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

namespace latent {

namespace {
constexpr double kMinZoom = 0.02;
constexpr double kMaxZoom = 32.0;
constexpr QRgb kMaskTint = qRgb(255, 48, 96);
} // namespace

CanvasView::CanvasView(QWidget* parent)
    : QWidget(parent), doc_(new CanvasDocument(this)), previewPool_(new QThreadPool(this)) {
    previewPool_->setMaxThreadCount(1);
    previewPool_->setExpiryTimeout(-1);
    setObjectName(QStringLiteral("canvasView"));
    setAcceptDrops(true);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setMinimumSize(200, 200);
    setAttribute(Qt::WA_OpaquePaintEvent);

    connect(doc_, &CanvasDocument::sourceChanged, this, &CanvasView::onSourceChanged);
    connect(doc_, &CanvasDocument::maskChanged, this, &CanvasView::onMaskChanged);

    // Ctrl+Z / Ctrl+Shift+Z over the document's one undo stack; Ctrl+V pastes an image. Text
    // fields keep their own Ctrl+Z / Ctrl+V (they take the shortcut override while focused).
    undoAction_ = doc_->undoStack()->createUndoAction(this, tr("Undo"));
    undoAction_->setObjectName(QStringLiteral("canvasUndoAction"));
    undoAction_->setShortcut(QKeySequence::Undo);
    redoAction_ = doc_->undoStack()->createRedoAction(this, tr("Redo"));
    redoAction_->setObjectName(QStringLiteral("canvasRedoAction"));
    redoAction_->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    pasteAction_ = new QAction(tr("Paste Image"), this);
    pasteAction_->setObjectName(QStringLiteral("canvasPasteAction"));
    pasteAction_->setShortcut(QKeySequence::Paste);
    connect(pasteAction_, &QAction::triggered, this, &CanvasView::pasteFromClipboard);
    addAction(undoAction_);
    addAction(redoAction_);
    addAction(pasteAction_);

    // Message bar (PNG info offer, load errors): plain text only.
    bar_ = new QFrame(this);
    bar_->setObjectName(QStringLiteral("canvasBar"));
    bar_->setAutoFillBackground(true);
    bar_->setFrameShape(QFrame::StyledPanel);
    auto* barLayout = new QHBoxLayout(bar_);
    barLayout->setContentsMargins(10, 6, 6, 6);
    barLabel_ = new QLabel;
    barLabel_->setTextFormat(Qt::PlainText);
    barLabel_->setWordWrap(true);
    barLayout->addWidget(barLabel_, 1);
    restoreButton_ = new QPushButton(tr("Restore parameters"));
    restoreButton_->setObjectName(QStringLiteral("restoreParametersButton"));
    connect(restoreButton_, &QPushButton::clicked, this, &CanvasView::restoreParameters);
    barLayout->addWidget(restoreButton_);
    dismissButton_ = new QPushButton(tr("Dismiss"));
    connect(dismissButton_, &QPushButton::clicked, this, &CanvasView::dismissBar);
    barLayout->addWidget(dismissButton_);
    bar_->hide();

    zoomLabel_ = new QLabel(this);
    zoomLabel_->setObjectName(QStringLiteral("canvasZoomLabel"));
    zoomLabel_->setTextFormat(Qt::PlainText);
    zoomLabel_->setAutoFillBackground(true);
    zoomLabel_->setContentsMargins(6, 2, 6, 2);
    zoomLabel_->hide();
    connect(this, &CanvasView::zoomChanged, this, [this](double z) {
        zoomLabel_->setText(tr("%1 %").arg(std::lround(z * 100)));
        zoomLabel_->adjustSize();
        zoomLabel_->move(width() - zoomLabel_->width() - 8, height() - zoomLabel_->height() - 8);
        zoomLabel_->setVisible(hasImage());
    });
}

// --- images ---------------------------------------------------------------------------------------

bool CanvasView::setImage(const QImage& image) {
    QString error;
    if (!doc_->setSource(image, &error)) {
        showBar(error, false, true);
        Q_EMIT loadFailed(error);
        return false;
    }
    if (hasPreview()) endPreview();
    infotext_.clear();
    path_.clear();
    dismissBar();
    fit_ = true;
    updateFit();
    update();
    return true;
}

void CanvasView::showPreview(const QImage& preview, const QSize& displaySize) {
    if (preview.isNull()) return;
    previewSource_ = preview;
    previewSize_ = displaySize.isValid() ? displaySize : preview.size();
    zoomLabel_->hide();
    schedulePreviewScale();
}

void CanvasView::clearPreview() {
    if (!hasPreview()) return;
    endPreview();
    zoomLabel_->setVisible(hasImage());
    update();
}

void CanvasView::endPreview() {
    previewSource_ = QImage();
    previewScaled_ = QImage();
    previewPending_ = false;
    ++previewEpoch_;
}

QRect CanvasView::previewTarget() const {
    // Fitted like the document (16 px margin).
    constexpr double margin = 16.0;
    const double zx = (width() - 2 * margin) / std::max(1, previewSize_.width());
    const double zy = (height() - 2 * margin) / std::max(1, previewSize_.height());
    const double z = std::clamp(std::min(zx, zy), kMinZoom, kMaxZoom);
    const QSize size(std::max(1, int(std::lround(previewSize_.width() * z))),
                     std::max(1, int(std::lround(previewSize_.height() * z))));
    return QRect(QPoint((width() - size.width()) / 2, (height() - size.height()) / 2), size);
}

void CanvasView::schedulePreviewScale() {
    if (previewScaling_) { // one scale at a time; the newest preview follows it
        previewPending_ = true;
        return;
    }
    previewScaling_ = true;
    const QRect target = previewTarget();
    const QImage source = previewSource_;
    const int epoch = previewEpoch_;
    auto* watcher = new QFutureWatcher<QImage>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, target, epoch] {
        watcher->deleteLater();
        previewScaling_ = false;
        if (epoch != previewEpoch_) return;         // the preview ended meanwhile
        const bool first = previewScaled_.isNull(); // the document leaves the view: repaint all
        const QRect old = previewRect_;
        previewScaled_ = watcher->result();
        previewRect_ = target;
        if (first)
            update();
        else
            update(old.united(previewRect_).adjusted(-2, -2, 2, 2));
        if (previewPending_) {
            previewPending_ = false;
            schedulePreviewScale();
        }
    });
    watcher->setFuture(QtConcurrent::run(previewPool_, [source, size = target.size()] {
        return source.scaled(size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
            .convertToFormat(QImage::Format_RGB32);
    }));
}

bool CanvasView::loadImageFile(const QString& path, QString* error) {
    const LoadedImage loaded = latent::loadImageFile(path, CanvasDocument::kMaxSide, CanvasDocument::kMaxPixels);
    QString why = loaded.error;
    if (loaded.ok && !doc_->setSource(loaded.image, &why)) why = tr("%1: %2").arg(QFileInfo(path).fileName(), why);
    if (!loaded.ok || !why.isEmpty()) {
        if (error) *error = why;
        showBar(why, false, true);
        Q_EMIT loadFailed(why);
        return false;
    }
    if (hasPreview()) endPreview(); // what the user opens wins over a generation's preview
    infotext_ = loaded.infotext;
    path_ = QFileInfo(path).absoluteFilePath();
    fit_ = true;
    updateFit();
    update();
    if (!infotext_.isEmpty()) {
        const GenerationParams params = GenerationParams::fromInfotext(infotext_);
        QString summary = tr("%1 was made with Stable Diffusion").arg(QFileInfo(path).fileName());
        if (params.steps && params.seed)
            summary = tr("%1 was made with Stable Diffusion (%2, %3 steps, seed %4).")
                          .arg(QFileInfo(path).fileName(),
                               params.sampler.isEmpty() ? tr("unknown sampler") : params.sampler.left(40))
                          .arg(*params.steps)
                          .arg(*params.seed);
        showBar(summary + QLatin1Char(' ') + tr("Restore its parameters in the prompt?"), true, false);
    } else {
        dismissBar();
    }
    Q_EMIT imageLoaded(path_, infotext_);
    return true;
}

bool CanvasView::loadFromMimeData(const QMimeData* mime, QString* error) {
    if (!mime) return false;
    for (const QUrl& url : mime->urls()) {
        if (url.isLocalFile() && isSupportedImageFile(url.toLocalFile())) {
            const bool ok = loadImageFile(url.toLocalFile(), error);
            if (ok) Q_EMIT imageFileDropped(url.toLocalFile());
            return ok;
        }
    }
    if (mime->hasImage()) {
        const QImage image = qvariant_cast<QImage>(mime->imageData());
        if (!setImage(image)) {
            if (error) *error = barText();
            return false;
        }
        dismissBar();
        Q_EMIT imageLoaded(QString(), QString());
        return true;
    }
    if (error) *error = tr("There is no image to take.");
    return false;
}

bool CanvasView::pasteFromClipboard() {
    const QMimeData* mime = QApplication::clipboard()->mimeData();
    if (!canAccept(mime)) {
        showBar(tr("The clipboard holds no image."), false, true);
        return false;
    }
    return loadFromMimeData(mime);
}

void CanvasView::restoreParameters() {
    if (infotext_.isEmpty()) return;
    bar_->hide();
    Q_EMIT restoreParametersRequested(GenerationParams::fromInfotext(infotext_));
}

void CanvasView::dismissBar() {
    bar_->hide();
}

bool CanvasView::isOfferVisible() const {
    return !bar_->isHidden() && !restoreButton_->isHidden();
}

QString CanvasView::barText() const {
    return bar_->isHidden() ? QString() : barLabel_->text();
}

void CanvasView::showBar(const QString& text, bool offerRestore, bool error) {
    // Untrusted text (file names, metadata) is shown as plain text and kept short.
    barLabel_->setText(text.left(400));
    restoreButton_->setVisible(offerRestore);
    bar_->setProperty("error", error);
    QPalette pal = bar_->palette();
    pal.setColor(QPalette::Window, error ? QColor(120, 40, 40) : palette().color(QPalette::AlternateBase));
    pal.setColor(QPalette::WindowText, error ? QColor(255, 235, 235) : palette().color(QPalette::WindowText));
    bar_->setPalette(pal);
    barLabel_->setPalette(pal);
    bar_->show();
    bar_->raise();
    positionBar();
}

void CanvasView::positionBar() {
    const int w = std::min(width() - 24, 720);
    bar_->setFixedWidth(std::max(100, w));
    bar_->adjustSize();
    bar_->move((width() - bar_->width()) / 2, 12);
}

void CanvasView::onSourceChanged() {
    overlay_ = QImage();
    sourcePixmap_ = QPixmap();
    sourceOpaque_ = true;
    overlayEmpty_ = true;
    if (doc_->hasSource()) {
        // Painting draws a pixmap in the display's format (no per-frame conversion of the
        // non-premultiplied source); an opaque image needs no checkerboard under it.
        sourceOpaque_ = doc_->sourceIsOpaque();
        sourcePixmap_ = QPixmap::fromImage(
            doc_->source().convertToFormat(sourceOpaque_ ? QImage::Format_RGB32 : QImage::Format_ARGB32_Premultiplied));
        // The overlay is made when the mask first gets a masked pixel.
        if (!doc_->maskIsEmpty()) {
            overlay_ = QImage(doc_->size(), QImage::Format_ARGB32_Premultiplied);
            overlayEmpty_ = !rebuildOverlay(overlay_.rect());
        }
        // Outpainting changes the size: keep fitting when the user had not zoomed.
        updateFit();
    }
    zoomLabel_->setVisible(doc_->hasSource() && !hasPreview());
    Q_EMIT zoomChanged(zoom_);
    update();
}

void CanvasView::onMaskChanged(const QRect& rect) {
    if (!doc_->hasSource()) return;
    if (overlay_.size() != doc_->size()) {
        if (doc_->maskIsEmpty()) return; // nothing to show (e.g. a new source's empty mask)
        overlay_ = QImage(doc_->size(), QImage::Format_ARGB32_Premultiplied);
        overlayEmpty_ = !rebuildOverlay(overlay_.rect());
        update();
        return;
    }
    const bool painted = rebuildOverlay(rect);
    if (painted)
        overlayEmpty_ = false;
    else if (!overlayEmpty_)
        overlayEmpty_ = doc_->maskIsEmpty(); // erased: maybe nothing is left
    // Repaint only the changed part (plus a pixel of the smooth scaling around it).
    const QRectF r(imageToWidget(rect.topLeft()), QSizeF(rect.width() * zoom_, rect.height() * zoom_));
    update(r.toAlignedRect().adjusted(-2, -2, 2, 2));
}

bool CanvasView::rebuildOverlay(const QRect& rect) {
    const QImage& mask = doc_->mask();
    const QRect r = rect.intersected(mask.rect());
    bool any = false;
    for (int y = r.top(); y <= r.bottom(); ++y) {
        const uchar* m = mask.constScanLine(y);
        auto* out = reinterpret_cast<QRgb*>(overlay_.scanLine(y));
        if (std::all_of(m + r.left(), m + r.right() + 1, [](uchar v) { return v == 0; })) {
            std::fill(out + r.left(), out + r.right() + 1, QRgb(0)); // the common case: nothing masked
            continue;
        }
        any = true;
        for (int x = r.left(); x <= r.right(); ++x) {
            const int a = m[x];
            out[x] = qRgba(qRed(kMaskTint) * a / 255, qGreen(kMaskTint) * a / 255, qBlue(kMaskTint) * a / 255, a);
        }
    }
    return any;
}

// --- view -----------------------------------------------------------------------------------------

QRectF CanvasView::imageRect() const {
    return QRectF(offset_, QSizeF(doc_->size().width() * zoom_, doc_->size().height() * zoom_));
}

void CanvasView::updateFit() {
    if (!fit_ || !doc_->hasSource()) return;
    const double margin = 16.0;
    const QSize s = doc_->size();
    const double zx = (width() - 2 * margin) / std::max(1, s.width());
    const double zy = (height() - 2 * margin) / std::max(1, s.height());
    zoom_ = std::clamp(std::min(zx, zy), kMinZoom, kMaxZoom);
    offset_ = QPointF((width() - s.width() * zoom_) / 2.0, (height() - s.height() * zoom_) / 2.0);
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
    if (!doc_->hasSource()) return;
    const double newZoom = std::clamp(zoom_ * factor, kMinZoom, kMaxZoom);
    // Keep the image point under `anchor` fixed.
    const QPointF imagePoint = widgetToImage(anchor);
    zoom_ = newZoom;
    offset_ = anchor - imagePoint * zoom_;
    fit_ = false;
    Q_EMIT zoomChanged(zoom_);
    update();
}

void CanvasView::setTool(MaskTool tool) {
    tool_ = tool;
    Q_EMIT toolSettingsChanged();
    update();
}

void CanvasView::setBrushSize(double diameter) {
    brushSize_ = std::clamp(diameter, 1.0, 1024.0);
    Q_EMIT toolSettingsChanged();
    update();
}

void CanvasView::setHardness(double hardness) {
    hardness_ = std::clamp(hardness, 0.0, 1.0);
    Q_EMIT toolSettingsChanged();
}

void CanvasView::setMaskOpacity(double opacity) {
    maskOpacity_ = std::clamp(opacity, 0.0, 1.0);
    Q_EMIT toolSettingsChanged();
    update();
}

void CanvasView::setMaskVisible(bool visible) {
    maskVisible_ = visible;
    Q_EMIT toolSettingsChanged();
    update();
}

void CanvasView::paintEvent(QPaintEvent* event) {
    QPainter p(this);
    p.setClipRegion(event->region());
    p.fillRect(rect(), palette().color(QPalette::Dark));
    if (previewShown()) { // until the first preview is scaled, the document stays in view
        paintPreview(p);
        return;
    }
    if (!doc_->hasSource()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("Drop an image here or paste one (Ctrl+V)"));
        return;
    }
    const QRectF target = imageRect();
    if (!sourceOpaque_) {
        // Checkerboard under transparent images: one fill with a tiled brush.
        constexpr int cell = 12;
        if (checker_.isNull()) {
            checker_ = QPixmap(2 * cell, 2 * cell);
            QPainter t(&checker_);
            t.fillRect(0, 0, 2 * cell, 2 * cell, QColor(240, 240, 240));
            t.fillRect(cell, 0, cell, cell, QColor(200, 200, 200));
            t.fillRect(0, cell, cell, cell, QColor(200, 200, 200));
        }
        p.save();
        p.setBrushOrigin(QPointF(std::floor(target.left()), std::floor(target.top())));
        p.fillRect(target.intersected(QRectF(event->rect())), QBrush(checker_));
        p.restore();
    }
    p.setRenderHint(QPainter::SmoothPixmapTransform, zoom_ < 1.0);
    p.drawPixmap(target, sourcePixmap_, QRectF(sourcePixmap_.rect()));
    if (maskVisible_ && !overlayEmpty_ && !overlay_.isNull() && maskOpacity_ > 0) {
        p.setOpacity(maskOpacity_);
        p.drawImage(target, overlay_);
        p.setOpacity(1.0);
    }
    p.setPen(QPen(QColor(0, 0, 0, 90), 1));
    p.setBrush(Qt::NoBrush);
    p.drawRect(target.adjusted(-0.5, -0.5, 0.5, 0.5));
    // Brush outline under the pointer.
    if (hovering_ && !panning_ && !spaceHeld_ && tool_ != MaskTool::Bucket) {
        const double r = brushSize_ * zoom_ / 2.0;
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(QColor(0, 0, 0, 160), 1.5));
        p.drawEllipse(hoverPos_, r, r);
        p.setPen(QPen(QColor(255, 255, 255, 220), 1));
        p.drawEllipse(hoverPos_, r, r);
    }
}

void CanvasView::paintPreview(QPainter& p) {
    const QRect target = previewTarget();
    if (target == previewRect_) {
        p.drawImage(target.topLeft(), previewScaled_); // a plain blit
    } else {                                           // resized: stretch the last one until the new scale arrives
        p.setRenderHint(QPainter::SmoothPixmapTransform, true);
        p.drawImage(QRectF(target), previewScaled_);
    }
    p.setPen(QPen(QColor(0, 0, 0, 90), 1));
    p.setBrush(Qt::NoBrush);
    p.drawRect(QRectF(target).adjusted(-0.5, -0.5, 0.5, 0.5));
}

void CanvasView::resizeEvent(QResizeEvent*) {
    if (hasPreview()) schedulePreviewScale();
    updateFit();
    positionBar();
    Q_EMIT zoomChanged(zoom_);
}

void CanvasView::wheelEvent(QWheelEvent* event) {
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0.0) return;
    zoomBy(std::pow(1.15, steps), event->position());
    event->accept();
}

void CanvasView::mousePressEvent(QMouseEvent* event) {
    setFocus(Qt::MouseFocusReason);
    if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && spaceHeld_)) {
        panning_ = true;
        lastPos_ = event->position();
        setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    if (event->button() == Qt::LeftButton && doc_->hasSource() && !hasPreview()) {
        if (!maskVisible_) setMaskVisible(true); // painting an invisible mask helps nobody
        painting_ = tool_ != MaskTool::Bucket;
        doc_->beginStroke(tool_, brushSize_, hardness_, widgetToImage(event->position()));
        event->accept();
        return;
    }
    QWidget::mousePressEvent(event);
}

void CanvasView::mouseMoveEvent(QMouseEvent* event) {
    const QPointF old = hoverPos_;
    hoverPos_ = event->position();
    hovering_ = true;
    if (panning_) {
        offset_ += event->position() - lastPos_;
        lastPos_ = event->position();
        fit_ = false;
        update();
        return;
    }
    if (painting_) doc_->continueStroke(widgetToImage(event->position()));
    // Repaint the brush outline at its old and new place.
    const double r = brushSize_ * zoom_ / 2.0 + 3;
    update(QRectF(old - QPointF(r, r), QSizeF(2 * r, 2 * r)).toAlignedRect());
    update(QRectF(hoverPos_ - QPointF(r, r), QSizeF(2 * r, 2 * r)).toAlignedRect());
}

void CanvasView::mouseReleaseEvent(QMouseEvent* event) {
    if (panning_ && (event->button() == Qt::MiddleButton || event->button() == Qt::LeftButton)) {
        panning_ = false;
        setCursor(spaceHeld_ ? Qt::OpenHandCursor : Qt::ArrowCursor);
        return;
    }
    if (painting_ && event->button() == Qt::LeftButton) {
        painting_ = false;
        doc_->continueStroke(widgetToImage(event->position()));
        doc_->endStroke();
        return;
    }
    QWidget::mouseReleaseEvent(event);
}

void CanvasView::leaveEvent(QEvent*) {
    hovering_ = false;
    update();
}

void CanvasView::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        spaceHeld_ = true;
        setCursor(Qt::OpenHandCursor);
        update();
        return;
    }
    if (event->key() == Qt::Key_Escape && painting_) {
        painting_ = false;
        doc_->cancelStroke();
        return;
    }
    if (event->modifiers() == Qt::NoModifier) {
        switch (event->key()) {
        case Qt::Key_B:
            setTool(MaskTool::Brush);
            return;
        case Qt::Key_E:
            setTool(MaskTool::Eraser);
            return;
        case Qt::Key_G:
            setTool(MaskTool::Bucket);
            return;
        case Qt::Key_BracketLeft:
            setBrushSize(brushSize_ / 1.2);
            return;
        case Qt::Key_BracketRight:
            setBrushSize(brushSize_ * 1.2);
            return;
        default:
            break;
        }
    }
    QWidget::keyPressEvent(event);
}

void CanvasView::keyReleaseEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        spaceHeld_ = false;
        setCursor(Qt::ArrowCursor);
        update();
        return;
    }
    QWidget::keyReleaseEvent(event);
}

// --- drag and drop --------------------------------------------------------------------------------

bool CanvasView::canAccept(const QMimeData* mime) {
    if (!mime) return false;
    if (mime->hasImage()) return true;
    for (const QUrl& url : mime->urls())
        if (url.isLocalFile() && isSupportedImageFile(url.toLocalFile())) return true;
    return false;
}

void CanvasView::dragEnterEvent(QDragEnterEvent* event) {
    if (canAccept(event->mimeData())) event->acceptProposedAction();
}

void CanvasView::dragMoveEvent(QDragMoveEvent* event) {
    if (canAccept(event->mimeData())) event->acceptProposedAction();
}

void CanvasView::dropEvent(QDropEvent* event) {
    if (!canAccept(event->mimeData())) return;
    event->acceptProposedAction();
    loadFromMimeData(event->mimeData());
}

void CanvasView::acceptDropsOn(QWidget* widget) {
    widget->setAcceptDrops(true);
    widget->installEventFilter(this);
}

bool CanvasView::eventFilter(QObject* watched, QEvent* event) {
    if (watched != this && watched->isWidgetType()) {
        switch (event->type()) {
        case QEvent::DragEnter:
            dragEnterEvent(static_cast<QDragEnterEvent*>(event));
            return true;
        case QEvent::DragMove:
            dragMoveEvent(static_cast<QDragMoveEvent*>(event));
            return true;
        case QEvent::Drop:
            dropEvent(static_cast<QDropEvent*>(event));
            return true;
        default:
            break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace latent
