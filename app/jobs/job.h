// A generation job: a value type with its parameters (an A1111 API request body), state,
// progress, timings and results. States have stable persisted names.
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace latent {

enum class JobState { Queued, Running, Done, Failed, Cancelled, Interrupted };

// Stable names used in the database and the API: "queued", "running", "done", "failed",
// "cancelled", "interrupted".
QString jobStateName(JobState state);
std::optional<JobState> jobStateFromName(const QString& name);
// Translated name for the UI.
QString jobStateDisplayName(JobState state);
bool isFinalState(JobState state);

struct Job {
    qint64 id = 0;
    QString kind;         // "txt2img", "img2img", "upscale"
    QJsonObject params;   // A1111 /sdapi/v1 request body
    JobState state = JobState::Queued;
    double progress = 0;  // 0..1
    int step = 0;
    int totalSteps = 0;
    qint64 position = 0;  // order among queued jobs (smaller runs first)
    QDateTime created;
    QDateTime started;
    QDateTime finished;
    QString error;
    QStringList results;  // output image paths
    // What a finished job noted but survived, one sentence each: a `<lora:…>` or embedding that
    // was not found or not applied, an init image that was cropped, unused checkpoint tensors.
    QStringList warnings;

    int batchSize() const { return params.value(QStringLiteral("batch_size")).toInt(1); }
    qint64 elapsedMs() const;
};

} // namespace latent
