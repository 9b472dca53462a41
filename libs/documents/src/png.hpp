#pragma once
/// @file png.hpp
/// Sign pictures of a card, read with cairo (both renderers need their size; the PDF also draws them).

#include <cairo.h>

#include <cstddef>
#include <memory>
#include <string>

#include "safeloop/core/status.hpp"

namespace safeloop::documents {

struct PngImage {
  std::shared_ptr<cairo_surface_t> surface;
  int width = 0;  ///< pixels
  int height = 0;
};

/// The PNG at `path`, the card's sign `index` (0-based, for the error's field "card.sign_images[index]").
/// INVALID_ARGUMENT naming the file when it is missing, unreadable or not a PNG.
Result<PngImage> LoadPng(const std::string& path, std::size_t index);

}  // namespace safeloop::documents
