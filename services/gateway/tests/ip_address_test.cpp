#include <catch2/catch.hpp>

#include "ip_address.hpp"

using namespace safeloop::gateway;

TEST_CASE("addresses parse in every form proxies write them, IPv4-mapped IPv6 as IPv4") {
  CHECK(IpAddress::Parse("203.0.113.7")->ToString() == "203.0.113.7");
  CHECK(IpAddress::Parse(" 203.0.113.7 ")->ToString() == "203.0.113.7");
  CHECK(IpAddress::Parse("203.0.113.7:51234")->ToString() == "203.0.113.7");
  CHECK(IpAddress::Parse("2001:DB8::1")->ToString() == "2001:db8::1");
  CHECK(IpAddress::Parse("[2001:db8::1]")->ToString() == "2001:db8::1");
  CHECK(IpAddress::Parse("[2001:db8::1]:443")->ToString() == "2001:db8::1");
  auto mapped = IpAddress::Parse("::ffff:192.0.2.1");
  REQUIRE(mapped);
  CHECK_FALSE(mapped->v6);
  CHECK(mapped->ToString() == "192.0.2.1");
  for (const char* bad : {"", "unknown", "203.0.113", "203.0.113.256", "2001:db8::1:443x", "[203.0.113.7]",
                          "203.0.113.7:", "203.0.113.7:x", "1.2.3.4/24", "[2001:db8::1"}) {
    INFO(bad);
    CHECK_FALSE(IpAddress::Parse(bad));
  }
}

TEST_CASE("CIDR networks are canonical and contain what they should") {
  auto net = Cidr::Parse("203.0.113.77/24");
  REQUIRE(net);
  CHECK(net->ToString() == "203.0.113.0/24");  // host bits cleared
  CHECK(net->Contains(*IpAddress::Parse("203.0.113.1")));
  CHECK(net->Contains(*IpAddress::Parse("203.0.113.255")));
  CHECK_FALSE(net->Contains(*IpAddress::Parse("203.0.114.1")));
  CHECK_FALSE(net->Contains(*IpAddress::Parse("2001:db8::1")));

  CHECK(Cidr::Parse("198.51.100.9")->ToString() == "198.51.100.9/32");
  CHECK(Cidr::Parse("0.0.0.0/0")->Contains(*IpAddress::Parse("8.8.8.8")));
  CHECK(Cidr::Parse("10.0.0.0/8")->Contains(*IpAddress::Parse("10.255.1.2")));
  CHECK(Cidr::Parse("172.16.0.0/12")->Contains(*IpAddress::Parse("172.31.255.255")));
  CHECK_FALSE(Cidr::Parse("172.16.0.0/12")->Contains(*IpAddress::Parse("172.32.0.0")));
  CHECK(Cidr::Parse("203.0.113.128/25")->Contains(*IpAddress::Parse("203.0.113.200")));
  CHECK_FALSE(Cidr::Parse("203.0.113.128/25")->Contains(*IpAddress::Parse("203.0.113.127")));

  auto v6 = Cidr::Parse("2001:db8:abcd:12::5/64");
  REQUIRE(v6);
  CHECK(v6->ToString() == "2001:db8:abcd:12::/64");
  CHECK(v6->Contains(*IpAddress::Parse("2001:db8:abcd:12:ffff::1")));
  CHECK_FALSE(v6->Contains(*IpAddress::Parse("2001:db8:abcd:13::1")));
  CHECK(Cidr::Parse("2001:db8::/33")->Contains(*IpAddress::Parse("2001:db8:7fff::1")));
  CHECK_FALSE(Cidr::Parse("2001:db8::/33")->Contains(*IpAddress::Parse("2001:db8:8000::1")));

  // An IPv4-mapped network counts as IPv4 with the prefix shifted.
  CHECK(Cidr::Parse("::ffff:192.0.2.0/120")->ToString() == "192.0.2.0/24");
  CHECK(Cidr::Parse("::ffff:192.0.2.0/120")->Contains(*IpAddress::Parse("192.0.2.9")));

  for (const char* bad : {"203.0.113.0/33", "203.0.113.0/-1", "203.0.113.0/", "203.0.113.0/2a", "2001:db8::/129",
                          "::ffff:192.0.2.0/95", "nonsense/8", "*"}) {
    INFO(bad);
    CHECK_FALSE(Cidr::Parse(bad));
  }
}

TEST_CASE("the enclosing networks of an address are the blocklist lookup keys, most specific first") {
  auto v4 = EnclosingNetworks(*IpAddress::Parse("203.0.113.77"));
  REQUIRE(v4.size() == 33);
  CHECK(v4.front() == "203.0.113.77/32");
  CHECK(v4[8] == "203.0.113.0/24");
  CHECK(v4[24] == "203.0.0.0/8");
  CHECK(v4.back() == "0.0.0.0/0");
  // Every key is exactly what Cidr::ToString makes of an entry that contains the address.
  CHECK(std::find(v4.begin(), v4.end(), Cidr::Parse("203.0.113.64/26")->ToString()) != v4.end());

  auto v6 = EnclosingNetworks(*IpAddress::Parse("2001:db8::1"));
  REQUIRE(v6.size() == 129);
  CHECK(v6.front() == "2001:db8::1/128");
  CHECK(std::find(v6.begin(), v6.end(), "2001:db8::/32") != v6.end());
  CHECK(v6.back() == "::/0");
}
