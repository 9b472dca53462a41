// RedisSubscriber: SUBSCRIBE/PSUBSCRIBE on a dedicated connection and thread, re-subscribing after a drop.
//
// Why poll() instead of a blocking redisGetReply with a socket read timeout: in hiredis 0.14 a timed-out
// read sets context->err, and every later call on that context fails at once ("context has seen an
// error"). Waiting for readability in short slices keeps the connection usable, lets Stop() return
// within one slice, and still treats a closed socket as a lost connection.

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <thread>

#include "redis_connection.hpp"
#include "safeloop/cache/redis.hpp"
#include "safeloop/core/log.hpp"

namespace safeloop::cache {
namespace {

constexpr char kComponent[] = "cache.subscriber";
constexpr std::chrono::milliseconds kInitialBackoff{100};
constexpr std::chrono::milliseconds kMaxBackoff{2000};
constexpr int kPollSliceMs = 200;  // bounds how long Stop() waits for the thread
constexpr std::chrono::milliseconds kSleepSlice{50};

bool IsPattern(const std::string& name) { return name.find('*') != std::string::npos; }

/// Sends SUBSCRIBE for plain channels and PSUBSCRIBE for patterns; the confirmations arrive later.
Status SendSubscriptions(redisContext& context, const RedisOptions& options, const std::vector<std::string>& names) {
  std::vector<std::string> channels{"SUBSCRIBE"};
  std::vector<std::string> patterns{"PSUBSCRIBE"};
  for (const auto& name : names) (IsPattern(name) ? patterns : channels).push_back(name);
  for (const auto* command : {&channels, &patterns}) {
    if (command->size() < 2) continue;
    ArgvView view(*command);
    if (redisAppendCommandArgv(&context, view.argc(), view.argv.data(), view.lengths.data()) != REDIS_OK) {
      return ConnectionLost(options, "subscribe failed", &context);
    }
  }
  int done = 0;
  while (done == 0) {
    if (redisBufferWrite(&context, &done) != REDIS_OK) return ConnectionLost(options, "subscribe failed", &context);
  }
  return Status::Ok();
}

std::string Names(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ",") + name;
  return text;
}

}  // namespace

RedisSubscriber::RedisSubscriber(RedisOptions options, std::vector<std::string> channels, MessageHandler on_message,
                                 std::function<void()> on_reconnect)
    : options_(std::move(options)),
      channels_(std::move(channels)),
      on_message_(std::move(on_message)),
      on_reconnect_(std::move(on_reconnect)) {
  thread_ = std::thread([this] { Run(); });
}

RedisSubscriber::~RedisSubscriber() { Stop(); }

void RedisSubscriber::Stop() {
  stop_ = true;
  // Stop() from inside a handler cannot join its own thread; the loop still ends after the handler.
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

void RedisSubscriber::Run() {
  auto backoff = kInitialBackoff;
  bool ever_subscribed = false;
  const std::string names = Names(channels_);
  auto sleep_backoff = [&] {
    for (auto slept = std::chrono::milliseconds(0); slept < backoff && !stop_; slept += kSleepSlice) {
      std::this_thread::sleep_for(kSleepSlice);
    }
    backoff = std::min(backoff * 2, kMaxBackoff);
  };

  while (!stop_) {
    auto connected = ConnectRedis(options_);
    if (!connected.ok()) {
      LogWarn(kComponent, "connect failed; retrying",
              {{"channels", names}, {"error", connected.status().message()}, {"retry_in_ms", backoff.count()}});
      sleep_backoff();
      continue;
    }
    RedisContextPtr context = std::move(*connected);
    Status sent = SendSubscriptions(*context, options_, channels_);
    if (!sent.ok()) {
      LogWarn(kComponent, "subscribe failed; retrying", {{"channels", names}, {"error", sent.message()}});
      sleep_backoff();
      continue;
    }
    std::size_t pending_confirmations = channels_.size();
    Status lost;
    while (!stop_ && lost.ok()) {
      // First drain replies hiredis already buffered, then wait (in slices) for more bytes.
      void* raw = nullptr;
      if (redisGetReplyFromReader(context.get(), &raw) != REDIS_OK) {
        lost = ConnectionLost(options_, "protocol error", context.get());
        break;
      }
      if (raw == nullptr) {
        pollfd fd{context->fd, POLLIN, 0};
        int ready = ::poll(&fd, 1, kPollSliceMs);
        if (ready < 0 && errno != EINTR) {
          lost = Unavailable("redis " + options_.address.ToString() + ": poll failed: errno " + std::to_string(errno));
        } else if (ready > 0 && redisBufferRead(context.get()) != REDIS_OK) {
          lost = ConnectionLost(options_, "subscription connection lost", context.get());
        }
        continue;
      }
      RedisReplyPtr reply(static_cast<redisReply*>(raw));
      if (reply->type != REDIS_REPLY_ARRAY || reply->elements < 3) continue;
      const std::string kind(reply->element[0]->str, reply->element[0]->len);
      auto text = [&](size_t i) { return std::string(reply->element[i]->str, reply->element[i]->len); };
      if (kind == "subscribe" || kind == "psubscribe") {
        if (pending_confirmations > 0 && --pending_confirmations == 0) {
          backoff = kInitialBackoff;
          subscribed_ = true;
          LogInfo(kComponent, ever_subscribed ? "re-subscribed after reconnect" : "subscribed",
                  {{"channels", names}, {"redis", options_.address.ToString()}});
          if (ever_subscribed && on_reconnect_) {
            try {
              on_reconnect_();
            } catch (const std::exception& e) {
              LogError(kComponent, "on_reconnect threw", {{"what", e.what()}});
            }
          }
          ever_subscribed = true;
        }
      } else if ((kind == "message" && reply->elements == 3) || (kind == "pmessage" && reply->elements == 4)) {
        const size_t channel_index = kind == "message" ? 1 : 2;
        if (!on_message_) continue;
        try {
          on_message_(text(channel_index), text(channel_index + 1));
        } catch (const std::exception& e) {
          LogError(kComponent, "message handler threw", {{"what", e.what()}, {"channel", text(channel_index)}});
        }
      }
    }
    if (stop_) break;
    LogWarn(kComponent, "subscription connection lost; reconnecting",
            {{"channels", names}, {"error", lost.message()}, {"retry_in_ms", backoff.count()}});
    sleep_backoff();
  }
}

}  // namespace safeloop::cache
