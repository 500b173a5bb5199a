// QR codes for anonymous survey links ("https://feedback.example.com/f/winkel?unit=amsterdam") that a
// shop prints at its counter or on a receipt: encoded with libqrencode, drawn as SVG (for the admin
// pages and print) or PNG (for receipt printers and e-mail, written with zlib alone, no libpng).
// Pure functions of their arguments; thread-safe (libqrencode is built with its pthread lock).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace ks::surveys {

// The bytes a QR code holds at most in 8-bit mode at error correction level M (version 40).
inline constexpr int kMaxQrBytes = 2331;
// Light modules around the symbol that a scanner needs to find it (ISO/IEC 18004 asks for 4).
inline constexpr int kQrQuietZone = 4;
// The largest module size QrPng draws: 32 px is 2.7 mm per module at 300 dpi, more than a counter
// sign needs, and keeps a version-40 image under 6000 × 6000 pixels.
inline constexpr int kMaxPngScale = 32;

// The modules of a QR symbol, without its quiet zone.
struct QrCode {
  int size = 0;               // modules per side: 21 + 4 × (version − 1)
  std::vector<bool> modules;  // size × size, row-major; true = dark
  // Outside 0..size-1 a module is light, so the quiet zone can be drawn with the same call.
  bool Dark(int x, int y) const;
};

// Encodes `text` (UTF-8 or any bytes, 8-bit mode, level M) in the smallest version that holds it.
// kInvalidArgument on field "text" when it is empty or longer than kMaxQrBytes bytes.
Result<QrCode> EncodeQr(std::string_view text);

// An SVG image of `qr` with its quiet zone, `pixels` wide and high, the dark modules as one <path>
// of horizontal runs, and `title` (escaped) as its accessible name. Throws std::invalid_argument
// unless pixels >= 1.
std::string QrSvg(const QrCode& qr, int pixels, std::string_view title);

// A PNG image of `qr` (8-bit greyscale, black on white) with its quiet zone, `scale` × `scale`
// pixels per module. Throws std::invalid_argument unless 1 <= scale <= kMaxPngScale.
std::string QrPng(const QrCode& qr, int scale);

}  // namespace ks::surveys
