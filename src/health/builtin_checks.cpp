// The built-in check table. A row is {layer, factory}; the layers' own checks (libvirt
// reachable, ceph health, OVN databases) will be rows here.
#include "health/builtin_checks.hpp"

namespace scsctl::health {

namespace {

struct BuiltinCheckRow {
    std::string_view layer;
    std::unique_ptr<HealthCheck> (*make)();
};

constexpr BuiltinCheckRow k_rows[] = {
    {"", nullptr}, // placeholder row: no built-in check exists yet
};

} // namespace

std::vector<std::unique_ptr<HealthCheck>> builtin_checks(std::string_view layer)
{
    std::vector<std::unique_ptr<HealthCheck>> checks;
    for (const auto& row : k_rows) {
        if (row.make != nullptr && row.layer == layer) {
            checks.push_back(row.make());
        }
    }
    return checks;
}

} // namespace scsctl::health
