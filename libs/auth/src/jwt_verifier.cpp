#include <chrono>

#include "safeloop/auth/encoding.hpp"
#include "safeloop/auth/jwt.hpp"
#include "signature.hpp"

namespace safeloop::auth {
namespace {
std::string FormatSeconds(std::int64_t seconds) {
  return FormatRfc3339(TimePoint(std::chrono::seconds(seconds)));
}

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

Result<nlohmann::json> DecodeJsonSegment(std::string_view segment, std::string_view what) {
  auto bytes = Base64UrlDecode(segment);
  if (!bytes) return Unauthenticated("malformed token: " + std::string(what) + " is not base64url");
  auto json = nlohmann::json::parse(*bytes, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) {
    return Unauthenticated("malformed token: " + std::string(what) + " is not a JSON object");
  }
  return json;
}
}  // namespace

Result<JwtVerifier> JwtVerifier::Create(JwtConfig config, const Clock& clock) {
  SAFELOOP_RETURN_IF_ERROR(config.Validate(JwtKeyUse::kVerify));
  return JwtVerifier(std::move(config), clock);
}

Result<Claims> JwtVerifier::Verify(std::string_view token) const {
  if (token.empty()) return Unauthenticated("missing token");
  if (token.size() > kMaxTokenBytes) return Unauthenticated("malformed token: longer than 8 KiB");
  std::size_t first = token.find('.');
  std::size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    return Unauthenticated("malformed token: expected 3 dot-separated segments (header.payload.signature)");
  }
  std::string_view header_segment = token.substr(0, first);
  std::string_view payload_segment = token.substr(first + 1, second - first - 1);
  std::string_view signature_segment = token.substr(second + 1);

  auto header = DecodeJsonSegment(header_segment, "header");
  if (!header.ok()) return header.status();
  auto alg = header->find("alg");
  if (alg == header->end() || !alg->is_string()) return Unauthenticated("malformed token: header has no alg");
  std::string alg_name = alg->get<std::string>();
  if (IEquals(alg_name, "none")) return Unauthenticated("unsigned tokens (alg none) are not accepted");
  // Only the configured algorithm: an attacker must not pick how we check (alg confusion).
  if (ParseAlgorithm(alg_name) != config_.algorithm) {
    return Unauthenticated("token algorithm '" + alg_name + "' is not the accepted '" +
                           std::string(AlgorithmName(config_.algorithm)) + "'");
  }
  if (header->contains("crit")) return Unauthenticated("token header has critical extensions we do not support");

  auto signature = Base64UrlDecode(signature_segment);
  if (!signature) return Unauthenticated("malformed token: signature is not base64url");
  std::string_view signing_input = token.substr(0, second);
  if (!detail::Verify(config_.algorithm, config_.verify_key, signing_input, *signature)) {
    return Unauthenticated("bad signature");
  }

  auto payload = DecodeJsonSegment(payload_segment, "payload");
  if (!payload.ok()) return payload.status();
  auto claims = ClaimsFromJson(*payload);
  if (!claims.ok()) return claims.status();
  if (claims->iss != config_.issuer) {
    return Unauthenticated("token issuer '" + claims->iss + "' is not '" + config_.issuer + "'");
  }
  SAFELOOP_RETURN_IF_ERROR(CheckTimes(*claims));
  return claims;
}

Status JwtVerifier::CheckTimes(const Claims& claims) const {
  auto now = std::chrono::duration_cast<std::chrono::seconds>(clock_->Now().time_since_epoch()).count();
  auto leeway = config_.leeway.count();
  if (now > claims.exp + leeway) return Unauthenticated("token expired at " + FormatSeconds(claims.exp));
  if (claims.nbf && now + leeway < *claims.nbf) {
    return Unauthenticated("token not valid before " + FormatSeconds(*claims.nbf));
  }
  if (now + leeway < claims.iat) return Unauthenticated("token issued in the future (" + FormatSeconds(claims.iat) + ")");
  return Status::Ok();
}

}  // namespace safeloop::auth
