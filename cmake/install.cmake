# Installing ntmplan (cmake --install) and its Debian package (cpack -G DEB),
# included by CMakeLists.txt; docs/install.md explains the layout. Paths are
# GNUInstallDirs', relative to the prefix, so `cmake --install build
# --prefix ~/.local` works without root and the package gets /usr.
#   bin/ntmplan
#   share/ntmplan/dienbien/            the example dataset and scenarios/
#   share/ntmplan/models/              the MathProg model and its runner
#   share/man/man1/ntmplan.1.gz        made from docs/usage.md
#   share/bash-completion/completions/ntmplan
#   share/doc/ntmplan/                 README.md, docs/, copyright, changelog.gz

set(NTM_PKGDATA "${CMAKE_INSTALL_DATADIR}/ntmplan")
set(NTM_COMPLETIONS "${CMAKE_INSTALL_DATADIR}/bash-completion/completions")

# The man page, from docs/usage.md (tools/md2man.awk), gzipped as Debian
# wants it (-n: no name or time in the header, so the same bytes each build).
find_program(NTM_AWK NAMES awk mawk gawk REQUIRED)
find_program(NTM_GZIP gzip REQUIRED)
set(NTM_MAN "${CMAKE_CURRENT_BINARY_DIR}/man/ntmplan.1")
add_custom_command(
  OUTPUT "${NTM_MAN}" "${NTM_MAN}.gz"
  COMMAND "${CMAKE_COMMAND}" -E make_directory "${CMAKE_CURRENT_BINARY_DIR}/man"
  COMMAND "${NTM_AWK}" -v name=ntmplan -v section=1 -v version=${PROJECT_VERSION}
          -v "summary=${NTM_SUMMARY}"
          -f "${CMAKE_CURRENT_SOURCE_DIR}/tools/md2man.awk"
          "${CMAKE_CURRENT_SOURCE_DIR}/docs/usage.md" > "${NTM_MAN}"
  COMMAND "${NTM_GZIP}" -9nf -k "${NTM_MAN}"
  DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/docs/usage.md" "${CMAKE_CURRENT_SOURCE_DIR}/tools/md2man.awk"
  COMMENT "man page ntmplan.1 from docs/usage.md"
  VERBATIM)
add_custom_target(ntm_man ALL DEPENDS "${NTM_MAN}" "${NTM_MAN}.gz")

# Bash completion, with the install's relative path from bin to the data.
configure_file("${CMAKE_CURRENT_SOURCE_DIR}/packaging/ntmplan.bash.in"
               "${CMAKE_CURRENT_BINARY_DIR}/completion/ntmplan" @ONLY)

set(NTM_MAINTAINER "ntmplan maintainers <ntmplan@example.org>" CACHE STRING
    "the Debian package's Maintainer and changelog signature (docs/install.md)")
# Debian's changelog for a native package, gzipped without a timestamp.
configure_file("${CMAKE_CURRENT_SOURCE_DIR}/packaging/changelog.in"
               "${CMAKE_CURRENT_BINARY_DIR}/packaging/changelog" @ONLY)
add_custom_command(
  OUTPUT "${CMAKE_CURRENT_BINARY_DIR}/packaging/changelog.gz"
  COMMAND "${NTM_GZIP}" -9nf -k "${CMAKE_CURRENT_BINARY_DIR}/packaging/changelog"
  DEPENDS "${CMAKE_CURRENT_BINARY_DIR}/packaging/changelog"
  VERBATIM)
add_custom_target(ntm_changelog ALL DEPENDS "${CMAKE_CURRENT_BINARY_DIR}/packaging/changelog.gz")

# Folders 0755 whatever the umask (lintian: non-standard-dir-perm).
set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

install(TARGETS ntmplan RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
install(DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}/data/dienbien/"
        DESTINATION "${NTM_PKGDATA}/dienbien"
        FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
install(FILES "${CMAKE_CURRENT_SOURCE_DIR}/models/ntm.mod" "${CMAKE_CURRENT_SOURCE_DIR}/models/csv2glpk.awk"
        DESTINATION "${NTM_PKGDATA}/models")
install(PROGRAMS "${CMAKE_CURRENT_SOURCE_DIR}/models/ntm-glpsol.sh" DESTINATION "${NTM_PKGDATA}/models")
install(FILES "${NTM_MAN}.gz" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/completion/ntmplan" DESTINATION "${NTM_COMPLETIONS}")
install(FILES "${CMAKE_CURRENT_SOURCE_DIR}/README.md"
              "${CMAKE_CURRENT_SOURCE_DIR}/packaging/copyright"
              "${CMAKE_CURRENT_BINARY_DIR}/packaging/changelog.gz"
        DESTINATION "${CMAKE_INSTALL_DOCDIR}")
install(DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}/docs/" DESTINATION "${CMAKE_INSTALL_DOCDIR}/docs"
        FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)

# The Debian package: `cpack -G DEB --config build/CPackConfig.cmake` (or
# `cmake --build build --target package`) writes ntmplan_VERSION_ARCH.deb.
# Its library dependencies are dpkg-shlibdeps' (from the binary's NEEDED
# entries); the font the PDF needs is named, as no library points to it.
# tools/install-check checks both against what the binary really loads.
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "ntmplan")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "ntmplan")
# Who answers for the package: give a real name and address when publishing
# it (-DNTM_MAINTAINER=...); the default is a placeholder (example.org).
set(CPACK_PACKAGE_CONTACT "${NTM_MAINTAINER}")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-dejavu-core")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "glpk-utils")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "${NTM_SUMMARY}
ntmplan tells a Vietnamese province which rural communes, and which works
in them, to fund first, year by year, so that the most communes reach the
national New Rural Development standard (nông thôn mới: all 19 criteria)
within the budget, under the province's targets. It solves a multi-stage
lexicographic mixed-integer programme with GLPK and prints the plan as an
allocation proposal, as CSV files and as a printable PDF. The illustrative
dataset of Điện Biên province (116 communes, 2016-2020) is included.")
include(CPack)
