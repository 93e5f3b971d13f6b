#include "ui/widgets/prompt_highlighter.h"

#include <QColor>
#include <QGuiApplication>
#include <QPalette>
#include <QRegularExpression>
#include <QVector>

namespace latent {

namespace {

using Kind = PromptHighlighter::Kind;

// One pass over a line: the kind of every character. Brackets are matched with a stack;
// whatever is left open or closes nothing is an error.
QVector<Kind> scan(const QString& line) {
    QVector<Kind> kinds(line.size(), Kind::Text);
    struct Open {
        int pos;
        QChar ch;
    };
    QVector<Open> stack;
    int i = 0;
    const int n = line.size();
    auto isWordBoundary = [&](int a, int len) {
        const bool left = a == 0 || !line.at(a - 1).isLetterOrNumber();
        const bool right = a + len >= n || !line.at(a + len).isLetterOrNumber();
        return left && right;
    };
    while (i < n) {
        const QChar c = line.at(i);
        if (c == QLatin1Char('\\') && i + 1 < n) {
            kinds[i] = kinds[i + 1] = Kind::Escape;
            i += 2;
            continue;
        }
        if (c == QLatin1Char('#')) { // A1111 "Comments": to the end of the line
            for (int k = i; k < n; ++k) kinds[k] = Kind::Comment;
            break;
        }
        if (c == QLatin1Char('<')) {
            const int close = line.indexOf(QLatin1Char('>'), i + 1);
            static const QRegularExpression network(QStringLiteral("^<[A-Za-z_][A-Za-z0-9_]*:[^>]+>"));
            if (close > i && network.match(line.mid(i, close - i + 1)).hasMatch()) {
                for (int k = i; k <= close; ++k) kinds[k] = Kind::Network;
                i = close + 1;
                continue;
            }
        }
        if ((line.mid(i, 5) == QLatin1String("BREAK") && isWordBoundary(i, 5)) ||
            (line.mid(i, 3) == QLatin1String("AND") && isWordBoundary(i, 3))) {
            const int len = line.at(i) == QLatin1Char('B') ? 5 : 3;
            for (int k = i; k < i + len; ++k) kinds[k] = Kind::Keyword;
            i += len;
            continue;
        }
        if (c == QLatin1Char('(') || c == QLatin1Char('[')) {
            stack.push_back({i, c});
            kinds[i] = Kind::Bracket;
        } else if (c == QLatin1Char(')') || c == QLatin1Char(']')) {
            const QChar want = c == QLatin1Char(')') ? QLatin1Char('(') : QLatin1Char('[');
            if (!stack.isEmpty() && stack.back().ch == want) {
                stack.pop_back();
                kinds[i] = Kind::Bracket;
            } else {
                kinds[i] = Kind::Error;
            }
        } else if (c == QLatin1Char(':') && !stack.isEmpty()) {
            // ":1.2)" weight, or a schedule's ":when]" number.
            int k = i + 1;
            while (k < n && line.at(k).isSpace()) ++k;
            int digits = k;
            if (digits < n && (line.at(digits) == QLatin1Char('-') || line.at(digits) == QLatin1Char('+'))) ++digits;
            while (digits < n && (line.at(digits).isDigit() || line.at(digits) == QLatin1Char('.'))) ++digits;
            int end = digits;
            while (end < n && line.at(end).isSpace()) ++end;
            if (digits > k && end < n && (line.at(end) == QLatin1Char(')') || line.at(end) == QLatin1Char(']'))) {
                for (int m = i; m < digits; ++m) kinds[m] = Kind::Weight;
                i = digits;
                continue;
            }
            kinds[i] = Kind::Separator; // [from:to:when]
        } else if (c == QLatin1Char('|') && !stack.isEmpty() && stack.back().ch == QLatin1Char('[')) {
            kinds[i] = Kind::Separator;
        }
        ++i;
    }
    for (const Open& o : stack) kinds[o.pos] = Kind::Error;
    return kinds;
}

QTextCharFormat make(const QColor& color, bool bold = false, bool italic = false) {
    QTextCharFormat f;
    f.setForeground(color);
    if (bold) f.setFontWeight(QFont::Bold);
    f.setFontItalic(italic);
    return f;
}

} // namespace

PromptHighlighter::PromptHighlighter(QTextDocument* document) : QSyntaxHighlighter(document) {
    const bool dark = QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
    formats_[int(Kind::Bracket)] = make(dark ? QColor(0x8a, 0xb4, 0xf8) : QColor(0x1a, 0x57, 0xc8), true);
    formats_[int(Kind::Weight)] = make(dark ? QColor(0xf6, 0xc3, 0x5b) : QColor(0xa0, 0x5a, 0x00), true);
    formats_[int(Kind::Network)] = make(dark ? QColor(0xc5, 0x8a, 0xf9) : QColor(0x7b, 0x1f, 0xa2));
    formats_[int(Kind::Keyword)] = make(dark ? QColor(0x5e, 0xd3, 0xa8) : QColor(0x00, 0x7a, 0x55), true);
    formats_[int(Kind::Separator)] = make(dark ? QColor(0x8a, 0xb4, 0xf8) : QColor(0x1a, 0x57, 0xc8));
    formats_[int(Kind::Escape)] = make(dark ? QColor(0x9a, 0xa0, 0xa6) : QColor(0x5f, 0x63, 0x68));
    formats_[int(Kind::Comment)] = make(dark ? QColor(0x80, 0x86, 0x8b) : QColor(0x80, 0x86, 0x8b), false, true);
    QTextCharFormat error = make(QColor(0xe5, 0x39, 0x35), true);
    error.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    error.setUnderlineColor(QColor(0xe5, 0x39, 0x35));
    formats_[int(Kind::Error)] = error;
}

PromptHighlighter::Kind PromptHighlighter::classify(const QString& line, int position) {
    const QVector<Kind> kinds = scan(line);
    return position >= 0 && position < kinds.size() ? kinds[position] : Kind::Text;
}

QTextCharFormat PromptHighlighter::formatFor(Kind kind) const {
    return formats_[int(kind)];
}

void PromptHighlighter::highlightBlock(const QString& text) {
    const QVector<Kind> kinds = scan(text);
    int start = 0;
    while (start < kinds.size()) {
        int end = start + 1;
        while (end < kinds.size() && kinds[end] == kinds[start]) ++end;
        if (kinds[start] != Kind::Text) setFormat(start, end - start, formats_[int(kinds[start])]);
        start = end;
    }
}

} // namespace latent
