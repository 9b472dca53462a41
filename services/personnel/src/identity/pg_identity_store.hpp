#pragma once
// All SQL of the identity module, in one class (its methods are spread over pg_identity_store_*.cpp by
// topic). Requests run in tenant transactions with row-level security: an enterprise's rows, or for a
// park account its park's rows. Only what precedes any tenant runs as the schema owner: the login lookup by
// username, the refresh lookup by token hash, and the background sweep over all enterprises.
// Every state change writes its event to the outbox in the same transaction.

#include <pqxx/pqxx>

#include <optional>
#include <string>
#include <vector>

#include "identity_model.hpp"
#include "safeloop/core/clock.hpp"
#include "safeloop/db/pool.hpp"
#include "safeloop/personnel_domain/lockout.hpp"

namespace safeloop::personnel::identity {

/// The account as login needs it (found by username as the owner, before the tenant is known).
struct LoginAccount {
  std::string id;
  std::string enterprise_id;
  std::string park_id;
  std::string kind;
  std::string status;
  std::string password_hash;
  std::optional<TimePoint> expires_at;
  personnel_domain::LockoutState lockout;
};

struct OpenedSession {
  std::string session_id;
  AccountGrants grants;
};

struct RefreshOutcome {
  enum class Kind { kRotated, kUnknown, kReused, kRevoked, kExpired, kAccountUnusable };
  Kind kind = Kind::kUnknown;
  std::string session_id;
  AccountGrants grants;  // kRotated only
};

/// What Me shows (permissions are expanded by the caller from the role grants).
struct MeRecord {
  AccountRecord account;
  std::string enterprise_name;
  std::string park_name;
  std::vector<std::vector<std::string>> grants_per_role;
  std::vector<std::string> role_scopes;
};

struct Credentials {
  std::string username;
  std::string password_hash;
  personnel_domain::LockoutState lockout;
};

/// An account change and the sessions it ended (their ids go to Redis so access tokens die now).
struct AccountChange {
  AccountRecord account;
  std::vector<std::string> revoked_sessions;
};

/// The bootstrap CLI's account: an enterprise account (with its person) or a park account.
struct BootstrapInput {
  std::string enterprise_id;  // or
  std::string park_id;        // (park accounts)
  std::string unit_id;        // enterprise accounts: empty = the company root unit
  std::string username;
  std::string password_hash;
  std::string display_name;
  std::string gender;
  std::vector<std::string> role_codes;
};
struct BootstrapOutcome {
  std::string account_id;
  std::string person_id;  // empty for park accounts
  bool created = false;   // false: the username existed already (nothing changed)
};

class PgIdentityStore {
 public:
  PgIdentityStore(db::ConnectionPool& pool, const Clock& clock) : pool_(pool), clock_(clock) {}

  // ---- login and sessions (pg_identity_store_sessions.cpp)
  /// Owner lookup by username (case-insensitive); nullopt when there is no such account.
  Result<std::optional<LoginAccount>> FindLoginAccount(const std::string& username);
  /// Applies a failed attempt to the lockout state (events: locked). Returns the state after it.
  Result<personnel_domain::FailureOutcome> RecordLoginFailure(const LoginAccount& account,
                                                              const personnel_domain::LockoutPolicy& policy,
                                                              const std::string& client_ip,
                                                              const std::string& request_id);
  /// A successful login: clears the lockout, stores the session and its first refresh token (hash only),
  /// appends logged_in; returns what the access token needs.
  Result<OpenedSession> OpenSession(const LoginAccount& account, const std::string& refresh_hash,
                                    TimePoint refresh_expires, const std::string& client_ip,
                                    const std::string& user_agent, const std::string& request_id);
  /// Rotation: uses up `refresh_hash` and stores `next_hash`. A used-up token revokes its session
  /// (reason reuse_detected) and the revocation is committed although the refresh fails.
  Result<RefreshOutcome> RotateRefreshToken(const std::string& refresh_hash, const std::string& next_hash,
                                            TimePoint next_expires);
  /// Ends one session of the actor (logout). NOT_FOUND when it is not the actor's or already ended.
  Status RevokeSession(const Actor& actor, const std::string& reason);
  Result<Credentials> LoadCredentials(const Actor& actor);
  /// Stores a new hash and ends the actor's other sessions (events: password_changed).
  Result<std::vector<std::string>> ChangePassword(const Actor& actor, const std::string& new_hash);
  Result<MeRecord> LoadMe(const Actor& actor, const std::string& enterprise_id);
  /// Park account acting on an enterprise: NOT_FOUND unless the enterprise is in the actor's park and the
  /// actor's session is live. Returns the account's grants.
  Result<AccountGrants> GrantsForEnterpriseToken(const Actor& actor, const std::string& enterprise_id);
  /// Background sweep (owner, all enterprises): ends the sessions of visitor accounts that expired.
  Result<std::vector<std::string>> RevokeExpiredVisitorSessions();

  // ---- accounts (pg_identity_store_accounts.cpp)
  Result<std::vector<AccountRecord>> ListAccounts(const Actor& actor, const AccountQuery& query);
  Result<AccountRecord> GetAccount(const Actor& actor, const std::string& account_id);
  Result<AccountRecord> CreateAccount(const Actor& actor, const NewAccount& input);
  Result<AccountChange> UpdateAccount(const Actor& actor, const AccountUpdate& input);
  Result<AccountChange> ResetPassword(const Actor& actor, const std::string& account_id, const std::string& new_hash);
  Result<AccountRecord> UnlockAccount(const Actor& actor, const std::string& account_id);
  Result<AccountRecord> CreateVisitorAccount(const Actor& actor, const NewVisitor& input);

  // ---- bootstrap (pg_identity_store_bootstrap.cpp)
  /// Owner transaction (it runs before any account exists). Idempotent by username: an existing account of
  /// the same tenant is returned unchanged; of another tenant, FAILED_PRECONDITION.
  Result<BootstrapOutcome> BootstrapAccount(const BootstrapInput& input);

  // ---- roles (pg_identity_store_roles.cpp)
  Result<std::vector<RoleRecord>> ListRoles(const Actor& actor);
  Result<RoleRecord> GetRole(const Actor& actor, const std::string& role_id);
  Result<RoleRecord> CreateRole(const Actor& actor, const RoleInput& input);
  Result<RoleRecord> UpdateRole(const Actor& actor, const RoleInput& input);
  Status DeleteRole(const Actor& actor, const std::string& role_id);

  /// Inserts the built-in roles (auth::DefaultRoles()) an enterprise does not have yet; idempotent and safe
  /// against a concurrent caller. Needs a transaction that may write the enterprise's roles.
  static void EnsureDefaultRoles(pqxx::transaction_base& tx, const std::string& enterprise_id,
                                 const std::string& park_id);
  /// The same for a park: the built-in roles whose scope is park.
  static void EnsureParkRoles(pqxx::transaction_base& tx, const std::string& park_id);
  /// Role ids for codes of the enterprise (or, enterprise empty, of the park); INVALID_ARGUMENT naming an
  /// unknown code.
  static Result<std::vector<std::string>> ResolveRoles(pqxx::transaction_base& tx, const std::string& enterprise_id,
                                                       const std::string& park_id,
                                                       const std::vector<std::string>& codes, const char* field);
  /// Roles, grants and organisation of an account, for its token.
  static AccountGrants LoadGrants(pqxx::transaction_base& tx, const std::string& account_id);

 private:
  db::ConnectionPool& pool_;
  const Clock& clock_;
};

}  // namespace safeloop::personnel::identity
