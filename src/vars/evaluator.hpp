// Walks parsed templates: expressions to values (with Jinja's Undefined), statements to
// text. Variables come from a Scope, rendered lazily through a VarResolver. Depends on
// core, the AST, filters and python_format.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/value.hpp"
#include "vars/engine.hpp"
#include "vars/template_ast.hpp"

namespace scsctl::vars {

/// A value during evaluation: borrowed (ref) or owned, or Jinja's Undefined with the
/// message that using it produces.
struct Val {
    core::Value own;
    const core::Value* ref = nullptr;
    bool undefined = false;
    std::string hint;

    const core::Value& get() const { return ref != nullptr ? *ref : own; }
    static Val owned(core::Value v)
    {
        Val out;
        out.own = std::move(v);
        return out;
    }
    static Val missing(std::string message)
    {
        Val out;
        out.undefined = true;
        out.hint = std::move(message);
        return out;
    }
};

/// The work one engine call may do in all, lazily rendered variables included, so that no
/// template runs for minutes: nested loops multiply (range(100000) inside range(100000)).
struct WorkBudget {
    /// Loop iterations (bodies and inline filters); real templates stay far below.
    static constexpr std::uint64_t k_max_iterations = 1'000'000;
    /// Strings built by output, operators and filters, summed; bounds copying work that
    /// writes nothing (`'x' * 60000000` tested in a loop).
    static constexpr std::uint64_t k_max_bytes = std::uint64_t{1} << 30;
    /// One rendered text, like the 64 MiB cap on `'x' * n`.
    static constexpr std::size_t k_max_output = std::size_t{64} << 20;

    std::uint64_t iterations = 0;
    std::uint64_t bytes = 0;

    core::Result<void> iterate();
    core::Result<void> produce(const core::Value& value);
    core::Result<void> produce(std::size_t size);
};

/// Looks a variable up and renders the templates it holds (Ansible's lazy templating);
/// implemented by the engine, which detects recursion.
class VarResolver {
public:
    virtual ~VarResolver() = default;
    virtual core::Result<Val> resolve(std::string_view name, const Scope& scope) = 0;
    /// The budget of the current engine call, shared by every evaluator it creates.
    virtual WorkBudget& budget() = 0;
};

class Evaluator {
public:
    Evaluator(VarResolver& resolver, const Scope& scope) : m_resolver(resolver), m_scope(scope) {}

    core::Result<Val> eval(const Expr& expr);
    core::Result<std::string> render(const Body& body);
    /// The value of an expression that must be defined.
    core::Result<Val> defined(const Expr& expr);
    WorkBudget& budget() { return m_resolver.budget(); }

private:
    core::Result<Val> lookup(const std::string& name);
    core::Result<Val> attribute(Val base, const std::string& name, bool as_item);
    core::Result<Val> index(Val base, const core::Value& key);
    core::Result<Val> slice(const Expr& expr);
    core::Result<Val> call(const Expr& expr);
    core::Result<Val> filter(const Expr& expr);
    core::Result<Val> test(const Expr& expr);
    core::Result<Val> compare(const Expr& expr);
    core::Result<Val> container(const Expr& expr);
    core::Result<std::string> render_node(const Node& node);
    core::Result<std::string> render_for(const Node& node);
    core::Result<void> bind(const std::vector<std::string>& targets, const core::Value& item, core::Value& frame);

    VarResolver& m_resolver;
    const Scope& m_scope;
    std::vector<core::Value> m_frames; ///< locals of for loops and set, innermost last
    int m_depth = 0;
};

/// Python str() of an output value, with Ansible's finalize (None prints as nothing).
std::string output_text(const core::Value& value);

/// Python's method calls on values (dict.items(), str.split(), ...); nullopt when the
/// type has no such method.
std::optional<core::Result<core::Value>> call_method(const core::Value& self, const std::string& name,
                                                     const std::vector<core::Value>& args);

} // namespace scsctl::vars
