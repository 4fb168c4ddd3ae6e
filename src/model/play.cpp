// Names of the variable tiers, as `vars --explain` prints them.
#include "model/play.hpp"

namespace scsctl::model {

const char* var_tier_name(VarTier tier)
{
    switch (tier) {
    case VarTier::role_defaults:
        return "role defaults";
    case VarTier::play_vars:
        return "play vars";
    case VarTier::vars_files:
        return "play vars_files";
    case VarTier::role_vars:
        return "role vars";
    case VarTier::role_params:
        return "role params";
    case VarTier::block_vars:
        return "block vars";
    case VarTier::task_vars:
        return "task vars";
    case VarTier::include_params:
        return "include params";
    }
    return "vars";
}

} // namespace scsctl::model
