#include "surveys/qr_code.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

namespace ks::surveys {
namespace {

constexpr const char* kShopLink = "https://feedback.example.com/f/winkel?unit=amsterdam";

QrCode Encode(std::string_view text) {
  auto qr = EncodeQr(text);
  if (!qr.ok()) ADD_FAILURE() << qr.error().ToString();
  return qr.value_or(QrCode{});
}

// True when the 7×7 finder pattern (dark ring, light ring, dark 3×3 centre) has its top-left at
// (left, top) and the separator around it is light.
bool HasFinderAt(const QrCode& qr, int left, int top) {
  for (int y = -1; y <= 7; ++y) {
    for (int x = -1; x <= 7; ++x) {
      const bool in_pattern = x >= 0 && x <= 6 && y >= 0 && y <= 6;
      const bool ring = x == 0 || x == 6 || y == 0 || y == 6;
      const bool centre = x >= 2 && x <= 4 && y >= 2 && y <= 4;
      const bool want = in_pattern && (ring || centre);
      if (qr.Dark(left + x, top + y) != want) return false;
    }
  }
  return true;
}

// The 15 format bits (error correction level and mask, XOR-masked) read from the copy beside the
// top-left finder and from the copy split between the other two finders; bit 14 first.
std::pair<int, int> FormatBits(const QrCode& qr) {
  int first = 0;
  int second = 0;
  auto put = [](int& bits, int i, bool dark) { bits |= static_cast<int>(dark) << i; };
  for (int i = 0; i <= 5; ++i) put(first, i, qr.Dark(8, i));
  put(first, 6, qr.Dark(8, 7));
  put(first, 7, qr.Dark(8, 8));
  put(first, 8, qr.Dark(7, 8));
  for (int i = 9; i <= 14; ++i) put(first, i, qr.Dark(14 - i, 8));
  for (int i = 0; i <= 7; ++i) put(second, i, qr.Dark(qr.size - 1 - i, 8));
  for (int i = 8; i <= 14; ++i) put(second, i, qr.Dark(8, qr.size - 15 + i));
  return {first, second};
}

struct SizeCase {
  const char* name;
  std::string text;
  int size;
};

TEST(QrCode, EncodesInTheSmallestVersionWithFinderPatternsAndLevelM) {
  const SizeCase cases[] = {
      {"one byte: version 1", "x", 21},
      {"14 bytes fill version 1 at level M", std::string(14, 'a'), 21},
      {"15 bytes need version 2", std::string(15, 'a'), 25},
      {"the shop link (52 bytes): version 4", kShopLink, 33},
      {"UTF-8 is bytes: 'Zoë' is 4 bytes", "Zo\xc3\xab", 21},
      {"a NUL byte is data, not the end", std::string("a\0b", 3), 21},
      {"the most a code holds: version 40", std::string(kMaxQrBytes, 'a'), 177},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const QrCode qr = Encode(c.text);
    ASSERT_EQ(qr.size, c.size);
    ASSERT_EQ(qr.modules.size(), static_cast<size_t>(qr.size * qr.size));
    EXPECT_TRUE(HasFinderAt(qr, 0, 0));
    EXPECT_TRUE(HasFinderAt(qr, qr.size - 7, 0));
    EXPECT_TRUE(HasFinderAt(qr, 0, qr.size - 7));
    EXPECT_FALSE(HasFinderAt(qr, qr.size - 7, qr.size - 7));
    EXPECT_TRUE(qr.Dark(8, qr.size - 8)) << "the module that is always dark";
    const auto [first, second] = FormatBits(qr);
    EXPECT_EQ(first, second) << "both copies of the format information agree";
    // Unmasked (XOR 0x5412), bits 14..13 are the level: 00 is M.
    EXPECT_EQ((first ^ 0x5412) >> 13, 0) << "error correction level M";
  }
}

TEST(QrCode, SameTextSameCodeAndOtherTextOtherCode) {
  const QrCode a = Encode(kShopLink);
  EXPECT_EQ(Encode(kShopLink).modules, a.modules);
  EXPECT_NE(Encode("https://feedback.example.com/f/winkel?unit=utrecht").modules, a.modules);
}

TEST(QrCode, OutsideTheSymbolIsLight) {
  const QrCode qr = Encode(kShopLink);
  ASSERT_TRUE(qr.Dark(0, 0));
  for (auto [x, y] : {std::pair{-1, 0}, {0, -1}, {qr.size, 0}, {0, qr.size}, {-4, -4}, {qr.size + 3, qr.size + 3}}) {
    EXPECT_FALSE(qr.Dark(x, y)) << x << "," << y;
  }
}

struct RejectCase {
  const char* name;
  std::string text;
  const char* message_part;
};

TEST(QrCode, RejectsEmptyAndTooLongText) {
  const RejectCase cases[] = {
      {"empty", "", "empty"},
      {"one byte more than version 40-M holds", std::string(kMaxQrBytes + 1, 'a'), "is 2332 bytes"},
      {"5000 bytes", std::string(5000, 'a'), "at most 2331"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const auto qr = EncodeQr(c.text);
    ASSERT_FALSE(qr.ok());
    EXPECT_EQ(qr.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(qr.error().field, "text");
    EXPECT_NE(qr.error().message.find(c.message_part), std::string::npos) << qr.error().message;
  }
}

TEST(QrSvg, IsAnAccessibleImageInModuleUnits) {
  const QrCode qr = Encode(kShopLink);
  const std::string svg = QrSvg(qr, 264, "Feedback <winkel> & \"balie\"");
  EXPECT_EQ(svg.rfind("<svg ", 0), 0u) << svg.substr(0, 40);
  EXPECT_EQ(svg.substr(svg.size() - 6), "</svg>");
  EXPECT_NE(svg.find("viewBox=\"0 0 41 41\""), std::string::npos);
  EXPECT_NE(svg.find("width=\"264\" height=\"264\""), std::string::npos);
  EXPECT_NE(svg.find("shape-rendering=\"crispEdges\""), std::string::npos);
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("<title>Feedback &lt;winkel&gt; &amp; &quot;balie&quot;</title>"), std::string::npos);
  EXPECT_EQ(svg.find("<winkel>"), std::string::npos);
}

TEST(QrSvg, PathRunsCoverExactlyTheDarkModules) {
  for (const char* text : {"x", kShopLink}) {
    SCOPED_TRACE(text);
    const QrCode qr = Encode(text);
    const std::string svg = QrSvg(qr, 200, "t");
    const size_t path = svg.find("<path");
    ASSERT_NE(path, std::string::npos);
    ASSERT_EQ(svg.find("<path", path + 1), std::string::npos) << "one path";
    const size_t d_begin = svg.find(" d=\"", path) + 4;
    const std::string d = svg.substr(d_begin, svg.find('"', d_begin) - d_begin);

    const int side = qr.size + 2 * kQrQuietZone;
    std::vector<int> covered(static_cast<size_t>(side) * side);
    for (size_t at = 0; at < d.size();) {
      int x = -1, y = -1, w = 0, back = 0, used = 0;
      // %n is stored only when the whole run, up to its "z", matched.
      ASSERT_EQ(std::sscanf(d.c_str() + at, "M%d,%dh%dv1h-%dz%n", &x, &y, &w, &back, &used), 4) << d.substr(at, 20);
      ASSERT_GT(used, 0) << d.substr(at, 20);
      ASSERT_EQ(back, w);
      ASSERT_TRUE(x >= 0 && y >= 0 && w > 0 && x + w <= side && y < side) << d.substr(at, 20);
      for (int i = 0; i < w; ++i) ++covered[static_cast<size_t>(y) * side + x + i];
      at += used;
    }
    for (int y = 0; y < side; ++y) {
      for (int x = 0; x < side; ++x) {
        const int want = qr.Dark(x - kQrQuietZone, y - kQrQuietZone) ? 1 : 0;
        ASSERT_EQ(covered[static_cast<size_t>(y) * side + x], want) << "module " << x << "," << y;
      }
    }
  }
}

uint32_t ReadUint32(const std::string& bytes, size_t at) {
  uint32_t value = 0;
  for (size_t i = 0; i < 4; ++i) value = (value << 8) | static_cast<unsigned char>(bytes.at(at + i));
  return value;
}

struct DecodedPng {
  uint32_t width = 0;
  uint32_t height = 0;
  std::vector<unsigned char> grey;  // width × height, row-major
};

// A strict decoder for exactly what QrPng should write: signature, IHDR (8-bit greyscale, no
// interlace), one IDAT, IEND, every CRC right, every scanline with filter type 0.
DecodedPng DecodePng(const std::string& png) {
  DecodedPng out;
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  std::vector<std::string> types;
  std::string idat;
  for (size_t at = 8; at < png.size();) {
    const uint32_t length = ReadUint32(png, at);
    const std::string type = png.substr(at + 4, 4);
    const std::string data = png.substr(at + 8, length);
    const auto* crc_bytes = reinterpret_cast<const Bytef*>(png.data() + at + 4);
    EXPECT_EQ(ReadUint32(png, at + 8 + length), crc32(crc32(0, nullptr, 0), crc_bytes, 4 + length)) << type;
    types.push_back(type);
    if (type == "IHDR") {
      EXPECT_EQ(length, 13u);
      out.width = ReadUint32(data, 0);
      out.height = ReadUint32(data, 4);
      EXPECT_EQ(data.substr(8), std::string("\x08\x00\x00\x00\x00", 5)) << "depth 8, greyscale, no interlace";
    }
    if (type == "IDAT") idat += data;
    if (type == "IEND") {
      EXPECT_EQ(length, 0u);
    }
    at += 12 + length;
  }
  EXPECT_EQ(types, (std::vector<std::string>{"IHDR", "IDAT", "IEND"}));

  const size_t row = out.width + 1;
  std::vector<unsigned char> raw(row * out.height + 1);  // one spare byte: more data must not fit
  uLongf raw_size = raw.size();
  EXPECT_EQ(uncompress(raw.data(), &raw_size, reinterpret_cast<const Bytef*>(idat.data()), idat.size()), Z_OK);
  EXPECT_EQ(raw_size, row * out.height);
  for (size_t y = 0; y < out.height; ++y) {
    EXPECT_EQ(raw[y * row], 0) << "filter type of row " << y;
    out.grey.insert(out.grey.end(), raw.begin() + y * row + 1, raw.begin() + (y + 1) * row);
  }
  return out;
}

TEST(QrPng, EveryPixelMatchesItsModule) {
  struct Case {
    const char* text;
    int scale;
  };
  for (const Case c : {Case{"x", 1}, Case{kShopLink, 3}, Case{kShopLink, 8}}) {
    SCOPED_TRACE(std::string(c.text) + " at scale " + std::to_string(c.scale));
    const QrCode qr = Encode(c.text);
    const DecodedPng png = DecodePng(QrPng(qr, c.scale));
    const auto side = static_cast<uint32_t>((qr.size + 2 * kQrQuietZone) * c.scale);
    ASSERT_EQ(png.width, side);
    ASSERT_EQ(png.height, side);
    ASSERT_EQ(png.grey.size(), static_cast<size_t>(side) * side);
    for (uint32_t y = 0; y < side; ++y) {
      for (uint32_t x = 0; x < side; ++x) {
        const int mx = static_cast<int>(x) / c.scale - kQrQuietZone;
        const int my = static_cast<int>(y) / c.scale - kQrQuietZone;
        ASSERT_EQ(png.grey[y * side + x], qr.Dark(mx, my) ? 0 : 255) << "pixel " << x << "," << y;
      }
    }
  }
}

TEST(QrImages, RejectSizesOutOfRange) {
  const QrCode qr = Encode("x");
  EXPECT_THROW(QrSvg(qr, 0, "t"), std::invalid_argument);
  EXPECT_THROW(QrPng(qr, 0), std::invalid_argument);
  EXPECT_THROW(QrPng(qr, kMaxPngScale + 1), std::invalid_argument);
  EXPECT_NO_THROW(QrPng(qr, kMaxPngScale));
}

}  // namespace
}  // namespace ks::surveys
