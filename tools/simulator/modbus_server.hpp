#pragma once
// A Modbus TCP server (libmodbus) on a loopback port that serves the simulated plant's registers: one
// thread multiplexes every client with select(), the plant writes values into the register tables between
// requests. Test hooks make it misbehave like real devices do: stop answering, answer with a frame that
// does not match the request, or answer every request with an exception.

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <thread>

#include "safeloop/core/status.hpp"
#include "safeloop/iot_domain/registers.hpp"

namespace safeloop::simulator {

struct ModbusServerOptions {
  std::string host = "127.0.0.1";  ///< loopback only, like every SafeLoop server
  int port = 0;                    ///< 0: an ephemeral port (see ModbusServer::port())
  int max_clients = 16;
  int holding_registers = 1024;  ///< table sizes: reads beyond them get ILLEGAL DATA ADDRESS
  int input_registers = 1024;
  int coils = 1024;
  int discrete_inputs = 1024;
};

enum class ServerFault {
  kNone,
  kNoReply,         ///< read requests but never answer (a hung device, or a lost network path)
  kMalformedReply,  ///< answer with one register (or byte) more than asked for
  kExceptionReply,  ///< answer every request with exception 04 (server device failure)
};

class ModbusServer {
 public:
  explicit ModbusServer(ModbusServerOptions options = {});
  ~ModbusServer();  ///< Stop()
  ModbusServer(const ModbusServer&) = delete;
  ModbusServer& operator=(const ModbusServer&) = delete;

  /// Binds and starts serving; returns the port. After a Stop(), starting again binds the same port (a
  /// device restart). UNAVAILABLE when the port cannot be bound. The register values survive restarts.
  Result<int> Start();
  /// Closes the listening socket and every client connection, and joins the thread. Idempotent.
  void Stop();
  bool running() const { return running_.load(); }
  int port() const { return port_.load(); }

  /// Writes registers (holding or input) or bits (coil or discrete input) of the tables.
  /// OUT_OF_RANGE past the configured table size.
  Status WriteRegisters(iot::RegisterTable table, int address, std::span<const std::uint16_t> words);
  Status WriteBit(iot::RegisterTable table, int address, bool value);
  /// Encodes `value` as `point` describes it (libs/iot_domain) and writes it.
  Status WriteValue(const iot::RegisterPoint& point, double value);

  /// Makes the server misbehave from the next request on (kNone: behave again).
  void SetFaultForTest(ServerFault fault) { fault_ = fault; }
  std::uint64_t requests() const { return requests_.load(); }
  int clients() const { return clients_.load(); }

 private:
  struct Impl;
  void Serve();

  ModbusServerOptions options_;
  std::unique_ptr<Impl> impl_;
  std::mutex mu_;  // guards the register tables (impl_->mapping) between the plant and the server thread
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> running_{false};
  std::atomic<int> port_{0};
  std::atomic<ServerFault> fault_{ServerFault::kNone};
  std::atomic<std::uint64_t> requests_{0};
  std::atomic<int> clients_{0};
};

}  // namespace safeloop::simulator
