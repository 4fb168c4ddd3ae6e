// OwnedDescriptor: a LayerDescriptor whose strings and lists it owns, for layers that are
// not constexpr data (external plugins answer `describe` at run time). It exposes the same
// LayerDescriptor view the built-ins do, so every rule and listing reads both alike.
// Depends on layer.hpp only.
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "layers/layer.hpp"

namespace scsctl::layers {

/// Build with the add_* functions, then read view(). Not copyable or movable: the view
/// points into the object (keep it behind a unique_ptr).
class OwnedDescriptor {
  public:
    OwnedDescriptor() = default;
    OwnedDescriptor(const OwnedDescriptor&) = delete;
    OwnedDescriptor& operator=(const OwnedDescriptor&) = delete;

    void set_name(std::string_view name) { m_view.name = keep(name); }
    void set_version(std::string_view version) { m_view.version = keep(version); }
    void set_summary(std::string_view summary) { m_view.summary = keep(summary); }
    void add_dependency(std::string_view name);
    void add_group(std::string_view name, CountRule count, std::string_view description);
    /// `var`'s strings are copied; `choices` become its choices.
    void add_variable(VarDecl var, const std::vector<std::string>& choices);
    void add_health_check(std::string_view name);

    /// The descriptor; valid while this object lives, updated by every add_*.
    const LayerDescriptor& view() const { return m_view; }

  private:
    std::string_view keep(std::string_view text);
    void refresh();

    std::deque<std::string> m_strings; ///< deque: references stay valid as it grows
    std::vector<std::string_view> m_depends_on;
    std::vector<GroupDecl> m_groups;
    std::deque<std::vector<std::string_view>> m_choices;
    std::vector<VarDecl> m_vars;
    std::vector<std::string_view> m_checks;
    LayerDescriptor m_view;
};

} // namespace scsctl::layers
