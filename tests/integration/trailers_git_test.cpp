// `git decision trailers` against git itself: a history of commits whose messages exercise
// git's trailer rules (CRLF, continuation lines, `---`, the 25% rule, empty values, comments,
// the title paragraph), committed verbatim; for every commit our JSON line must carry exactly
// the trailers `git log --format=%(trailers:only,unfold)` prints.

#include "support/temp_repo.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_integration_trailers_git_test {

namespace {

using Trailers = std::vector<std::pair<std::string, std::string>>;

const std::vector<std::string> k_messages = {
    "Plain sign-off\n\nSigned-off-by: A U Thor <a@example.com>\n",
    "CRLF lines\r\n\r\nDecision: DEC-0001\r\nSigned-off-by: A <a@example.com>\r\n",
    "Continuation\n\nKey: value\n  continued here\n\tand tab\nOther: x\n",
    "CRLF continuation\r\n\r\nKey: value\r\n  more\r\nOther: y\r\n",
    "Divider is not special in commits\n\nbody\n---\nDecision: DEC-0002\n",
    "Divider paragraph\n\nbody\n\n---\n\nDecision: DEC-0003\nReviewed-by: R <r@example.com>\n",
    "25 percent exactly\n\nnot a trailer\nnot again\nthird prose\nSigned-off-by: X "
    "<x@example.com>\n",
    "Under 25 percent\n\none\ntwo\nthree\nfour\nSigned-off-by: X <x@example.com>\n",
    "25 percent without a sign-off\n\nprose\nprose\nprose\nDecision: DEC-0004\n",
    "Empty values\n\nDecision:\nKey: \nOther:   \n",
    "Decision: DEC-0005\n",
    "\n\n\nLeading blank lines\n\nDecision: DEC-0006\n",
    "Space before colon\n\nKey : value\nDecision  :  DEC-0007  \n",
    "Comment inside\n\nDecision: DEC-0008\n# a comment\nSigned-off-by: C <c@example.com>\n",
    "Not a key\n\nNot a key: value\nDecision: DEC-0009\n",
    "Scissors\n\nDecision: DEC-0010\n# ------------------------ >8 "
    "------------------------\nignored: yes\n",
    "Trailing blank lines\n\nDecision: DEC-0011\n\n\n\n",
    "Unicode\n\nApproved-by: J\xc3\xbcrgen M\xc3\xbcller <j@example.com>\n",
    "Cherry pick\n\nprose line\nprose line\n(cherry picked from commit "
    "0123456789abcdef)\nSigned-off-by: Y <y@example.com>\n",
    "Title only",
    "Middle paragraph\n\nDecision: DEC-0012\n\nthe last paragraph is prose\n",
    "Quotes\n\nKey: \"quoted\" and \\backslash\\\nTab-Key: a\tb\n",
    "No space\n\nKey:value\nOther:\tvalue\n",
    "Duplicates\n\nDecision: DEC-0013\ndecision: DEC-0013\nDECISION: DEC-0014\n",
    "Lower-case sign-off\n\nprose\nprose\nprose\nsigned-off-by: z <z@example.com>\n",
    "URL\n\nhttp://example.com/x\nSee-also: y\n",
    "Indented first line\n\n  indented: x\nKey: y\n",
    "Only whitespace body\n\n   \n\t\nKey: z\n",
    "No final newline\n\nDecision: DEC-0015",
    "Continuation of empty\n\nKey:\n  later value\nModel-Version: fraud@3.2.0\n",
    "Bare CR\n\nKey: a\rb\nOther: c\n",
    "Long\n\nKey: " + std::string(3000, 'v') + "\n  " + std::string(100, 'w') + "\n",
};

// `git log` lines "Key: value" -> pairs (keys never contain ':'; git prints ": " then the value).
Trailers git_trailers(const std::string& text) {
    Trailers out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        auto colon = line.find(':');
        if (colon == std::string::npos)
            continue;
        std::string value = line.substr(colon + 1);
        if (!value.empty() && value[0] == ' ')
            value.erase(0, 1);
        out.emplace_back(line.substr(0, colon), value);
    }
    return out;
}

TEST(TrailersGit, AgreesWithGitLogOnEveryCommit) {
    test::TempRepo repo;
    // Distinct, increasing dates: with equal dates libgit2's time sort and git log's order
    // may differ (git breaks ties by insertion, libgit2 does not).
    long long date = 1112354055;
    for (const auto& message : k_messages) {
        test::RunOptions in;
        in.input = message;
        date += 60;
        for (const char* var : {"GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"})
            in.env[var] = std::to_string(date) + " +0200";
        repo.git({"commit", "-q", "--allow-empty", "--allow-empty-message", "--no-verify",
                  "--cleanup=verbatim", "-F", "-"},
                 in);
    }
    auto log = repo.git({"log", "--format=%H%x00%(trailers:only,unfold)%x01"});
    std::vector<std::pair<std::string, Trailers>> expected;
    std::size_t pos = 0;
    while (true) {
        auto nul = log.out.find('\0', pos);
        if (nul == std::string::npos)
            break;
        auto end = log.out.find('\x01', nul);
        ASSERT_NE(end, std::string::npos);
        std::string sha = log.out.substr(pos, nul - pos);
        while (!sha.empty() && (sha[0] == '\n'))
            sha.erase(0, 1);
        expected.emplace_back(sha, git_trailers(log.out.substr(nul + 1, end - nul - 1)));
        pos = end + 1;
    }
    ASSERT_EQ(expected.size(), k_messages.size());

    auto ours = repo.decision({"trailers"});
    ASSERT_EQ(ours.exit_code, 0) << ours.err;
    std::vector<std::pair<std::string, Trailers>> actual;
    std::istringstream lines(ours.out);
    std::string line;
    while (std::getline(lines, line)) {
        auto doc = nlohmann::json::parse(line);
        Trailers t;
        for (const auto& item : doc.at("trailers"))
            t.emplace_back(item.at("key").get<std::string>(), item.at("value").get<std::string>());
        actual.emplace_back(doc.at("commit").get<std::string>(), t);
    }
    ASSERT_EQ(actual.size(), expected.size());
    int with_trailers = 0;
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(actual[i].first, expected[i].first) << "commit " << i;
        EXPECT_EQ(actual[i].second, expected[i].second)
            << "message: " << k_messages[k_messages.size() - 1 - i];
        with_trailers += expected[i].second.empty() ? 0 : 1;
    }
    // The corpus must exercise both sides of git's rules.
    EXPECT_GT(with_trailers, 15);
    EXPECT_LT(with_trailers, static_cast<int>(expected.size()));
}

TEST(TrailersGit, ExactLineFormat) {
    test::TempRepo repo;
    std::string sha = repo.commit_all("Title\n\nSigned-off-by: A U Thor <a@example.com>\n");
    auto out = repo.decision({"trailers"});
    EXPECT_EQ(out.exit_code, 0);
    EXPECT_EQ(out.out, "{\"commit\":\"" + sha +
                           "\",\"trailers\":[{\"key\":\"Signed-off-by\",\"value\":\"A U Thor "
                           "<a@example.com>\"}]}\n");
}

TEST(TrailersGit, RangeLimitsTheWalk) {
    test::TempRepo repo;
    std::string first = repo.commit_all("One\n\nDecision: DEC-0001\n");
    std::string second = repo.commit_all("Two\n");
    auto out = repo.decision({"trailers", first + "..HEAD"});
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(out.out, "{\"commit\":\"" + second + "\",\"trailers\":[]}\n");
}

// The commits `trailers <ranges>` lists, in its order.
std::vector<std::string> listed(const test::TempRepo& repo,
                                const std::vector<std::string>& ranges) {
    std::vector<std::string> args{"trailers"};
    args.insert(args.end(), ranges.begin(), ranges.end());
    auto out = repo.decision(args);
    EXPECT_EQ(out.exit_code, 0) << out.err;
    std::vector<std::string> ids;
    std::istringstream lines(out.out);
    std::string line;
    while (std::getline(lines, line))
        ids.push_back(nlohmann::json::parse(line).at("commit").get<std::string>());
    return ids;
}

std::vector<std::string> rev_list(const test::TempRepo& repo,
                                  const std::vector<std::string>& ranges) {
    std::vector<std::string> args{"rev-list"};
    args.insert(args.end(), ranges.begin(), ranges.end());
    std::vector<std::string> ids;
    std::istringstream lines(repo.git(args).out);
    std::string line;
    while (std::getline(lines, line))
        ids.push_back(line);
    return ids;
}

// Ranges over merged branches whose commit dates lie (a child older than its parent): the
// commits listed and their order are git's, whichever side hides what.
TEST(TrailersGit, RangesOverMergesAndSkewedDatesMatchGit) {
    test::TempRepo repo;
    auto at = [](const char* date) {
        test::RunOptions o;
        o.env = {{"GIT_COMMITTER_DATE", date}, {"GIT_AUTHOR_DATE", date}};
        return o;
    };
    auto commit = [&](const std::string& file, const char* date) {
        repo.write(file, file + date);
        return repo.commit_all(file, at(date));
    };
    std::string c1 = commit("a", "2026-01-01T10:00:00Z");
    std::string c2 = commit("b", "2026-01-02T10:00:00Z");
    repo.git({"checkout", "-q", "-b", "topic"});
    std::string t1 = commit("t1", "2026-01-05T10:00:00Z");
    std::string t2 = commit("t2", "2025-12-01T10:00:00Z"); // older than its parents
    repo.git({"checkout", "-q", "main"});
    std::string c3 = commit("c", "2026-01-03T10:00:00Z");
    repo.git({"merge", "-q", "--no-ff", "-m", "Merge topic", "topic"}, at("2026-01-06T10:00:00Z"));
    std::string c4 = commit("d", "2026-01-07T10:00:00Z");
    repo.git({"checkout", "-q", "topic"});
    std::string t3 = commit("t3", "2026-01-08T10:00:00Z");
    repo.git({"checkout", "-q", "main"});

    for (const auto& ranges : std::vector<std::vector<std::string>>{{c1 + "..main"},
                                                                    {c3 + "..main"},
                                                                    {"topic..main"},
                                                                    {"main..topic"},
                                                                    {t1 + "..main"},
                                                                    {"^" + c3, "main", "topic"},
                                                                    {"^topic", "^" + c3, "main"},
                                                                    {c2 + "..topic", c3 + "..main"},
                                                                    {"main..main"}}) {
        EXPECT_EQ(listed(repo, ranges), rev_list(repo, ranges)) << ranges.front();
    }
    EXPECT_EQ(listed(repo, {"topic..main"}).size(), 3u); // c3, the merge, c4
    (void)c4;
    (void)t2;
    (void)t3;
}

TEST(TrailersGit, EmptyRepositoryPrintsNothing) {
    test::TempRepo repo;
    auto out = repo.decision({"trailers"});
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(out.out, "");
    EXPECT_EQ(out.err, "");
}

TEST(TrailersGit, UnknownRevisionIsAnError) {
    test::TempRepo repo;
    repo.commit_all("One\n");
    auto out = repo.decision({"trailers", "no-such-branch"});
    EXPECT_EQ(out.exit_code, 128);
    EXPECT_EQ(out.out, "");
}

} // namespace

} // namespace t_integration_trailers_git_test
