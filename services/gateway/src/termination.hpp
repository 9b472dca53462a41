#pragma once
// Clean shutdown on SIGTERM/SIGINT: block them in every thread (call before starting any), then wait.

namespace safeloop::gateway {

/// Blocks SIGTERM and SIGINT in the calling thread and every thread it starts afterwards.
void BlockTerminationSignals();
/// Waits for SIGTERM or SIGINT; returns the signal number.
int WaitForTerminationSignal();

}  // namespace safeloop::gateway
