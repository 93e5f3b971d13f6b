// ControlNet panel: three units as tabs (sd-webui-controlnet's layout). Each unit: enable, the
// control image (open a file, drop a file or a gallery image, or take the current canvas), the
// ControlNet model (library entries of kind ControlNet), the preprocessor with its parameters
// (network-based ones listed as "needs model"), weight, guidance start / end, control mode,
// resize mode, pixel perfect, a preview of the preprocessed image (computed off the GUI thread),
// and "Use canvas size" (the generation size from the control image). Generate adds the enabled
// units to the job as `alwayson_scripts.controlnet.args` (file paths, no pixels); infotexts
// restore the units (images aside).
#pragma once

#include "pipeline/control/control_unit.h"

#include <QDockWidget>
#include <QFutureWatcher>
#include <QImage>
#include <QJsonObject>
#include <QLabel>

#include <functional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTimer;

namespace latent {

class GenerationParams;
class ModelLibrary;

// The control image of a unit: shows a thumbnail, accepts dropped image files (the gallery
// drags file URLs) and dropped image data.
class ControlImageLabel : public QLabel {
    Q_OBJECT
public:
    explicit ControlImageLabel(QWidget* parent = nullptr);
Q_SIGNALS:
    void fileDropped(const QString& path);
    void imageDropped(const QImage& image);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
};

class ControlNetUnitWidget : public QWidget {
    Q_OBJECT
public:
    explicit ControlNetUnitWidget(int index, QWidget* parent = nullptr);

    // The unit as the job gets it (image pixels not included; see imagePath()).
    ControlUnit unit() const;
    // Restores the unit's settings (model matched by title or path; the image is kept).
    void setUnit(const ControlUnit& unit);
    bool unitEnabled() const;

    // The control image: from a file (kept as the job's input) or pixels (written to a file when
    // the job is queued). Returns false with *error when the file is no readable image.
    bool setImageFile(const QString& path, QString* error = nullptr);
    void setImage(const QImage& image);
    void clearImage();
    QImage image() const { return image_; }
    QString imagePath() const { return imagePath_; }

    // ControlNet models: (title, path) pairs.
    void setModels(const QList<QPair<QString, QString>>& models);
    // Where "From canvas" takes the image from.
    void setCanvasProvider(std::function<QImage()> provider) { canvas_ = std::move(provider); }

    // The last preview (the preprocessor's output), for tests.
    QImage preview() const { return preview_; }
    bool previewPending() const;

Q_SIGNALS:
    void previewUpdated();
    void sizeRequested(int width, int height);
    void changed();

private:
    void onModuleChanged();
    void schedulePreview();
    void runPreview();
    void showImage();

    int index_;
    QCheckBox* enabled_;
    ControlImageLabel* imageLabel_;
    QLabel* previewLabel_;
    QLabel* previewNote_;
    QComboBox* model_;
    QComboBox* module_;
    QLabel* resLabel_;
    QSpinBox* res_;
    QLabel* aLabel_;
    QDoubleSpinBox* a_;
    QLabel* bLabel_;
    QDoubleSpinBox* b_;
    QDoubleSpinBox* weight_;
    QDoubleSpinBox* start_;
    QDoubleSpinBox* end_;
    QComboBox* mode_;
    QComboBox* resize_;
    QComboBox* hrOption_;
    QCheckBox* pixelPerfect_;
    QPushButton* useSize_;
    QTimer* previewTimer_;
    QFutureWatcher<QImage> previewWatcher_;
    bool previewAgain_ = false;
    std::function<QImage()> canvas_;
    QImage image_;
    QString imagePath_;
    QImage preview_;
};

class ControlNetDock : public QDockWidget {
    Q_OBJECT
public:
    static constexpr int kUnits = 3;
    explicit ControlNetDock(QWidget* parent = nullptr);

    ControlNetUnitWidget* unitWidget(int i) const { return units_.value(i); }
    // ControlNet models from the library (kind ControlNet), refreshed when it changes.
    void setLibrary(ModelLibrary* library);
    void refreshModels();
    void setCanvasProvider(const std::function<QImage()>& provider);

    // Adds `alwayson_scripts.controlnet.args` for the enabled units to a job's parameters. Unit
    // images without a file are written to `inputsDir` (canvas-...-control-N.png, deleted with
    // the last job naming them); *written lists those files. False with *error when an enabled
    // unit has no image or no model.
    bool contributeParams(QJsonObject& params, const QString& inputsDir, QStringList* written, QString* error) const;
    // Restores the units of an infotext ("ControlNet N" entries); units it does not name are
    // switched off.
    void applyParameters(const GenerationParams& params);

Q_SIGNALS:
    // "Use canvas size": the generation size from a unit's control image (multiples of 8).
    void sizeRequested(int width, int height);

private:
    QTabWidget* tabs_;
    QList<ControlNetUnitWidget*> units_;
    ModelLibrary* library_ = nullptr;
};

} // namespace latent
