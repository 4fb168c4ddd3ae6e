// The backup an upgrade takes before it changes anything: the layer's backup.yml (Ceph:
// a monitor store, OVN: the NB and SB databases, KVM: libvirt's configuration) run with
// `scsctl_backup_dir` set to a new directory on the controller, which its fetch tasks
// fill: --backup-dir, else `backups/` beside the journal file, one directory per run,
// readable by its owner only (it holds keys). Depends on cli.
#pragma once

#include <expected>
#include <string>

#include "cli/layer_action.hpp"

namespace scsctl::cli {

/// Makes <base>/<layer>/<UTC time>-run<N> (mode 0700) and runs backup.yml into it; the
/// directory, or the exit code (2 when there is nowhere to put it, the run's code when
/// a task failed: nothing was upgraded then). A layer without backup.yml has nothing to
/// back up: "" is returned.
std::expected<std::string, int> back_up_layer(LayerAction& action, const std::string& backup_dir_flag,
                                              const std::string& state_flag);

} // namespace scsctl::cli
