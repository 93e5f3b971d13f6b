// Dropping model files on the main window adds them to the library: an event filter for the
// window that accepts local files whose name looks like a model, asks "copy or move", files each
// by its sniffed kind under the library's primary root (never overwriting), in the background,
// then tells the library (fileArrived).
#pragma once

#include <QObject>
#include <QStringList>

class QMimeData;
class QWidget;

namespace latent {

class ModelLibrary;

class ModelDropHandler : public QObject {
    Q_OBJECT
public:
    // `window` is the dialog parent and the widget whose drops are watched (installs itself).
    ModelDropHandler(ModelLibrary* library, QWidget* window);

    // Local model files in a drag (by name; the header decides the kind later).
    static QStringList modelFiles(const QMimeData* mime);
    // Asks copy / move (unless `askMove` is false: copy), then imports in the background.
    void importFiles(const QStringList& paths, bool ask = true);

Q_SIGNALS:
    void imported(const QString& destination);
    void importFailed(const QString& message);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    ModelLibrary* library_;
    QWidget* window_;
};

} // namespace latent
