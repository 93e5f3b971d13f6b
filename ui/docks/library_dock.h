// Library: checkpoints, LoRAs, VAEs and embeddings; empty state guides a new user.
#pragma once

#include <QDockWidget>

class QAction;
class QLineEdit;
class QStackedWidget;
class QTabWidget;

namespace latent {

class LibraryDock : public QDockWidget {
    Q_OBJECT
public:
    // The actions are owned by the main window and shared with menus and the canvas.
    LibraryDock(QAction* addModel, QAction* downloadModel, QAction* useA1111Folder, QWidget* parent = nullptr);

private:
    QLineEdit* search_;
    QStackedWidget* stack_;
    QTabWidget* tabs_;
};

} // namespace latent
