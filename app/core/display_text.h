// Untrusted text (prompts and other metadata from image files) made safe to show (SAFETY.md case
// 19): bidi embedding/override/isolate controls and other control characters (except newline and
// tab) are removed, and the text is cut at `maxChars` with an ellipsis. Show the result with
// Qt::PlainText (or escape it for tooltips); never as rich text.
#pragma once

#include <QString>

namespace latent {

QString safeDisplayText(const QString& text, int maxChars = 4096);
// One line: newlines and tabs become spaces as well.
QString safeDisplayLine(const QString& text, int maxChars = 200);
// For a tooltip (Qt guesses rich text): safeDisplayText, HTML-escaped, inside <p>…</p>.
QString safeTooltip(const QString& text, int maxChars = 1000);

} // namespace latent
