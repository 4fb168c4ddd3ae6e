// Printing diagnostics as JSON.
#include "cli/diagnostics_json.hpp"

#include <cstdio>

#include "core/value.hpp"

namespace scsctl::cli {

void print_diagnostics_json(const core::Diagnostics& diagnostics)
{
    core::Value list = core::Value::array();
    for (const auto& item : diagnostics.sorted()) {
        core::Value entry = core::Value::object();
        entry["severity"] = item.severity == core::Severity::error ? "error" : "warning";
        entry["file"] = item.where.file;
        entry["line"] = item.where.line;
        entry["column"] = item.where.column;
        entry["message"] = item.message;
        list.push_back(std::move(entry));
    }
    std::fputs((list.dump(2) + "\n").c_str(), stdout);
}

} // namespace scsctl::cli
