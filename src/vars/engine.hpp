// The Jinja2-subset template engine with Ansible's templating rules: lazy rendering of
// variables that hold templates, conversion of rendered strings back to native types,
// conditionals, and template files. Depends on core, model, yaml and regex.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/value.hpp"

namespace scsctl::vars {

/// Where a template finds its variables (the runner's per-host, per-task view).
class Scope {
public:
    virtual ~Scope() = default;
    /// The raw value of `name`, or nullptr when it is undefined. Raw: strings (also inside
    /// lists and mappings) may hold templates, which the engine renders when they are
    /// used, in this same scope, as Ansible does. The pointer must stay valid for the
    /// duration of the engine call.
    virtual const core::Value* find(std::string_view name) const = 0;
};

/// A Scope over one mapping (tests, `vars --explain`, module fixtures).
class ValueScope : public Scope {
public:
    explicit ValueScope(const core::Value& vars) : m_vars(vars) {}
    const core::Value* find(std::string_view name) const override;

private:
    const core::Value& m_vars;
};

/// A scope that adds a few names over another (loop item, loop index, registered results).
class OverlayScope : public Scope {
public:
    OverlayScope(const Scope& below, const core::Value& overlay) : m_below(below), m_overlay(overlay) {}
    const core::Value* find(std::string_view name) const override;

private:
    const Scope& m_below;
    const core::Value& m_overlay;
};

/// Errors are one lowercase line without a location (the caller adds the task's
/// file:line): "'foo' is undefined", "template error: unexpected '}' at column 7",
/// "no filter named 'foo' (did you mean 'flatten'?)".
class Engine {
public:
    Engine();
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    /// Ansible's templar.template(): every string in `value` (recursively, keys too) is
    /// rendered; strings without `{{`, `{%` or `{#` are returned unchanged; a string that is
    /// one template is converted back to a native type the way ansible-core 2.14 does.
    core::Result<core::Value> render(const core::Value& value, const Scope& scope) const;

    /// A bare expression (`when`, `until`, `changed_when`, `failed_when`, assert `that`,
    /// debug `var`), evaluated to its native value.
    core::Result<core::Value> evaluate(std::string_view expression, const Scope& scope) const;

    /// Ansible's conditional: the expression evaluated and taken as a boolean the way
    /// ansible-core 2.14 does (strings "yes"/"true"/... included). A bare undefined name is
    /// an error naming it.
    core::Result<bool> condition(std::string_view expression, const Scope& scope) const;

    /// A template file (the template module): text out, no native conversion; Ansible's
    /// template module defaults (trim_blocks on, lstrip_blocks off, trailing newline kept).
    core::Result<std::string> render_text(std::string_view text, const Scope& scope) const;

    /// Whether `text` contains template markers at all (cheap; used to skip rendering).
    static bool is_template(std::string_view text);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl; ///< parsed-template cache; not thread-safe: one engine per thread
};

} // namespace scsctl::vars
