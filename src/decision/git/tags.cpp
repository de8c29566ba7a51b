#include "decision/git/tags.hpp"

#include "decision/git/handle.hpp"

#include <cstring>

namespace decision::git {

util::Result<std::vector<model::TagRef>> tags(const Repository& repo) {
    struct Payload {
        git_repository* repo;
        std::vector<model::TagRef>* out;
    };
    std::vector<model::TagRef> out;
    Payload payload{repo.raw(), &out};
    int rc = git_tag_foreach(
        repo.raw(),
        [](const char* name, git_oid* oid, void* p) -> int {
            auto* pl = static_cast<Payload*>(p);
            constexpr std::string_view k_prefix = "refs/tags/";
            std::string_view full(name);
            if (full.substr(0, k_prefix.size()) != k_prefix)
                return 0;
            git_object* obj = nullptr;
            if (git_object_lookup(&obj, pl->repo, oid, GIT_OBJECT_ANY) < 0)
                return 0; // a dangling tag names nothing
            Object owned(obj);
            git_object* peeled = nullptr;
            if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0)
                return 0;
            Object commit(peeled);
            char hex[GIT_OID_HEXSZ + 1];
            git_oid_tostr(hex, sizeof hex, git_object_id(peeled));
            pl->out->push_back({std::string(full.substr(k_prefix.size())), hex});
            return 0;
        },
        &payload);
    if (rc < 0 && rc != GIT_ENOTFOUND)
        return util::fail(util::ErrorKind::Git, last_error("cannot read the tags"));
    return out;
}

} // namespace decision::git
