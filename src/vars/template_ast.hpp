// The parsed form of a template: expression trees and statement nodes, built by the
// parser and walked by the evaluator. Depends on core only.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/value.hpp"

namespace scsctl::vars {

enum class ExprKind {
    literal,   ///< value
    name,      ///< name
    list,      ///< children
    dict,      ///< children: key, value, key, value...
    attr,      ///< children[0].name
    item,      ///< children[0][children[1]]
    slice,     ///< children[0][children[1]:children[2]:children[3]] (null parts allowed)
    call,      ///< children[0](children[1..], kwargs)
    filter,    ///< children[0] | name(children[1..], kwargs)
    test,      ///< children[0] is [not] name(children[1..], kwargs)
    unary,     ///< name is "-", "+" or "not"
    binary,    ///< name is the operator, children[0] op children[1]
    compare,   ///< children[0] ops[0] children[1] ops[1] children[2]...
    logic_and,
    logic_or,
    concat,    ///< children joined with ~
    condition, ///< children[1] if children[0] else children[2] (null: undefined)
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Expr {
    ExprKind kind = ExprKind::literal;
    core::Value value;
    std::string name;
    std::vector<ExprPtr> children;
    std::vector<std::pair<std::string, ExprPtr>> kwargs;
    std::vector<std::string> ops;
    bool negated = false;
};

enum class NodeKind { text, output, if_chain, for_loop, set };

struct Node;
using Body = std::vector<Node>;

struct Node {
    NodeKind kind = NodeKind::text;
    std::string text;                                ///< text
    ExprPtr expr;                                    ///< output, set value, for iterable
    std::vector<std::pair<ExprPtr, Body>> branches;  ///< if/elif (condition, body); else has null
    std::vector<std::string> targets;                ///< for/set names
    ExprPtr loop_filter;                             ///< for ... if cond
    Body body;                                       ///< for body
    Body else_body;                                  ///< for else
};

/// A parsed template. `single_expression` is set when the whole text is one `{{ expr }}`.
struct Template {
    Body body;
    const Expr* single_expression = nullptr;
};

} // namespace scsctl::vars
