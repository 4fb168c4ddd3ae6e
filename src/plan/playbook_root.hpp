// Where the layers' playbooks are: one root directory holding <layer>/deploy.yml,
// upgrade.yml, destroy.yml. Searched in order: --playbook-dir, $SCSCTL_LAYER_PLAYBOOKS,
// <dir of the executable>/../share/scsctl/playbooks (an installed scsctl), the source
// tree's playbooks/ (a binary in its build tree). The first that exists is used for every
// layer. Depends on core.
#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"

namespace scsctl::plan {

struct PlaybookSearch {
    std::string flag;        ///< --playbook-dir ("" when not given)
    std::string environment; ///< $SCSCTL_LAYER_PLAYBOOKS ("" when unset)
    std::string executable;  ///< the running binary's path
    std::string source_dir;  ///< the source tree compiled in ("" for none)
};

/// The candidates in search order, each with where it came from ("--playbook-dir", ...).
struct RootCandidate {
    std::string path;
    std::string origin;
};
std::vector<RootCandidate> playbook_root_candidates(const PlaybookSearch& search);

/// The first candidate that is a directory. A --playbook-dir or $SCSCTL_LAYER_PLAYBOOKS
/// that is not a directory is an error (usage) naming it: the user asked for it.
core::Result<std::string> find_playbook_root(const PlaybookSearch& search);

} // namespace scsctl::plan
