#include "kafka_conf.hpp"

#include <map>

namespace safeloop::bus {

Status SetConf(RdKafka::Conf& conf, const std::string& name, const std::string& value) {
  std::string error;
  if (conf.set(name, value, error) != RdKafka::Conf::CONF_OK) {
    return InvalidArgument("kafka config " + name + "=" + value + " rejected: " + error, name);
  }
  return Status::Ok();
}

Status SetConfAll(RdKafka::Conf& conf, const std::vector<std::pair<std::string, std::string>>& values) {
  for (const auto& [name, value] : values) SAFELOOP_RETURN_IF_ERROR(SetConf(conf, name, value));
  return Status::Ok();
}

std::string DescribePartitions(const std::vector<RdKafka::TopicPartition*>& partitions) {
  std::map<std::string, std::string> by_topic;
  for (const auto* tp : partitions) {
    std::string& list = by_topic[tp->topic()];
    if (!list.empty()) list += ",";
    list += std::to_string(tp->partition());
  }
  std::string text;
  for (const auto& [topic, list] : by_topic) {
    if (!text.empty()) text += " ";
    text += topic + "[" + list + "]";
  }
  return text;
}

}  // namespace safeloop::bus
