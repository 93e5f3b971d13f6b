// Help ▸ Report a problem: shows the text of buildProblemReport() (versions, redacted settings,
// the last log lines, the failing job, this session's notices) in an editable box, with
// "Include prompts" (off by default), Copy and Save. Nothing is sent anywhere.
#pragma once

#include <QDialog>

class QCheckBox;
class QPlainTextEdit;

namespace latent {

class JobQueue;

class ProblemReportDialog : public QDialog {
    Q_OBJECT
public:
    // `queue` may be null (no failing job then).
    explicit ProblemReportDialog(JobQueue* queue, QWidget* parent = nullptr);

    QString reportText() const;
    void setIncludePrompts(bool include);

private:
    void rebuild();
    void saveToFile();
    JobQueue* queue_;
    QPlainTextEdit* text_ = nullptr;
    QCheckBox* includePrompts_ = nullptr;
    QString versions_;
};

} // namespace latent
