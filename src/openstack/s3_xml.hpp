// The XML of S3 answers, read without an XML library: a small strict reader of
// well-formed documents into an element tree (local names, text, children; attributes,
// comments, processing instructions skipped; the five predefined entities, character
// references and CDATA decoded; no DTDs), and on top of it the bucket names of a
// ListBuckets answer and the code and message of an S3 error. Depends on core.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace scsctl::openstack {

struct XmlElement {
    std::string name; ///< the local name (a namespace prefix is dropped)
    std::string text; ///< the element's own character data, concatenated
    std::vector<XmlElement> children;

    /// The first child named `name`, or nullptr.
    const XmlElement* child(std::string_view name) const;
};

/// The root element of `document`. Errors (kind failed) say what was expected at which
/// byte: not XML, unclosed or mismatched elements, unknown entities, a DOCTYPE, nesting
/// deeper than 100.
core::Result<XmlElement> parse_xml(std::string_view document);

/// The bucket names of S3's ListAllMyBucketsResult (ListBuckets, `GET /`), in document
/// order. An error when the document is no such result or a bucket has no name.
core::Result<std::vector<std::string>> s3_bucket_names(std::string_view document);

/// "Code: Message" of an S3 <Error> document, or "" when `document` is not one.
std::string s3_error_summary(std::string_view document);

} // namespace scsctl::openstack
