#include "decision/git/signature.hpp"

#include "decision/util/process.hpp"
#include "decision/util/text.hpp"

namespace decision::git {

namespace {

// The address inside `<...>` of an OpenPGP user id ("Alice <alice@example.com>"); the
// user id itself when it has none.
std::string address_of(std::string_view uid) {
    auto lt = uid.rfind('<');
    auto gt = uid.rfind('>');
    if (lt != std::string_view::npos && gt != std::string_view::npos && gt > lt + 1)
        return std::string(uid.substr(lt + 1, gt - lt - 1));
    return std::string(uid);
}

} // namespace

std::optional<std::string> signer_in(std::string_view raw) {
    constexpr std::string_view k_ssh_good = "Good \"git\" signature for ";
    constexpr std::string_view k_gpg_good = "[GNUPG:] GOODSIG ";
    std::optional<std::string> gpg_signer;
    bool gpg_trusted = false;
    for (auto line : util::split_views(raw, '\n')) {
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (line.starts_with(k_ssh_good)) {
            // As git reads it: the principal runs up to the last " with ".
            line.remove_prefix(k_ssh_good.size());
            auto with = line.rfind(" with ");
            if (with == std::string_view::npos || with == 0)
                return std::nullopt;
            return std::string(line.substr(0, with));
        }
        if (line.starts_with(k_gpg_good)) {
            line.remove_prefix(k_gpg_good.size());
            auto space = line.find(' ');
            if (space == std::string_view::npos || space + 1 == line.size())
                return std::nullopt;
            gpg_signer = address_of(util::trim(line.substr(space + 1)));
        }
        // A key the keyring's web of trust does not vouch for may carry any user id: only
        // a valid key names its owner (git shows such a signature as %G? "G", not "U").
        if (line.starts_with("[GNUPG:] TRUST_MARGINAL") ||
            line.starts_with("[GNUPG:] TRUST_FULLY") || line.starts_with("[GNUPG:] TRUST_ULTIMATE"))
            gpg_trusted = true;
    }
    if (gpg_signer && gpg_trusted && !gpg_signer->empty())
        return gpg_signer;
    return std::nullopt;
}

util::Result<std::optional<std::string>> verified_signer(const Repository& repo,
                                                         const std::string& commit) {
    util::ProcessOptions options;
    options.capture = true;
    options.max_output = 64 << 10;
    auto run = util::run_process(
        {"git", "--git-dir=" + repo.git_dir().string(), "verify-commit", "--raw", commit}, options);
    if (!run)
        return util::fail(util::ErrorKind::Git, "cannot verify the signature of " +
                                                    util::short_id(commit) + ": " +
                                                    run.error().message);
    if (run->exit_code != 0)
        return std::nullopt;
    return signer_in(run->output);
}

} // namespace decision::git
