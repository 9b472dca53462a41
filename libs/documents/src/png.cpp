#include "png.hpp"

namespace safeloop::documents {

Result<PngImage> LoadPng(const std::string& path, std::size_t index) {
  std::shared_ptr<cairo_surface_t> surface(cairo_image_surface_create_from_png(path.c_str()), cairo_surface_destroy);
  cairo_status_t status = cairo_surface_status(surface.get());
  std::string field = "card.sign_images[" + std::to_string(index) + "]";
  if (status != CAIRO_STATUS_SUCCESS) {
    return InvalidArgument("documents: card sign " + std::to_string(index + 1) + " (" + path +
                               ") is not a readable PNG: " + cairo_status_to_string(status),
                           field);
  }
  PngImage image{surface, cairo_image_surface_get_width(surface.get()), cairo_image_surface_get_height(surface.get())};
  if (image.width <= 0 || image.height <= 0) {
    return InvalidArgument("documents: card sign " + std::to_string(index + 1) + " (" + path + ") is empty", field);
  }
  return image;
}

}  // namespace safeloop::documents
