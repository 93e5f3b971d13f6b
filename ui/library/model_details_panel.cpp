#include "ui/library/model_details_panel.h"

#include "app/library/model_scanner.h"
#include "ui/library/model_list_model.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace latent {

namespace {
QLabel* plainLabel(QWidget* parent, bool selectable = false) {
    auto* l = new QLabel(parent);
    l->setTextFormat(Qt::PlainText); // SAFETY.md case 19: file strings are never rich text
    l->setWordWrap(true);
    l->setOpenExternalLinks(false);
    if (selectable) l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Never let a long word from a file widen the dock.
    l->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    return l;
}

QLineEdit* readOnlyField(QWidget* parent) {
    auto* f = new QLineEdit(parent);
    f->setReadOnly(true);
    f->setFrame(false);
    f->setStyleSheet(QStringLiteral("QLineEdit { background: transparent; padding: 0; }"));
    f->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    return f;
}
} // namespace

ModelDetailsPanel::ModelDetailsPanel(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("modelDetails"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    title_ = plainLabel(this, true);
    QFont f = title_->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.1);
    title_->setFont(f);
    facts_ = plainLabel(this, true);
    problem_ = plainLabel(this, true);
    problem_->setObjectName(QStringLiteral("modelProblem"));
    problem_->setStyleSheet(QStringLiteral("color: #d07060;"));
    hashes_ = plainLabel(this, true);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    mono.setPointSizeF(font().pointSizeF() * 0.9);
    hashes_->setFont(mono);
    metadata_ = plainLabel(this, true);
    pathField_ = readOnlyField(this);
    pathField_->setObjectName(QStringLiteral("modelPathField"));
    shaField_ = readOnlyField(this);
    shaField_->setObjectName(QStringLiteral("modelShaField"));
    shaField_->setFont(mono);
    layout->addWidget(title_);
    layout->addWidget(facts_);
    layout->addWidget(pathField_);
    layout->addWidget(problem_);
    layout->addWidget(hashes_);
    layout->addWidget(shaField_);
    layout->addWidget(metadata_);

    auto* buttons = new QHBoxLayout;
    use_ = new QPushButton(tr("Use as model"), this);
    use_->setObjectName(QStringLiteral("useModelButton"));
    insert_ = new QPushButton(tr("Insert into prompt"), this);
    insert_->setObjectName(QStringLiteral("insertPromptButton"));
    buttons->addWidget(use_);
    buttons->addWidget(insert_);
    buttons->addStretch(1);
    layout->addLayout(buttons);

    editor_ = new QWidget(this);
    auto* form = new QFormLayout(editor_);
    form->setContentsMargins(0, 0, 0, 0);
    activation_ = new QLineEdit(editor_);
    activation_->setObjectName(QStringLiteral("activationTextEdit"));
    activation_->setPlaceholderText(tr("Words added with the LoRA"));
    weight_ = new QDoubleSpinBox(editor_);
    weight_->setObjectName(QStringLiteral("preferredWeightEdit"));
    weight_->setRange(0.0, 10.0);
    weight_->setSingleStep(0.05);
    weight_->setDecimals(2);
    weight_->setSpecialValueText(tr("default (1)")); // A1111: 0 = the default multiplier
    description_ = new QPlainTextEdit(editor_);
    description_->setObjectName(QStringLiteral("descriptionEdit"));
    description_->setMaximumHeight(60);
    notes_ = new QPlainTextEdit(editor_);
    notes_->setObjectName(QStringLiteral("notesEdit"));
    notes_->setMaximumHeight(80);
    form->addRow(tr("Activation text"), activation_);
    form->addRow(tr("Preferred weight"), weight_);
    form->addRow(tr("Description"), description_);
    form->addRow(tr("Notes"), notes_);
    save_ = new QPushButton(tr("Save notes"), editor_);
    save_->setObjectName(QStringLiteral("saveNotesButton"));
    save_->setEnabled(false);
    form->addRow(QString(), save_);
    layout->addWidget(editor_);
    layout->addStretch(1);

    connect(activation_, &QLineEdit::textEdited, this, &ModelDetailsPanel::markDirty);
    connect(weight_, &QDoubleSpinBox::valueChanged, this, &ModelDetailsPanel::markDirty);
    connect(description_, &QPlainTextEdit::textChanged, this, &ModelDetailsPanel::markDirty);
    connect(notes_, &QPlainTextEdit::textChanged, this, &ModelDetailsPanel::markDirty);
    connect(save_, &QPushButton::clicked, this, [this] {
        if (!path_.isEmpty()) Q_EMIT saveRequested(path_, editedNotes());
    });
    connect(use_, &QPushButton::clicked, this, [this] {
        if (!path_.isEmpty()) Q_EMIT useRequested(path_);
    });
    connect(insert_, &QPushButton::clicked, this, [this] {
        if (!path_.isEmpty()) Q_EMIT insertRequested(path_);
    });
    setEntry(nullptr);
}

void ModelDetailsPanel::markDirty() {
    if (!loading_) save_->setEnabled(!path_.isEmpty() && !(editedNotes() == loaded_));
}

SidecarNotes ModelDetailsPanel::editedNotes() const {
    SidecarNotes n = loaded_;
    n.activationText = activation_->text();
    n.preferredWeight = weight_->value();
    n.description = description_->toPlainText();
    n.notes = notes_->toPlainText();
    return n;
}

void ModelDetailsPanel::setEntry(const ModelEntry* e) {
    loading_ = true;
    path_ = e ? e->path : QString();
    loaded_ = e ? e->notes : SidecarNotes{};
    setVisible(true);
    const bool has = e != nullptr;
    editor_->setVisible(has);
    use_->setVisible(has && e->kind == ModelKind::Checkpoint);
    use_->setEnabled(has && e->usable);
    insert_->setVisible(has && (e->kind == ModelKind::Lora || e->kind == ModelKind::Embedding));
    insert_->setEnabled(has && e->usable);
    if (!has) {
        title_->setText(tr("Select a model to see its details."));
        facts_->clear();
        problem_->clear();
        problem_->hide();
        hashes_->clear();
        metadata_->clear();
        pathField_->hide();
        shaField_->hide();
        loading_ = false;
        return;
    }
    title_->setText(displayText(e->name(), 300));
    QStringList facts;
    facts << ModelListModel::familyBadge(*e) + QStringLiteral(" · ") + ModelListModel::formatSize(e->size);
    pathField_->setText(displayText(e->path, 4000));
    pathField_->setCursorPosition(0);
    pathField_->show();
    if (!e->triggerWords().isEmpty())
        facts << tr("Trigger words: %1").arg(displayText(e->triggerWords().join(QStringLiteral(", ")), 500));
    if (!e->tags.isEmpty()) facts << tr("Training tags: %1").arg(displayText(e->tags.join(QStringLiteral(", ")), 500));
    facts_->setText(facts.join(QLatin1Char('\n')));
    const QString problem = !e->usable || !e->problem.isEmpty() ? e->problem : QString();
    problem_->setText(displayText(problem, 600));
    problem_->setVisible(!problem.isEmpty());
    if (e->hashed()) {
        QString h = QStringLiteral("AutoV2 %1 · AutoV1 %2").arg(e->autoV2(), e->autoV1);
        if (e->kind == ModelKind::Lora && !e->addnet.isEmpty()) h += QStringLiteral(" · LoRA %1").arg(e->loraHash());
        hashes_->setText(h);
        shaField_->setText(QStringLiteral("SHA-256 %1").arg(e->sha256));
        shaField_->setCursorPosition(0);
        shaField_->show();
    } else {
        hashes_->setText(ModelScanner::isHashable(*e) ? tr("Hashes: being computed…") : QString());
        shaField_->hide();
    }
    QStringList md;
    for (auto it = e->metadata.begin(); it != e->metadata.end(); ++it)
        md << QStringLiteral("%1: %2").arg(displayText(it.key(), 80), displayText(it.value().toString(), 300));
    metadata_->setText(md.join(QLatin1Char('\n')));
    metadata_->setVisible(!md.isEmpty());

    activation_->setText(e->notes.activationText);
    weight_->setValue(qBound(0.0, e->notes.preferredWeight, 10.0));
    description_->setPlainText(e->notes.description);
    notes_->setPlainText(e->notes.notes);
    const bool editable = e->notes.error.isEmpty();
    editor_->setEnabled(editable);
    if (!editable) {
        problem_->setText(displayText(e->notes.error, 300));
        problem_->show();
    }
    save_->setEnabled(false);
    loading_ = false;
}

} // namespace latent
