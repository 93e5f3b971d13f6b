// Syntax highlighting of A1111 prompt syntax in a prompt editor: emphasis brackets and their
// nesting depth, `:1.2` weights, `<lora:name:0.8>` extra networks, `BREAK` and `AND` keywords,
// `[from:to:when]` / `[a|b]` schedule separators, `\(` escapes and `#` comments. Colours follow
// the palette (readable in light and dark themes); unbalanced brackets are marked in red.
#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace latent {

class PromptHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    explicit PromptHighlighter(QTextDocument* document);

    // Token classes, exposed so tests can read the format at a position.
    enum class Kind { Text, Bracket, Weight, Network, Keyword, Separator, Escape, Comment, Error };
    static Kind classify(const QString& line, int position);
    QTextCharFormat formatFor(Kind kind) const;

protected:
    void highlightBlock(const QString& text) override;

private:
    QTextCharFormat formats_[9];
};

} // namespace latent
