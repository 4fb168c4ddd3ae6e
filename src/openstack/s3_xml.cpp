// A recursive-descent reader for the XML S3 servers send (see s3_xml.hpp). It is strict
// about structure (an S3 client that guesses at a broken listing would compare the wrong
// bucket names) and bounded in depth, so garbage is an error, never a crash.
#include "openstack/s3_xml.hpp"

#include <cctype>

namespace scsctl::openstack {

namespace {

constexpr int k_max_depth = 100;

class Reader {
  public:
    explicit Reader(std::string_view text) : m_text(text) {}

    core::Result<XmlElement> document()
    {
        if (m_text.starts_with("\xEF\xBB\xBF")) {
            m_at = 3;
        }
        SCSCTL_TRY(misc());
        if (!peek("<")) {
            return core::fail(error("expected an element"));
        }
        auto root = SCSCTL_TRY(element(0));
        SCSCTL_TRY(misc());
        if (m_at != m_text.size()) {
            return core::fail(error("unexpected content after the root element"));
        }
        return root;
    }

  private:
    std::string_view m_text;
    std::size_t m_at = 0;

    core::Error error(const std::string& what) const
    {
        return {core::ErrorKind::failed, "XML: at byte " + std::to_string(m_at) + ": " + what, {}};
    }
    bool peek(std::string_view token) const { return m_text.substr(m_at).starts_with(token); }
    void skip_space()
    {
        while (m_at < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[m_at])) != 0) {
            ++m_at;
        }
    }

    /// Skips up to and including `end`; an error when it never comes.
    core::Result<std::string_view> until(std::string_view end)
    {
        const auto found = m_text.find(end, m_at);
        if (found == std::string_view::npos) {
            return core::fail(error("'" + std::string(end) + "' missing"));
        }
        const auto inner = m_text.substr(m_at, found - m_at);
        m_at = found + end.size();
        return inner;
    }

    /// Whitespace, comments and processing instructions (before and after the root).
    core::Result<void> misc()
    {
        for (;;) {
            skip_space();
            if (peek("<?")) {
                SCSCTL_TRY(until("?>"));
            } else if (peek("<!--")) {
                SCSCTL_TRY(until("-->"));
            } else if (peek("<!")) {
                return core::fail(error("DOCTYPE and other declarations are not supported"));
            } else {
                return {};
            }
        }
    }

    static bool name_char(char c)
    {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '.' || c == ':' ||
               static_cast<unsigned char>(c) >= 0x80;
    }

    core::Result<std::string> name()
    {
        const std::size_t start = m_at;
        while (m_at < m_text.size() && name_char(m_text[m_at])) {
            ++m_at;
        }
        if (m_at == start) {
            return core::fail(error("expected a name"));
        }
        return std::string(m_text.substr(start, m_at - start));
    }

    static std::string local(const std::string& qualified)
    {
        const auto colon = qualified.rfind(':');
        return colon == std::string::npos ? qualified : qualified.substr(colon + 1);
    }

    /// Attributes up to '>' or '/>'; returns true for an empty element ('/>').
    core::Result<bool> attributes()
    {
        for (;;) {
            skip_space();
            if (peek("/>")) {
                m_at += 2;
                return true;
            }
            if (peek(">")) {
                ++m_at;
                return false;
            }
            SCSCTL_TRY(name());
            skip_space();
            if (!peek("=")) {
                return core::fail(error("expected '=' after an attribute name"));
            }
            ++m_at;
            skip_space();
            if (!peek("\"") && !peek("'")) {
                return core::fail(error("expected a quoted attribute value"));
            }
            const std::string quote(1, m_text[m_at++]);
            const auto value = SCSCTL_TRY(until(quote));
            if (value.find('<') != std::string_view::npos) {
                return core::fail(error("'<' in an attribute value"));
            }
        }
    }

    static void append_utf8(std::string& out, unsigned long code)
    {
        if (code < 0x80) {
            out += static_cast<char>(code);
        } else if (code < 0x800) {
            out += static_cast<char>(0xC0 | (code >> 6));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else if (code < 0x10000) {
            out += static_cast<char>(0xE0 | (code >> 12));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (code >> 18));
            out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        }
    }

    /// One entity or character reference after '&', appended to `out`.
    core::Result<void> reference(std::string& out)
    {
        const auto body = SCSCTL_TRY(until(";"));
        if (body == "lt") {
            out += '<';
        } else if (body == "gt") {
            out += '>';
        } else if (body == "amp") {
            out += '&';
        } else if (body == "quot") {
            out += '"';
        } else if (body == "apos") {
            out += '\'';
        } else if (body.size() > 1 && body[0] == '#') {
            const bool hex = body[1] == 'x';
            const auto digits = body.substr(hex ? 2 : 1);
            unsigned long code = 0;
            for (const char c : digits) {
                const int value = std::isdigit(static_cast<unsigned char>(c)) != 0 ? c - '0'
                                  : hex && std::isxdigit(static_cast<unsigned char>(c)) != 0
                                      ? std::tolower(static_cast<unsigned char>(c)) - 'a' + 10
                                      : -1;
                if (value < 0 || code > 0x10FFFF) {
                    return core::fail(error("malformed character reference"));
                }
                code = code * (hex ? 16 : 10) + static_cast<unsigned long>(value);
            }
            if (digits.empty() || code == 0 || code > 0x10FFFF) {
                return core::fail(error("malformed character reference"));
            }
            append_utf8(out, code);
        } else {
            return core::fail(error("unknown entity '&" + std::string(body.substr(0, 20)) + ";'"));
        }
        return {};
    }

    /// Character data, CDATA, comments and child elements up to the end tag of `open`.
    core::Result<void> content(XmlElement& target, const std::string& open, int depth)
    {
        for (;;) {
            if (m_at >= m_text.size()) {
                return core::fail(error("element <" + open + "> is not closed"));
            }
            if (peek("</")) {
                m_at += 2;
                const auto closing = SCSCTL_TRY(name());
                skip_space();
                if (closing != open || !peek(">")) {
                    return core::fail(error("expected </" + open + ">"));
                }
                ++m_at;
                return {};
            }
            if (peek("<![CDATA[")) {
                m_at += 9;
                target.text += SCSCTL_TRY(until("]]>"));
            } else if (peek("<!--")) {
                SCSCTL_TRY(until("-->"));
            } else if (peek("<?")) {
                SCSCTL_TRY(until("?>"));
            } else if (peek("<")) {
                target.children.push_back(SCSCTL_TRY(element(depth + 1)));
            } else if (peek("&")) {
                ++m_at;
                SCSCTL_TRY(reference(target.text));
            } else {
                target.text += m_text[m_at++];
            }
        }
    }

    core::Result<XmlElement> element(int depth)
    {
        if (depth > k_max_depth) {
            return core::fail(error("elements nested deeper than " + std::to_string(k_max_depth)));
        }
        ++m_at; // '<'
        const std::string qualified = SCSCTL_TRY(name());
        XmlElement out;
        out.name = local(qualified);
        if (!SCSCTL_TRY(attributes())) {
            SCSCTL_TRY(content(out, qualified, depth));
        }
        return out;
    }
};

std::string trimmed(const std::string& text)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

} // namespace

const XmlElement* XmlElement::child(std::string_view wanted) const
{
    for (const auto& element : children) {
        if (element.name == wanted) {
            return &element;
        }
    }
    return nullptr;
}

core::Result<XmlElement> parse_xml(std::string_view document)
{
    return Reader(document).document();
}

core::Result<std::vector<std::string>> s3_bucket_names(std::string_view document)
{
    const auto root = SCSCTL_TRY(parse_xml(document));
    if (root.name != "ListAllMyBucketsResult") {
        return core::fail({core::ErrorKind::failed, "expected ListAllMyBucketsResult, got <" + root.name + ">", {}});
    }
    std::vector<std::string> names;
    const XmlElement* buckets = root.child("Buckets");
    if (buckets == nullptr) {
        return names; // some servers leave the element out when there are none
    }
    for (const auto& bucket : buckets->children) {
        if (bucket.name != "Bucket") {
            continue;
        }
        const XmlElement* name = bucket.child("Name");
        if (name == nullptr || name->text.empty()) {
            return core::fail({core::ErrorKind::failed, "ListAllMyBucketsResult: a <Bucket> without <Name>", {}});
        }
        names.push_back(name->text);
    }
    return names;
}

std::string s3_error_summary(std::string_view document)
{
    const auto root = parse_xml(document);
    if (!root || root->name != "Error") {
        return {};
    }
    const XmlElement* code = root->child("Code");
    const XmlElement* message = root->child("Message");
    std::string summary = code != nullptr ? trimmed(code->text) : std::string("Error");
    if (message != nullptr && !trimmed(message->text).empty()) {
        summary += ": " + trimmed(message->text);
    }
    return summary;
}

} // namespace scsctl::openstack
