#include "surveys/qr_code.h"

#include <qrencode.h>
#include <zlib.h>

#include <cerrno>
#include <cstdint>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <system_error>

#include "web/charts/svg_writer.h"

namespace ks::surveys {
namespace {

void AppendUint32(std::string& out, uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((value >> shift) & 0xff);
}

// A PNG chunk: length, type, data, then the CRC of type and data.
void AppendChunk(std::string& out, const char (&type)[5], std::string_view data) {
  AppendUint32(out, static_cast<uint32_t>(data.size()));
  const size_t crc_start = out.size();
  out.append(type, 4);
  out.append(data);
  const auto* crc_bytes = reinterpret_cast<const Bytef*>(out.data() + crc_start);
  AppendUint32(out, static_cast<uint32_t>(crc32(crc32(0, nullptr, 0), crc_bytes, out.size() - crc_start)));
}

}  // namespace

bool QrCode::Dark(int x, int y) const {
  if (x < 0 || y < 0 || x >= size || y >= size) return false;
  return modules[static_cast<size_t>(y) * size + x];
}

Result<QrCode> EncodeQr(std::string_view text) {
  if (text.empty()) return Error::Invalid("text", "is empty; a QR code needs at least 1 byte");
  if (text.size() > kMaxQrBytes) {
    return Error::Invalid("text", "is " + std::to_string(text.size()) + " bytes; a QR code (level M) holds at most " +
                                      std::to_string(kMaxQrBytes));
  }
  // QRcode_encodeData rather than QRcode_encodeString8bit: a string_view need not end in NUL.
  const std::unique_ptr<QRcode, decltype(&QRcode_free)> symbol(
      QRcode_encodeData(static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data()), 0,
                        QR_ECLEVEL_M),
      &QRcode_free);
  if (!symbol) return Error::Internal("libqrencode failed: " + std::generic_category().message(errno));

  QrCode qr;
  qr.size = symbol->width;
  qr.modules.resize(static_cast<size_t>(qr.size) * qr.size);
  // Bit 0 of each byte is the module's colour; the other bits say which function pattern it is part of.
  for (size_t i = 0; i < qr.modules.size(); ++i) qr.modules[i] = (symbol->data[i] & 1) != 0;
  return qr;
}

std::string QrSvg(const QrCode& qr, int pixels, std::string_view title) {
  if (pixels < 1) throw std::invalid_argument("QrSvg: pixels must be at least 1, got " + std::to_string(pixels));
  const std::string side = std::to_string(qr.size + 2 * kQrQuietZone);
  const std::string px = std::to_string(pixels);
  std::string path;
  for (int y = 0; y < qr.size; ++y) {
    for (int x = 0; x < qr.size;) {
      if (!qr.Dark(x, y)) {
        ++x;
        continue;
      }
      const int start = x;
      while (qr.Dark(x, y)) ++x;
      const std::string run = std::to_string(x - start);
      path.append("M")
          .append(std::to_string(start + kQrQuietZone))
          .append(",")
          .append(std::to_string(y + kQrQuietZone));
      path.append("h").append(run).append("v1h-").append(run).append("z");
    }
  }
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"" + px + "\" height=\"" + px +
         "\" viewBox=\"0 0 " + side + " " + side + "\" shape-rendering=\"crispEdges\"><title>" +
         web::charts::EscapeXml(title) + "</title><rect width=\"" + side + "\" height=\"" + side +
         "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
}

std::string QrPng(const QrCode& qr, int scale) {
  if (scale < 1 || scale > kMaxPngScale) {
    throw std::invalid_argument("QrPng: scale must be 1.." + std::to_string(kMaxPngScale) + ", got " +
                                std::to_string(scale));
  }
  const int width = (qr.size + 2 * kQrQuietZone) * scale;
  // Each scanline: filter type 0 (none), then one byte per pixel, 0 = black, 255 = white.
  std::string raw;
  raw.reserve(static_cast<size_t>(width + 1) * width);
  for (int py = 0; py < width; ++py) {
    raw += '\0';
    for (int px = 0; px < width; ++px) {
      const bool dark = qr.Dark(px / scale - kQrQuietZone, py / scale - kQrQuietZone);
      raw += static_cast<char>(dark ? 0 : 255);
    }
  }
  uLongf compressed_size = compressBound(raw.size());
  std::string compressed(compressed_size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(compressed.data()), &compressed_size,
                reinterpret_cast<const Bytef*>(raw.data()), raw.size(), Z_BEST_COMPRESSION) != Z_OK) {
    // Only Z_MEM_ERROR is possible with a buffer of compressBound's size.
    throw std::bad_alloc();
  }
  compressed.resize(compressed_size);

  std::string ihdr;
  AppendUint32(ihdr, static_cast<uint32_t>(width));
  AppendUint32(ihdr, static_cast<uint32_t>(width));
  // Bit depth 8, colour type 0 (greyscale), compression 0, filter method 0, no interlace.
  ihdr += std::string("\x08\x00\x00\x00\x00", 5);

  std::string png("\x89PNG\r\n\x1a\n", 8);
  AppendChunk(png, "IHDR", ihdr);
  AppendChunk(png, "IDAT", compressed);
  AppendChunk(png, "IEND", {});
  return png;
}

}  // namespace ks::surveys
