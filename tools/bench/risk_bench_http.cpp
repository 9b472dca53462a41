// A minimal blocking HTTP/1.1 client for the risk benchmark: keep-alive GET, Content-Length and chunked
// bodies, and server-sent events. Only what the gateway answers is supported (no redirects, no TLS).

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "risk_bench.hpp"

namespace safeloop::bench {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string Trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

[[noreturn]] void Fail(const std::string& what) { throw std::runtime_error(what + ": " + std::strerror(errno)); }

}  // namespace

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  auto index = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(index, v.size() - 1)];
}

std::string HttpResponse::Header(const std::string& lower_name) const {
  for (const auto& [k, v] : headers) {
    if (k == lower_name) return v;
  }
  return "";
}

HttpConnection::HttpConnection(std::string host, int port, std::string source_ip)
    : host_(std::move(host)), port_(port), source_ip_(std::move(source_ip)) {}

HttpConnection::~HttpConnection() { Close(); }

void HttpConnection::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  buffer_.clear();
  pos_ = 0;
}

void HttpConnection::Shutdown() {
  if (fd_ >= 0) ::shutdown(fd_, SHUT_RDWR);
}

void HttpConnection::Connect(std::chrono::milliseconds timeout) {
  Close();
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) Fail("socket");
  int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (!source_ip_.empty()) {
    sockaddr_in local{};
    local.sin_family = AF_INET;
    if (::inet_pton(AF_INET, source_ip_.c_str(), &local.sin_addr) != 1) throw std::runtime_error("bad source " + source_ip_);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) Fail("bind " + source_ip_);
  }
  sockaddr_in remote{};
  remote.sin_family = AF_INET;
  remote.sin_port = htons(static_cast<std::uint16_t>(port_));
  if (::inet_pton(AF_INET, host_.c_str(), &remote.sin_addr) != 1) throw std::runtime_error("bad host " + host_);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&remote), sizeof remote) != 0) Fail("connect " + host_);
  timeval tv{};
  tv.tv_sec = static_cast<long>(timeout.count() / 1000);
  tv.tv_usec = static_cast<long>((timeout.count() % 1000) * 1000);
  ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

void HttpConnection::SendRequest(const std::string& target, const std::vector<std::string>& headers) {
  std::string req = "GET " + target + " HTTP/1.1\r\nHost: " + host_ + ":" + std::to_string(port_) + "\r\n";
  for (const auto& h : headers) req += h + "\r\n";
  req += "\r\n";
  std::size_t sent = 0;
  while (sent < req.size()) {
    auto n = ::send(fd_, req.data() + sent, req.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) Fail("send");
    sent += static_cast<std::size_t>(n);
  }
}

bool HttpConnection::Fill() {
  if (pos_ > 0 && pos_ == buffer_.size()) {
    buffer_.clear();
    pos_ = 0;
  }
  char chunk[65536];
  auto n = ::recv(fd_, chunk, sizeof chunk, 0);
  if (n < 0) Fail("recv");
  if (n == 0) return false;
  buffer_.append(chunk, static_cast<std::size_t>(n));
  return true;
}

std::string HttpConnection::ReadLine() {
  for (;;) {
    auto eol = buffer_.find("\r\n", pos_);
    if (eol != std::string::npos) {
      std::string line = buffer_.substr(pos_, eol - pos_);
      pos_ = eol + 2;
      return line;
    }
    if (!Fill()) throw std::runtime_error("connection closed mid-line");
  }
}

std::string HttpConnection::ReadExactly(std::size_t n) {
  while (buffer_.size() - pos_ < n) {
    if (!Fill()) throw std::runtime_error("connection closed mid-body");
  }
  std::string out = buffer_.substr(pos_, n);
  pos_ += n;
  return out;
}

HttpResponse HttpConnection::ReadHead() {
  HttpResponse r;
  std::string status = ReadLine();
  if (status.rfind("HTTP/1.", 0) != 0 || status.size() < 12) throw std::runtime_error("bad status line: " + status);
  r.status = std::stoi(status.substr(9, 3));
  for (std::string line = ReadLine(); !line.empty(); line = ReadLine()) {
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    r.headers.emplace_back(Lower(line.substr(0, colon)), Trim(line.substr(colon + 1)));
  }
  return r;
}

HttpResponse HttpConnection::Get(const std::string& target, const std::vector<std::string>& headers,
                                 std::chrono::milliseconds timeout) {
  for (int attempt = 0;; ++attempt) {
    bool fresh = fd_ < 0;
    if (fresh) Connect(timeout);
    try {
      SendRequest(target, headers);
      HttpResponse r = ReadHead();
      if (Lower(r.Header("transfer-encoding")).find("chunked") != std::string::npos) {
        for (;;) {
          auto size = std::stoul(ReadLine(), nullptr, 16);
          if (size == 0) {
            while (!ReadLine().empty()) {
            }
            break;
          }
          r.body += ReadExactly(size);
          ReadLine();
        }
      } else if (auto length = r.Header("content-length"); !length.empty()) {
        r.body = ReadExactly(std::stoul(length));
      } else {
        while (Fill()) {
        }
        r.body = buffer_.substr(pos_);
        Close();
      }
      if (Lower(r.Header("connection")) == "close") Close();
      return r;
    } catch (const std::exception&) {
      Close();
      // A kept-alive connection the server closed meanwhile: retry once on a fresh one.
      if (fresh || attempt > 0) throw;
    }
  }
}

int HttpConnection::Stream(const std::string& target, const std::vector<std::string>& headers,
                           const std::function<bool(const std::string&, const std::string&, SteadyClock::time_point)>& on_event) {
  Connect(std::chrono::milliseconds(30000));
  SendRequest(target, headers);
  HttpResponse head = ReadHead();
  if (head.status != 200) return head.status;
  bool chunked = Lower(head.Header("transfer-encoding")).find("chunked") != std::string::npos;
  std::string events;  // de-chunked SSE text not yet split into events
  auto drain = [&](SteadyClock::time_point at) {
    for (;;) {
      auto end = events.find("\n\n");
      if (end == std::string::npos) return true;
      std::string block = events.substr(0, end);
      events.erase(0, end + 2);
      std::string name, data;
      std::size_t start = 0;
      while (start <= block.size()) {
        auto eol = block.find('\n', start);
        std::string line = block.substr(start, eol == std::string::npos ? std::string::npos : eol - start);
        if (line.rfind("event:", 0) == 0) name = Trim(line.substr(6));
        if (line.rfind("data:", 0) == 0) data += Trim(line.substr(5));
        if (eol == std::string::npos) break;
        start = eol + 1;
      }
      if (!name.empty() && !on_event(name, data, at)) return false;
    }
  };
  try {
    if (!chunked) {
      events = buffer_.substr(pos_);
      pos_ = buffer_.size();
      for (;;) {
        if (!drain(SteadyClock::now())) return 200;
        if (!Fill()) return 200;
        events += buffer_.substr(pos_);
        pos_ = buffer_.size();
      }
    }
    for (;;) {
      auto size = std::stoul(ReadLine(), nullptr, 16);
      if (size == 0) return 200;
      events += ReadExactly(size);
      ReadLine();
      if (!drain(SteadyClock::now())) return 200;
    }
  } catch (const std::exception&) {
    return 200;  // closed by Shutdown() or by the server
  }
}

}  // namespace safeloop::bench
