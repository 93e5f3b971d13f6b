// Gallery: every finished image, newest first, with search.
#pragma once

#include <QDockWidget>

class QLineEdit;
class QListWidget;
class QStackedWidget;

namespace latent {

class EmptyState;

class GalleryDock : public QDockWidget {
    Q_OBJECT
public:
    explicit GalleryDock(QWidget* parent = nullptr);
    int imageCount() const;

private:
    QLineEdit* search_;
    QListWidget* list_;
    QStackedWidget* stack_;
    EmptyState* empty_;
};

} // namespace latent
