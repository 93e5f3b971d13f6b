#include "ui/dialogs/problem_report_dialog.h"

#include "app/cli/cli_version.h"
#include "app/core/app_log.h"
#include "app/core/notices.h"
#include "app/core/problem_report.h"
#include "app/jobs/job_queue.h"
#include "app/storage/atomic_file.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace latent {

ProblemReportDialog::ProblemReportDialog(JobQueue* queue, QWidget* parent) : QDialog(parent), queue_(queue) {
    setObjectName(QStringLiteral("problemReportDialog"));
    setWindowTitle(tr("Report a problem"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("This text describes your system, settings and the last things Latent Studio "
                                "did. Tokens and your home folder are removed; prompts only if you include "
                                "them. Read it, add what you were doing, then copy it into your report. "
                                "Nothing is sent."));
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::PlainText);
    layout->addWidget(intro);
    includePrompts_ = new QCheckBox(tr("Include prompts"));
    includePrompts_->setObjectName(QStringLiteral("includePrompts"));
    layout->addWidget(includePrompts_);
    text_ = new QPlainTextEdit;
    text_->setObjectName(QStringLiteral("reportText"));
    text_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    text_->setLineWrapMode(QPlainTextEdit::NoWrap);
    layout->addWidget(text_, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    QPushButton* copy = buttons->addButton(tr("&Copy"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("copyReport"));
    QPushButton* save = buttons->addButton(tr("&Save…"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(reportText()); });
    connect(save, &QPushButton::clicked, this, &ProblemReportDialog::saveToFile);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(includePrompts_, &QCheckBox::toggled, this, &ProblemReportDialog::rebuild);
    resize(760, 620);
    versions_ = versionReport();
    rebuild();
}

QString ProblemReportDialog::reportText() const {
    return text_->toPlainText();
}

void ProblemReportDialog::setIncludePrompts(bool include) {
    includePrompts_->setChecked(include);
}

void ProblemReportDialog::rebuild() {
    ProblemReportInput in;
    in.versions = versions_;
    QSettings settings;
    in.settings = settingsForReport(settings);
    in.logLines = applog::lastLines(200);
    if (queue_) in.failedJob = lastFailedJob(queue_->jobs());
    in.notices = Notices::instance()->all();
    in.includePrompts = includePrompts_->isChecked();
    text_->setPlainText(buildProblemReport(in));
}

void ProblemReportDialog::saveToFile() {
    const QString start = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) +
                          QStringLiteral("/latentstudio-report.txt");
    const QString path = QFileDialog::getSaveFileName(this, tr("Save the report"), start, tr("Text files (*.txt)"));
    if (path.isEmpty()) return;
    QString why;
    if (!writeFileAtomically(path, reportText().toUtf8(), &why))
        QMessageBox::warning(this, tr("Report a problem"), tr("The report could not be saved: %1").arg(why));
}

} // namespace latent
