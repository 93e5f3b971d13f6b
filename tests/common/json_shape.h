// Compares a JSON value with a shape file of tests/app/fixtures/a1111 (see its README): the same
// keys (a "..." key allows more keys; a key ending in "?" is optional), each with one of the allowed JSON
// differs.
#pragma once

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cmath>

namespace latent::test {

inline QJsonValue readFixture(const QString& name) {
    QFile f(QStringLiteral(LATENT_TEST_SOURCE_DIR "/tests/app/fixtures/a1111/") + name);
    if (!f.open(QIODevice::ReadOnly)) return QJsonValue();
    const QJsonDocument d = QJsonDocument::fromJson(f.readAll());
    return d.isObject() ? QJsonValue(d.object()) : QJsonValue(d.array());
}

inline QString jsonTypeOf(const QJsonValue& v) {
    switch (v.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("boolean");
    case QJsonValue::Double: {
        const double d = v.toDouble();
        return std::floor(d) == d ? QStringLiteral("integer") : QStringLiteral("number");
    }
    case QJsonValue::String: return QStringLiteral("string");
    case QJsonValue::Array: return QStringLiteral("array");
    case QJsonValue::Object: return QStringLiteral("object");
    default: return QStringLiteral("undefined");
    }
}

inline QString shapeMismatch(const QJsonValue& value, const QJsonValue& shape, const QString& at = QStringLiteral("$")) {
    if (shape.isString()) {
        const QStringList allowed = shape.toString().split(QLatin1Char('|'));
        QString t = jsonTypeOf(value);
        if (allowed.contains(t)) return {};
        if (t == QLatin1String("integer") && allowed.contains(QStringLiteral("number"))) return {};
        return QStringLiteral("%1: %2 is not %3").arg(at, t, shape.toString());
    }
    if (shape.isArray()) {
        if (!value.isArray()) return QStringLiteral("%1: %2 is not an array").arg(at, jsonTypeOf(value));
        const QJsonValue element = shape.toArray().first();
        const QJsonArray a = value.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            if (QString e = shapeMismatch(a[i], element, QStringLiteral("%1[%2]").arg(at).arg(i)); !e.isEmpty()) return e;
        return {};
    }
    if (shape.isObject()) {
        if (!value.isObject()) return QStringLiteral("%1: %2 is not an object").arg(at, jsonTypeOf(value));
        const QJsonObject s = shape.toObject(), o = value.toObject();
        for (const QString& spec : s.keys()) {
            if (spec == QLatin1String("...")) continue;
            const bool optional = spec.endsWith(QLatin1Char('?'));
            const QString key = optional ? spec.chopped(1) : spec;
            if (!o.contains(key)) {
                if (optional) continue;
                return QStringLiteral("%1: key \"%2\" is missing").arg(at, key);
            }
            if (QString e = shapeMismatch(o.value(key), s.value(spec), at + QLatin1Char('.') + key); !e.isEmpty()) return e;
        }
        for (const QString& key : o.keys())
            if (!s.contains(key) && !s.contains(key + QLatin1Char('?')) && !s.contains(QStringLiteral("..."))) return QStringLiteral("%1: unexpected key \"%2\"").arg(at, key);
        return {};
    }
    return QStringLiteral("%1: bad shape").arg(at);
}

inline QString shapeMismatch(const QJsonValue& value, const QString& fixture) {
    const QJsonValue shape = readFixture(fixture);
    if (shape.isUndefined()) return QStringLiteral("fixture %1 is missing").arg(fixture);
    return shapeMismatch(value, shape);
}

} // namespace latent::test
