#include "safeloop/bus/inbox.hpp"

namespace safeloop::bus {

bool MarkHandled(pqxx::work& tx, const std::string& schema, const std::string& consumer, const std::string& event_id) {
  auto result = tx.exec_params("INSERT INTO " + schema +
                                   ".inbox (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                               consumer, event_id);
  return result.affected_rows() == 1;
}

}  // namespace safeloop::bus
