#pragma once
// Chinese names sort by pinyin. PostgreSQL built with ICU has the collation "zh-x-icu" (pinyin order); a
// server without ICU falls back to the GB18030 byte order, which is pinyin order for the 6,763 common
// characters of GB 2312 level 1 and stroke order for the rest (level 2) — close enough for a list.

#include <pqxx/pqxx>

#include <string>
#include <string_view>

namespace safeloop::personnel::tenancy {

/// An ORDER BY expression sorting `column` (text) by pinyin. Asks the server once per process.
std::string PinyinOrder(pqxx::transaction_base& tx, std::string_view column);

}  // namespace safeloop::personnel::tenancy
