#include "identity_proto_mapping.hpp"

namespace safeloop::personnel::identity {
namespace {

std::string Text(const std::optional<TimePoint>& t) { return t ? FormatRfc3339(*t) : std::string(); }

}  // namespace

void ToProto(const AccountRecord& in, v1::Account& out) {
  out.set_id(in.id);
  out.set_username(in.username);
  out.set_kind(in.kind);
  out.set_display_name(in.display_name);
  out.set_mobile(in.mobile);
  out.set_status(in.status);
  out.set_person_id(in.person_id);
  out.set_person_name(in.person_name);
  out.set_unit_id(in.unit_id);
  for (const auto& r : in.roles) {
    auto* ref = out.add_roles();
    ref->set_code(r.code);
    ref->set_name(r.name);
  }
  out.set_expires_at(Text(in.expires_at));
  out.set_locked_until(Text(in.locked_until));
  out.set_failed_logins(in.failed_logins);
  out.set_last_login_at(Text(in.last_login_at));
  out.set_password_changed_at(FormatRfc3339(in.password_changed_at));
  out.set_must_change_password(in.must_change_password);
  out.set_version(in.version);
  out.set_created_at(FormatRfc3339(in.created_at));
  out.set_updated_at(FormatRfc3339(in.updated_at));
}

void ToProto(const RoleRecord& in, v1::Role& out) {
  out.set_id(in.id);
  out.set_code(in.code);
  out.set_name(in.name);
  out.set_description(in.description);
  out.set_data_scope(in.data_scope);
  out.set_builtin(in.builtin);
  for (const auto& g : in.grants) out.add_grants(g);
  out.set_holder_count(in.holder_count);
  out.set_version(in.version);
  out.set_created_at(FormatRfc3339(in.created_at));
  out.set_updated_at(FormatRfc3339(in.updated_at));
}

void ToProto(const TokenPairOut& in, v1::TokenPair& out) {
  out.set_access_token(in.access_token);
  out.set_refresh_token(in.refresh_token);
  out.set_expires_in(in.expires_in);
  out.set_token_type("Bearer");
  out.set_refresh_expires_in(in.refresh_expires_in);
}

void ToProto(const MeView& in, const Actor& actor, v1::MeResponse& out) {
  const auto& a = in.record.account;
  out.set_account_id(a.id);
  out.set_username(a.username);
  out.set_display_name(a.display_name);
  out.set_kind(a.kind);
  out.set_person_id(a.person_id);
  out.set_person_name(a.person_name);
  out.set_unit_id(a.unit_id);
  out.set_enterprise_id(actor.enterprise_id);
  out.set_enterprise_name(in.record.enterprise_name);
  out.set_park_id(a.park_id);
  out.set_park_name(in.record.park_name);
  for (const auto& r : a.roles) {
    auto* ref = out.add_roles();
    ref->set_code(r.code);
    ref->set_name(r.name);
  }
  out.set_data_scope(in.data_scope);
  for (const auto& p : in.function_permissions) out.add_function_permissions(p);
  for (const auto& p : in.operation_permissions) out.add_operation_permissions(p);
  for (const auto& p : in.api_permissions) out.add_api_permissions(p);
  out.set_session_id(actor.session_id);
  out.set_expires_at(Text(a.expires_at));
  out.set_must_change_password(a.must_change_password);
}

}  // namespace safeloop::personnel::identity
