#include "safeloop/db/sql_text.hpp"

#include <atomic>

namespace safeloop::db {

std::string SqlTime(std::string_view column) {
  return "COALESCE(to_char(" + std::string(column) + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), '')";
}

std::string SqlDate(std::string_view column) {
  return "COALESCE(to_char(" + std::string(column) + ", 'YYYY-MM-DD'), '')";
}

std::string PinyinOrder(pqxx::transaction_base& tx, std::string_view column) {
  static std::atomic<int> has_icu{-1};  // -1 unknown, 0 no, 1 yes; the answer never changes while we run
  if (has_icu.load() < 0) {
    has_icu = tx.exec("SELECT 1 FROM pg_collation WHERE collname = 'zh-x-icu'").empty() ? 0 : 1;
  }
  if (has_icu.load() == 1) return std::string(column) + " COLLATE \"zh-x-icu\"";
  return "convert_to(" + std::string(column) + ", 'GB18030')";
}

Status StaleVersion(std::string_view what, int version) {
  return Status(StatusCode::kAborted,
                std::string(what) + "已被他人修改（您提交的版本 " + std::to_string(version) + " 已过期），请刷新后重试",
                "version");
}

}  // namespace safeloop::db
