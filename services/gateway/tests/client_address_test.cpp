#include <catch2/catch.hpp>

#include "client_address.hpp"

using namespace safeloop::gateway;

namespace {
TrustedProxies Trusted(const char* list) {
  auto t = TrustedProxies::Parse(list);
  REQUIRE(t.ok());
  return *t;
}
}  // namespace

TEST_CASE("trusted proxies are a comma list of addresses and networks") {
  auto t = Trusted(" 127.0.0.1 , 10.0.0.0/8,2001:db8::/32 ,");
  CHECK(t.networks().size() == 3);
  CHECK(t.Contains(*IpAddress::Parse("127.0.0.1")));
  CHECK(t.Contains(*IpAddress::Parse("10.1.2.3")));
  CHECK(t.Contains(*IpAddress::Parse("2001:db8::5")));
  CHECK_FALSE(t.Contains(*IpAddress::Parse("127.0.0.2")));
  CHECK(Trusted("").networks().empty());

  auto bad = TrustedProxies::Parse("10.0.0.0/8, proxy.internal");
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.status().message(), Catch::Contains("'proxy.internal'"));
}

TEST_CASE("X-Forwarded-For is ignored unless the peer is a trusted proxy") {
  TrustedProxies none;
  auto c = ResolveClientAddress("198.51.100.20", "203.0.113.5", none);
  CHECK(c.text == "198.51.100.20");
  CHECK_FALSE(c.trusted_proxy);

  auto t = Trusted("127.0.0.1");
  c = ResolveClientAddress("198.51.100.20", "203.0.113.5", t);  // untrusted peer forging the header
  CHECK(c.text == "198.51.100.20");
}

TEST_CASE("through trusted proxies the right-most untrusted hop is the client") {
  auto t = Trusted("127.0.0.1, 10.0.0.0/8");
  auto c = ResolveClientAddress("127.0.0.1", "203.0.113.5", t);
  CHECK(c.text == "203.0.113.5");
  CHECK_FALSE(c.trusted_proxy);
  REQUIRE(c.ip);

  // A client cannot pick its address by sending its own header: the proxies append the real peer.
  c = ResolveClientAddress("127.0.0.1", "1.2.3.4, 198.51.100.7, 10.0.0.3", t);
  CHECK(c.text == "198.51.100.7");
  // A client claiming to be a trusted proxy is still the hop the proxy saw.
  c = ResolveClientAddress("127.0.0.1", "10.9.9.9, 198.51.100.7", t);
  CHECK(c.text == "198.51.100.7");
  // Forms proxies write: ports, brackets, IPv6.
  CHECK(ResolveClientAddress("10.0.0.2", "[2001:db8::9]:1234", t).text == "2001:db8::9");
  CHECK(ResolveClientAddress("10.0.0.2", "203.0.113.9:5555", t).text == "203.0.113.9");
  CHECK(ResolveClientAddress("::ffff:127.0.0.1", "203.0.113.9", t).text == "203.0.113.9");
}

TEST_CASE("a request of the proxy itself is trusted infrastructure; garbage is nobody's free pass") {
  auto t = Trusted("127.0.0.1, 10.0.0.0/8");
  auto own = ResolveClientAddress("127.0.0.1", "", t);
  CHECK(own.text == "127.0.0.1");
  CHECK(own.trusted_proxy);
  auto chain = ResolveClientAddress("127.0.0.1", "10.0.0.3, 10.0.0.4", t);
  CHECK(chain.text == "10.0.0.3");
  CHECK(chain.trusted_proxy);

  auto garbage = ResolveClientAddress("127.0.0.1", "203.0.113.9, not-an-ip", t);
  CHECK(garbage.text == "unknown");
  CHECK_FALSE(garbage.ip);
  CHECK_FALSE(garbage.trusted_proxy);
  auto unparseable_peer = ResolveClientAddress("", "203.0.113.9", t);
  CHECK(unparseable_peer.text == "unknown");
  CHECK_FALSE(unparseable_peer.trusted_proxy);
}
