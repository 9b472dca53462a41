#include "tenancy/pinyin_order.hpp"

#include <atomic>

namespace safeloop::personnel::tenancy {

std::string PinyinOrder(pqxx::transaction_base& tx, std::string_view column) {
  static std::atomic<int> has_icu{-1};  // -1 unknown, 0 no, 1 yes; the answer never changes while we run
  if (has_icu.load() < 0) {
    has_icu = tx.exec("SELECT 1 FROM pg_collation WHERE collname = 'zh-x-icu'").empty() ? 0 : 1;
  }
  if (has_icu.load() == 1) return std::string(column) + " COLLATE \"zh-x-icu\"";
  return "convert_to(" + std::string(column) + ", 'GB18030')";
}

}  // namespace safeloop::personnel::tenancy
