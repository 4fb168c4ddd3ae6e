// The base root filesystem every lab host's overlay sits on: Debian 12 with systemd,
// sshd and (flavor full) the layers' packages preinstalled, their services disabled.
// Built once with mmdebstrap into a cache directory keyed by the recipe, so a changed
// package list builds a new one; built in a temporary directory and renamed, under a
// lock, so an interrupted build never leaves a broken cache and two `lab up` never
// build it twice. Depends on core.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace scsctl::lab {

enum class BaseFlavor { full, minimal };

/// "full" / "minimal"; parse fails (kind usage) on anything else.
std::string flavor_name(BaseFlavor flavor);
core::Result<BaseFlavor> parse_flavor(const std::string& text);

/// What goes into a base image: the packages and the apt options and sources used.
struct BaseRecipe {
    BaseFlavor flavor = BaseFlavor::full;
    std::vector<std::string> packages;   ///< --include, installed without recommends
    std::vector<std::string> apt_options; ///< --aptopt values (the machine's proxy and check options)
    std::string sources_file;            ///< the machine's sources file, "" for mmdebstrap's default
    std::string sources_text;            ///< its content (part of the cache key)
};

/// The packages of a flavor (minimal: systemd, dbus, openssh-server, iproute2, ...;
/// full: those plus KVM, Ceph and OVN).
std::vector<std::string> flavor_packages(BaseFlavor flavor);

/// The recipe for `flavor` using this machine's apt configuration.
BaseRecipe machine_recipe(BaseFlavor flavor);

/// The customize hooks run inside the new root (as shell commands for mmdebstrap).
std::vector<std::string> customize_hooks();

/// 16 hex digits over everything that changes the image (recipe version, packages,
/// options, sources, hooks).
std::string recipe_key(const BaseRecipe& recipe);

/// The cache directory: `override_dir`, else $SCSCTL_LAB_CACHE, else /var/cache/scsctl/lab.
std::string cache_dir(const std::string& override_dir);

/// Where the image for `recipe` lives (or will live) in `cache`: CACHE/base-FLAVOR-KEY.
std::string cached_base_path(const std::string& cache, const BaseRecipe& recipe);

using Progress = std::function<void(const std::string& line)>;

/// The base image directory for `recipe` in `cache`, building it first when missing.
/// Fails (kind failed) with mmdebstrap's last error lines; its full log is kept in
/// CACHE/build-KEY.log.
core::Result<std::string> ensure_base(const std::string& cache, const BaseRecipe& recipe, const Progress& progress);

} // namespace scsctl::lab
