// The connection variables of a host as Ansible uses them: templated. A host may say
// `ansible_become_password: "{{ vault_sudo_password }}"` or `ansible_host: "{{ mgmt_ip }}"`;
// the templates are rendered against the host's variables under the extra vars (-e and the
// secret store), before exec::connection_for reads them. Depends on core and vars.
#pragma once

#include <string>

#include "core/result.hpp"
#include "core/value.hpp"

namespace scsctl::exec {

/// `host_vars` with every `ansible_*` and `scsctl_*` string that holds a template rendered
/// (extra vars win over host vars, as in Ansible's precedence). A failed render names the
/// variable and the template error, never the values.
core::Result<core::Value> templated_connection_vars(const std::string& host, const core::Value& host_vars,
                                                    const core::Value& extra_vars);

} // namespace scsctl::exec
