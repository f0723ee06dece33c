/**
 * yargs-parser, vendored: scripts/bundle.mjs replaces the compiled
 * dist/src/vendor/yargs-parser.js with one file holding the package (its
 * licence goes to dist/THIRD_PARTY_LICENSES.md; the CLI bundle shares the
 * copy yargs uses), so a consumer's install does not add it. yargs-parser is
 * a devDependency; import it through this module only.
 */
export { default } from "yargs-parser";
