#include "temp_file.hpp"

#include <cstdio>
#include <fstream>
#include <iterator>
#include <random>
#include <system_error>

namespace safeloop::xlsx {
namespace {

// 128 random bits: concurrent requests (and processes) never pick the same name.
std::string RandomHex() {
  std::random_device device;
  std::string hex;
  for (int i = 0; i < 4; ++i) {
    char buf[9];
    std::snprintf(buf, sizeof buf, "%08x", static_cast<unsigned>(device()));
    hex += buf;
  }
  return hex;
}

}  // namespace

TempFile::TempFile(const std::string& suffix) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
  if (ec) dir = "/tmp";
  path_ = dir / ("safeloop-" + RandomHex() + suffix);
}

TempFile::~TempFile() {
  std::error_code ec;
  std::filesystem::remove(path_, ec);  // nothing to do about a failure in a destructor
}

Result<std::string> TempFile::ReadAll() const {
  std::ifstream in(path_, std::ios::binary);
  if (!in) return Internal("xlsx: cannot read back " + path_.string());
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Internal("xlsx: cannot read back " + path_.string());
  return data;
}

}  // namespace safeloop::xlsx
