#pragma once
/// @file mqtt_topics.hpp
/// MQTT topic names and filters (MQTT 3.1.1 §4.7): levels separated by '/', '+' matches exactly one level
/// (an empty one too), '#' matches the parent level and every level below it and must be last; a filter
/// starting with a wildcard does not match topics starting with '$' (broker topics such as $SYS).

#include <string>
#include <string_view>
#include <vector>

#include "safeloop/core/status.hpp"

namespace safeloop::iot {

/// A topic a message is published to: 1..65535 bytes, no '+', '#' or NUL. INVALID_ARGUMENT naming `field`.
Status ValidateTopicName(std::string_view topic, std::string field = "topic");

/// A subscription filter: 1..65535 bytes, no NUL, '+' alone in its level, '#' alone in the last level.
/// INVALID_ARGUMENT naming `field`.
Status ValidateTopicFilter(std::string_view filter, std::string field = "pattern");

/// Whether `topic` matches `filter` (both assumed valid). When `captures` is given it receives, in order,
/// the level matched by each '+', then, for a trailing '#', the rest of the topic it matched ("" when '#'
/// matched only the parent level).
bool TopicMatches(std::string_view filter, std::string_view topic, std::vector<std::string>* captures = nullptr);

/// Number of '+' levels in a valid filter.
int CountSingleLevelWildcards(std::string_view filter);

}  // namespace safeloop::iot
