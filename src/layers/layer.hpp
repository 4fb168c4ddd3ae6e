// The Layer descriptor: what one layer of a region (kvm, ceph, ...) declares about
// itself, as plain data (constexpr for built-ins, owned_descriptor.hpp for plugins), and
// the Layer interface that built-in and plugin layers share. Depends on the standard
// library only.
#pragma once

#include <span>
#include <string_view>

namespace scsctl::layers {

/// The type a layer expects of an inventory variable (checked by `scsctl validate`).
enum class VarType {
    string,      ///< a string (numbers are accepted: YAML reads 7.0 unquoted as a float)
    integer,     ///< an integer, or a string of decimal digits (INI)
    boolean,     ///< true/false, or the strings true/false/yes/no (any case)
    string_list, ///< a list of strings
    cidr,        ///< "ADDRESS/PREFIX", IPv4 or IPv6, host bits zero
    address,     ///< host name, IPv4 or IPv6, optional scheme https:// or ipmi:// and :port
    enumeration, ///< one of VarDecl::choices
};

/// Where a variable is read: once for the region (group 'all'), or per host of a group.
enum class VarScope { region, host };

struct VarDecl {
    std::string_view name = {};
    VarType type = VarType::string;
    VarScope scope = VarScope::region;
    std::string_view group = {};                    ///< for host scope: the hosts of this group need it
    bool required = false;                          ///< no default: the inventory must set it
    std::string_view fallback = {};                 ///< the default, as text ("" when none or derived)
    std::span<const std::string_view> choices = {}; ///< for enumeration
    bool non_empty = false;                         ///< for string_list: at least one item
    std::string_view description = {};
};

/// How many hosts a group needs.
enum class CountRule {
    any, ///< optional: zero hosts is fine
    at_least_one,
    odd, ///< an odd number, at least one (quorum: Ceph monitors)
};

struct GroupDecl {
    std::string_view name;
    CountRule count;
    std::string_view description = {};
};

/// One layer's declaration. Playbooks, health checks and secrets are declared here; the
/// built-ins' contents (playbooks/<layer>/*.yml, check implementations) are not yet written.
struct LayerDescriptor {
    std::string_view name = {};
    std::string_view version = {};
    std::span<const std::string_view> depends_on = {};
    std::span<const GroupDecl> groups = {};
    std::span<const VarDecl> vars = {};
    std::span<const std::string_view> playbooks = {};     ///< file names under playbooks/<layer>/
    std::span<const std::string_view> health_checks = {}; ///< check names (plugins: from describe)
    std::span<const std::string_view> secrets = {};       ///< names in secrets::secret_registry()
    std::string_view summary = {};
};

enum class LayerSource { builtin, plugin };

/// A layer as the rest of scsctl sees it: built-in layers wrap a registry row; external
/// plugins (scsctl-layer-<name>, plugin_layer.hpp) answer `describe` with the same data.
class Layer {
  public:
    virtual ~Layer() = default;
    virtual const LayerDescriptor& descriptor() const = 0;
    virtual LayerSource source() const = 0;
};

std::string_view source_name(LayerSource source);
std::string_view type_name(VarType type);

} // namespace scsctl::layers
