# What `cmake --install` puts where, and the Debian package CPack makes of it
# (`cpack -G DEB` in a build folder, or `scripts/bootstrap --package`).
#
#   bin/git-decision                              the CLI
#   libexec/git-decision/                         the hooks (hooks/CMakeLists.txt)
#   share/man/man1/git-decision.1.gz              `git decision --help`
#   share/bash-completion/completions/git-decision  `_git_decision`, loaded on demand by git's
#   share/zsh/vendor-completions/_git-decision      `_git-decision`, found by zsh's _git
#     (share/zsh/site-functions/ when not installed to /usr)
#   share/git-decision/*.schema.json              JSON Schemas of records and the policy
#   share/doc/git-decision/copyright              Apache-2.0
include(GNUInstallDirs)

set(GD_MAN_PAGE ${PROJECT_SOURCE_DIR}/docs/man/man1/git-decision.1)
# man-db looks for pages in <dir>/../share/man for every <dir> on PATH, so with build/tools
# on PATH (as the README says) `git decision --help` finds this copy without an install.
configure_file(${GD_MAN_PAGE} ${PROJECT_BINARY_DIR}/share/man/man1/git-decision.1 COPYONLY)
# Installed compressed, as Debian policy wants man pages (gzip -9n: no name or time in the
# header, so the package is reproducible).
find_program(GD_GZIP gzip REQUIRED)
set(GD_MAN_GZ_DIR ${PROJECT_BINARY_DIR}/packaging/man1)
add_custom_command(
    OUTPUT ${GD_MAN_GZ_DIR}/git-decision.1.gz
    COMMAND ${CMAKE_COMMAND} -E make_directory ${GD_MAN_GZ_DIR}
    COMMAND ${CMAKE_COMMAND} -E copy ${GD_MAN_PAGE} ${GD_MAN_GZ_DIR}/git-decision.1
    COMMAND ${GD_GZIP} -9nf ${GD_MAN_GZ_DIR}/git-decision.1
    DEPENDS ${GD_MAN_PAGE}
    VERBATIM)
add_custom_target(gd_man_page ALL DEPENDS ${GD_MAN_GZ_DIR}/git-decision.1.gz)
install(FILES ${GD_MAN_GZ_DIR}/git-decision.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

install(FILES ${PROJECT_SOURCE_DIR}/completion/git-decision.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME git-decision)
# zsh's fpath has /usr/share/zsh/vendor-completions for packages and
# /usr/local/share/zsh/site-functions for local installs: chosen by the prefix installed to
# (CPack installs to /usr), which only the install step knows.
install(CODE "
  if(CMAKE_INSTALL_PREFIX STREQUAL \"/usr\")
    set(gd_zsh_dir share/zsh/vendor-completions)
  else()
    set(gd_zsh_dir share/zsh/site-functions)
  endif()
  file(INSTALL ${PROJECT_SOURCE_DIR}/completion/_git-decision
       DESTINATION \"\${CMAKE_INSTALL_PREFIX}/\${gd_zsh_dir}\")")
install(FILES ${PROJECT_SOURCE_DIR}/schema/decision.schema.json
              ${PROJECT_SOURCE_DIR}/schema/policy.schema.json
        DESTINATION ${CMAKE_INSTALL_DATADIR}/git-decision)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/copyright
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_PACKAGE_NAME git-decision)
set(CPACK_PACKAGE_VENDOR "git-decision developers")
set(CPACK_PACKAGE_CONTACT "git-decision developers <dev@git-decision.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "typed AI/ML product decisions in git, enforced in hooks, CI and on the server")
set(CPACK_PACKAGE_DESCRIPTION
    "git-decision keeps AI/ML product decisions (model selection, data pipelines, fairness
trade-offs, deployment thresholds) as typed TOML records in the repository, links them
to the commits and model versions they govern, and enforces in git hooks, in CI and in a
server-side pre-receive hook that no governed change lands without an accepted,
approved decision.")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_STRIP_FILES ON) # the install is ~240 MB with debug info, a few MB without

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # git-decision_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION vcs)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_LICENSE Apache-2.0) # CPack >= 3.29 writes it; the copyright file says it
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON) # Depends from the binaries (dpkg-shlibdeps, dpkg-dev)
set(CPACK_DEBIAN_PACKAGE_DEPENDS git) # run through git, and the hooks call it
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS man-db)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion")
set(CPACK_GENERATOR DEB)
include(CPack)
