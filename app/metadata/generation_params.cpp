#include "app/metadata/generation_params.h"

#include "app/core/app_info.h"
#include "pipeline/core/python_format.h"

#include <QRegularExpression>

#include <charconv>
#include <cmath>
#include <functional>
#include <limits>

namespace latent {

namespace {

// A1111 infotext_utils.re_param: `\s*(\w[\w \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)`
// (Python's \w and \s are Unicode-aware, hence UseUnicodePropertiesOption).
const QRegularExpression& paramRegex() {
    static const QRegularExpression re(
        QStringLiteral(R"(\s*(\w[\w \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$))"),
        QRegularExpression::UseUnicodePropertiesOption);
    return re;
}

const QRegularExpression& imageSizeRegex() {
    static const QRegularExpression re(QStringLiteral(R"(^(\d+)x(\d+)$)"));
    return re;
}

// Python str.strip() without arguments (whitespace on both ends).
QString pyStrip(const QString& s) { return s.trimmed(); }

// A1111 schedule types: (label, name, aliases...). Used to split legacy sampler names.
struct ScheduleName {
    const char* label;
    const char* name;
    const char* alias;
};
constexpr ScheduleName kSchedules[] = {
    {"Automatic", "automatic", nullptr},
    {"Uniform", "uniform", nullptr},
    {"Karras", "karras", nullptr},
    {"Exponential", "exponential", nullptr},
    {"Polyexponential", "polyexponential", nullptr},
    {"SGM Uniform", "sgm_uniform", "SGMUniform"},
    {"KL Optimal", "kl_optimal", nullptr},
    {"Align Your Steps", "align_your_steps", nullptr},
    {"Simple", "simple", nullptr},
    {"Normal", "normal", nullptr},
    {"DDIM", "ddim", nullptr},
    {"Beta", "beta", nullptr},
};

std::optional<qint64> parseInteger(const QString& text) {
    const QString t = text.trimmed();
    bool ok = false;
    const qint64 v = t.toLongLong(&ok);
    if (ok) return v;
    // Accept an integral float such as "20.0" (some tools write that).
    const double d = t.toDouble(&ok);
    if (ok && std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.0e15)
        return static_cast<qint64>(d);
    return std::nullopt;
}

std::optional<double> parseFloat(const QString& text) {
    bool ok = false;
    const double d = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(d)) return std::nullopt;
    return d;
}

QString lastPathComponent(const QString& s) {
    const qsizetype cut = std::max(s.lastIndexOf(QLatin1Char('/')), s.lastIndexOf(QLatin1Char('\\')));
    return cut >= 0 ? s.mid(cut + 1) : s;
}

// One entry of the parameter line before it is joined.
struct Entry {
    QString key;
    QString value;    // unquoted canonical text
    QString written;  // text to write instead of quote(value), when non-empty
};

} // namespace

// ---------------------------------------------------------------------------------------------
// Small helpers shared with other code

QString GenerationParams::defaultVersion() {
    return AppInfo::productName() + QLatin1Char(' ') + AppInfo::version();
}

QString GenerationParams::effectiveScheduleType() const {
    return scheduleType.isEmpty() ? QStringLiteral("Automatic") : scheduleType;
}

QString GenerationParams::effectiveRng() const {
    return rng.isEmpty() ? QStringLiteral("GPU") : rng;
}

int GenerationParams::effectiveClipSkip() const { return clipSkip.value_or(1); }

QString GenerationParams::extra(const QString& key) const {
    for (const auto& kv : extras)
        if (kv.first == key) return kv.second;
    return {};
}

void GenerationParams::setExtra(const QString& key, const QString& value) {
    for (auto& kv : extras) {
        if (kv.first == key) {
            kv.second = value;
            return;
        }
    }
    extras.append({key, value});
}

QString GenerationParams::formatFloat(double value) {
    return QString::fromStdString(python_float_repr(value));
}

QString GenerationParams::quote(const QString& value) {
    // Also a value that starts with '"': written bare, a reader would take it as the start of a
    // quoted value and swallow the fields after it (found by tests/fuzz/fuzz_png_infotext).
    if (!value.contains(QLatin1Char(',')) && !value.contains(QLatin1Char('\n')) &&
        !value.contains(QLatin1Char(':')) && !value.startsWith(QLatin1Char('"')))
        return value;
    // json.dumps(value, ensure_ascii=False)
    QString out;
    out.reserve(value.size() + 8);
    out += QLatin1Char('"');
    for (const QChar c : value) {
        switch (c.unicode()) {
        case '"': out += QStringLiteral("\\\""); break;
        case '\\': out += QStringLiteral("\\\\"); break;
        case '\n': out += QStringLiteral("\\n"); break;
        case '\r': out += QStringLiteral("\\r"); break;
        case '\t': out += QStringLiteral("\\t"); break;
        case '\b': out += QStringLiteral("\\b"); break;
        case '\f': out += QStringLiteral("\\f"); break;
        default:
            if (c.unicode() < 0x20)
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += QLatin1Char('"');
    return out;
}

QString GenerationParams::unquote(const QString& text) {
    // json.loads() of one JSON string; on any error the text is returned unchanged.
    if (text.size() < 2 || text.front() != QLatin1Char('"') || text.back() != QLatin1Char('"'))
        return text;
    QString out;
    out.reserve(text.size());
    const qsizetype end = text.size() - 1;
    for (qsizetype i = 1; i < end; ++i) {
        const QChar c = text[i];
        if (c == QLatin1Char('"')) return text;      // string ends early: extra data
        if (c.unicode() < 0x20) return text;         // strict JSON: raw control character
        if (c != QLatin1Char('\\')) {
            out += c;
            continue;
        }
        if (++i >= end) return text;
        switch (text[i].unicode()) {
        case '"': out += QLatin1Char('"'); break;
        case '\\': out += QLatin1Char('\\'); break;
        case '/': out += QLatin1Char('/'); break;
        case 'b': out += QLatin1Char('\b'); break;
        case 'f': out += QLatin1Char('\f'); break;
        case 'n': out += QLatin1Char('\n'); break;
        case 'r': out += QLatin1Char('\r'); break;
        case 't': out += QLatin1Char('\t'); break;
        case 'u': {
            if (i + 4 >= end) return text;  // needs 4 hex digits before the closing quote
            uint cp = 0;
            for (qsizetype k = i + 1; k <= i + 4; ++k) {
                const char16_t h = text[k].unicode();
                int d = -1;
                if (h >= '0' && h <= '9') d = h - '0';
                else if (h >= 'a' && h <= 'f') d = h - 'a' + 10;
                else if (h >= 'A' && h <= 'F') d = h - 'A' + 10;
                if (d < 0) return text;
                cp = cp * 16 + static_cast<uint>(d);
            }
            out += QChar(static_cast<char16_t>(cp));
            i += 4;
            break;
        }
        default: return text;
        }
    }
    return out;
}

bool GenerationParams::splitLegacySampler(const QString& sampler, QString* name, QString* schedule) {
    for (const auto& s : kSchedules) {
        for (const char* option : {s.label, s.name, s.alias}) {
            if (!option) continue;
            const QString suffix = QLatin1Char(' ') + QLatin1String(option);
            if (sampler.size() > suffix.size() && sampler.endsWith(suffix)) {
                if (name) *name = sampler.left(sampler.size() - suffix.size());
                if (schedule) *schedule = QLatin1String(s.label);
                return true;
            }
        }
    }
    return false;
}

QList<QPair<QString, QString>> GenerationParams::parseHashList(const QString& value) {
    QList<QPair<QString, QString>> out;
    for (const QString& part : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const qsizetype colon = part.lastIndexOf(QLatin1Char(':'));
        if (colon < 0) continue;
        const QString name = part.left(colon).trimmed();
        const QString hash = part.mid(colon + 1).trimmed();
        if (!name.isEmpty() && !hash.isEmpty()) out.append({name, hash});
    }
    return out;
}

QString GenerationParams::formatHashList(const QList<QPair<QString, QString>>& pairs) {
    QStringList parts;
    for (const auto& p : pairs) parts << p.first + QStringLiteral(": ") + p.second;
    return parts.join(QStringLiteral(", "));
}

// ---------------------------------------------------------------------------------------------
// Serialisation

QString GenerationParams::toInfotext() const {
    QList<Entry> entries;
    auto add = [&](const QString& key, const QString& value) {
        if (!value.isNull()) entries.append({key, value, {}});
    };
    auto addInt = [&](const char* key, const auto& v) {
        if (v) add(QLatin1String(key), QString::number(*v));
    };
    auto addFloat = [&](const char* key, const std::optional<double>& v) {
        if (v) add(QLatin1String(key), formatFloat(*v));
    };
    auto addText = [&](const char* key, const QString& v) {
        if (!v.isEmpty()) add(QLatin1String(key), v);
    };

    // Legacy "Sampler: DPM++ 2M Karras" without a "Schedule type" key stays legacy while the
    // fields still say the same thing.
    bool keepLegacySampler = false;
    if (!parsedKeyOrder.contains(QStringLiteral("Schedule type")) &&
        parsedValues.contains(QStringLiteral("Sampler"))) {
        QString n, s;
        if (splitLegacySampler(parsedValues.value(QStringLiteral("Sampler")).parsedAs, &n, &s) &&
            n == sampler && s == scheduleType)
            keepLegacySampler = true;
    }

    addInt("Steps", steps);
    if (keepLegacySampler)
        add(QStringLiteral("Sampler"), parsedValues.value(QStringLiteral("Sampler")).parsedAs);
    else
        addText("Sampler", sampler);
    if (!keepLegacySampler) addText("Schedule type", scheduleType);
    addFloat("CFG scale", cfgScale);
    addFloat("Image CFG scale", imageCfgScale);
    addInt("Seed", seed);
    addText("Face restoration", faceRestoration);
    if (width && height)
        add(QStringLiteral("Size"), QStringLiteral("%1x%2").arg(*width).arg(*height));
    addText("Model hash", modelHash);
    addText("Model", modelName);
    addText("VAE hash", vaeHash);
    addText("VAE", vaeName);
    addInt("Batch size", batchSize);
    addInt("Batch pos", batchPos);
    addInt("Variation seed", subseed);
    addFloat("Variation seed strength", subseedStrength);
    if (seedResizeFromW && seedResizeFromH)
        add(QStringLiteral("Seed resize from"),
            QStringLiteral("%1x%2").arg(*seedResizeFromW).arg(*seedResizeFromH));
    addFloat("Denoising strength", denoisingStrength);
    addFloat("Conditional mask weight", conditionalMaskWeight);
    addInt("Clip skip", clipSkip);
    addInt("ENSD", ensd);
    addFloat("Token merging ratio", tokenMergingRatio);
    addFloat("Token merging ratio hr", tokenMergingRatioHr);
    addText("Init image hash", initImageHash);
    addText("RNG", rng);
    if (tiling) add(QStringLiteral("Tiling"), *tiling ? QStringLiteral("True") : QStringLiteral("False"));
    addText("Mask mode", maskMode);
    addInt("Mask blur", maskBlur);
    addText("Inpaint area", inpaintArea);
    addInt("Masked area padding", maskedAreaPadding);
    addText("Masked content", maskedContent);
    static const QStringList kTyped = {
        QStringLiteral("Steps"), QStringLiteral("Sampler"), QStringLiteral("Schedule type"),
        QStringLiteral("CFG scale"), QStringLiteral("Image CFG scale"), QStringLiteral("Seed"),
        QStringLiteral("Face restoration"), QStringLiteral("Size"), QStringLiteral("Model hash"),
        QStringLiteral("Model"), QStringLiteral("VAE hash"), QStringLiteral("VAE"),
        QStringLiteral("Batch size"), QStringLiteral("Batch pos"), QStringLiteral("Variation seed"),
        QStringLiteral("Variation seed strength"), QStringLiteral("Seed resize from"),
        QStringLiteral("Denoising strength"), QStringLiteral("Conditional mask weight"),
        QStringLiteral("Clip skip"), QStringLiteral("ENSD"), QStringLiteral("Token merging ratio"),
        QStringLiteral("Token merging ratio hr"), QStringLiteral("Init image hash"),
        QStringLiteral("RNG"), QStringLiteral("Tiling"), QStringLiteral("Mask mode"),
        QStringLiteral("Mask blur"), QStringLiteral("Inpaint area"),
        QStringLiteral("Masked area padding"), QStringLiteral("Masked content"),
        QStringLiteral("Lora hashes"), QStringLiteral("TI hashes"), QStringLiteral("Version"),
        QStringLiteral("User")};
    for (const auto& kv : extras) {
        bool duplicate = kTyped.contains(kv.first);
        for (const Entry& e : entries) duplicate = duplicate || e.key == kv.first;
        if (!duplicate && !kv.first.isEmpty()) add(kv.first, kv.second.isNull() ? QStringLiteral("") : kv.second);
    }
    addText("Lora hashes", loraHashes);
    addText("TI hashes", tiHashes);
    addText("Version", version);
    addText("User", user);

    // Reuse the text as written for values that did not change since parsing; not a bare value
    // that starts with '"' (quote() quotes it, see there).
    for (Entry& e : entries) {
        const auto it = parsedValues.constFind(e.key);
        if (it != parsedValues.cend() && it->parsedAs == e.value &&
            !(it->written == e.value && e.value.startsWith(QLatin1Char('"'))))
            e.written = it->written;
    }

    // Keep the parsed key order; keys that were not in the parsed text go right after their
    // canonical predecessor.
    QList<Entry> ordered;
    if (parsedKeyOrder.isEmpty()) {
        ordered = entries;
    } else {
        for (const QString& key : parsedKeyOrder)
            for (const Entry& e : entries)
                if (e.key == key) ordered.append(e);
        for (qsizetype i = 0; i < entries.size(); ++i) {
            const Entry& e = entries[i];
            if (parsedKeyOrder.contains(e.key)) continue;
            qsizetype pos = 0;
            if (i > 0) {
                for (qsizetype j = 0; j < ordered.size(); ++j)
                    if (ordered[j].key == entries[i - 1].key) pos = j + 1;
            }
            ordered.insert(pos, e);
        }
    }

    QStringList parts;
    for (const Entry& e : ordered) {
        if (e.key == e.value)
            parts << e.key;  // A1111: `k if k == v`
        else
            parts << e.key + QStringLiteral(": ") + (e.written.isNull() ? quote(e.value) : e.written);
    }

    QString text = prompt;
    if (!negativePrompt.isEmpty()) text += QStringLiteral("\nNegative prompt: ") + negativePrompt;
    text += QLatin1Char('\n') + parts.join(QStringLiteral(", "));
    return pyStrip(text);
}

// ---------------------------------------------------------------------------------------------
// Parsing

GenerationParams GenerationParams::fromInfotext(const QString& input) {
    GenerationParams p;
    QString text = input;
    // Windows line ends (text pasted from a Windows clipboard or tool) parse like "\n".
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    if (text.size() > kMaxInfotextChars) {
        qsizetype cut = kMaxInfotextChars;
        if (text[cut - 1].isHighSurrogate()) --cut;
        text.truncate(cut);
        p.warnings << QStringLiteral("The parameters text is longer than %1 characters; only the "
                                     "first %1 characters were read.")
                          .arg(kMaxInfotextChars);
    }

    QStringList lines = pyStrip(text).split(QLatin1Char('\n'));
    QString lastLine = lines.takeLast();
    {
        int matches = 0;
        auto it = paramRegex().globalMatch(lastLine);
        while (it.hasNext() && matches < 3) {
            it.next();
            ++matches;
        }
        if (matches < 3) {
            lines.append(lastLine);
            lastLine.clear();
        }
    }

    bool doneWithPrompt = false;
    for (QString line : std::as_const(lines)) {
        line = pyStrip(line);
        if (line.startsWith(QStringLiteral("Negative prompt:"))) {
            doneWithPrompt = true;
            line = pyStrip(line.mid(16));
        }
        QString& target = doneWithPrompt ? p.negativePrompt : p.prompt;
        if (!target.isEmpty()) target += QLatin1Char('\n');
        target += line;
    }

    // Collect key/value pairs: later duplicates replace the value, the first position stays.
    QList<QPair<QString, QString>> pairs;  // key -> written value
    auto it = paramRegex().globalMatch(lastLine);
    while (it.hasNext()) {
        const auto m = it.next();
        const QString key = m.captured(1);
        const QString written = m.captured(2);
        if (written.isEmpty()) {
            p.warnings << QStringLiteral("The parameter \"%1\" has no value and was ignored.").arg(key);
            continue;
        }
        bool replaced = false;
        for (auto& kv : pairs) {
            if (kv.first == key) {
                kv.second = written;
                replaced = true;
            }
        }
        if (!replaced) pairs.append({key, written});
    }

    auto warnInvalid = [&p](const QString& key, const QString& value) {
        p.warnings << QStringLiteral("The value \"%1\" of \"%2\" is not valid and was ignored.")
                          .arg(value.left(80), key);
    };
    auto warnClamped = [&p](const QString& key, const QString& from, const QString& to) {
        p.warnings << QStringLiteral("\"%1\" was %2; it was limited to %3.").arg(key, from.left(80), to);
    };

    for (const auto& kv : std::as_const(pairs)) {
        const QString key = kv.first;
        const QString written = kv.second;
        QString value = written;
        if (value.front() == QLatin1Char('"') && value.back() == QLatin1Char('"')) value = unquote(value);

        // canonical: text of the parsed field value; empty when the field was not set from it.
        QString canonical;
        auto setInt = [&](auto& field, qint64 lo, qint64 hi) {
            const auto v = parseInteger(value);
            if (!v) return warnInvalid(key, value);
            const qint64 c = std::clamp<qint64>(*v, lo, hi);
            field = static_cast<std::remove_reference_t<decltype(*field)>>(c);
            if (c != *v) return warnClamped(key, value, QString::number(c));
            canonical = QString::number(c);
        };
        auto setFloat = [&](std::optional<double>& field, double lo, double hi) {
            const auto v = parseFloat(value);
            if (!v) return warnInvalid(key, value);
            const double c = std::clamp(*v, lo, hi);
            field = c;
            if (c != *v) return warnClamped(key, value, formatFloat(c));
            canonical = formatFloat(c);
        };
        auto setSize = [&](std::optional<int>& w, std::optional<int>& h) {
            const auto m = imageSizeRegex().match(value);
            if (!m.hasMatch()) return warnInvalid(key, value);
            bool okW = false, okH = false;
            const qint64 vw = m.captured(1).left(12).toLongLong(&okW);
            const qint64 vh = m.captured(2).left(12).toLongLong(&okH);
            if (!okW || !okH) return warnInvalid(key, value);
            auto fix = [](qint64 v) {
                return static_cast<int>(std::clamp<qint64>(v, kMinSize, kMaxSize) / 8 * 8);
            };
            w = fix(vw);
            h = fix(vh);
            const QString fixedText = QStringLiteral("%1x%2").arg(*w).arg(*h);
            if (*w != vw || *h != vh || m.captured(1).size() > 12 || m.captured(2).size() > 12)
                return warnClamped(key, value, fixedText + QStringLiteral(" (64 to 8192, multiples of 8)"));
            canonical = fixedText;
        };
        auto setText = [&](QString& field) {
            field = value;
            canonical = value;
        };
        auto setName = [&](QString& field) {
            const QString base = lastPathComponent(value);
            field = base;
            if (base != value || base == QStringLiteral("..") || base == QStringLiteral(".")) {
                if (base == QStringLiteral("..") || base == QStringLiteral(".")) field.clear();
                p.warnings << QStringLiteral("\"%1\" named a path (\"%2\"); only the name \"%3\" "
                                             "was kept.")
                                  .arg(key, value.left(80), field);
                return;
            }
            canonical = value;
        };

        if (key == QStringLiteral("Steps")) setInt(p.steps, kMinSteps, kMaxSteps);
        else if (key == QStringLiteral("Sampler")) {
            QString name, schedule;
            if (splitLegacySampler(value, &name, &schedule)) {
                p.sampler = name;
                // An explicit "Schedule type" elsewhere on the line wins (checked after the loop).
                p.scheduleType = schedule;
            } else {
                p.sampler = value;
            }
            canonical = value;
        } else if (key == QStringLiteral("Schedule type")) setText(p.scheduleType);
        else if (key == QStringLiteral("CFG scale")) setFloat(p.cfgScale, 0.0, kMaxCfgScale);
        else if (key == QStringLiteral("Image CFG scale")) setFloat(p.imageCfgScale, 0.0, kMaxCfgScale);
        else if (key == QStringLiteral("Seed")) setInt(p.seed, std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max());
        else if (key == QStringLiteral("Face restoration")) setText(p.faceRestoration);
        else if (key == QStringLiteral("Size")) setSize(p.width, p.height);
        else if (key == QStringLiteral("Model hash")) setText(p.modelHash);
        else if (key == QStringLiteral("Model")) setName(p.modelName);
        else if (key == QStringLiteral("VAE hash")) setText(p.vaeHash);
        else if (key == QStringLiteral("VAE")) setName(p.vaeName);
        else if (key == QStringLiteral("Batch size")) setInt(p.batchSize, 1, kMaxBatchSize);
        else if (key == QStringLiteral("Batch pos")) setInt(p.batchPos, 0, kMaxBatchSize - 1);
        else if (key == QStringLiteral("Variation seed")) setInt(p.subseed, std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max());
        else if (key == QStringLiteral("Variation seed strength")) setFloat(p.subseedStrength, 0.0, 1.0);
        else if (key == QStringLiteral("Seed resize from")) setSize(p.seedResizeFromW, p.seedResizeFromH);
        else if (key == QStringLiteral("Denoising strength")) setFloat(p.denoisingStrength, 0.0, 1.0);
        else if (key == QStringLiteral("Conditional mask weight")) setFloat(p.conditionalMaskWeight, 0.0, 1.0);
        else if (key == QStringLiteral("Clip skip")) setInt(p.clipSkip, 1, kMaxClipSkip);
        else if (key == QStringLiteral("ENSD")) setInt(p.ensd, std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max());
        else if (key == QStringLiteral("Token merging ratio")) setFloat(p.tokenMergingRatio, 0.0, 1.0);
        else if (key == QStringLiteral("Token merging ratio hr")) setFloat(p.tokenMergingRatioHr, 0.0, 1.0);
        else if (key == QStringLiteral("Init image hash")) setText(p.initImageHash);
        else if (key == QStringLiteral("RNG")) setText(p.rng);
        else if (key == QStringLiteral("Tiling")) {
            if (value.compare(QStringLiteral("True"), Qt::CaseInsensitive) == 0) p.tiling = true;
            else if (value.compare(QStringLiteral("False"), Qt::CaseInsensitive) == 0) p.tiling = false;
            else warnInvalid(key, value);
            if (p.tiling) canonical = *p.tiling ? QStringLiteral("True") : QStringLiteral("False");
        } else if (key == QStringLiteral("Mask mode")) setText(p.maskMode);
        else if (key == QStringLiteral("Mask blur")) setInt(p.maskBlur, 0, kMaxMaskBlur);
        else if (key == QStringLiteral("Inpaint area")) setText(p.inpaintArea);
        else if (key == QStringLiteral("Masked area padding")) setInt(p.maskedAreaPadding, 0, kMaxMaskPadding);
        else if (key == QStringLiteral("Masked content")) setText(p.maskedContent);
        else if (key == QStringLiteral("Lora hashes")) setText(p.loraHashes);
        else if (key == QStringLiteral("TI hashes")) setText(p.tiHashes);
        else if (key == QStringLiteral("Version")) setText(p.version);
        else if (key == QStringLiteral("User")) setText(p.user);
        else {
            p.extras.append({key, value});
            canonical = value;
        }

        if (!p.parsedKeyOrder.contains(key)) p.parsedKeyOrder << key;
        if (!canonical.isNull()) p.parsedValues.insert(key, {written, canonical});
    }

    // An explicit "Schedule type" wins over a legacy sampler suffix.
    for (const auto& kv : std::as_const(pairs)) {
        if (kv.first == QStringLiteral("Schedule type")) {
            QString v = kv.second;
            if (v.front() == QLatin1Char('"') && v.back() == QLatin1Char('"')) v = unquote(v);
            p.scheduleType = v;
        }
    }
    return p;
}

} // namespace latent
