// The built-in check table. A row is {layer, factory}; a factory reads what its check
// needs from the inventory (the OVN check: which chassis must be registered; the API
// checks: each host's URL, CA and token from the layer's variables).
#include "health/builtin_checks.hpp"

#include <map>

#include "health/api_endpoints.hpp"
#include "health/ceph_capacity_check.hpp"
#include "health/ceph_cluster_check.hpp"
#include "health/clock_skew.hpp"
#include "health/clock_skew_check.hpp"
#include "health/keycloak_oidc_check.hpp"
#include "health/kube_api_check.hpp"
#include "health/kvm_libvirt_check.hpp"
#include "health/openstack_api_check.hpp"
#include "health/ovn_chassis_check.hpp"
#include "health/ovn_cluster_check.hpp"
#include "inventory/host_vars.hpp"
#include "layers/var_locator.hpp"

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

std::unique_ptr<HealthCheck> make_ceph_capacity(const model::Inventory&)
{
    return std::make_unique<CephCapacityCheck>();
}

std::unique_ptr<HealthCheck> make_ovn_chassis(const model::Inventory& inventory)
{
    return std::make_unique<OvnChassisCheck>(hosts_of_group(inventory, "ovn_controller"));
}

/// ovn-raft when ovn_central has several hosts (a RAFT cluster); none for one central.
std::unique_ptr<HealthCheck> make_ovn_raft(const model::Inventory& inventory)
{
    const auto centrals = hosts_of_group(inventory, "ovn_central");
    if (centrals.size() < 2) {
        return nullptr;
    }
    return std::make_unique<OvnClusterCheck>(static_cast<int>(centrals.size()));
}

/// openstack-api when `openstack_cloud` names a clouds.yaml cloud (as the first
/// openstack_control host sees it); no check otherwise: the APIs are then not checked.
std::unique_ptr<HealthCheck> make_openstack_api(const model::Inventory& inventory)
{
    const auto group = inventory.find_group("openstack_control");
    if (!group || inventory.hosts_of(*group).empty()) {
        return nullptr;
    }
    const core::Value vars = inventory::effective_host_vars(inventory, inventory.hosts_of(*group).front());
    if (!vars.contains("openstack_cloud") || !vars["openstack_cloud"].is_string() ||
        vars["openstack_cloud"].get<std::string>().empty()) {
        return nullptr;
    }
    return std::make_unique<OpenStackApiCheck>(vars["openstack_cloud"].get<std::string>());
}

/// A variable of a host as text ("" when unset or null).
std::string var_text(const core::Value& vars, const char* name)
{
    const auto found = vars.find(name);
    if (found == vars.end() || found->is_null()) {
        return {};
    }
    return found->is_string() ? found->get<std::string>() : found->dump();
}

/// The endpoint of each host of `group`: `base(vars, address)` and the CA, token and extra variables.
template <typename Base>
std::map<std::string, ApiEndpoint> endpoints_of(const model::Inventory& inventory, const std::string& group,
                                                const char* ca, const char* token, Base base)
{
    std::map<std::string, ApiEndpoint> endpoints;
    if (const auto id = inventory.find_group(group)) {
        for (const auto host : inventory.hosts_of(*id)) {
            const auto& name = inventory.host(host).name;
            const auto vars = inventory::effective_host_vars(inventory, host);
            const auto address = var_text(vars, "ansible_host");
            ApiEndpoint endpoint;
            endpoint.ca_file = var_text(vars, ca);
            endpoint.token = token != nullptr ? var_text(vars, token) : std::string{};
            base(vars, address.empty() ? name : address, endpoint);
            endpoints.emplace(name, std::move(endpoint));
        }
    }
    return endpoints;
}

std::unique_ptr<HealthCheck> make_kube_api(const model::Inventory& inventory)
{
    return std::make_unique<KubeApiCheck>(endpoints_of(
        inventory, "k8s_control_plane", "k8s_api_ca", "k8s_api_token",
        [](const core::Value& vars, const std::string& address, ApiEndpoint& endpoint) {
            const auto port = var_text(vars, "k8s_api_port");
            endpoint.base_url = https_base(address, port.empty() ? "6443" : port);
        }));
}

std::unique_ptr<HealthCheck> make_keycloak_oidc(const model::Inventory& inventory)
{
    return std::make_unique<KeycloakOidcCheck>(
        endpoints_of(inventory, "keycloak", "keycloak_ca", nullptr,
                     [](const core::Value& vars, const std::string& address, ApiEndpoint& endpoint) {
                         auto url = var_text(vars, "keycloak_url");
                         while (url.ends_with("/")) {
                             url.pop_back();
                         }
                         endpoint.base_url = url.empty() ? https_base(address, "8443") : url;
                         const auto realm = var_text(vars, "keycloak_realm");
                         endpoint.extra = realm.empty() ? "scs" : realm;
                     }));
}

struct BuiltinCheckRow {
    std::string_view layer;
    std::unique_ptr<HealthCheck> (*make)(const model::Inventory&);
};

constexpr BuiltinCheckRow k_rows[] = {
    {"kvm", make_kvm_libvirt},
    {"ceph", make_ceph_cluster},
    {"ceph", make_ceph_capacity},
    {"ovn", make_ovn_chassis},
    {"ovn", make_ovn_raft},
    {"openstack", make_openstack_api},
    {"kubernetes", make_kube_api},
    {"keycloak", make_keycloak_oidc},
};

} // namespace

std::vector<std::unique_ptr<HealthCheck>> builtin_checks(std::string_view layer, const model::Inventory& inventory)
{
    std::vector<std::unique_ptr<HealthCheck>> checks;
    for (const auto& row : k_rows) {
        if (row.layer == layer) {
            if (auto check = row.make(inventory)) {
                checks.push_back(std::move(check));
            }
        }
    }
    return checks;
}

core::Result<std::unique_ptr<HealthCheck>> make_clock_skew_check(std::string layer, std::string hosts,
                                                                 const model::Inventory& inventory)
{
    const std::string variable(k_clock_skew_variable);
    const auto vars = inventory::effective_group_vars(inventory, model::Inventory::k_all);
    auto max_skew = core::Result<std::chrono::nanoseconds>(k_default_clock_skew_max);
    if (const auto found = vars.find(variable); found != vars.end() && !found->is_null()) {
        max_skew = parse_max_skew(variable, found->is_string() ? found->get<std::string>() : found->dump());
        if (!max_skew) {
            auto error = max_skew.error();
            error.where = layers::VarLocator(inventory).region_var(variable);
            return core::fail(std::move(error));
        }
    }
    return std::make_unique<ClockSkewCheck>(std::move(layer), std::move(hosts), *max_skew);
}

} // namespace scsctl::health
