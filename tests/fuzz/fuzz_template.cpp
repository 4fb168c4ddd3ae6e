// Fuzz harness: the input as a template, through vars::Engine's four entry points —
// render_text (template files), render of a Value holding it (alone and inside a list and a
// mapping, as key too), evaluate and condition (a bare expression) — in a fixed scope with a
// variable of every type, strings holding templates, mutual and self recursion, and the
// input itself as the variable `fuzz` (so templates that name it render it lazily).
// Every entry point must return a value or an error: no crash, hang or exception.
// See fuzz_main.hpp for how to run it.
#include <cstddef>
#include <string>
#include <string_view>

#include "core/text_file.hpp"
#include "fuzz_main.hpp"
#include "vars/engine.hpp"

namespace {

using scsctl::core::Value;

const Value& fixed_vars()
{
    static const Value vars = Value::parse(R"({
        "s": "abc", "u": "h\u00e9ll\u00f6 w\u00f6rld", "emptys": "", "sfalse": "false", "syes": "yes",
        "n": 3, "neg": -7, "big": 9223372036854775807, "f": 1.5, "t": true, "fl": false, "nonev": null,
        "lst": [1, "a", 2.5, null, true, {"k": "{{ s }}"}, [3, 4]],
        "names": ["x", "y", "z"],
        "hosts": [{"name": "a", "port": 22, "up": true}, {"name": "b", "port": 2222, "up": false}],
        "d": {"k": "{{ sfalse }}", "n": 1, "nested": {"x": [1, 2, {"y": "{{ n * 2 }}"}]}},
        "emptyd": {}, "emptyl": [],
        "tmpl": "{{ n + 1 }}", "tmpl_list": "{{ lst }}", "tmpl_text": "{% for i in names %}{{ i }}{% endfor %}",
        "tmpl_bool": "{{ 1 == 2 }}", "tmpl_undef": "{{ nope }}", "tmpl_filter": "{{ names | join(',') | upper }}",
        "self_ref": "{{ self_ref }}", "self_list": ["{{ self_list }}"], "self_dict": {"k": "{{ self_dict }}"},
        "a": "{{ b }}", "b": "{{ a }}", "chain1": "{{ chain2 }}", "chain2": "{{ chain3 | default(n) }}",
        "json_s": "{\"a\": [1, 2]}", "yaml_s": "a: [1, 2]\nb: {c: d}", "re_s": "(a+)+$",
        "ver": "1.2.3", "path": "/etc/ssh/sshd_config", "b64": "aGVsbG8="
    })");
    return vars;
}

/// Touches a result so the optimiser keeps the calls; dump() with `replace` because the
/// harness itself must not throw on strings a filter (b64decode) may leave non-UTF-8.
std::size_t weight(const Value& value)
{
    return value.dump(-1, ' ', false, Value::error_handler_t::replace).size();
}

} // namespace

void fuzz_one(std::string_view input)
{
    // Templates come from YAML and template files, which read_text_file has checked.
    if (scsctl::core::first_invalid_text_byte(input) != std::string_view::npos) {
        return;
    }
    Value vars = fixed_vars();
    vars["fuzz"] = std::string(input);
    vars["fuzz_list"] = Value::array({std::string(input), 1});
    const scsctl::vars::ValueScope scope(vars);
    const scsctl::vars::Engine engine;
    std::size_t sink = scsctl::vars::Engine::is_template(input) ? 1 : 0;

    if (auto text = engine.render_text(input, scope)) {
        sink += text->size();
    } else {
        sink += text.error().message.size();
    }

    const Value alone = std::string(input);
    if (auto out = engine.render(alone, scope)) {
        sink += weight(*out);
    } else {
        sink += out.error().message.size();
    }

    Value nested = Value::object();
    nested[std::string(input)] = Value::array({std::string(input), 1, Value::object({{"x", std::string(input)}})});
    nested["plain"] = "{{ s }}";
    if (auto out = engine.render(nested, scope)) {
        sink += weight(*out);
    } else {
        sink += out.error().message.size();
    }

    if (auto out = engine.evaluate(input, scope)) {
        sink += weight(*out);
    } else {
        sink += out.error().message.size();
    }

    if (auto out = engine.condition(input, scope)) {
        sink += *out ? 1 : 0;
    } else {
        sink += out.error().message.size();
    }

    // The lazily rendered variable, through the single-variable shortcut and a filter.
    if (auto out = engine.render(Value("{{ fuzz }}"), scope)) {
        sink += weight(*out);
    }
    if (auto out = engine.render(Value("{{ fuzz_list | to_json }}"), scope)) {
        sink += weight(*out);
    }

    volatile std::size_t keep = sink;
    (void)keep;
}
