// What `lab` needs from the machine before it touches anything: root, and the programs
// it runs (each named with the Debian package that provides it). Depends on core.
#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"

namespace scsctl::lab {

/// The programs the lab runs and their Debian packages (docs/lab.md lists the same).
struct Tool {
    const char* program;
    const char* package;
};
const std::vector<Tool>& lab_tools();

/// Fails unless running as root (effective uid 0). The CLI calls the checks of this file
/// first and exits 9 (core::k_exit_environment) on their failure; inside lab/ they are a
/// second line of defence (kind usage).
core::Result<void> require_root(const std::string& command);

/// Fails naming every missing program and the packages to install.
/// `need_mmdebstrap`: only when a base image has to be built.
core::Result<void> require_tools(bool need_mmdebstrap);

/// A lab directory made absolute and normalised; fails (kind usage) when it holds
/// characters the overlay mount options cannot carry (',', ':', newline).
core::Result<std::string> lab_directory(const std::string& dir);

} // namespace scsctl::lab
