// What copy and template share: given the new content of one file, probe the
// destination (dest, dest/<basename> when dest is a directory, the parent, checksums)
// and decide upload, attribute change or nothing. Depends on the modules helpers.
#pragma once

#include <optional>
#include <string>

#include "core/result.hpp"
#include "modules/file_write.hpp"
#include "modules/module.hpp"

namespace scsctl::modules {

struct CopyRequest {
    std::string dest;
    std::string basename;      ///< the source's file name, for a directory dest; "" for content
    std::string content;       ///< the new bytes
    std::string src_label;     ///< the "src" result key / diff header ("" for content)
    FileAttrs attrs;
    bool backup = false;
    bool force = true;
    std::optional<std::string> validate;
};

/// The read-only probe for `request` (content is not needed to build it).
std::string copy_probe(const CopyRequest& request, const TaskContext& context);

/// Decide from the probe's output. Errors in the probe become failed decisions.
core::Result<Decision> decide_copy(const CopyRequest& request, const StepResult& probe, const TaskContext& context);

} // namespace scsctl::modules
