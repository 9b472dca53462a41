#pragma once
// Test helpers for the adapters' integration tests: free loopback ports, child processes, a Mosquitto
// broker started on a free port with a temporary configuration, and a thread-safe collecting sink.
// Every wait is bounded.

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "safeloop/core/status.hpp"
#include "safeloop/iot_adapters/sink.hpp"

namespace safeloop::iot::testing {

/// A port nobody listens on right now (bind 127.0.0.1:0, read it, close).
int FreeLoopbackPort();
/// Whether something accepts TCP connections on 127.0.0.1:port.
bool PortAccepts(int port);
/// Polls `condition` every 10 ms until it holds or `timeout` passes; returns its last value.
bool WaitFor(const std::function<bool()>& condition, std::chrono::milliseconds timeout);

/// A directory under $TMPDIR (or /tmp), removed with its files at destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

/// A child process with stdout and stderr in files; killed (SIGKILL) and reaped at destruction.
class ChildProcess {
 public:
  ChildProcess() = default;
  static Result<ChildProcess> Spawn(const std::vector<std::string>& argv, const std::string& stdout_path,
                                    const std::string& stderr_path);
  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&& other) noexcept;
  ~ChildProcess();

  pid_t pid() const { return pid_; }
  bool running() const { return pid_ > 0; }
  void Signal(int sig) const;
  /// The exit status (as waitpid reports it) once the process ended within `timeout`.
  std::optional<int> Wait(std::chrono::milliseconds timeout);
  /// SIGTERM, then SIGKILL after `grace`; returns the status.
  std::optional<int> Stop(std::chrono::milliseconds grace = std::chrono::seconds(5));

 private:
  pid_t pid_ = -1;
};

/// /usr/sbin/mosquitto (or $SAFELOOP_MOSQUITTO_BIN) on 127.0.0.1 and a free port: anonymous, no
/// persistence. Stop and Start again to simulate a broker restart on the same port.
class MosquittoBroker {
 public:
  MosquittoBroker();
  ~MosquittoBroker();
  /// Starts and waits until it accepts connections (10 s at most).
  Status Start();
  void Stop();
  int port() const { return port_; }
  /// The broker's log so far (for failure messages).
  std::string Log() const;

 private:
  TempDir dir_;
  int port_;
  ChildProcess process_;
};

/// Reads a whole file ("" when missing).
std::string ReadFile(const std::string& path);

/// Collects everything an adapter delivers.
class CollectingSink : public ReadingSink {
 public:
  void OnReadings(std::vector<Reading> readings) override;
  void OnError(const IngestError& error) override;

  std::vector<Reading> readings() const;
  std::vector<IngestError> errors() const;
  std::size_t reading_count() const;
  std::size_t error_count(IngestErrorKind kind) const;
  /// The latest reading of each point.
  std::map<std::string, Reading> latest() const;
  std::optional<Reading> Latest(const std::string& point_id) const;
  void Clear();

 private:
  mutable std::mutex mu_;
  std::vector<Reading> readings_;  // guarded by mu_
  std::vector<IngestError> errors_;
};

}  // namespace safeloop::iot::testing
