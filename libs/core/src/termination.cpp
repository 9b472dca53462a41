#include "safeloop/core/termination.hpp"

#include <pthread.h>

#include <csignal>

#include "safeloop/core/log.hpp"

namespace safeloop {
namespace {
sigset_t TerminationSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}
}  // namespace

void BlockTerminationSignals() {
  sigset_t set = TerminationSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

int WaitForTerminationSignal() {
  sigset_t set = TerminationSignals();
  int signal = 0;
  sigwait(&set, &signal);
  LogInfo("process", "termination signal received, draining", {{"signal", signal}});
  return signal;
}

}  // namespace safeloop
