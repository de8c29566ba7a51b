// decision::trailer against the real git on a generated corpus of tricky messages:
// Commit mode against `git log --format=%(trailers:only,unfold)` on real commits,
// MessageFile mode against `git interpret-trailers --parse`, and add() against
// `git interpret-trailers --trailer` where git's default behaviour is ours.

#include "decision/trailer/trailer.hpp"
#include "decision/util/text.hpp"
#include "support/temp_repo.hpp"

#include <algorithm>
#include <cstdio>
#include <gtest/gtest.h>
#include <memory>
#include <ostream>
#include <random>
#include <string>
#include <utility>
#include <vector>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_integration_trailer_corpus_test {

using namespace decision::trailer;
using decision::util::iequals;
using namespace std::string_literals;

namespace {

const std::string k_scissors = "# ------------------------ >8 ------------------------\n";
const Trailer k_added{"Decision", "DEC-0042"};

struct Case {
    Case(std::string name_, std::string message_, char comment_char_ = '#')
        : name(std::move(name_)), message(std::move(message_)), comment_char(comment_char_) {}

    std::string name;
    std::string message;
    char comment_char = '#';
    std::vector<std::string> configured_keys; // also given to git as trailer.<key>.key
    // Whether add() must equal `git interpret-trailers --trailer` byte for byte. false only
    // where we differ on purpose; the comment on the case says why.
    bool add_like_git = true;
};

// A case where add() differs from `git interpret-trailers --trailer` on purpose.
Case add_differs(Case c) {
    c.add_like_git = false;
    return c;
}

// gtest prints a parameter with its test; the name is enough to find the case.
void PrintTo(const Case& c, std::ostream* os) {
    *os << c.name;
}

std::vector<Case> base_cases() {
    std::string many = "Title\n\n";
    for (int i = 0; i < 50; ++i)
        many += "Key-" + std::to_string(i) + ": value " + std::to_string(i) + "\n";

    Case semicolon{"CommentCharSemicolon", "Title\n\nA: 1\n; comment\n", ';'};
    Case hash_not_comment{"HashIsTextWithSemicolonCommentChar", "Title\n\nA: 1\n# not a comment\n",
                          ';'};
    Case scissors_semicolon{
        "ScissorsWithSemicolon",
        "Title\n\nA: 1\n; ------------------------ >8 ------------------------\nB: 2\n", ';'};
    Case configured{"ConfiguredKeyQuarter", "Title\n\none\ntwo\nthree\nDecision: DEC-1\n"};
    configured.configured_keys = {"Decision"};
    Case configured_below{"ConfiguredKeyBelowQuarter",
                          "Title\n\none\ntwo\nthree\nfour\nDecision: DEC-1\n"};
    configured_below.configured_keys = {"Decision"};
    Case configured_space{"ConfiguredKeySpaceBeforeColon",
                          "Title\n\none\ntwo\nthree\nDecision : DEC-1\n"};
    configured_space.configured_keys = {"Decision"};

    return {
        {"TitleOnly", "Title\n"},
        {"TitleOnlyTrailerLike", "Decision: DEC-1\n"},
        {"TitleParagraphWithTrailer", "Title\nDecision: DEC-1\n"},
        {"Empty", ""},
        {"OnlyBlankLines", "\n\n\n"},
        {"TitleThenBlankLine", "Title\n\n"},
        {"SimpleBlock", "Title\n\nBody text.\n\nDecision: DEC-0041\n"
                        "Approved-by: Jane Doe <jane@example.com>\n"},
        {"BlockRightAfterTitle", "Title\n\nDecision: DEC-1\n"},
        {"TwoTrailerParagraphs", "Title\n\nA: 1\n\nB: 2\n"},
        {"TextAfterTrailers", "Title\n\nA: 1\n\ntext after\n"},
        {"MixedWithoutSignOff", "Title\n\ntext\nDecision: DEC-1\n"},
        {"SignOffQuarterOfFour", "Title\n\none\ntwo\nthree\nSigned-off-by: A <a@x>\n"},
        {"SignOffBelowQuarterOfFive", "Title\n\none\ntwo\nthree\nfour\nSigned-off-by: A <a@x>\n"},
        {"SignOffFirstThenText", "Title\n\nSigned-off-by: A <a@x>\none\ntwo\nthree\n"},
        {"SignOffLowercase", "Title\n\none\ntwo\nthree\nsigned-off-by: A\n"},
        {"SignOffWithoutSpace", "Title\n\none\ntwo\nthree\nSigned-off-by:A\n"},
        {"SignOffWithContinuations", "Title\n\none\ntwo\nSigned-off-by: A\n  cont\n  cont2\n"},
        {"SignOffWithIndentedText", "Title\n\none\n  two\n  three\nSigned-off-by: A\n"},
        {"SignOffIndentedTextBelowQuarter", "Title\n\none\n  two\n  three\n  four\n"
                                            "Signed-off-by: A\n"},
        {"QuarterWithContinuedTrailer", "Title\n\nA: 1\n  x\ntext\ntext\ntext\nSigned-off-by: B\n"},
        {"CherryPickQuarter", "Title\n\none\ntwo\nthree\n"
                              "(cherry picked from commit 0123456789abcdef)\n"},
        {"CherryPickWithTrailer", "Title\n\none\n(cherry picked from commit 0123)\nB: 2\n"},
        configured,
        configured_below,
        {"ConfiguredKeyNotConfigured", "Title\n\none\ntwo\nthree\nDecision: DEC-1\n"},
        configured_space,
        // git rewrites "Key : v" to "Key: v" when it writes the block; we leave it alone.
        add_differs({"SpaceBeforeColon", "Title\n\nDecision : DEC-1\nApproved-by\t: A\n"}),
        add_differs({"TabBeforeColon", "Title\n\nKey\t: v\n"}),
        {"InvalidKeyUnderscore", "Title\n\nDecision_id: 1\n"},
        {"InvalidKeySpace", "Title\n\nDecision id: 1\nApproved-by: A\n"},
        {"InvalidKeyNonAscii", "Title\n\nCl\xc3\xa9: v\n"},
        {"ColonFirst", "Title\n\n: value\nA: 1\n"},
        {"DashKey", "Title\n\n-: x\n"},
        // git rewrites the block: "https://x" becomes "https: //x".
        add_differs({"UrlLooksLikeTrailer", "Title\n\nhttps://example.com/x\n"}),
        {"ProseWithColon", "Title\n\nNote: this is prose: not a trailer\nbut it goes on\n"},
        // git rewrites "Reviewed-by:" as "Reviewed-by: " (trailing space).
        add_differs({"EmptyValue", "Title\n\nReviewed-by:\nDecision: DEC-1\n"}),
        // git writes "Reviewed-by: " (trailing space) for the trimmed empty value.
        add_differs({"EmptyValueWithSpaces", "Title\n\nReviewed-by:   \n"}),
        {"ValueWithColons", "Title\n\nLink: https://example.com/a:b?c=d\n"},
        // git trims the value when it rewrites the block.
        add_differs({"ValueWithTabs", "Title\n\nKey:\tv\t\n"}),
        {"Continuation", "Title\n\nDecision: DEC-1\n  continued here\n\tand tab\nApproved-by: A\n"},
        // git trims the trailing whitespace of "a  " when it rewrites the block.
        add_differs({"ContinuationTrailingWhitespace", "Title\n\nKey: a  \n  b\t\n\tc\n"}),
        add_differs({"ContinuationOfEmptyValue", "Title\n\nKey:\n  value on next line\n"}),
        {"ContinuationAfterText", "Title\n\ntext\n  indented\nSigned-off-by: A\n"},
        {"IndentedFirstLine", "Title\n\n  indented\nA: 1\n"},
        {"WhitespaceOnlySeparator", "Title\n  \t\nA: 1\n"},
        {"WhitespaceLineInBlock", "Title\n\nA: 1\n   \nB: 2\n"},
        {"TrailingBlankLines", "Title\n\nA: 1\n\n\n"},
        // git folds trailing whitespace-only lines into the last trailer and drops them.
        add_differs({"TrailingWhitespaceLines", "Title\n\nA: 1\n  \n\t\n"}),
        {"WhitespaceBeforeBlock", "Title\n\nBody\n \nA: 1\n"},
        {"DividerAfterBlock", "Title\n\nDecision: DEC-1\n---\n a.txt | 1 +\n"},
        {"DividerBeforeBlock", "Title\n\nBody\n---\nDecision: DEC-1\n"},
        {"BlocksOnBothSidesOfDivider", "Title\n\nBody\n\nA: 1\n---\nnotes\n\nB: 2\n"},
        {"DividerWithoutSpace", "Title\n\nBody\n\nA: 1\n---notes\n"},
        // git appends after the unterminated "---", which then hides the new trailer.
        add_differs({"DividerAtEndOfFile", "Title\n\nA: 1\n---"}),
        {"DividerWithTrailingSpace", "Title\n\nA: 1\n--- \nB: 2\n"},
        {"DividerAsTitle", "---\n\nA: 1\n"},
        {"TrailingComments", "Title\n\nBody\n\nA: 1\n# Please enter the commit message\n#\n"},
        // git drops comment lines inside the block when it rewrites it.
        add_differs({"CommentInBlock", "Title\n\nA: 1\n# note\nB: 2\n"}),
        {"CommentBeforeTitle", "# comment\n\nA: 1\n"},
        {"CommentThenTrailerNoBlank", "# comment\nA: 1\n"},
        {"CommentOnly", "# only a comment\n"},
        {"TwoCommentsOnly", "# a\n# b\n"},
        semicolon,
        hash_not_comment,
        {"Scissors", "Title\n\nA: 1\n" + k_scissors +
                         "# Do not modify or remove the line above.\ndiff --git a/x b/x\nB: 2\n"},
        {"ScissorsOnFirstLine", k_scissors + "A: 1\n"},
        scissors_semicolon,
        {"ScissorsWithoutNewline", "Title\n\nA: 1\n" + k_scissors.substr(0, k_scissors.size() - 1)},
        {"ScissorsAfterBody", "Title\n\nBody\n" + k_scissors + "B: 2\n"},
        {"ConflictsList", "Title\n\nA: 1\nConflicts:\n\ta.c\n\tb.c\n"},
        {"ConflictsThenText", "Title\n\nA: 1\nConflicts:\n\ta.c\nmore\n"},
        {"NonAsciiValues",
         "T\xc3\xadtulo\n\nAprobado-por: Jos\xc3\xa9 M\xc3\xbcller <jose@example.com>\n"
         "Decision: DEC-1 \xe2\x9c\x93\n"},
        {"InvalidUtf8", "Title\n\nA: \xff\xfe\x80\n"},
        {"NulByte", "Title\n\nA: 1\nB: x\0y\nC: 3\n"s},
        {"NulBeforeBlock", "Title\n\nA: 1\0\n\nB: 2\nC: 3\n"s},
        {"LeadingBlankLine", "\nA: 1\n"},
        {"LeadingBlankLinesThenTitle", "\n  \nTitle\n\nA: 1\n"},
        {"ManyTrailers", many},
        // git glues the trailer to the unterminated last line.
        add_differs({"CarriageReturnsOnly", "Title\r\rA: 1\r"}),
        {"DecisionAlreadyLast", "Title\n\nApproved-by: A\nDecision: DEC-0042\n"},
        {"DecisionAlreadyLastOtherCase", "Title\n\nApproved-by: A\ndecision: dec-0042\n"},
        // git only looks at the neighbouring trailer; we never add a duplicate.
        add_differs({"DecisionAlreadyNotLast", "Title\n\nDecision: DEC-0042\nApproved-by: A\n"}),
        // git treats "Decision-Waiver" as the same key as "Decision" (prefix match).
        add_differs({"WaiverWithSameValueLast", "Title\n\nDecision-Waiver: DEC-0042\n"}),
        {"OtherDecisionLast", "Title\n\nDecision: DEC-0001\n"},
    };
}

// Every base case, plus its CRLF and no-final-newline versions.
std::vector<Case> corpus() {
    std::vector<Case> all;
    for (const auto& base : base_cases()) {
        all.push_back(base);
        Case crlf = base;
        crlf.name += "_crlf";
        crlf.message.clear();
        for (char c : base.message)
            crlf.message += c == '\n' ? "\r\n" : std::string(1, c);
        crlf.add_like_git = false; // we write CRLF lines, git writes LF and rewrites the block
        if (crlf.message != base.message)
            all.push_back(crlf);
        if (!base.message.empty() && base.message.back() == '\n') {
            Case noeol = base;
            noeol.name += "_noeol";
            noeol.message.pop_back();
            noeol.add_like_git = false; // git glues a trailer to an unterminated last line
            all.push_back(noeol);
        }
    }
    return all;
}

ParseOptions options_for(const Case& c, Mode mode) {
    ParseOptions o;
    o.mode = mode;
    o.comment_char = c.comment_char;
    o.configured_keys = c.configured_keys;
    return o;
}

std::vector<std::string> git_config_args(const Case& c) {
    std::vector<std::string> args;
    if (c.comment_char != '#')
        args.insert(args.end(), {"-c", "core.commentChar="s + c.comment_char});
    for (const auto& key : c.configured_keys)
        args.insert(args.end(), {"-c", "trailer." + key + ".key=" + key});
    return args;
}

// The message as a C string literal, so a failure can be reproduced.
std::string escaped(std::string_view s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else if (c == '\t')
            out += "\\t";
        else if (c == '"' || c == '\\')
            out += std::string("\\") + static_cast<char>(c);
        else if (c < 0x20 || c >= 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02X\"\"", c);
            out += buf;
        } else
            out += static_cast<char>(c);
    }
    return out + "\"";
}

std::string show(const std::vector<Trailer>& trailers) {
    std::string out;
    for (const auto& t : trailers)
        out += "  " + escaped(t.key) + " = " + escaped(t.value) + "\n";
    return out.empty() ? "  (none)\n" : out;
}

// git's "key: value" lines (an empty value prints as "key: ") back into trailers.
std::vector<Trailer> from_git(std::string_view out) {
    std::vector<Trailer> trailers;
    while (!out.empty()) {
        std::size_t nl = out.find('\n');
        std::string_view line = out.substr(0, nl);
        out = nl == std::string_view::npos ? std::string_view() : out.substr(nl + 1);
        std::size_t sep = line.find(": ");
        if (sep == std::string_view::npos) {
            ADD_FAILURE() << "unexpected line from git: " << escaped(line);
            continue;
        }
        trailers.push_back({std::string(line.substr(0, sep)), std::string(line.substr(sep + 2))});
    }
    return trailers;
}

// git with a blank configuration, without a repository, killed if it hangs (git 2.39 loops
// forever on a scissors line below a `---` divider).
test::Output run_git(const test::TempRepo& env, std::vector<std::string> args,
                     const std::string& input) {
    std::vector<std::string> argv{"timeout", "20", "git"};
    argv.insert(argv.end(), args.begin(), args.end());
    test::RunOptions o;
    o.input = input;
    return test::run(argv, env.options(o));
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
    return info.param.name;
}

class CommitCorpus : public ::testing::TestWithParam<Case> {
protected:
    // One repository for the whole corpus: each case is one more commit.
    static void SetUpTestSuite() { s_repo = std::make_unique<test::TempRepo>(); }
    static void TearDownTestSuite() { s_repo.reset(); }
    static std::unique_ptr<test::TempRepo> s_repo;
};
std::unique_ptr<test::TempRepo> CommitCorpus::s_repo;

class MessageFileCorpus : public ::testing::TestWithParam<Case> {
protected:
    test::TempRepo m_env{test::TempRepo::Kind::Empty};
};

// The cases where add() must equal `git interpret-trailers --trailer` byte for byte.
class AddLikeGitCorpus : public MessageFileCorpus {};

// Pure checks, without git.
class CommitAddCorpus : public ::testing::TestWithParam<Case> {};

std::vector<Case> add_like_git_cases() {
    std::vector<Case> cases;
    for (const auto& c : corpus())
        if (c.add_like_git && c.message.find('\0') == std::string::npos)
            cases.push_back(c);
    return cases;
}

// A commit whose message is exactly `message`.
std::string commit_with_message(const test::TempRepo& repo, const Case& c) {
    // git commit refuses NUL bytes and re-encodes invalid UTF-8 (as Latin-1), so those
    // commits are written with hash-object to keep the bytes.
    if (c.message.find('\0') == std::string::npos && decision::util::is_valid_utf8(c.message)) {
        repo.write(".git/gd-corpus-message", c.message);
        std::vector<std::string> args = git_config_args(c);
        args.insert(args.end(),
                    {"commit", "-q", "--allow-empty", "--allow-empty-message", "--no-verify",
                     "--cleanup=verbatim", "-F", ".git/gd-corpus-message"});
        repo.git(args);
        return repo.head();
    }
    std::string tree = repo.git({"write-tree"}).out;
    tree.pop_back();
    std::string object = "tree " + tree +
                         "\nauthor A U Thor <author@example.com> 1112354055 +0200\n"
                         "committer C O Mitter <committer@example.com> 1112354055 +0200\n\n" +
                         c.message;
    test::RunOptions in;
    in.input = object;
    std::string sha = repo.git({"hash-object", "-t", "commit", "-w", "--stdin"}, in).out;
    sha.pop_back();
    return sha;
}

} // namespace

TEST_P(CommitCorpus, ParseMatchesGitLogTrailers) {
    const Case& c = GetParam();
    std::string sha = commit_with_message(*s_repo, c);

    std::string raw = s_repo->git({"cat-file", "commit", sha}).out;
    std::size_t header_end = raw.find("\n\n");
    ASSERT_NE(header_end, std::string::npos);
    std::string message = raw.substr(header_end + 2);
    ASSERT_EQ(message, c.message) << "git changed the message " << escaped(c.message);

    std::vector<std::string> args = git_config_args(c);
    args.insert(args.end(), {"log", "-1", "--format=%(trailers:only,unfold)", sha});
    test::Output log = s_repo->git(args);
    ASSERT_FALSE(log.out.empty());
    ASSERT_EQ(log.out.back(), '\n'); // the commit terminator of --format
    log.out.pop_back();

    auto ours = parse(message, options_for(c, Mode::Commit));
    auto git = from_git(log.out);
    EXPECT_EQ(ours, git) << "message: " << escaped(message) << "\nours:\n"
                         << show(ours) << "git log %(trailers:only,unfold):\n"
                         << show(git);
}

TEST_P(CommitAddCorpus, AddedTrailerIsReadBack) {
    const Case& c = GetParam();
    ParseOptions o = options_for(c, Mode::Commit);
    std::string out = add(c.message, k_added, o);
    auto before = parse(c.message, o);
    auto after = parse(out, o);
    std::string visible = c.message.substr(0, c.message.find('\0'));
    std::string cut = k_scissors;
    cut[0] = c.comment_char;
    std::string before_cut = visible.substr(0, visible.find(cut));
    if (before_cut.find_first_not_of(" \t\r\n") == std::string::npos) {
        // Without a title git log reads the first line, our trailer, as the title.
        EXPECT_EQ(after, std::vector<Trailer>{}) << escaped(out);
        return;
    }
    bool already = false;
    for (const auto& t : before)
        already = already || (iequals(t.key, k_added.key) && iequals(t.value, k_added.value));
    if (already) {
        EXPECT_EQ(out, c.message);
    }
    // The new trailer joins the existing block, or starts the only one.
    auto expected = before;
    if (!already)
        expected.push_back(k_added);
    EXPECT_EQ(after, expected) << "message: " << escaped(c.message) << "\nadd(): " << escaped(out)
                               << "\nread back:\n"
                               << show(after);
}

TEST_P(MessageFileCorpus, ParseMatchesInterpretTrailers) {
    const Case& c = GetParam();
    std::vector<std::string> args = git_config_args(c);
    args.insert(args.end(), {"interpret-trailers", "--parse"});
    test::Output git_out = run_git(m_env, args, c.message);
    ASSERT_EQ(git_out.exit_code, 0) << git_out.err << "message: " << escaped(c.message);

    auto ours = parse(c.message, options_for(c, Mode::MessageFile));
    auto git = from_git(git_out.out);
    EXPECT_EQ(ours, git) << "message: " << escaped(c.message) << "\nours:\n"
                         << show(ours) << "git interpret-trailers --parse:\n"
                         << show(git);
}

TEST_P(AddLikeGitCorpus, AddMatchesInterpretTrailers) {
    const Case& c = GetParam();
    std::vector<std::string> args = git_config_args(c);
    args.insert(args.end(),
                {"interpret-trailers", "--trailer", k_added.key + ": " + k_added.value});
    test::Output git_out = run_git(m_env, args, c.message);
    ASSERT_EQ(git_out.exit_code, 0) << git_out.err;

    std::string ours = add(c.message, k_added, options_for(c, Mode::MessageFile));
    EXPECT_EQ(ours, git_out.out) << "message: " << escaped(c.message) << "\nours: " << escaped(ours)
                                 << "\ngit:  " << escaped(git_out.out);
}

TEST_P(MessageFileCorpus, AddedTrailerIsReadBackByGit) {
    const Case& c = GetParam();
    std::string out = add(c.message, k_added, options_for(c, Mode::MessageFile));
    std::vector<std::string> args = git_config_args(c);
    args.insert(args.end(), {"interpret-trailers", "--parse"});
    test::Output git_out = run_git(m_env, args, out);
    ASSERT_EQ(git_out.exit_code, 0) << git_out.err;
    EXPECT_FALSE(values(from_git(git_out.out), k_added.key).empty())
        << "message: " << escaped(c.message) << "\nadd(): " << escaped(out) << "\ngit reads back:\n"
        << show(from_git(git_out.out));
}

INSTANTIATE_TEST_SUITE_P(Trailer, CommitCorpus, ::testing::ValuesIn(corpus()), case_name);
INSTANTIATE_TEST_SUITE_P(Trailer, MessageFileCorpus, ::testing::ValuesIn(corpus()), case_name);
INSTANTIATE_TEST_SUITE_P(Trailer, AddLikeGitCorpus, ::testing::ValuesIn(add_like_git_cases()),
                         case_name);
INSTANTIATE_TEST_SUITE_P(Trailer, CommitAddCorpus, ::testing::ValuesIn(corpus()), case_name);

// The corpus is big enough to mean something.
TEST(TrailerCorpus, HasAtLeastSixtyBaseCases) {
    EXPECT_GE(base_cases().size(), 60u);
}

// --- random combinations ----------------------------------------------------------------------

namespace {

// A message of 1-10 lines drawn from the shapes the rules care about, with LF or CRLF
// endings and sometimes no final line break. Seeded, so a failure reproduces.
class MessageGenerator {
public:
    explicit MessageGenerator(bool with_scissors) : m_with_scissors(with_scissors) {}

    std::string next() {
        static const std::vector<std::string> k_lines = {
            "Key: v",
            "Decision: DEC-1",
            "Signed-off-by: A <a@x>",
            "(cherry picked from commit 1)",
            "text",
            "more text",
            "  indented",
            "\tcontinued",
            "",
            "",
            "  ",
            "# comment",
            "---",
            "--- a/x",
            "Key :v",
            "bad key: v",
            "Conflids:",
            "Conflicts:",
            "Empty:",
            "https://x.org",
        };
        std::string eol = pick(4) == 0 ? "\r\n" : "\n";
        std::size_t count = 1 + pick(10);
        std::string message;
        bool has_dashes = false;
        for (std::size_t i = 0; i < count; ++i) {
            std::string line = k_lines[pick(k_lines.size())];
            has_dashes = has_dashes || line.starts_with("---");
            if (pick(12) == 0 && (m_with_scissors || !has_dashes))
                line = k_scissors.substr(0, k_scissors.size() - 1);
            message += line + eol;
        }
        if (pick(5) == 0)
            message.resize(message.size() - eol.size());
        return message;
    }

private:
    std::size_t pick(std::size_t n) { return static_cast<std::size_t>(m_random() % n); }

    std::mt19937 m_random{20240601};
    bool m_with_scissors;
};

} // namespace

TEST(TrailerRandomCorpus, CommitModeMatchesGitLog) {
    // git 2.39 only hangs on a scissors line below `---` when it honours the divider.
    MessageGenerator generator(true);
    test::TempRepo repo;
    std::string tree = repo.git({"write-tree"}).out;
    tree.pop_back();
    std::vector<std::string> messages,
        log_args{"log", "--no-walk=unsorted", "--format=%(trailers:only,unfold)%x00"};
    for (int i = 0; i < 300; ++i) {
        messages.push_back(generator.next());
        test::RunOptions in;
        // Distinct dates keep equal messages distinct commits: git log shows a commit once.
        std::string date = std::to_string(1112354055 + i) + " +0200";
        in.input = "tree " + tree + "\nauthor A <a@x> " + date + "\ncommitter C <c@x> " + date +
                   "\n\n" + messages.back();
        std::string sha = repo.git({"hash-object", "-t", "commit", "-w", "--stdin"}, in).out;
        sha.pop_back();
        log_args.push_back(sha);
    }
    std::string out = repo.git(log_args).out;
    std::size_t pos = 0;
    for (const auto& message : messages) {
        std::size_t nul = out.find('\0', pos);
        ASSERT_NE(nul, std::string::npos);
        auto git = from_git(std::string_view(out).substr(pos, nul - pos));
        pos = nul + 2; // the NUL and the commit terminator
        auto ours = parse(message);
        EXPECT_EQ(ours, git) << "message: " << escaped(message) << "\nours:\n"
                             << show(ours) << "git log %(trailers:only,unfold):\n"
                             << show(git);
    }
}

TEST(TrailerRandomCorpus, CommitModeAddIsReadBack) {
    MessageGenerator generator(true);
    for (int i = 0; i < 20000; ++i) {
        std::string message = generator.next();
        std::string out = add(message, k_added);
        // The scissors line, or an unterminated one that add() terminates.
        std::string cut = k_scissors.substr(0, k_scissors.size() - 1);
        std::size_t cut_at = message.ends_with(cut) ? message.size() - cut.size() : message.size();
        std::string before_cut = message.substr(0, std::min(cut_at, message.find(k_scissors)));
        bool has_title = before_cut.find_first_not_of(" \t\r\n") != std::string::npos;
        // Without a title git log reads the first line, our trailer, as the title.
        EXPECT_EQ(!values(parse(out), k_added.key).empty(), has_title)
            << "message: " << escaped(message) << "\nadd(): " << escaped(out);
    }
}

TEST(TrailerRandomCorpus, MessageFileModeAddIsReadBack) {
    MessageGenerator generator(true);
    ParseOptions o = options_for(Case{"", ""}, Mode::MessageFile);
    for (int i = 0; i < 20000; ++i) {
        std::string message = generator.next();
        std::string out = add(message, k_added, o);
        EXPECT_FALSE(values(parse(out, o), k_added.key).empty())
            << "message: " << escaped(message) << "\nadd(): " << escaped(out);
    }
}

TEST(TrailerRandomCorpus, MessageFileModeMatchesInterpretTrailers) {
    MessageGenerator generator(false);
    test::TempRepo env(test::TempRepo::Kind::Empty);
    for (int i = 0; i < 300; ++i) {
        std::string message = generator.next();
        test::Output git_out = run_git(env, {"interpret-trailers", "--parse"}, message);
        ASSERT_EQ(git_out.exit_code, 0) << git_out.err << "message: " << escaped(message);
        auto ours = parse(message, options_for(Case{"", ""}, Mode::MessageFile));
        auto git = from_git(git_out.out);
        EXPECT_EQ(ours, git) << "message: " << escaped(message) << "\nours:\n"
                             << show(ours) << "git interpret-trailers --parse:\n"
                             << show(git);

        std::string added = add(message, k_added, options_for(Case{"", ""}, Mode::MessageFile));
        git_out = run_git(env, {"interpret-trailers", "--parse"}, added);
        EXPECT_FALSE(values(from_git(git_out.out), k_added.key).empty())
            << "message: " << escaped(message) << "\nadd(): " << escaped(added)
            << "\ngit reads back:\n"
            << show(from_git(git_out.out));
    }
}

} // namespace t_integration_trailer_corpus_test
