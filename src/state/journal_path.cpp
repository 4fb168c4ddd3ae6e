// The default journal path.
#include "state/journal_path.hpp"

#include <filesystem>

namespace scsctl::state {

std::optional<std::string> default_journal_path(const std::string& first_inventory)
{
    namespace fs = std::filesystem;
    std::error_code error;
    const fs::path source = fs::absolute(first_inventory, error).lexically_normal();
    if (error || !fs::exists(source, error)) {
        return std::nullopt;
    }
    const fs::path dir = fs::is_directory(source, error) ? source : source.parent_path();
    return (dir / ".scsctl" / "state.db").string();
}

} // namespace scsctl::state
