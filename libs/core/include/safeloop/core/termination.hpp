#pragma once
/// @file termination.hpp
/// Graceful shutdown on SIGTERM/SIGINT (Kubernetes sends SIGTERM, then SIGKILL after the grace period).
/// Call BlockTerminationSignals() first thing in main, before any thread starts, so every thread inherits
/// the blocked mask; then WaitForTerminationSignal() on the main thread takes the signal synchronously
/// (no async-signal-safety concerns) and main drains and exits.

namespace safeloop {

void BlockTerminationSignals();
/// Blocks until SIGTERM or SIGINT; returns the signal number.
int WaitForTerminationSignal();

}  // namespace safeloop
