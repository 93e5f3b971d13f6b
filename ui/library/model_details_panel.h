// The selected library entry in full: name, family, file facts, hashes, metadata highlights,
// and the editable A1111 sidecar fields (activation text, preferred weight, description,
// notes) with a Save button. Every string from files is shown as plain text.
#pragma once

#include "app/library/model_entry.h"

#include <QWidget>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace latent {

class ModelDetailsPanel : public QWidget {
    Q_OBJECT
public:
    explicit ModelDetailsPanel(QWidget* parent = nullptr);

    // Shows `e` (nullptr = nothing selected). Unsaved edits of the previous entry are dropped.
    void setEntry(const ModelEntry* e);
    QString currentPath() const { return path_; }
    // The edited sidecar fields (on top of the entry's notes).
    SidecarNotes editedNotes() const;

    QLineEdit* activationEdit() const { return activation_; }
    QDoubleSpinBox* weightEdit() const { return weight_; }
    QPlainTextEdit* notesEdit() const { return notes_; }
    QPlainTextEdit* descriptionEdit() const { return description_; }
    QPushButton* saveButton() const { return save_; }
    QPushButton* useButton() const { return use_; }
    QPushButton* insertButton() const { return insert_; }

Q_SIGNALS:
    void saveRequested(const QString& path, const latent::SidecarNotes& notes);
    void useRequested(const QString& path);
    void insertRequested(const QString& path);

private:
    void markDirty();

    QString path_;
    SidecarNotes loaded_;
    bool loading_ = false;
    QLabel* title_;
    QLabel* facts_;
    QLabel* problem_;
    QLabel* hashes_;
    QLineEdit* pathField_; // long, unbreakable strings: read-only fields that scroll and copy
    QLineEdit* shaField_;
    QLabel* metadata_;
    QWidget* editor_;
    QLineEdit* activation_;
    QDoubleSpinBox* weight_;
    QPlainTextEdit* description_;
    QPlainTextEdit* notes_;
    QPushButton* save_;
    QPushButton* use_;
    QPushButton* insert_;
};

} // namespace latent
