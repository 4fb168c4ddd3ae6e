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

/// Sets `loop` for item i of n in place: building a new object every iteration was most
/// of an empty loop's cost (allocations), which the iteration budget has to allow for.
void update_loop_object(core::Value& loop, std::size_t i, std::size_t n)
{
    // Not ours (first iteration, or `set loop` replaced it): build it afresh.
    if (!loop.is_object() || loop.size() != 7 || loop.begin().key() != "index") {
        loop = loop_object(i, n);
        return;
    }
    // In loop_object's insertion order, which the ordered map keeps: no key lookups.
    auto it = loop.begin();
    *it++ = i + 1;
    *it++ = i;
    *it++ = n - i;
    *it++ = n - i - 1;
    *it++ = i == 0;
    *it++ = i + 1 == n;
    *it = n;
}

struct FrameGuard {
    std::vector<core::Value>& frames;
    ~FrameGuard() { frames.pop_back(); }
};

/// What a value costs to build: its bytes for a string, its items for a list or dict.
std::size_t built_size(const core::Value& value)
{
    return value.is_string() ? value.get_ref<const std::string&>().size() : value.is_structured() ? value.size() : 0;
}

} // namespace

core::Result<void> WorkBudget::iterate()
{
    if (++iterations > k_max_iterations) {
        return core::fail(render_error("template exceeds " + std::to_string(k_max_iterations) + " loop iterations"));
    }
    return {};
}

core::Result<void> WorkBudget::produce(std::size_t size)
{
    bytes += size;
    if (bytes > k_max_bytes) {
        return core::fail(render_error("template builds more than " + std::to_string(k_max_bytes >> 20) +
                                       " MiB of text"));
    }
    return {};
}

core::Result<void> WorkBudget::produce(const core::Value& value)
{
    return produce(built_size(value));
}

namespace {

core::Result<void> check_output(const std::string& out)
{
    if (out.size() > WorkBudget::k_max_output) {
        return core::fail(render_error("template output exceeds " + std::to_string(WorkBudget::k_max_output >> 20) +
                                       " MiB"));
    }
    return {};
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
        SCSCTL_TRY(check_output(out));
    }
    return out;
}

core::Result<std::string> Evaluator::render_node(const Node& node)
{
    switch (node.kind) {
    case NodeKind::text: {
        SCSCTL_TRY(budget().produce(node.text.size()));
        return node.text;
    }
    case NodeKind::output: {
        std::string text = output_text(SCSCTL_TRY(defined(*node.expr)).get());
        SCSCTL_TRY(budget().produce(text.size()));
        return text;
    }
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
    Val iterable = SCSCTL_TRY(defined(*node.expr));
    // An owned list (range(), a literal) is moved, not copied item by item.
    std::vector<core::Value> items = iterable.ref == nullptr && iterable.own.is_array()
                                         ? std::move(iterable.own.get_ref<core::Value::array_t&>())
                                         : SCSCTL_TRY(iteration_items(iterable.get()));
    if (node.loop_filter) {
        std::vector<core::Value> kept;
        for (auto& item : items) {
            SCSCTL_TRY(budget().iterate());
            m_frames.push_back(core::Value::object());
            const FrameGuard frame_guard{m_frames};
            SCSCTL_TRY(bind(node.targets, item, m_frames.back()));
            // The result may point into the frame (`u.admin`): test it before the frame goes.
            const Val k = SCSCTL_TRY(eval(*node.loop_filter));
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
    m_frames.push_back(core::Value::object()); // one frame for all iterations, reset when a set added to it
    const FrameGuard guard{m_frames};
    for (std::size_t i = 0; i < items.size(); ++i) {
        SCSCTL_TRY(budget().iterate());
        core::Value& frame = m_frames.back();
        if (frame.size() > node.targets.size() + 1) {
            frame = core::Value::object(); // locals set in one iteration do not carry over, as in Jinja
        }
        update_loop_object(frame["loop"], i, items.size());
        SCSCTL_TRY(bind(node.targets, items[i], frame));
        out += SCSCTL_TRY(render(node.body));
        SCSCTL_TRY(check_output(out));
    }
    return out;
}

} // namespace scsctl::vars
