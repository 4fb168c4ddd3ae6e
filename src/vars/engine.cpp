// Engine: Ansible's templar over the parser and evaluator — plain strings pass through,
// parsed templates are cached by text, variables holding templates render lazily with
// recursion detection, results convert back to native types. Depends on core and vars.
#include "vars/engine.hpp"

#include <unordered_map>

#include "vars/evaluator.hpp"
#include "vars/native_types.hpp"
#include "vars/template_parser.hpp"
#include "vars/value_ops.hpp"

namespace scsctl::vars {

namespace {

/// ansible-core 2.14's default STRING_TYPE_FILTERS.
bool is_string_type_filter(const Expr& expr)
{
    if (expr.kind != ExprKind::filter) {
        return false;
    }
    for (const char* name : {"string", "to_json", "to_nice_json", "to_yaml", "to_nice_yaml"}) {
        if (expr.name == name) {
            return true;
        }
    }
    return false;
}

constexpr std::size_t k_cache_limit = 20000;
constexpr std::size_t k_max_resolving = 100;

core::Error engine_error(std::string message)
{
    return core::Error{core::ErrorKind::failed, std::move(message), {}};
}

bool contains_template(const core::Value& v)
{
    if (v.is_string()) {
        return Engine::is_template(v.get_ref<const std::string&>());
    }
    if (v.is_array() || v.is_object()) {
        for (auto it = v.begin(); it != v.end(); ++it) {
            if (contains_template(*it) || (v.is_object() && Engine::is_template(it.key()))) {
                return true;
            }
        }
    }
    return false;
}

/// Templar's shortcut: "{{ name }}" alone names one variable.
std::string single_variable(std::string_view text)
{
    if (!text.starts_with("{{") || !text.ends_with("}}") || text.size() < 4) {
        return {};
    }
    std::string_view inner = text.substr(2, text.size() - 4);
    while (!inner.empty() && (inner.front() == ' ' || inner.front() == '\t' || inner.front() == '\n')) {
        inner.remove_prefix(1);
    }
    while (!inner.empty() && (inner.back() == ' ' || inner.back() == '\t' || inner.back() == '\n')) {
        inner.remove_suffix(1);
    }
    for (const char c : inner) {
        if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '_') {
            return {};
        }
    }
    return std::string(inner);
}

std::size_t trailing_newlines(std::string_view s)
{
    std::size_t n = 0;
    while (n < s.size() && s[s.size() - 1 - n] == '\n') {
        ++n;
    }
    return n;
}

} // namespace

const core::Value* ValueScope::find(std::string_view name) const
{
    if (!m_vars.is_object()) {
        return nullptr;
    }
    const auto it = m_vars.find(std::string(name));
    return it == m_vars.end() ? nullptr : &*it;
}

const core::Value* OverlayScope::find(std::string_view name) const
{
    if (m_overlay.is_object()) {
        const auto it = m_overlay.find(std::string(name));
        if (it != m_overlay.end()) {
            return &*it;
        }
    }
    return m_below.find(name);
}

struct Engine::Impl : VarResolver {
    using Parsed = core::Result<std::shared_ptr<const Template>>;
    std::unordered_map<std::string, Parsed> templates;
    std::unordered_map<std::string, Parsed> expressions;
    std::vector<std::string> resolving;
    WorkBudget work;

    WorkBudget& budget() override { return work; }

    /// A new engine call: nothing resolving, the whole budget available.
    void start()
    {
        resolving.clear();
        work = WorkBudget{};
    }

    Parsed parsed(std::string_view text, bool expression)
    {
        auto& cache = expression ? expressions : templates;
        const std::string key(text);
        if (auto it = cache.find(key); it != cache.end()) {
            return it->second;
        }
        if (cache.size() >= k_cache_limit) {
            cache.clear();
        }
        Parsed result = expression ? parse_expression(text) : parse_template(text, LexOptions{true});
        if (!result) {
            result = core::fail(engine_error("template error while templating '" + key + "': " + result.error().message));
        }
        return cache.emplace(key, std::move(result)).first->second;
    }

    core::Result<Val> resolve(std::string_view name, const Scope& scope) override
    {
        const core::Value* raw = scope.find(name);
        if (raw == nullptr) {
            return Val::missing("'" + std::string(name) + "' is undefined");
        }
        if (!contains_template(*raw)) {
            Val out;
            out.ref = raw;
            return out;
        }
        for (const auto& busy : resolving) {
            if (busy == name) {
                return core::fail(engine_error("recursive loop detected in template string: " +
                                               (raw->is_string() ? raw->get<std::string>() : std::string(name))));
            }
        }
        if (resolving.size() >= k_max_resolving) {
            return core::fail(engine_error("template variables are nested too deeply: " + std::string(name)));
        }
        resolving.emplace_back(name);
        auto rendered = render_value(*raw, scope);
        resolving.pop_back();
        return Val::owned(SCSCTL_TRY(std::move(rendered)));
    }

    core::Result<core::Value> render_value(const core::Value& value, const Scope& scope)
    {
        if (value.is_string()) {
            return render_string(value.get_ref<const std::string&>(), scope);
        }
        if (value.is_array()) {
            core::Value out = core::Value::array();
            for (const auto& item : value) {
                out.push_back(SCSCTL_TRY(render_value(item, scope)));
            }
            return out;
        }
        if (value.is_object()) {
            core::Value out = core::Value::object();
            for (auto it = value.begin(); it != value.end(); ++it) {
                const core::Value key = SCSCTL_TRY(render_string(it.key(), scope));
                out[key.is_string() ? key.get<std::string>() : output_text(key)] = SCSCTL_TRY(render_value(*it, scope));
            }
            return out;
        }
        return value;
    }

    core::Result<core::Value> render_string(const std::string& text, const Scope& scope)
    {
        if (!Engine::is_template(text)) {
            return core::Value(text);
        }
        if (const std::string name = single_variable(text); !name.empty()) {
            const core::Value* raw = scope.find(name);
            if (raw != nullptr && (raw->is_number() || raw->is_boolean() || raw->is_null())) {
                return *raw;
            }
        }
        const auto tmpl = SCSCTL_TRY(parsed(text, false));
        Evaluator evaluator(*this, scope);
        if (tmpl->single_expression != nullptr) {
            const Val v = SCSCTL_TRY(evaluator.defined(*tmpl->single_expression));
            const core::Value& value = v.get();
            if (is_string_type_filter(*tmpl->single_expression)) {
                // ansible's STRING_TYPE_FILTERS mark their output as text that is never
                // literal_eval'd ("{{ x | to_nice_json }}" stays a string).
                return core::Value(output_text(value) + std::string(trailing_newlines(text), '\n'));
            }
            if (value.is_array() || value.is_object() || value.is_boolean()) {
                return value; // str() then literal_eval gives the same value back
            }
            return native_from_text(output_text(value) + std::string(trailing_newlines(text), '\n'));
        }
        std::string out = SCSCTL_TRY(evaluator.render(tmpl->body));
        out += std::string(trailing_newlines(text) - std::min(trailing_newlines(text), trailing_newlines(out)), '\n');
        return native_from_text(std::move(out));
    }
};

Engine::Engine() : m_impl(std::make_unique<Impl>()) {}
Engine::~Engine() = default;

bool Engine::is_template(std::string_view text)
{
    for (std::size_t at = text.find('{'); at != std::string_view::npos && at + 1 < text.size();
         at = text.find('{', at + 1)) {
        const char next = text[at + 1];
        if (next == '{' || next == '%' || next == '#') {
            return true;
        }
    }
    return false;
}

core::Result<core::Value> Engine::render(const core::Value& value, const Scope& scope) const
{
    if (!contains_template(value)) {
        return value;
    }
    m_impl->start();
    return m_impl->render_value(value, scope);
}

core::Result<core::Value> Engine::evaluate(std::string_view expression, const Scope& scope) const
{
    const auto tmpl = SCSCTL_TRY(m_impl->parsed(expression, true));
    m_impl->start();
    Evaluator evaluator(*m_impl, scope);
    const Val v = SCSCTL_TRY(evaluator.defined(*tmpl->single_expression));
    return v.get();
}

/// Ansible 2.14's Conditional (verified): a conditional holding `{{ }}` is templated
/// first and a non-string result is taken as is ("" is false); otherwise the text is
/// evaluated as `{% if expr %}` — so a variable holding the string "false" is true.
core::Result<bool> Engine::condition(std::string_view expression, const Scope& scope) const
{
    std::string text(expression);
    if (text.find_first_not_of(" \t\n") == std::string::npos) {
        return true;
    }
    if (is_template(text)) {
        const core::Value rendered = SCSCTL_TRY(render(core::Value(text), scope));
        if (!rendered.is_string() || rendered.get_ref<const std::string&>().empty()) {
            return python_truthy(rendered);
        }
        text = rendered.get<std::string>();
    }
    const core::Value v = SCSCTL_TRY(evaluate(text, scope));
    return python_truthy(v);
}

core::Result<std::string> Engine::render_text(std::string_view text, const Scope& scope) const
{
    if (!is_template(text)) {
        return std::string(text);
    }
    const auto tmpl = SCSCTL_TRY(m_impl->parsed(text, false));
    m_impl->start();
    Evaluator evaluator(*m_impl, scope);
    std::string out = SCSCTL_TRY(evaluator.render(tmpl->body));
    const std::size_t want = trailing_newlines(text);
    out += std::string(want - std::min(want, trailing_newlines(out)), '\n');
    return out;
}

} // namespace scsctl::vars
