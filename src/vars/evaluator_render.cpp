// Statements: text, output, if/elif/else, for (loop variables, inline filter, else,
// unpacking) and set. Locals live in frames so a set inside a loop does not leak, as
// in Jinja. Depends on core and python_format.
#include "vars/evaluator.hpp"
#include "vars/python_format.hpp"
#include "vars/value_ops.hpp"

namespace scsctl::vars {

namespace {

core::Error render_error(std::string message)
{
    return core::Error{core::ErrorKind::failed, std::move(message), {}};
}

core::Result<std::vector<core::Value>> iteration_items(const core::Value& v)
{
    std::vector<core::Value> items;
    if (v.is_array()) {
        items.assign(v.begin(), v.end());
    } else if (v.is_object()) {
        for (auto it = v.begin(); it != v.end(); ++it) {
            items.emplace_back(it.key());
        }
    } else if (v.is_string()) {
        const auto& s = v.get_ref<const std::string&>();
        for (std::size_t i = 0; i < s.size();) {
            std::size_t j = i + 1;
            while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) {
                ++j;
            }
            items.emplace_back(s.substr(i, j - i));
            i = j;
        }
    } else {
        return core::fail(render_error("'" + python_type(v) + "' object is not iterable"));
    }
    return items;
}

core::Value loop_object(std::size_t i, std::size_t n)
{
    core::Value loop = core::Value::object();
    loop["index"] = i + 1;
    loop["index0"] = i;
    loop["revindex"] = n - i;
    loop["revindex0"] = n - i - 1;
    loop["first"] = i == 0;
    loop["last"] = i + 1 == n;
    loop["length"] = n;
    return loop;
}

} // namespace

core::Result<void> Evaluator::bind(const std::vector<std::string>& targets, const core::Value& item, core::Value& frame)
{
    if (targets.size() == 1) {
        frame[targets[0]] = item;
        return {};
    }
    std::vector<core::Value> parts = SCSCTL_TRY(iteration_items(item));
    if (parts.size() != targets.size()) {
        return core::fail(render_error(parts.size() > targets.size()
                                           ? "too many values to unpack (expected " + std::to_string(targets.size()) + ")"
                                           : "not enough values to unpack (expected " + std::to_string(targets.size()) +
                                                 ", got " + std::to_string(parts.size()) + ")"));
    }
    for (std::size_t i = 0; i < targets.size(); ++i) {
        frame[targets[i]] = parts[i];
    }
    return {};
}

core::Result<std::string> Evaluator::render(const Body& body)
{
    if (m_frames.empty()) {
        m_frames.push_back(core::Value::object());
    }
    std::string out;
    for (const Node& node : body) {
        out += SCSCTL_TRY(render_node(node));
    }
    return out;
}

core::Result<std::string> Evaluator::render_node(const Node& node)
{
    switch (node.kind) {
    case NodeKind::text: return node.text;
    case NodeKind::output: return output_text(SCSCTL_TRY(defined(*node.expr)).get());
    case NodeKind::set: {
        const core::Value value = SCSCTL_TRY(defined(*node.expr)).get();
        SCSCTL_TRY(bind(node.targets, value, m_frames.back()));
        return std::string();
    }
    case NodeKind::if_chain:
        for (const auto& [cond, body] : node.branches) {
            if (!cond || python_truthy(SCSCTL_TRY(defined(*cond)).get())) {
                return render(body);
            }
        }
        return std::string();
    case NodeKind::for_loop: return render_for(node);
    }
    return std::string();
}

core::Result<std::string> Evaluator::render_for(const Node& node)
{
    const Val iterable = SCSCTL_TRY(defined(*node.expr));
    std::vector<core::Value> items = SCSCTL_TRY(iteration_items(iterable.get()));
    if (node.loop_filter) {
        std::vector<core::Value> kept;
        for (auto& item : items) {
            m_frames.push_back(core::Value::object());
            auto bound = bind(node.targets, item, m_frames.back());
            auto keep = bound ? eval(*node.loop_filter) : core::Result<Val>(core::fail(bound.error()));
            m_frames.pop_back();
            const Val k = SCSCTL_TRY(std::move(keep));
            if (k.undefined) {
                return core::fail(render_error(k.hint));
            }
            if (python_truthy(k.get())) {
                kept.push_back(std::move(item));
            }
        }
        items = std::move(kept);
    }
    if (items.empty()) {
        return render(node.else_body);
    }
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        m_frames.push_back(core::Value::object());
        m_frames.back()["loop"] = loop_object(i, items.size());
        auto bound = bind(node.targets, items[i], m_frames.back());
        auto text = bound ? render(node.body) : core::Result<std::string>(core::fail(bound.error()));
        m_frames.pop_back();
        out += SCSCTL_TRY(std::move(text));
    }
    return out;
}

} // namespace scsctl::vars
