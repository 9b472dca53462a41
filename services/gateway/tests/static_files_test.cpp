#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "static_files.hpp"

using namespace safeloop::gateway;
namespace fs = std::filesystem;

namespace {
struct WebRoot {
  fs::path base = fs::temp_directory_path() / ("safeloop-static-test-" + std::to_string(::getpid()));
  fs::path root = base / "web";
  WebRoot() {
    fs::remove_all(base);
    fs::create_directories(root / "assets");
    fs::create_directories(root / "docs");
    Write(root / "index.html", "<html></html>");
    Write(root / "assets" / "app-1a2b.js", "x");
    Write(root / "assets" / "app.css", "x");
    Write(root / "logo.svg", "<svg/>");
    Write(root / "plant.png", "png");
    Write(root / "config.json", "{}");
    Write(root / ".env", "SECRET=1");
    Write(root / "docs" / "index.html", "docs");
    Write(base / "secret.txt", "outside");
    fs::create_symlink(base / "secret.txt", root / "escape.txt");
  }
  ~WebRoot() { fs::remove_all(base); }
  static void Write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }
};
}  // namespace

TEST_CASE("content types") {
  CHECK(ContentTypeFor(".svg") == "image/svg+xml");
  CHECK(ContentTypeFor(".js") == "text/javascript; charset=utf-8");
  CHECK(ContentTypeFor(".css") == "text/css; charset=utf-8");
  CHECK(ContentTypeFor(".png") == "image/png");
  CHECK(ContentTypeFor(".json") == "application/json");
  CHECK(ContentTypeFor(".html") == "text/html; charset=utf-8");
  CHECK(ContentTypeFor(".PNG") == "image/png");
  CHECK(ContentTypeFor(".exe") == "application/octet-stream");
}

TEST_CASE("files resolve inside the web root") {
  WebRoot web;
  StaticFiles files(web.root.string());
  REQUIRE(files.enabled());

  auto index = files.Resolve("/");
  REQUIRE(index);
  CHECK(index->path.filename() == "index.html");
  CHECK(index->cache_control == "no-cache");
  CHECK(index->content_type == "text/html; charset=utf-8");

  auto js = files.Resolve("/assets/app-1a2b.js");
  REQUIRE(js);
  CHECK(js->content_type == "text/javascript; charset=utf-8");
  CHECK(js->cache_control == "public, max-age=31536000, immutable");
  CHECK(js->size == 1);
  CHECK(js->etag.front() == '"');

  auto svg = files.Resolve("/logo.svg");
  REQUIRE(svg);
  CHECK(svg->content_type == "image/svg+xml");
  CHECK(svg->cache_control == "public, max-age=3600");
  CHECK(files.Resolve("/plant.png")->content_type == "image/png");
  CHECK(files.Resolve("/config.json")->content_type == "application/json");
  CHECK(files.Resolve("/assets/app%2ecss")->content_type == "text/css; charset=utf-8");
  CHECK(files.Resolve("/docs/")->path == fs::canonical(web.root / "docs" / "index.html"));
}

TEST_CASE("client-side routes fall back to index.html; missing files do not") {
  WebRoot web;
  StaticFiles files(web.root.string());
  CHECK(files.Resolve("/risk/map")->path.filename() == "index.html");
  CHECK(files.Resolve("/risk/points/0190a1b2-0000-7000-8000-000000000001")->path.filename() == "index.html");
  CHECK_FALSE(files.Resolve("/missing.png"));
  CHECK_FALSE(files.Resolve("/assets/old-bundle.js"));
}

TEST_CASE("nothing outside the root or hidden is served") {
  WebRoot web;
  StaticFiles files(web.root.string());
  for (const char* path : {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/../../secret.txt", "/.env", "/%2eenv",
                           "/escape.txt", "/assets%2f..%2f..%2fsecret.txt", "/a\\..\\secret.txt", "/%00", "relative",
                           ""}) {
    INFO(path);
    auto file = files.Resolve(path);
    CHECK((!file || file->path.filename() == "index.html"));
    if (file) CHECK(file->path.parent_path() == fs::canonical(web.root));
  }
  CHECK_FALSE(files.Resolve("/escape.txt"));
  CHECK_FALSE(files.Resolve("/.env"));
}

TEST_CASE("a missing web root disables static files") {
  CHECK_FALSE(StaticFiles("").enabled());
  StaticFiles missing("/nonexistent/web/root");
  CHECK_FALSE(missing.enabled());
  CHECK_FALSE(missing.Resolve("/"));
}
