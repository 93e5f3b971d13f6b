// Whole-file writes that never leave a short file: a temporary in the same folder (QSaveFile),
// renamed over the old file only when every byte was written.
//
// The temporary is opened unbuffered on purpose. Qt 6.4's QSaveFile::commit() returns true when
// the write buffer's final flush fails (a full disk: ENOSPC) and then renames the short
// temporary over the old file: a 1.4 KB download list became an empty file in
// tests/app/tst_disk_full. Unbuffered, the failing write itself reports the error and commit()
// keeps the old file.
#pragma once

#include <QByteArray>
#include <QString>

namespace latent {

// Returns false (and *error) when the file could not be written; the old file is then unchanged.
bool writeFileAtomically(const QString& path, const QByteArray& bytes, QString* error = nullptr);

} // namespace latent
