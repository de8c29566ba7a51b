// PathPattern and PathSet against git itself: every pattern (or list of patterns) is written
// to a root .gitignore in a repository holding the files below, and git says which files it
// ignores.
//
// The oracle is `git ls-files --others --ignored --exclude-standard -z`: it walks the work
// tree as `git status`/`git add` do, so a file inside an excluded directory is reported even
// when a later `!pattern` matches the file itself (prep_exclude stops at the excluded
// directory) — the semantics a policy needs. `git check-ignore --no-index` goes through the
// same last_matching_pattern(), leading directories included, and agreed with ls-files on
// every input here when this test was written; the test keeps checking that, so a git that
// changes either command shows up as a check-ignore disagreement rather than silently moving
// the oracle.

#include "decision/util/pathmatch.hpp"
#include "support/temp_repo.hpp"

#include <gtest/gtest.h>
#include <set>
#include <string>
#include <vector>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_integration_pathmatch_git_test {

using decision::util::PathPattern;
using decision::util::PathSet;

namespace {

// Files created in the repository (".gitignore" is added by the test itself and compared
// too). Names cover nesting, dotfiles, spaces (one trailing), glob characters, a backslash, a
// tab, non-ASCII UTF-8 and case.
const std::vector<std::string> k_paths = {
    ".env",
    ".hidden/config",
    ".hidden/.nested/deep.txt",
    ".config/app/settings.json",
    "README.md",
    "Makefile",
    "dvc.lock",
    "data.dvc",
    "abc",
    "abd",
    "aXc",
    "a.c",
    "ac",
    "x.onnx",
    "name with spaces.txt",
    "trailing space ",
    "[bracket].txt",
    "file[1].txt",
    "star*file",
    "question?.txt",
    "back\\slash",
    "#hash.txt",
    "!bang.txt",
    "na\xc3\xafve.md",              // naïve.md
    "\xe6\x97\xa5\xe6\x9c\xac.txt", // 日本.txt
    "tab\tname",
    "digit9.txt",
    "dash-name.txt",
    "under_score.txt",
    "UPPER.TXT",
    "main.c",
    "main.cpp",
    "foo/bar/baz.txt",
    "foo/bar/qux/deep.txt",
    "foo/baz",
    "foo/foo",
    "foox/y/bar",
    "bar/foo/file",
    "bar/foo.onnx",
    "x/foo/y/z.txt",
    "models/model.onnx",
    "models/v1/weights.bin",
    "models/v1/model.onnx",
    "models/README.md",
    "model/x.onnx",
    "modelsX/a.onnx",
    "src/models/nested.onnx",
    "src/models.py",
    "src/main.cpp",
    "src/util/helpers.cpp",
    "src/util/helpers.hpp",
    "data/raw.csv",
    "data/raw.csv.dvc",
    "data/processed/train.parquet",
    "pipelines/dvc.lock",
    "pipelines/features/a.py",
    "pipelines/features/sub/b.py",
    "pipelines/featuresX/c.py",
    "pipelines/other/features/d.py",
    "deep/a/b/c/d/e/f.txt",
    "deep/a/x/b/file",
    "deep/b/file",
    "a/b/c",
    "a/bc/f",
    "a/bx/y/c",
    "a/x/b",
    "a/x/y/b",
    "dir with space/file",
    "sp /x",
    "caf\xc3\xa9/menu.txt", // café/menu.txt
    "logs/debug.log",
    "logs/2024/app.log",
    "build/out.o",
    "sub/build/out.o",
    "sub/builder/x.o",
    "Upper/Case.TXT",
    "upper/case.txt",
    "[dir]/inner.txt",
    "-dash",
    "_under/x.txt",
    "sub/*",
    "sub/*file",
};

// Patterns of k_patterns meant to match none of k_paths; every other one matches some.
const std::set<std::string> k_matching_nothing = {
    "a[/]b",         "foo[/]baz", "na?ve.md",       "trailing space ",
    "[[:al]pha:]]*", "*.{c,cpp}", "caf[\xc3\xa9]/",
};

// Single patterns, one .gitignore each, covering every rule (and git's quirks).
const std::vector<std::string> k_patterns = {
    // basenames at any depth
    "*.onnx",
    "*.dvc",
    "dvc.lock",
    "foo",
    "bar",
    "b",
    "*.txt",
    "*.TXT",
    "*.c",
    "main.*",
    "README.md",
    ".env",
    ".*",
    "*",
    "x",
    "file",
    // directories only
    "foo/",
    "build/",
    "logs/",
    "Upper/",
    "b/",
    ".hidden/",
    // anchoring: leading and middle slashes
    "/foo",
    "/foo/",
    "/build/",
    "/*.txt",
    "/*",
    "foo/bar",
    "bar/foo",
    "foo/baz",
    "/x/foo",
    "a/b",
    "models",
    "/models",
    "src/models",
    "data/*.dvc",
    "pipelines/features/",
    "pipelines/*/",
    "foo/*",
    "foo/*/",
    "*/bar",
    "*/foo/",
    "sub/*/",
    "*/models/*.onnx",
    // ? and classes
    "?bc",
    "a?c",
    "a??",
    "a*c",
    "a[bX]c",
    "a[!b]c",
    "a[^b]c",
    "a[a-c]?",
    "[A-Z]*",
    "*.[ch]",
    "*.[!c]",
    "[[:upper:]]*",
    "*[[:digit:]]*",
    "[[:lower:]][[:lower:]]?",
    "*[[:space:]]*",
    "*[[:blank:]]*",
    "*[[:punct:]]*",
    "[[:alpha:]][[:alnum:]]",
    "*[[:cntrl:]]*",
    "[[:xdigit:]]?[[:xdigit:]]",
    "[[:print:]]*.md",
    "[[:graph:]]*",
    "*[]]*",
    "[!]]*",
    "*[a-]*",
    "[-_]*",
    "*[--/]*",
    "[[:]*",
    "[[:al]pha:]]*",
    "[z-a]*",
    "a[/]b",
    "foo[/]baz",
    "a[[:alpha:]-z]c",
    // escapes
    "\\[bracket\\].txt",
    "[[]bracket].txt",
    "file\\[1\\].txt",
    "star\\*file",
    "star*file",
    "question\\?.txt",
    "back\\\\slash",
    "\\#hash.txt",
    "\\!bang.txt",
    "foo\\/bar",
    "\\a\\b\\c",
    // spaces
    "name with spaces.txt",
    "name\\ with\\ spaces.txt",
    "trailing space ",
    "trailing space\\ ",
    "trailing space\\  ",
    "sp\\ /",
    "dir with space/",
    "*\\ ",
    // non-ASCII: '?' is one byte, not one character
    "na\xc3\xafve.md",
    "na?ve.md",
    "na??ve.md",
    "caf*/",
    "\xe6\x97\xa5*",
    "*\xac.txt",
    // **
    "**/foo",
    "**/foo/",
    "**/foo/bar",
    "foo/**",
    "foo/**/",
    "a/**/b",
    "a/**/c",
    "a/**",
    "deep/**/f.txt",
    "deep/**/b/**",
    "deep/**/**/file",
    "**",
    "/**",
    "***",
    "**/",
    "**/*.onnx",
    "**/models/**",
    "models/**",
    "models/**/*.onnx",
    "/**/foo",
    "**/b",
    "**/x/**",
    "pipelines/features/**",
    "data/**/*.parquet",
    ".config/**/*.json",
    "**/.nested/",
    // ** next to other characters acts like *, except right after the literal prefix
    "foo**",
    "**foo",
    "**.onnx",
    "a/**b",
    "a**/c",
    "foo**/bar",
    "a/b**/c",
    "models**",
    "src/m**/nested.onnx",
    // "**\/" is a ** that must match at least up to a '/'
    "**\\/b",
    "a/**\\/b",
    "a/**\\/c",
    // braces mean nothing to git
    "*.{c,cpp}",
    // more corners: stacked **, classes of multi-byte characters (one byte each), ranges
    // next to classes, a lone escaped star
    "**/**",
    "a/**/**/b",
    "**a",
    "*/**",
    "/a/**/",
    "?/**",
    "**/*",
    "foo/**/bar/",
    ".hidden/*/",
    "[!a-z]*",
    "[^/]*",
    "caf[\xc3\xa9]/",
    "caf[\xc3\xa9][\xc3\xa9]/",
    "[[:digit:]-9]*",
    "*[a-[:digit:]]*",
    "\\*",
    "\\*file",
    "*/*/*",
    "*/*/",
};

// Patterns PathPattern rejects because git would never match them (or reads them as
// comments or blank lines): git must ignore nothing.
const std::vector<std::string> k_rejected = {
    "foo[", "[!",    "*[a-",  "[[:word:]]*", "[[::]]", "abc\\", "foo\\/",
    "a//b", "//abc", "foo//", "#hash.txt",   "   ",    "!",     "/",
};

// Ordered lists with negations.
const std::vector<std::vector<std::string>> k_sets = {
    {"*.onnx", "!models/v1/model.onnx"},
    {"models/", "!models/v1/model.onnx"},
    {"models/**", "!models/v1/"},
    {"models/*", "!models/v1"},
    {"models/*", "!models/v1/", "models/v1/*.bin"},
    {"/*", "!/src/", "!.gitignore"},
    {"*", "!*/", "!*.py"},
    {"*", "!*/", "!*.txt", "foo/"},
    {"deep/**", "!deep/**/", "!file"},
    {"**/foo", "!foo/bar", "foo/bar/qux"},
    {"*.txt", "!a.txt", "*.c", "!main.*", "main.cpp"},
    {"logs/", "!logs/2024/", "!logs/2024/app.log"},
    {"*.md", "!README.md"},
    {"!*.md", "*.md"},
    {"pipelines/**", "!pipelines/features/**", "pipelines/features/sub/"},
    {"foo/", "!foo/"},
    {"foo", "!foo/bar/"},
    {"*/", "!src/"},
    {".*", "!.gitignore", "!.hidden/", ".hidden/.nested"},
    {"a/", "!a/b/c"},
    {"**/b", "!a/b/"},
    {"[a-z]*", "![a-m]*", "!*/"},
};

// The files git reports as ignored with `lines` in the root .gitignore.
std::set<std::string> git_ignored(const test::TempRepo& repo, const std::vector<std::string>& lines,
                                  std::set<std::string>* check_ignore) {
    std::string content;
    for (const auto& line : lines)
        content += line + "\n";
    repo.write(".gitignore", content);
    auto split = [](const std::string& out) {
        std::set<std::string> names;
        for (std::size_t start = 0; start < out.size();) {
            std::size_t end = out.find('\0', start);
            if (end == std::string::npos)
                end = out.size();
            names.insert(out.substr(start, end - start));
            start = end + 1;
        }
        return names;
    };
    auto listed = repo.git({"ls-files", "--others", "--ignored", "--exclude-standard", "-z"});
    if (check_ignore) {
        std::string input;
        for (const auto& path : k_paths)
            input += path + '\0';
        input += std::string(".gitignore") + '\0';
        test::RunOptions options;
        options.input = input;
        // Exit code 1 means "nothing ignored".
        auto checked = repo.git({"check-ignore", "--no-index", "--stdin", "-z"}, options, true);
        EXPECT_LE(checked.exit_code, 1) << checked.err;
        *check_ignore = split(checked.out);
    }
    return split(listed.out);
}

// Creates every file of k_paths once.
void populate(const test::TempRepo& repo) {
    for (const auto& path : k_paths)
        repo.write(path, "x\n");
}

std::vector<std::string> all_paths() {
    std::vector<std::string> paths = k_paths;
    paths.push_back(".gitignore");
    return paths;
}

std::string show(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& line : lines)
        out += (out.empty() ? "[" : ", ") + ("\"" + line + "\"");
    return out + "]";
}

// Every directory holding `path`, from the root ("") down.
std::vector<std::string> leading_directories(const std::string& path) {
    std::vector<std::string> dirs{""};
    for (std::size_t slash = path.find('/'); slash != std::string::npos;
         slash = path.find('/', slash + 1))
        dirs.push_back(path.substr(0, slash));
    return dirs;
}

// Compares one set of .gitignore lines with git; `matches` is our answer for a path.
// Returns how many files git ignores.
template <class Matches, class MayMatchUnder>
std::size_t compare_with_git(const test::TempRepo& repo, const std::vector<std::string>& lines,
                             Matches matches, MayMatchUnder may_match_under) {
    std::set<std::string> checked;
    std::set<std::string> ignored = git_ignored(repo, lines, &checked);
    EXPECT_EQ(ignored, checked) << "git ls-files and git check-ignore disagree on " << show(lines);
    const auto paths = all_paths();
    for (const auto& name : ignored)
        EXPECT_TRUE(std::find(paths.begin(), paths.end(), name) != paths.end())
            << "git reported an unknown file \"" << name << "\"";
    for (const auto& path : paths) {
        bool expected = ignored.count(path) != 0;
        EXPECT_EQ(matches(path), expected)
            << "patterns " << show(lines) << " path \"" << path << "\": git says "
            << (expected ? "ignored" : "not ignored");
        if (!expected)
            continue;
        for (const auto& dir : leading_directories(path)) {
            EXPECT_TRUE(may_match_under(dir))
                << "patterns " << show(lines) << " match \"" << path << "\" but may_match_under(\""
                << dir << "\") is false";
        }
    }
    return ignored.size();
}

} // namespace

TEST(PathMatchGit, GeneratedInputsAreLargeEnough) {
    EXPECT_GE(k_paths.size(), 60u);
    EXPECT_GE(k_patterns.size(), 80u);
}

TEST(PathMatchGit, SinglePatternsMatchLikeGit) {
    test::TempRepo repo;
    populate(repo);
    for (const auto& text : k_patterns) {
        auto pattern = PathPattern::compile(text);
        ASSERT_TRUE(pattern) << text << ": " << pattern.error().message;
        std::size_t ignored = compare_with_git(
            repo, {text}, [&](const std::string& path) { return pattern->matches(path); },
            [&](const std::string& dir) { return pattern->may_match_under(dir); });
        // The files exercise the pattern (or it is one meant to match nothing).
        EXPECT_EQ(ignored == 0, k_matching_nothing.count(text) == 1) << "\"" << text << "\"";
    }
}

TEST(PathMatchGit, PatternSetsWithNegationsMatchLikeGit) {
    test::TempRepo repo;
    populate(repo);
    for (const auto& lines : k_sets) {
        auto set = PathSet::compile(lines);
        ASSERT_TRUE(set) << show(lines) << ": " << set.error().message;
        compare_with_git(
            repo, lines, [&](const std::string& path) { return set->matches(path); },
            [&](const std::string& dir) { return set->may_match_under(dir); });
    }
}

TEST(PathMatchGit, RejectedPatternsAreOnesGitNeverMatches) {
    test::TempRepo repo;
    populate(repo);
    for (const auto& text : k_rejected) {
        EXPECT_FALSE(PathPattern::compile(text)) << "compiled: \"" << text << "\"";
        EXPECT_EQ(git_ignored(repo, {text}, nullptr), std::set<std::string>{})
            << "git ignores files with \"" << text << "\"";
    }
}

} // namespace t_integration_pathmatch_git_test
