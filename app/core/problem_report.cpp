#include "app/core/problem_report.h"

#include "app/core/app_info.h"
#include "app/core/app_log.h"
#include "app/downloads/download_safety.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSettings>
#include <QSysInfo>

namespace latent {

namespace {

// The user's home folder as "~" (file names are fine to share, the account name less so).
QString withoutHome(QString text) {
    const QString home = QDir::homePath();
    if (home.size() > 1) text.replace(home, QStringLiteral("~"));
    return text;
}

QString redactText(const QString& text) {
    return withoutHome(applog::redact(redactSecrets(text)));
}

bool secretKey(const QString& key) {
    static const QRegularExpression re(QStringLiteral("token|password|passwd|secret|api[_-]?key|credential|auth"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re.match(key).hasMatch();
}

bool promptKey(const QString& key) {
    return key.contains(QLatin1String("prompt"), Qt::CaseInsensitive);
}

QString hiddenPrompt(const QString& text) {
    return QStringLiteral("[hidden, %1 characters]").arg(text.size());
}

} // namespace

QList<QPair<QString, QString>> settingsForReport(QSettings& settings) {
    QList<QPair<QString, QString>> out;
    const QStringList keys = settings.allKeys();
    for (const QString& key : keys) {
        const QVariant v = settings.value(key);
        QString text;
        if (v.typeId() == QMetaType::QByteArray)
            text = QStringLiteral("<%1 bytes>").arg(v.toByteArray().size());
        else if (v.typeId() == QMetaType::QStringList)
            text = v.toStringList().join(QStringLiteral("; "));
        else
            text = v.toString();
        out.append({key, text});
    }
    return out;
}

std::optional<Job> lastFailedJob(const QList<Job>& jobs) {
    std::optional<Job> interrupted;
    for (auto it = jobs.crbegin(); it != jobs.crend(); ++it) {
        if (it->state == JobState::Failed) return *it;
        if (it->state == JobState::Interrupted && !interrupted) interrupted = *it;
    }
    return interrupted;
}

QString buildProblemReport(const ProblemReportInput& in) {
    QStringList out;
    out << QStringLiteral("== Latent Studio problem report");
    out << QStringLiteral("Written: %1").arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    out << QStringLiteral("OS: %1 (%2, kernel %3)")
               .arg(QSysInfo::prettyProductName(), QSysInfo::currentCpuArchitecture(), QSysInfo::kernelVersion());
    out << QString();
    out << QStringLiteral("== Versions");
    out << (in.versions.isEmpty() ? AppInfo::productName() + QLatin1Char(' ') + AppInfo::version()
                                  : redactText(in.versions));
    out << QString();

    out << QStringLiteral("== What happened");
    if (in.notices.isEmpty() && !in.failedJob) out << QStringLiteral("(describe it here)");
    for (const QString& note : in.notices) out << redactText(note);
    if (in.failedJob) {
        const Job& j = *in.failedJob;
        out << QStringLiteral("Job %1 (%2): %3").arg(j.id).arg(j.kind, jobStateName(j.state));
        if (!j.error.isEmpty()) out << QStringLiteral("Error: %1").arg(redactText(j.error));
        out << QStringLiteral("Step %1 of %2").arg(j.step).arg(j.totalSteps);
        QJsonObject params = j.params;
        for (const QString& key : params.keys()) {
            if (secretKey(key)) {
                params.insert(key, QStringLiteral("***"));
            } else if (promptKey(key) && !in.includePrompts) {
                params.insert(key, hiddenPrompt(params.value(key).toString()));
            } else if (params.value(key).isString()) {
                const QString value = params.value(key).toString();
                // Images sent inline (base64) would drown the report.
                params.insert(key, value.size() > 2000 ? QStringLiteral("[%1 characters]").arg(value.size())
                                                       : redactText(value));
            } else if (params.value(key).isArray() || params.value(key).isObject()) {
                const QJsonValue v = params.value(key);
                const QByteArray json = v.isArray() ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                                                    : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
                if (json.size() > 2000) params.insert(key, QStringLiteral("[%1 characters of JSON]").arg(json.size()));
            }
        }
        out << QStringLiteral("Parameters: %1")
                   .arg(QString::fromUtf8(QJsonDocument(params).toJson(QJsonDocument::Indented)).trimmed());
    }
    out << QString();

    out << QStringLiteral("== Settings");
    for (const auto& [key, value] : in.settings) {
        QString shown;
        if (secretKey(key))
            shown = QStringLiteral("***");
        else if (promptKey(key) && !in.includePrompts)
            shown = hiddenPrompt(value);
        else if (key.startsWith(QLatin1String("ui/window")))
            shown = QStringLiteral("(window layout)");
        else
            shown = redactText(value);
        out << QStringLiteral("%1 = %2").arg(key, shown);
    }
    if (in.settings.isEmpty()) out << QStringLiteral("(defaults)");
    out << QString();

    out << QStringLiteral("== Last log lines");
    if (in.logLines.isEmpty()) out << QStringLiteral("(none)");
    for (const QString& line : in.logLines) out << redactText(line);
    return out.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace latent
