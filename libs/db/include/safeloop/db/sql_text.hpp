#pragma once
/// @file sql_text.hpp
/// What every store says the same way: SQL fragments rendering columns as the APIs answer them, and the
/// answer to a stale optimistic-concurrency version.

#include <pqxx/pqxx>

#include <string>
#include <string_view>

#include "safeloop/core/status.hpp"

namespace safeloop::db {

/// SQL rendering a timestamptz column as RFC 3339 UTC with milliseconds ('' for NULL).
std::string SqlTime(std::string_view column);
/// SQL rendering a date column as YYYY-MM-DD ('' for NULL).
std::string SqlDate(std::string_view column);

/// An ORDER BY expression sorting `column` (text) by pinyin, as Chinese users expect. PostgreSQL built with
/// ICU has the collation "zh-x-icu" (pinyin order); a server without ICU falls back to the GB18030 byte
/// order, which is pinyin order for the 6,763 common characters of GB 2312 level 1 and stroke order for the
/// rest. Asks the server once per process.
std::string PinyinOrder(pqxx::transaction_base& tx, std::string_view column);

/// ABORTED (field version) asking the user to reload: `what` (e.g. 单位) changed since they read `version`.
Status StaleVersion(std::string_view what, int version);

}  // namespace safeloop::db
