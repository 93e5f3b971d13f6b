// Help ▸ Report a problem: one plain text with what a developer needs to understand a problem,
// shown to the user (who reads it, copies it, edits it) before it goes anywhere. Nothing is sent.
//
//   - versions (the --version report: product, libtorch, Qt, OpenImageIO, BLAS, devices) and the OS;
//   - the settings, redacted: tokens and anything named like a secret become ***, the home
//     folder becomes ~, window geometry is left out, prompts are left out unless asked for;
//   - the last log lines (already redacted when written, redacted again);
//   - the failing job: its state, error and parameters (prompt and negative prompt only as
//     their length unless asked for);
//   - the notes of runs that ended unexpectedly.
#pragma once

#include "app/jobs/job.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

class QSettings;

namespace latent {

struct ProblemReportInput {
    QString versions;                        // versionReport()
    QList<QPair<QString, QString>> settings; // key, value as text (see settingsForReport)
    QStringList logLines;                    // oldest first
    std::optional<Job> failedJob;
    QStringList notices; // this session's notices (Notices::all())
    bool includePrompts = false;
};

// Every key of `settings` with its value as text, unredacted (buildProblemReport redacts).
QList<QPair<QString, QString>> settingsForReport(QSettings& settings);

// The newest failed (else interrupted) job of `jobs`, if any.
std::optional<Job> lastFailedJob(const QList<Job>& jobs);

QString buildProblemReport(const ProblemReportInput& input);

} // namespace latent
