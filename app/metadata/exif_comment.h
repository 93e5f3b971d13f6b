// A1111's infotext in JPEG and WebP files: the EXIF UserComment, read as A1111 reads it
// (modules/images.py read_info_from_image: piexif.load, then piexif.helper.UserComment.load).
// A strict, bounded reader of untrusted bytes (SAFETY.md): every offset and count is checked
// against the block before it is used, IFD entry counts are capped, nothing is allocated from a
// size the file declares beyond the bytes it actually has.
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace latent::exif {

// The UserComment (tag 0x9286 in the Exif IFD) of an EXIF block: a TIFF structure, with or without
// the "Exif\0\0" prefix of a JPEG APP1 segment. The 8-byte character code is honoured as piexif
// does: "ASCII\0\0\0" (ASCII), "UNICODE\0" (UTF-16 big-endian), "JIS\0\0\0\0\0" (Shift JIS, read as
// Latin-1 here), anything else: UTF-8 with invalid bytes dropped. Null when there is none.
std::optional<QString> userComment(const QByteArray& exifBlock);

// The EXIF block of a JPEG (APP1 "Exif\0\0" before the first scan) or a WebP file (its RIFF "EXIF"
// chunk); empty when the bytes are neither or carry none.
QByteArray exifBlockOf(const QByteArray& file);

// Whether the bytes start like a JPEG / a WebP file.
bool isJpeg(const QByteArray& file);
bool isWebp(const QByteArray& file);

// The infotext A1111 reads from a JPEG or WebP file; null when there is none.
std::optional<QString> infotextOf(const QByteArray& file);

} // namespace latent::exif
