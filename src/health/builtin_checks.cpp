// The built-in check table. A row is {layer, factory}; a factory reads what its check
// needs from the inventory (the OVN check: which chassis must be registered).
#include "health/builtin_checks.hpp"

#include "health/ceph_cluster_check.hpp"
#include "health/kvm_libvirt_check.hpp"
#include "health/ovn_chassis_check.hpp"

namespace scsctl::health {

namespace {

std::vector<std::string> hosts_of_group(const model::Inventory& inventory, const std::string& group)
{
    std::vector<std::string> names;
    if (const auto id = inventory.find_group(group)) {
        for (const auto host : inventory.hosts_of(*id)) {
            names.push_back(inventory.host(host).name);
        }
    }
    return names;
}

std::unique_ptr<HealthCheck> make_kvm_libvirt(const model::Inventory&)
{
    return std::make_unique<KvmLibvirtCheck>();
}

std::unique_ptr<HealthCheck> make_ceph_cluster(const model::Inventory&)
{
    return std::make_unique<CephClusterCheck>();
}

std::unique_ptr<HealthCheck> make_ovn_chassis(const model::Inventory& inventory)
{
    return std::make_unique<OvnChassisCheck>(hosts_of_group(inventory, "ovn_controller"));
}

struct BuiltinCheckRow {
    std::string_view layer;
    std::unique_ptr<HealthCheck> (*make)(const model::Inventory&);
};

constexpr BuiltinCheckRow k_rows[] = {
    {"kvm", make_kvm_libvirt},
    {"ceph", make_ceph_cluster},
    {"ovn", make_ovn_chassis},
};

} // namespace

std::vector<std::unique_ptr<HealthCheck>> builtin_checks(std::string_view layer, const model::Inventory& inventory)
{
    std::vector<std::unique_ptr<HealthCheck>> checks;
    for (const auto& row : k_rows) {
        if (row.layer == layer) {
            checks.push_back(row.make(inventory));
        }
    }
    return checks;
}

} // namespace scsctl::health
