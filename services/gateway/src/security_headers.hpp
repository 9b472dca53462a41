#pragma once
// Security headers on every response. The Content-Security-Policy fits the console the gateway serves
// (web/): its script, stylesheet, images and API/SSE calls all come from this origin. style-src allows
// inline style *attributes* because the console sets per-element styles (map label sizes, level badge
// colours); scripts stay 'self' only, which is what stops injected markup from running code.

#include <string_view>

#include "cors.hpp"

namespace safeloop::gateway {

inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'";

inline constexpr std::string_view kHsts = "max-age=31536000; includeSubDomains";

/// The headers for a response to `path`. `hsts` (SAFELOOP_HSTS) only when the edge is served over HTTPS
/// (by the ingress): the header is a promise that the host speaks nothing else. /api responses get
/// Cache-Control: no-store (they carry tenant data); the dispatcher keeps a Cache-Control a handler set.
HeaderList SecurityHeaders(std::string_view path, bool hsts);

}  // namespace safeloop::gateway
