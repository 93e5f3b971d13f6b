#include "app/jobs/job.h"

#include <QCoreApplication>

namespace latent {

QString jobStateName(JobState state) {
    switch (state) {
    case JobState::Queued: return QStringLiteral("queued");
    case JobState::Running: return QStringLiteral("running");
    case JobState::Done: return QStringLiteral("done");
    case JobState::Failed: return QStringLiteral("failed");
    case JobState::Cancelled: return QStringLiteral("cancelled");
    case JobState::Interrupted: return QStringLiteral("interrupted");
    }
    return QStringLiteral("queued");
}

std::optional<JobState> jobStateFromName(const QString& name) {
    for (JobState s : {JobState::Queued, JobState::Running, JobState::Done, JobState::Failed, JobState::Cancelled,
                       JobState::Interrupted})
        if (jobStateName(s) == name) return s;
    return std::nullopt;
}

QString jobStateDisplayName(JobState state) {
    switch (state) {
    case JobState::Queued: return QCoreApplication::translate("JobState", "Queued");
    case JobState::Running: return QCoreApplication::translate("JobState", "Running");
    case JobState::Done: return QCoreApplication::translate("JobState", "Done");
    case JobState::Failed: return QCoreApplication::translate("JobState", "Failed");
    case JobState::Cancelled: return QCoreApplication::translate("JobState", "Cancelled");
    case JobState::Interrupted: return QCoreApplication::translate("JobState", "Interrupted");
    }
    return {};
}

bool isFinalState(JobState state) { return state != JobState::Queued && state != JobState::Running; }

qint64 Job::elapsedMs() const {
    if (!started.isValid()) return 0;
    return started.msecsTo(finished.isValid() ? finished : QDateTime::currentDateTimeUtc());
}

} // namespace latent
