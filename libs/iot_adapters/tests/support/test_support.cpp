#include "test_support.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

extern char** environ;

namespace safeloop::iot::testing {

int FreeLoopbackPort() {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    socklen_t len = sizeof addr;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

bool PortAccepts(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

bool WaitFor(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return condition();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string templ = std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/safeloop-iot-XXXXXX";
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  if (mkdtemp(buf.data()) != nullptr) path_ = buf.data();
}

TempDir::~TempDir() {
  if (path_.empty()) return;
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

Result<ChildProcess> ChildProcess::Spawn(const std::vector<std::string>& argv, const std::string& stdout_path,
                                         const std::string& stderr_path) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  // The test binary may run with signals blocked; the child starts with a clean mask.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t empty;
  sigemptyset(&empty);
  posix_spawnattr_setsigmask(&attr, &empty);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, args[0], &actions, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) return Internal("cannot start " + argv[0] + ": " + std::strerror(rc));
  ChildProcess p;
  p.pid_ = pid;
  return p;
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept : pid_(other.pid_) { other.pid_ = -1; }

ChildProcess& ChildProcess::operator=(ChildProcess&& other) noexcept {
  if (this != &other) {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    pid_ = other.pid_;
    other.pid_ = -1;
  }
  return *this;
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

void ChildProcess::Signal(int sig) const {
  if (pid_ > 0) kill(pid_, sig);
}

std::optional<int> ChildProcess::Wait(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return std::nullopt;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    int status = 0;
    const pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      pid_ = -1;
      return status;
    }
    if (r < 0 && errno != EINTR) {
      pid_ = -1;
      return std::nullopt;
    }
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

std::optional<int> ChildProcess::Stop(std::chrono::milliseconds grace) {
  if (pid_ <= 0) return std::nullopt;
  kill(pid_, SIGCONT);  // a stopped process cannot handle SIGTERM
  kill(pid_, SIGTERM);
  if (auto status = Wait(grace)) return status;
  kill(pid_, SIGKILL);
  return Wait(std::chrono::seconds(5));
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

MosquittoBroker::MosquittoBroker() : port_(FreeLoopbackPort()) {}

MosquittoBroker::~MosquittoBroker() { Stop(); }

Status MosquittoBroker::Start() {
  if (process_.running()) return Status::Ok();
  if (dir_.path().empty()) return Internal("no temporary directory");
  const char* env_bin = std::getenv("SAFELOOP_MOSQUITTO_BIN");
  const std::string bin = env_bin != nullptr && *env_bin != '\0' ? env_bin : "/usr/sbin/mosquitto";
  if (access(bin.c_str(), X_OK) != 0) {
    return FailedPrecondition(bin + " is missing: install the Debian package mosquitto (tools/up does)");
  }
  const std::string conf = dir_.path() + "/mosquitto.conf";
  {
    std::ofstream out(conf);
    out << "listener " << port_ << " 127.0.0.1\n"
        << "allow_anonymous true\n"
        << "persistence false\n"
        << "log_dest stderr\n"
        << "log_type error\nlog_type warning\nlog_type notice\nlog_type information\n";
  }
  // Append: the log of a restarted broker follows the first one's.
  const std::string log = dir_.path() + "/mosquitto.log";
  auto spawned = ChildProcess::Spawn({bin, "-c", conf}, dir_.path() + "/mosquitto.out", log + ".tmp");
  if (!spawned.ok()) return spawned.status();
  process_ = std::move(*spawned);
  if (!WaitFor([&] { return PortAccepts(port_); }, std::chrono::seconds(10))) {
    return Unavailable("mosquitto did not accept connections on port " + std::to_string(port_) + ": " + Log());
  }
  return Status::Ok();
}

void MosquittoBroker::Stop() {
  if (!process_.running()) return;
  process_.Stop();
  // Keep the log of this run for failure messages.
  const std::string log = dir_.path() + "/mosquitto.log";
  std::ofstream(log, std::ios::app) << ReadFile(log + ".tmp");
}

std::string MosquittoBroker::Log() const {
  const std::string log = dir_.path() + "/mosquitto.log";
  return ReadFile(log) + ReadFile(log + ".tmp");
}

void CollectingSink::OnReadings(std::vector<Reading> readings) {
  std::lock_guard lock(mu_);
  for (Reading& r : readings) readings_.push_back(std::move(r));
}

void CollectingSink::OnError(const IngestError& error) {
  std::lock_guard lock(mu_);
  errors_.push_back(error);
}

std::vector<Reading> CollectingSink::readings() const {
  std::lock_guard lock(mu_);
  return readings_;
}

std::vector<IngestError> CollectingSink::errors() const {
  std::lock_guard lock(mu_);
  return errors_;
}

std::size_t CollectingSink::reading_count() const {
  std::lock_guard lock(mu_);
  return readings_.size();
}

std::size_t CollectingSink::error_count(IngestErrorKind kind) const {
  std::lock_guard lock(mu_);
  std::size_t n = 0;
  for (const IngestError& e : errors_) n += e.kind == kind ? 1 : 0;
  return n;
}

std::map<std::string, Reading> CollectingSink::latest() const {
  std::lock_guard lock(mu_);
  std::map<std::string, Reading> out;
  for (const Reading& r : readings_) out[r.point_id] = r;
  return out;
}

std::optional<Reading> CollectingSink::Latest(const std::string& point_id) const {
  std::lock_guard lock(mu_);
  for (auto it = readings_.rbegin(); it != readings_.rend(); ++it) {
    if (it->point_id == point_id) return *it;
  }
  return std::nullopt;
}

void CollectingSink::Clear() {
  std::lock_guard lock(mu_);
  readings_.clear();
  errors_.clear();
}

}  // namespace safeloop::iot::testing
