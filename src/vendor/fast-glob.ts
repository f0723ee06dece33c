/**
 * fast-glob, vendored: scripts/bundle.mjs replaces the compiled
 * dist/src/vendor/fast-glob.js with one file holding fast-glob and its
 * dependencies (their licences go to dist/THIRD_PARTY_LICENSES.md), so a
 * consumer's install does not add its 17 packages. fast-glob is a
 * devDependency; import it through this module only.
 */
export { default } from "fast-glob";
