// D/inventory.yml: an Ansible/scsctl YAML inventory of the lab's hosts (address, root
// login with the lab's key, the pinned known_hosts) and, unless asked not to, the
// region groups of docs/layers.md assigned for N hosts. Pure; depends on the lab state.
#pragma once

#include <string>

#include "lab/lab_state.hpp"

namespace scsctl::lab {

/// The OSD backing file every host of ceph_osd gets in `ceph_osd_devices`.
inline constexpr const char* k_lab_osd_device = "/var/lib/scsctl-lab/ceph-osd0.img";

/// The inventory text for `state`; `with_groups` adds the layer groups.
std::string inventory_yaml(const LabState& state, bool with_groups);

} // namespace scsctl::lab
