// The process exit codes of scsctl, as documented in docs/exit-codes.md.
#pragma once

namespace scsctl::core {

inline constexpr int k_exit_ok = 0;
inline constexpr int k_exit_failed = 1;      ///< one or more tasks or commands failed
inline constexpr int k_exit_usage = 2;       ///< usage, inventory or configuration error
inline constexpr int k_exit_unreachable = 3; ///< one or more hosts unreachable
inline constexpr int k_exit_lock_held = 4;   ///< the inventory lock is held by another run
inline constexpr int k_exit_plan_stale = 5;  ///< deploy PLAN.json: the inventory or playbooks changed since
inline constexpr int k_exit_gate_failed = 6; ///< deploy: a layer's health gate failed; later layers did not run
inline constexpr int k_exit_dependency = 7;  ///< deploy: a layer's dependency was never deployed (no --force)
inline constexpr int k_exit_plugin = 8;      ///< an external layer plugin crashed, hung or broke the protocol
inline constexpr int k_exit_environment = 9; ///< not root, or a program the command needs is missing
inline constexpr int k_exit_internal = 70;   ///< a bug in scsctl (EX_SOFTWARE)
inline constexpr int k_exit_interrupted = 130;
inline constexpr int k_exit_terminated = 143;

} // namespace scsctl::core
