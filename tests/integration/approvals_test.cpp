// What counts as an approval, through every gate that weighs one: `check --range`, the
// `pre-push` hook and the server's `pre-receive` (a bare repository, the real `git push`).
// Alice holds the ml-lead role; Bob wants a model change through without her.
//  - Only Alice's own commit whose own message names the decision approves it: a note
//    linking her unrelated signed-off commit does not.
//  - trust = "committer": the committer, never the author (`--author` is anyone's).
//  - trust = "signed": a signature git verifies (gpg.format = ssh, an allowed-signers file)
//    as Alice's; not an unsigned commit, a made-up gpgsig header, or another key.
//  - An approval binds to one version of the record.
//  - The approvals cache cannot make an approval, and a damaged one is a miss.

#include "decision/record/normative.hpp"
#include "decision/record/parse.hpp"
#include "decision/util/digest.hpp"
#include "support/governed.hpp"
#include "support/strings.hpp"
#include "support/temp_repo.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

// Its own namespace: the unit build compiles several test files as one (GD_UNITY).
namespace t_integration_approvals_test {

namespace fs = std::filesystem;

namespace {

using test::contains;
using test::replace;

const char* k_record_path = test::k_ship_gbt_path;
const char* k_alice_approval = "Approved-by: Alice <alice@example.com>";
const char* k_missing = "DEC-0001 has no approval from role 'ml-lead' (alice@example.com)";

class ApprovalsTest : public ::testing::Test {
protected:
    // `git decision init` with Alice as ml-lead and `trust`, DEC-0001 (accepted, scope
    // models/**) committed and pushed to the server; then the server's pre-receive and the
    // clone's hooks (pre-push among them) are installed.
    void start(const std::string& trust = "committer") {
        ASSERT_EQ(run_decision({"init"}).exit_code, 0);
        std::string policy = replace(repo.read("decisions/policy.toml"), "ml-lead = []",
                                     "ml-lead = [\"alice@example.com\"]");
        repo.write("decisions/policy.toml",
                   replace(policy, "trust = \"committer\"", "trust = \"" + trust + "\""));
        repo.write(k_record_path, test::ship_gbt_record());
        m_base = repo.commit_all("Add DEC-0001 and the policy");
        repo.git({"remote", "add", "origin", server.path()});
        repo.git({"push", "-q", "origin", "main"});
        std::string script = "#!/bin/sh\nexec '" + test::hook_binary("pre-receive") + "' \"$@\"\n";
        server.write("hooks/pre-receive", script);
        fs::permissions(fs::path(server.path()) / "hooks/pre-receive", fs::perms::owner_all);
        auto installed = run_decision({"install"});
        ASSERT_EQ(installed.exit_code, 0) << installed.err;
    }

    // The environment with git-decision on PATH, acting as `name <email>` (author and
    // committer).
    test::RunOptions as(const std::string& name, const std::string& email) const {
        test::RunOptions o;
        std::string dir = fs::path(test::git_decision_binary()).parent_path().string();
        const char* path = std::getenv("PATH");
        o.env["PATH"] = dir + ":" + (path ? path : "/usr/bin:/bin");
        o.env["GIT_AUTHOR_NAME"] = o.env["GIT_COMMITTER_NAME"] = name;
        o.env["GIT_AUTHOR_EMAIL"] = o.env["GIT_COMMITTER_EMAIL"] = email;
        return o;
    }
    test::RunOptions alice() const { return as("Alice", "alice@example.com"); }
    test::RunOptions bob() const { return as("Bob", "bob@example.com"); }

    test::Output run_decision(const std::vector<std::string>& args,
                              test::RunOptions extra = {}) const {
        std::vector<std::string> argv{"decision"};
        argv.insert(argv.end(), args.begin(), args.end());
        if (!extra.env.count("PATH"))
            extra = as("A U Thor", "author@example.com");
        return repo.git(argv, extra, true);
    }

    // Commits (skipping the commit hooks, as --no-verify would) a change to `path`, or an
    // empty commit when `path` is empty, with `extra_args` (e.g. -S, -s, --author).
    std::string commit(const std::string& path, const std::string& message, test::RunOptions who,
                       std::vector<std::string> extra_args = {}) const {
        std::vector<std::string> args{"commit", "-q", "--no-verify", "-m", message};
        if (path.empty()) {
            args.push_back("--allow-empty");
        } else {
            repo.write(path, "content of " + path + " " + std::to_string(m_counter++) + "\n");
            repo.git({"add", path});
        }
        args.insert(args.end(), extra_args.begin(), extra_args.end());
        repo.git(args, std::move(who));
        return repo.head();
    }

    // Bob's model change, linked to DEC-0001 by its trailer.
    std::string bobs_model_change() const {
        return commit("models/x.onnx", "Retrain\n\nDecision: DEC-0001\n", bob());
    }

    test::Output check_range() const {
        // Fresh results each time: the result caches are another unit's concern.
        std::error_code ec;
        fs::remove(fs::path(repo.path()) / ".git/decision-cache/commits.tsv", ec);
        fs::remove_all(fs::path(repo.path()) / ".git/decision-cache/ranges", ec);
        return repo.decision({"check", "--range", m_base + "..main"});
    }

    test::Output push(std::vector<std::string> args) const {
        args.insert(args.begin(), "push");
        return repo.git(args, as("A U Thor", "author@example.com"), true);
    }

    std::string server_main() const {
        return server.git({"rev-parse", "--verify", "-q", "refs/heads/main"}, {}, true).out;
    }

    // Every gate rejects main: check --range, pre-push (the real push stops), and
    // pre-receive (a push skipping pre-push is refused, the server's main does not move).
    void expect_rejected_everywhere() const {
        auto checked = check_range();
        EXPECT_EQ(checked.exit_code, 1) << checked.out << checked.err;
        EXPECT_TRUE(contains(checked.out + checked.err, k_missing)) << checked.out << checked.err;

        std::string before = server_main();
        auto pushed = push({"origin", "main"});
        EXPECT_NE(pushed.exit_code, 0) << pushed.err;
        EXPECT_TRUE(contains(pushed.err, "push rejected")) << pushed.err;
        EXPECT_TRUE(contains(pushed.err, k_missing)) << pushed.err;
        EXPECT_FALSE(contains(pushed.err, "remote: ")) << "pre-push let it through:\n"
                                                       << pushed.err;

        auto forced = push({"--no-verify", "origin", "main"});
        EXPECT_NE(forced.exit_code, 0) << forced.err;
        EXPECT_TRUE(contains(forced.err, "remote: ")) << forced.err;
        EXPECT_TRUE(contains(forced.err, k_missing)) << forced.err;
        EXPECT_EQ(server_main(), before);
    }

    // Every gate accepts main: check --range passes and a push through pre-push and
    // pre-receive lands it.
    void expect_accepted_everywhere() const {
        auto checked = check_range();
        EXPECT_EQ(checked.exit_code, 0) << checked.out << checked.err;
        auto pushed = push({"origin", "main"});
        EXPECT_EQ(pushed.exit_code, 0) << pushed.err;
        EXPECT_EQ(server_main(), repo.head() + "\n");
    }

    test::TempRepo server{test::TempRepo::Kind::Bare};
    test::TempRepo repo;
    std::string m_base;

private:
    mutable int m_counter = 0;
};

// --- An approval is the approver's own commit naming the decision ---------------------

TEST_F(ApprovalsTest, OwnCommitNamingTheDecisionApproves) {
    start();
    commit("", std::string("Approve DEC-0001\n\nDecision: DEC-0001\n") + k_alice_approval + "\n",
           alice());
    bobs_model_change();
    expect_accepted_everywhere();
}

TEST_F(ApprovalsTest, NoteLinkingASignedOffCommitIsNoApproval) {
    start();
    // Alice's unrelated commit, signed off as `git commit -s` does.
    std::string alices = commit("README.md", "Tidy the readme", alice(), {"-s"});
    ASSERT_TRUE(contains(repo.git({"log", "-1", "--format=%B"}).out,
                         "Signed-off-by: Alice <alice@example.com>"));
    // Bob links it to DEC-0001 after the fact, and the server gets the note first.
    auto linked = run_decision({"link", alices, "DEC-0001"}, bob());
    ASSERT_EQ(linked.exit_code, 0) << linked.err;
    auto notes = push({"origin", "refs/notes/decisions"});
    ASSERT_EQ(notes.exit_code, 0) << notes.err;
    bobs_model_change();
    expect_rejected_everywhere();
}

// A note naming Alice's real approval of another decision does not move it to DEC-0001.
TEST_F(ApprovalsTest, NoteCannotMoveAnApprovalToAnotherDecision) {
    start();
    repo.write("decisions/DEC-0002-other.toml",
               replace(test::ship_gbt_record(), "DEC-0001", "DEC-0002"));
    repo.git({"add", "decisions"});
    std::string alices = commit(
        "", std::string("Approve DEC-0002\n\nDecision: DEC-0002\n") + k_alice_approval + "\n",
        alice());
    ASSERT_EQ(run_decision({"link", alices, "DEC-0001"}, bob()).exit_code, 0);
    ASSERT_EQ(push({"origin", "refs/notes/decisions"}).exit_code, 0);
    bobs_model_change();
    expect_rejected_everywhere();
}

// --- trust = "committer" ---------------------------------------------------------------

TEST_F(ApprovalsTest, CommitterTrustIgnoresTheAuthor) {
    start("committer");
    // Bob commits, claiming Alice as the author and her approval in the message.
    commit("", std::string("Approve DEC-0001\n\nDecision: DEC-0001\n") + k_alice_approval + "\n",
           bob(), {"--author=Alice <alice@example.com>"});
    ASSERT_EQ(repo.git({"log", "-1", "--format=%ae %ce"}).out,
              "alice@example.com bob@example.com\n");
    bobs_model_change();
    expect_rejected_everywhere();
}

TEST_F(ApprovalsTest, CommitterTrustIgnoresTheAuthorInTheCommitMsgHook) {
    start("committer");
    repo.write("models/x.onnx", "weights\n");
    repo.git({"add", "models/x.onnx"});
    auto out = repo.git({"commit", "-q", "--author=Alice <alice@example.com>", "-m",
                         std::string("Retrain\n\nDecision: DEC-0001\n") + k_alice_approval + "\n"},
                        bob(), true);
    EXPECT_EQ(out.exit_code, 1) << out.err;
    EXPECT_TRUE(contains(out.err, k_missing)) << out.err;
    // The same message committed by Alice herself passes.
    auto own = repo.git({"commit", "-q", "-m",
                         std::string("Retrain\n\nDecision: DEC-0001\n") + k_alice_approval + "\n"},
                        alice(), true);
    EXPECT_EQ(own.exit_code, 0) << own.err;
}

// --- trust = "signed": verified as git verifies ------------------------------------------

class SignedApprovalsTest : public ApprovalsTest {
protected:
    // ssh keys for Alice and Mallory (no passphrase, no agent), an allowed-signers file
    // naming each key's owner, read by the clone's config and by the server's.
    void SetUp() override {
        start("signed");
        fs::path keys = fs::path(repo.path()).parent_path() / "keys";
        fs::create_directories(keys);
        for (const char* who : {"alice", "mallory"}) {
            auto made = test::run({"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", who, "-f",
                                   (keys / who).string()});
            ASSERT_EQ(made.exit_code, 0) << made.err;
        }
        std::string allowed = "alice@example.com " + read(keys / "alice.pub") +
                              "mallory@example.com " + read(keys / "mallory.pub");
        fs::path signers = keys / "allowed_signers";
        std::ofstream(signers) << allowed;
        for (const test::TempRepo* r : {&repo, &server}) {
            r->git({"config", "gpg.format", "ssh"});
            r->git({"config", "gpg.ssh.allowedSignersFile", signers.string()});
        }
        m_alice_key = (keys / "alice").string();
        m_mallory_key = (keys / "mallory").string();
    }

    static std::string read(const fs::path& p) {
        std::ifstream in(p);
        std::stringstream s;
        s << in.rdbuf();
        return s.str();
    }

    // Alice's approval of DEC-0001, committed as Alice (signed with `key` when given).
    std::string alices_approval(const std::string& key) const {
        std::vector<std::string> args;
        if (!key.empty())
            args = {"--gpg-sign=" + key};
        return commit(
            "", std::string("Approve DEC-0001\n\nDecision: DEC-0001\n") + k_alice_approval + "\n",
            alice(), args);
    }

    std::string m_alice_key, m_mallory_key;
};

TEST_F(SignedApprovalsTest, GoodSignatureByTheRoleHolderApproves) {
    alices_approval(m_alice_key);
    ASSERT_EQ(repo.git({"log", "-1", "--format=%G? %GS"}).out, "G alice@example.com\n");
    bobs_model_change();
    expect_accepted_everywhere();
}

// `git decision approve` signs under trust = "signed", with the user's configured key.
TEST_F(SignedApprovalsTest, ApproveSignsTheApproval) {
    repo.git({"config", "user.signingkey", m_alice_key});
    auto approved = run_decision({"approve", "DEC-0001"}, alice());
    ASSERT_EQ(approved.exit_code, 0) << approved.err;
    ASSERT_EQ(repo.git({"log", "-1", "--format=%G? %GS"}).out, "G alice@example.com\n");
    bobs_model_change();
    auto checked = check_range();
    EXPECT_EQ(checked.exit_code, 0) << checked.out << checked.err;
}

TEST_F(SignedApprovalsTest, UnsignedCommitIsNoApproval) {
    alices_approval("");
    bobs_model_change();
    expect_rejected_everywhere();
}

TEST_F(SignedApprovalsTest, MadeUpSignatureHeaderIsNoApproval) {
    std::string unsigned_commit = alices_approval("");
    // The same commit with a gpgsig header that is no signature at all.
    std::string raw = repo.git({"cat-file", "commit", unsigned_commit}).out;
    auto committer_end = raw.find('\n', raw.find("\ncommitter ") + 1);
    raw.insert(committer_end + 1, "gpgsig -----BEGIN SSH SIGNATURE-----\n"
                                  " totally-not-a-signature\n"
                                  " -----END SSH SIGNATURE-----\n");
    test::RunOptions in;
    in.input = raw;
    std::string forged = repo.git({"hash-object", "-t", "commit", "-w", "--stdin"}, in).out;
    forged.pop_back();
    repo.git({"reset", "-q", "--hard", forged});
    ASSERT_TRUE(contains(repo.git({"cat-file", "commit", "HEAD"}).out, "gpgsig "));
    bobs_model_change();
    expect_rejected_everywhere();
}

TEST_F(SignedApprovalsTest, AnotherKeyClaimingTheHolderIsNoApproval) {
    // A good signature, by Mallory's key, on a commit claiming to be Alice's.
    alices_approval(m_mallory_key);
    ASSERT_EQ(repo.git({"log", "-1", "--format=%G? %GS"}).out, "G mallory@example.com\n");
    bobs_model_change();
    expect_rejected_everywhere();
}

// --- An approval binds to one version of the record ----------------------------------------

TEST_F(ApprovalsTest, ApprovalOfOneVersionDoesNotCoverAnother) {
    start();
    // Alice approves DEC-0002 as proposed, governing docs/ only ...
    const std::string path = "decisions/DEC-0002-ship.toml";
    const std::string accepted = replace(test::ship_gbt_record(), "DEC-0001", "DEC-0002");
    repo.write(path, replace(replace(accepted, "\"accepted\"", "\"proposed\""), "\"models/**\"",
                             "\"docs/**\""));
    repo.git({"add", path});
    commit("", "Approve DEC-0002\n\nDecision: DEC-0002\nApproved-by: Alice <alice@example.com>\n",
           alice());
    // ... Bob accepts a version governing models/ with a new rationale, and ships with it.
    repo.write(path, replace(accepted, "Best recall", "Bob says so"));
    repo.git({"add", path});
    commit("", "Accept DEC-0002", bob());
    commit("models/x.onnx", "Retrain\n\nDecision: DEC-0002\n", bob());
    const std::string stale = "DEC-0002: the approval by alice@example.com (";
    const std::string again = ") is stale: the decision's content changed since";
    auto checked = check_range();
    EXPECT_EQ(checked.exit_code, 1) << checked.out << checked.err;
    EXPECT_TRUE(contains(checked.out, stale)) << checked.out << checked.err;
    EXPECT_TRUE(contains(checked.out, again)) << checked.out;
    auto pushed = push({"origin", "main"});
    EXPECT_NE(pushed.exit_code, 0) << pushed.err;
    EXPECT_TRUE(contains(pushed.err, stale)) << pushed.err;
    auto forced = push({"--no-verify", "origin", "main"});
    EXPECT_NE(forced.exit_code, 0) << forced.err;
    EXPECT_TRUE(contains(forced.err, stale)) << forced.err;
}

// --- The approvals cache -----------------------------------------------------------------

class ApprovalsCacheTest : public ApprovalsTest {
protected:
    void SetUp() override { start(); }

    fs::path cache() const { return fs::path(repo.path()) / ".git/decision-cache/approvals.json"; }

    nlohmann::json read_cache() const {
        return nlohmann::json::parse(repo.read(".git/decision-cache/approvals.json"));
    }
    void write_cache(const nlohmann::json& j) const {
        repo.write(".git/decision-cache/approvals.json", j.dump());
    }

    // A governed commit through the real commit hooks (commit-msg reads the cache).
    test::Output commit_model_with_hooks() const {
        repo.write("models/y.onnx", "weights " + std::to_string(++m_models) + "\n");
        repo.git({"add", "models/y.onnx"});
        return repo.git({"commit", "-q", "-m", "Retrain\n\nDecision: DEC-0001\n"}, bob(), true);
    }

    mutable int m_models = 0;
};

TEST_F(ApprovalsCacheTest, DamagedEntryIsRecomputed) {
    commit("", std::string("Approve DEC-0001\n\nDecision: DEC-0001\n") + k_alice_approval + "\n",
           alice());
    auto first = commit_model_with_hooks();
    ASSERT_EQ(first.exit_code, 0) << first.err;
    auto j = read_cache();
    ASSERT_EQ(j["approvals"].size(), 1u) << j.dump();
    j["approvals"][0] = {{"decision", 5}};
    write_cache(j);
    auto again = commit_model_with_hooks();
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(again.err, "");
    EXPECT_EQ(read_cache()["approvals"].size(), 1u);
    EXPECT_EQ(read_cache()["approvals"][0]["decision"], "DEC-0001");
}

TEST_F(ApprovalsCacheTest, ForgedApprovalWithAValidChecksumDecidesNothing) {
    // A hook run with no approval in history leaves a cache naming none.
    auto first = commit_model_with_hooks();
    ASSERT_EQ(first.exit_code, 1) << first.err;
    auto j = read_cache();
    ASSERT_TRUE(j["approvals"].empty()) << j.dump();
    // Alice's approval of the current content, claimed at a commit that gives none, with
    // the checksum recomputed as a careful forger would.
    auto parsed = decision::record::parse(repo.read(k_record_path), k_record_path);
    ASSERT_TRUE(parsed.record);
    j["approvals"] =
        nlohmann::json::array({{{"decision", "DEC-0001"},
                                {"email", "alice@example.com"},
                                {"name", "Alice"},
                                {"commit", repo.head()},
                                {"hash", decision::record::normative_hash(*parsed.record)}}});
    j["checksum"] =
        decision::util::sha256_hex(j["key"].get<std::string>() + '\n' +
                                   j["tip"].get<std::string>() + '\n' + j["approvals"].dump());
    write_cache(j);
    auto forged = commit_model_with_hooks();
    EXPECT_EQ(forged.exit_code, 1) << forged.err;
    EXPECT_TRUE(contains(forged.err, k_missing)) << forged.err;
}

} // namespace

} // namespace t_integration_approvals_test
