#pragma once
// What the identity module stores and hands between its store, its flows and its gRPC adapters.

#include <optional>
#include <string>
#include <vector>

#include "safeloop/core/clock.hpp"

namespace safeloop::personnel::identity {

inline constexpr const char* kAccountTopic = "safeloop.personnel.account.v1";
inline constexpr const char* kRoleTopic = "safeloop.personnel.role.v1";

/// Who is acting, from the verified token. A park account (token scope "park") acts in its park's rows;
/// enterprise accounts never carry scope park (their scope is capped at enterprise when tokens are issued).
struct Actor {
  std::string enterprise_id;
  std::string park_id;
  std::string account_id;  // sub
  std::string session_id;  // sid
  std::string request_id;
  bool park_account = false;
};

struct RoleRef {
  std::string code;
  std::string name;
};

struct AccountRecord {
  std::string id;
  std::string enterprise_id;  // empty for park accounts
  std::string park_id;
  std::string person_id;
  std::string username;
  std::string kind;           // user | visitor | park
  std::string display_name;
  std::string mobile;
  std::string status;         // active | disabled
  std::optional<TimePoint> expires_at;
  std::optional<TimePoint> locked_until;
  std::optional<TimePoint> last_login_at;
  TimePoint password_changed_at;
  int failed_logins = 0;
  bool must_change_password = false;
  int version = 1;
  TimePoint created_at;
  TimePoint updated_at;
  std::string person_name;
  std::string unit_id;
  std::vector<RoleRef> roles;
};

struct RoleRecord {
  std::string id;
  std::string code;
  std::string name;
  std::string description;
  std::string data_scope;
  bool builtin = false;
  std::vector<std::string> grants;
  int holder_count = 0;
  int version = 1;
  TimePoint created_at;
  TimePoint updated_at;
};

/// What goes into an access token for an account: its roles with their grants and scopes, and where the
/// account sits in the organisation.
struct AccountGrants {
  std::string account_id;
  std::string enterprise_id;
  std::string park_id;
  std::string kind;
  std::string person_id;
  std::string unit_id;
  std::vector<std::string> role_codes;
  std::vector<std::vector<std::string>> grants_per_role;
  std::vector<std::string> role_scopes;
};

struct NewAccount {
  std::string person_id;
  std::string username;
  std::string password_hash;
  std::string display_name;  // empty = the person's name
  std::string mobile;
  std::vector<std::string> role_codes;
};

struct AccountUpdate {
  std::string account_id;
  int version = 0;
  std::string display_name;
  std::string mobile;
  std::string status;
  std::vector<std::string> role_codes;
};

struct NewVisitor {
  std::string unit_id;
  std::string name;
  std::string gender;
  std::string mobile;
  std::string id_number;
  std::string username;
  std::string password_hash;
  TimePoint expires_at;
  std::vector<std::string> role_codes;
};

struct RoleInput {
  std::string role_id;  // updates only
  int version = 0;      // updates only
  std::string code;     // creates only
  std::string name;
  std::string description;
  std::string data_scope;
  std::vector<std::string> grants;
};

struct AccountQuery {
  std::string query;
  std::string status;
  std::string kind;
  int limit = 50;
  int offset = 0;
};

}  // namespace safeloop::personnel::identity
