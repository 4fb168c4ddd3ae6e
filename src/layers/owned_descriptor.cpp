// OwnedDescriptor: copies every string into a deque (stable addresses) and re-points the
// view's spans after each change.
#include "layers/owned_descriptor.hpp"

namespace scsctl::layers {

std::string_view OwnedDescriptor::keep(std::string_view text)
{
    return m_strings.emplace_back(text);
}

void OwnedDescriptor::refresh()
{
    m_view.depends_on = m_depends_on;
    m_view.groups = m_groups;
    m_view.vars = m_vars;
    m_view.health_checks = m_checks;
}

void OwnedDescriptor::add_dependency(std::string_view name)
{
    m_depends_on.push_back(keep(name));
    refresh();
}

void OwnedDescriptor::add_group(std::string_view name, CountRule count, std::string_view description)
{
    m_groups.push_back({keep(name), count, keep(description)});
    refresh();
}

void OwnedDescriptor::add_variable(VarDecl var, const std::vector<std::string>& choices)
{
    var.name = keep(var.name);
    var.group = keep(var.group);
    var.fallback = keep(var.fallback);
    var.description = keep(var.description);
    auto& kept = m_choices.emplace_back();
    for (const auto& choice : choices) {
        kept.push_back(keep(choice));
    }
    var.choices = kept;
    m_vars.push_back(var);
    refresh();
}

void OwnedDescriptor::add_health_check(std::string_view name)
{
    m_checks.push_back(keep(name));
    refresh();
}

} // namespace scsctl::layers
