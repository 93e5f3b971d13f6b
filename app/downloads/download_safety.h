// The small pure rules downloads obey: safe file names from outside input, secrets redacted from
// every string a user or log can see, redirect checks, and which origin a token belongs to.
#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace latent {

// A single safe file name from untrusted text (Content-Disposition, API "name"): the last path
// component only (no "/" "\\" ".."), control characters and <>:"|?* replaced, no leading dots,
// no trailing dots/spaces, Windows device names (CON, PRN, AUX, NUL, COM1-9, LPT1-9) prefixed
// with "_", at most `maxBytes` UTF-8 bytes keeping the extension. Empty/unusable → `fallback`.
QString sanitizeFileName(const QString& untrusted, const QString& fallback, int maxBytes = 200);

// The filename of a Content-Disposition header value (filename*=UTF-8''... preferred over
// filename="..."), NOT yet sanitised; "" when there is none.
QString contentDispositionFileName(const QByteArray& headerValue);

// `path` when nothing exists there, else "stem (1).ext", "stem (2).ext", ... (never overwrites).
QString uniquePath(const QString& path);

// Removes secrets from a message: "token=..." / "api_key=..." query values, "Bearer ...",
// "hf_..." tokens, and every token registered with registerSecret().
QString redactSecrets(const QString& text);
void registerSecret(const QString& secret);

// Why a redirect from `from` to `to` must not be followed ("" = allowed): another scheme than
// http/https, https → http downgrade.
QString redirectRefusal(const QUrl& from, const QUrl& to);

// scheme + host + port equal (the unit a token is bound to).
bool sameOrigin(const QUrl& a, const QUrl& b);

} // namespace latent
