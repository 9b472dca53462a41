#include "modbus_server.hpp"

#include <arpa/inet.h>
#include <modbus/modbus.h>
#include <netinet/in.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "safeloop/core/log.hpp"

namespace safeloop::simulator {
namespace {

constexpr const char* kComponent = "simulator.modbus";
constexpr int kHeaderLength = 7;  // MBAP: transaction id, protocol id, length, unit id

// A response to a read request with one register (or one byte of bits) more than asked for: well framed,
// so the client reads all of it, but its count contradicts the request.
std::vector<std::uint8_t> MalformedReply(const std::uint8_t* query, int length) {
  if (length < kHeaderLength + 5) return {};
  const std::uint8_t function = query[kHeaderLength];
  const int count = (query[kHeaderLength + 3] << 8) | query[kHeaderLength + 4];
  int data_bytes = 0;
  if (function == 0x01 || function == 0x02) {
    data_bytes = (count + 7) / 8 + 1;
  } else if (function == 0x03 || function == 0x04) {
    data_bytes = 2 * count + 2;
  } else {
    return {};
  }
  data_bytes = std::min(data_bytes, 252);
  const int pdu_and_unit = 1 + 1 + 1 + data_bytes;  // unit, function, byte count, data
  std::vector<std::uint8_t> out{query[0], query[1], 0, 0, static_cast<std::uint8_t>(pdu_and_unit >> 8),
                                static_cast<std::uint8_t>(pdu_and_unit & 0xFF), query[6], function,
                                static_cast<std::uint8_t>(data_bytes)};
  out.resize(out.size() + static_cast<std::size_t>(data_bytes), 0x5A);
  return out;
}

}  // namespace

struct ModbusServer::Impl {
  modbus_mapping_t* mapping = nullptr;
  modbus_t* ctx = nullptr;
  int listen_fd = -1;
  std::vector<int> client_fds;

  ~Impl() {
    if (mapping != nullptr) modbus_mapping_free(mapping);
  }
};

ModbusServer::ModbusServer(ModbusServerOptions options) : options_(std::move(options)), impl_(std::make_unique<Impl>()) {
  impl_->mapping = modbus_mapping_new(options_.coils, options_.discrete_inputs, options_.holding_registers,
                                      options_.input_registers);
}

ModbusServer::~ModbusServer() { Stop(); }

Result<int> ModbusServer::Start() {
  if (running_) return port_.load();
  if (impl_->mapping == nullptr) return Internal("libmodbus could not allocate the register tables");
  impl_->ctx = modbus_new_tcp(options_.host.c_str(), options_.port);
  if (impl_->ctx == nullptr) return InvalidArgument("libmodbus refused the address " + options_.host, "host");
  impl_->listen_fd = modbus_tcp_listen(impl_->ctx, options_.max_clients);
  if (impl_->listen_fd == -1) {
    const std::string error = modbus_strerror(errno);
    modbus_free(impl_->ctx);
    impl_->ctx = nullptr;
    return Unavailable("cannot listen on " + options_.host + ":" + std::to_string(options_.port) + ": " + error);
  }
  sockaddr_in addr{};
  socklen_t len = sizeof addr;
  if (getsockname(impl_->listen_fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    // Remember an ephemeral port so that a restart comes back where the clients expect it.
    options_.port = ntohs(addr.sin_port);
  }
  port_ = options_.port;
  stop_ = false;
  running_ = true;
  thread_ = std::thread([this] { Serve(); });
  LogInfo(kComponent, "listening", {{"address", options_.host + ":" + std::to_string(options_.port)}});
  return options_.port;
}

void ModbusServer::Stop() {
  if (!running_) return;
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  for (int fd : impl_->client_fds) close(fd);
  impl_->client_fds.clear();
  clients_ = 0;
  if (impl_->listen_fd >= 0) close(impl_->listen_fd);
  impl_->listen_fd = -1;
  modbus_free(impl_->ctx);  // its socket was one of the client sockets, closed above
  impl_->ctx = nullptr;
  running_ = false;
  LogInfo(kComponent, "stopped", {{"port", options_.port}});
}

void ModbusServer::Serve() {
  std::vector<std::uint8_t> query(MODBUS_TCP_MAX_ADU_LENGTH);
  Impl& m = *impl_;
  while (!stop_) {
    fd_set readable;
    FD_ZERO(&readable);
    FD_SET(m.listen_fd, &readable);
    int max_fd = m.listen_fd;
    for (int fd : m.client_fds) {
      FD_SET(fd, &readable);
      max_fd = std::max(max_fd, fd);
    }
    timeval timeout{0, 50'000};  // wake up regularly to notice Stop()
    const int ready = select(max_fd + 1, &readable, nullptr, nullptr, &timeout);
    if (ready <= 0) continue;

    if (FD_ISSET(m.listen_fd, &readable)) {
      const int fd = accept4(m.listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd >= 0) {
        if (static_cast<int>(m.client_fds.size()) >= options_.max_clients || fd >= FD_SETSIZE) {
          close(fd);
        } else {
          m.client_fds.push_back(fd);
          clients_ = static_cast<int>(m.client_fds.size());
        }
      }
    }
    for (std::size_t i = 0; i < m.client_fds.size();) {
      const int fd = m.client_fds[i];
      if (!FD_ISSET(fd, &readable)) {
        ++i;
        continue;
      }
      modbus_set_socket(m.ctx, fd);
      const int rc = modbus_receive(m.ctx, query.data());
      if (rc == -1) {  // closed by the client, or a frame libmodbus cannot parse
        close(fd);
        m.client_fds.erase(m.client_fds.begin() + static_cast<long>(i));
        clients_ = static_cast<int>(m.client_fds.size());
        continue;
      }
      ++i;
      if (rc == 0) continue;  // a request for another unit: ignored
      ++requests_;
      switch (fault_.load()) {
        case ServerFault::kNoReply: break;
        case ServerFault::kMalformedReply: {
          const std::vector<std::uint8_t> reply = MalformedReply(query.data(), rc);
          if (!reply.empty()) {
            (void)send(fd, reply.data(), reply.size(), MSG_NOSIGNAL);
            break;
          }
          std::lock_guard lock(mu_);
          modbus_reply(m.ctx, query.data(), rc, m.mapping);
          break;
        }
        case ServerFault::kExceptionReply:
          modbus_reply_exception(m.ctx, query.data(), MODBUS_EXCEPTION_SLAVE_OR_SERVER_FAILURE);
          break;
        case ServerFault::kNone: {
          std::lock_guard lock(mu_);
          modbus_reply(m.ctx, query.data(), rc, m.mapping);
          break;
        }
      }
    }
  }
}

Status ModbusServer::WriteRegisters(iot::RegisterTable table, int address, std::span<const std::uint16_t> words) {
  if (iot::IsBitTable(table)) return InvalidArgument("coils and discrete inputs hold bits", "table");
  std::lock_guard lock(mu_);
  modbus_mapping_t* map = impl_->mapping;
  const bool holding = table == iot::RegisterTable::kHoldingRegister;
  const int size = holding ? map->nb_registers : map->nb_input_registers;
  std::uint16_t* base = holding ? map->tab_registers : map->tab_input_registers;
  if (address < 0 || address + static_cast<int>(words.size()) > size) {
    return {StatusCode::kOutOfRange, "the table has " + std::to_string(size) + " registers", "address"};
  }
  std::copy(words.begin(), words.end(), base + address);
  return Status::Ok();
}

Status ModbusServer::WriteBit(iot::RegisterTable table, int address, bool value) {
  if (!iot::IsBitTable(table)) return InvalidArgument("registers hold words", "table");
  std::lock_guard lock(mu_);
  modbus_mapping_t* map = impl_->mapping;
  const bool coil = table == iot::RegisterTable::kCoil;
  const int size = coil ? map->nb_bits : map->nb_input_bits;
  std::uint8_t* base = coil ? map->tab_bits : map->tab_input_bits;
  if (address < 0 || address >= size) {
    return {StatusCode::kOutOfRange, "the table has " + std::to_string(size) + " bits", "address"};
  }
  base[address] = value ? 1 : 0;
  return Status::Ok();
}

Status ModbusServer::WriteValue(const iot::RegisterPoint& point, double value) {
  if (point.type == iot::DataType::kBool) return WriteBit(point.table, point.address, value != 0);
  Result<iot::RegisterWords> words = iot::EncodeValue(value, point);
  if (!words.ok()) return words.status();
  return WriteRegisters(point.table, point.address,
                        std::span<const std::uint16_t>(words->data(), static_cast<std::size_t>(iot::RegisterWidth(point.type))));
}

}  // namespace safeloop::simulator
