// Request checks of the qualification API that need no database: images by magic bytes and size, dates,
// instants, review decisions, text limits.
#include <catch2/catch.hpp>

#include "qualification/qualification_input.hpp"

using namespace safeloop;
using namespace safeloop::personnel::qualification;

namespace {
const std::string kJpegMagic("\xff\xd8\xff", 3);
const std::string kPngMagic("\x89PNG\r\n\x1a\n", 8);
}  // namespace

TEST_CASE("images: JPEG or PNG by magic bytes, at most 5 MiB; signatures PNG only") {
  CHECK(*ImageContentType(kJpegMagic + "x", "photo", false) == "image/jpeg");
  CHECK(*ImageContentType(kPngMagic, "photo", false) == "image/png");
  CHECK(*ImageContentType(kPngMagic, "signature_png", true) == "image/png");
  CHECK(ImageContentType(kJpegMagic, "signature_png", true).status().field() == "signature_png");
  for (const std::string& bad : {std::string("GIF89a"), std::string("\xff\xd8", 2), std::string("\x89PNG", 4),
                                std::string(), std::string("%PDF-1.7")}) {
    auto r = ImageContentType(bad, "photo", false);
    CHECK(r.status().code() == StatusCode::kInvalidArgument);
    CHECK(r.status().field() == "photo");
  }
  const std::string at_limit = kJpegMagic + std::string(kMaxImageBytes - kJpegMagic.size(), 'x');
  CHECK(ImageContentType(at_limit, "photo", false).ok());
  auto over = ImageContentType(at_limit + "x", "photo", false);
  CHECK(over.status().field() == "photo");
  CHECK_THAT(over.status().message(), Catch::Contains("5MB"));
}

TEST_CASE("dates, instants, decisions and text") {
  CHECK(RequireDate("", "issued_on").status().field() == "issued_on");
  CHECK(RequireDate("2024-02-30", "issued_on").status().field() == "issued_on");
  CHECK(RequireDate("2024-02-29", "issued_on").ok());
  CHECK_FALSE(OptionalDate("", "expires_on")->has_value());
  CHECK(OptionalDate("2024-1-1", "expires_on").status().field() == "expires_on");
  CHECK_FALSE(OptionalInstant("", "at")->has_value());
  CHECK(OptionalInstant("2026-03-01T08:00:00+08:00", "at")->has_value());
  CHECK(OptionalInstant("2026-03-01", "at").status().field() == "at");
  CHECK(*ReviewDecision("approve", "decision") == "approved");
  CHECK(*ReviewDecision("reject", "decision") == "rejected");
  CHECK(ReviewDecision("approved", "decision").status().field() == "decision");
  CHECK(RequireText("  ", "name", 10).field() == "name");
  CHECK(RequireText("张三", "name", 2).ok());
  CHECK(RequireText("张三丰", "name", 2).field() == "name");
  CHECK(OptionalText(std::string("\xff", 1), "note", 10).field() == "note");
  CHECK(RequireUuid("x", "person_id").field() == "person_id");
  CHECK(OptionalUuid("", "team_id").ok());
}
