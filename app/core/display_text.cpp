#include "app/core/display_text.h"

#include <QList>

#include <algorithm>

namespace latent {

namespace {
bool isBidiControl(char32_t c) {
    return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

QString clean(const QString& text, int maxChars, bool oneLine) {
    QString out;
    // Look at a bounded prefix only: a 10 MB string costs no more than a short one.
    const QStringView view = QStringView(text).left(qsizetype(maxChars) * 2 + 16);
    out.reserve(std::min<qsizetype>(view.size(), maxChars + 1));
    int kept = 0;
    bool cut = view.size() < text.size();
    for (char32_t c : view.toUcs4()) {
        if (kept >= maxChars) {
            cut = true;
            break;
        }
        if (c == U'\n' || c == U'\t' || c == U'\r') {
            if (c == U'\r') continue;
            out += oneLine ? QChar(u' ') : QChar(char16_t(c));
        } else if (c < 0x20 || (c >= 0x7f && c < 0xa0) || isBidiControl(c) || c == 0xFEFF) {
            continue;
        } else {
            out += QString::fromUcs4(&c, 1);
        }
        ++kept;
    }
    if (cut) out += QChar(0x2026);
    return out;
}
} // namespace

QString safeDisplayText(const QString& text, int maxChars) {
    return clean(text, maxChars, false);
}

QString safeDisplayLine(const QString& text, int maxChars) {
    return clean(text, maxChars, true).simplified();
}

QString safeTooltip(const QString& text, int maxChars) {
    QString escaped = clean(text, maxChars, false).toHtmlEscaped();
    escaped.replace(QLatin1Char('\n'), QLatin1String("<br>"));
    return QStringLiteral("<p>") + escaped + QStringLiteral("</p>");
}

} // namespace latent
