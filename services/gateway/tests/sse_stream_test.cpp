#include <catch2/catch.hpp>
#include <thread>

#include "stream_hub.hpp"

using namespace safeloop::gateway;
using nlohmann::json;

namespace {
const std::string kEnt = "0190a1b2-0000-7000-8000-000000000001";
const std::string kOther = "0190a1b2-0000-7000-8000-000000000002";
const std::string kChannel = "safeloop:" + kEnt + ":riskmap:changes";

// Reads what is buffered now (tests may wait on tasks; the data is already there).
std::string Drain(concurrency::streams::istream& in) {
  auto buf = in.streambuf();
  std::string out;
  while (buf.in_avail() > 0) {
    std::vector<uint8_t> chunk(buf.in_avail());
    std::size_t n = buf.getn(chunk.data(), chunk.size()).get();
    out.append(chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(n));
  }
  return out;
}

json Map(const std::string& id, std::int64_t version) { return {{"map", {{"id", id}}}, {"version", version}}; }
}  // namespace

TEST_CASE("SSE event framing") {
  CHECK(FormatSseEvent("area-level", 7, R"({"a":1})") == "event: area-level\nid: 7\ndata: {\"a\":1}\n\n");
  CHECK(FormatSseEvent("snapshot", std::nullopt, "{}") == "event: snapshot\ndata: {}\n\n");
  CHECK(SseKeepalive() == ": keepalive\n\n");
}

TEST_CASE("a stream writes the snapshot, then newer changes of its map") {
  SseStream stream(kEnt, "");
  auto in = stream.body();

  // Arrive before the snapshot: held back.
  stream.OnChange({"a-old", "m-1", 2, 5});   // covered by snapshot version 6
  stream.OnChange({"a-new", "m-1", 1, 7});   // newer: replayed
  stream.OnChange({"a-other", "m-2", 1, 8});  // another map: dropped
  CHECK(Drain(in).empty());

  stream.SendSnapshot(Map("m-1", 6), "m-1", 6);
  std::string text = Drain(in);
  CHECK(text.rfind("retry: 3000\nevent: snapshot\nid: 6\ndata: {", 0) == 0);
  CHECK(text.find("a-old") == std::string::npos);
  CHECK(text.find("a-other") == std::string::npos);
  auto pos = text.find("event: area-level\nid: 7\ndata: ");
  REQUIRE(pos != std::string::npos);
  auto data = json::parse(text.substr(text.find("data: ", pos) + 6, text.find("\n\n", pos) - text.find("data: ", pos) - 6));
  CHECK(data == json::parse(R"({"area_id":"a-new","map_id":"m-1","level":1,"level_name":"重大风险","color":"red",
      "version":7})"));

  stream.OnChange({"a-1", "m-1", 3, 9});
  CHECK(Drain(in) == "event: area-level\nid: 9\ndata: " +
                         json::parse(R"({"area_id":"a-1","map_id":"m-1","level":3,"level_name":"一般风险",
                             "color":"yellow","version":9})").dump() + "\n\n");
  stream.OnChange({"a-1", "m-1", 3, 9});  // duplicate-or-older versions are still newer than the snapshot → sent
  CHECK(stream.events_sent() == 3);

  CHECK(stream.Keepalive());
  CHECK(Drain(in).ends_with(": keepalive\n\n"));
}

TEST_CASE("closing ends the body; a gone reader or a full backlog closes the stream") {
  SECTION("close") {
    SseStream stream(kEnt, "m-1");
    auto in = stream.body();
    stream.SendSnapshot(Map("m-1", 1), "m-1", 1);
    Drain(in);
    stream.Close();
    CHECK(stream.closed());
    CHECK_FALSE(stream.Keepalive());
    uint8_t byte = 0;
    CHECK(in.streambuf().getn(&byte, 1).get() == 0);  // end of body
  }
  SECTION("reader gone") {
    SseStream stream(kEnt, "m-1");
    auto in = stream.body();
    stream.SendSnapshot(Map("m-1", 1), "m-1", 1);
    in.close().get();
    CHECK_FALSE(stream.Keepalive());
    CHECK(stream.closed());
  }
  SECTION("client not reading") {
    SseStream stream(kEnt, "m-1", /*max_backlog=*/200);
    auto in = stream.body();
    stream.SendSnapshot(Map("m-1", 1), "m-1", 1);
    for (int i = 2; i < 20 && !stream.closed(); ++i) stream.OnChange({"a", "m-1", 1, i});
    CHECK(stream.closed());
  }
}

TEST_CASE("the hub routes changes by enterprise and map") {
  prometheus::Registry registry;
  StreamHub hub(registry, std::chrono::milliseconds(60'000));
  auto mine = hub.Open(kEnt, "m-1");
  auto my_other_map = hub.Open(kEnt, "m-2");
  auto theirs = hub.Open(kOther, "m-1");
  CHECK(hub.size() == 3);
  auto in_mine = mine->body(), in_other_map = my_other_map->body(), in_theirs = theirs->body();
  mine->SendSnapshot(Map("m-1", 1), "m-1", 1);
  my_other_map->SendSnapshot(Map("m-2", 1), "m-2", 1);
  theirs->SendSnapshot(Map("m-1", 1), "m-1", 1);
  Drain(in_mine);
  Drain(in_other_map);
  Drain(in_theirs);

  hub.Dispatch(kChannel, R"({"area_id":"a-1","map_id":"m-1","level":1,"version":2})");
  CHECK(Drain(in_mine).find("\"area_id\":\"a-1\"") != std::string::npos);
  CHECK(Drain(in_other_map).empty());
  CHECK(Drain(in_theirs).empty());

  hub.Dispatch(kChannel, "garbage");
  hub.Dispatch("safeloop:nope:riskmap:changes", R"({"area_id":"a","map_id":"m-1","level":1,"version":3})");
  CHECK(Drain(in_mine).empty());

  hub.Remove(mine);
  hub.Remove(mine);  // twice is harmless
  CHECK(mine->closed());
  CHECK(hub.size() == 2);
  CHECK_FALSE(hub.WaitUntilEmpty(std::chrono::milliseconds(10)));

  hub.Shutdown();
  CHECK(my_other_map->closed());
  CHECK(theirs->closed());
  CHECK(hub.Open(kEnt, "")->closed());
  hub.Remove(my_other_map);
  hub.Remove(theirs);
  CHECK(hub.WaitUntilEmpty(std::chrono::milliseconds(10)));
}

TEST_CASE("the hub sends keepalives and drops dead streams") {
  prometheus::Registry registry;
  StreamHub hub(registry, std::chrono::milliseconds(20));
  auto alive = hub.Open(kEnt, "m-1");
  auto dead = hub.Open(kEnt, "m-1");
  auto in_alive = alive->body();
  alive->SendSnapshot(Map("m-1", 1), "m-1", 1);
  dead->SendSnapshot(Map("m-1", 1), "m-1", 1);
  dead->body().close().get();  // the listener gave up on this client

  std::string seen;
  for (int i = 0; i < 200 && (seen.find(": keepalive") == std::string::npos || hub.size() != 1); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    seen += Drain(in_alive);
  }
  CHECK(seen.find(": keepalive\n\n") != std::string::npos);
  CHECK(hub.size() == 1);
  CHECK(dead->closed());
}
