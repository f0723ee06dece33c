// Used by scripts/bundle.mjs: safesort's own modules take Node's builtins
// from `process.getBuiltinModule` instead of through an ESM import.
//
// An ESM import of a builtin gets the builtin's "facade", whose creation reads
// every export of the module. For node:fs that runs the lazy `ReadStream`
// getter, which loads the whole of node:stream (some 35 internal modules, the
// biggest single cost of a one-file run on Node 22), and `promises`, which
// loads fs/promises and readline. A destructuring reads only the names the
// module uses, as an ESM import binds them: once, when the module runs.
//
// tsc writes each import on one line at the head of the module (after its
// leading comments and other imports); only those lines are rewritten. A
// builtin imported in any other form or place (`import "node:x"`, an
// `export … from`, a line after the head) fails the build rather than
// quietly keeping its facade. Dynamic `import("node:…")` is not touched.
import { builtinModules } from "node:module";

const BUILTINS = new Set(builtinModules.flatMap((name) => (name.startsWith("node:") ? [name] : [name, `node:${name}`])));
/** `import a from "m";`, `import * as a from "m";`, `import { b, c as d } from "m";`, `import a, { b } from "m";` */
const IMPORT = /^import\s+(?:(?<first>[\w$]+)\s*,\s*)?(?:(?<only>[\w$]+)|\*\s+as\s+(?<star>[\w$]+)|\{(?<named>[^}]*)\})\s+from\s+"(?<from>[^"]+)";$/;
/** Any import or re-export statement line (at a line start, with a double-quoted specifier). */
const STATEMENT = /^(?:import|export)\b[^"]*"(?<from>[^"]+)";$/;

/** The rewritten module text; `file` names it in errors. */
export function withoutBuiltinFacades(code, file) {
  const lines = code.split("\n");
  let head = true;
  let inComment = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trimEnd();
    const trimmed = line.trim();
    if (head) {
      if (inComment) {
        inComment = !trimmed.includes("*/");
        continue;
      }
      if (trimmed === "" || trimmed.startsWith("//") || trimmed.startsWith("#!")) continue;
      if (trimmed.startsWith("/*")) {
        inComment = !trimmed.slice(2).includes("*/");
        continue;
      }
      const m = IMPORT.exec(line);
      if (m) {
        if (BUILTINS.has(m.groups.from)) lines[i] = fromBuiltin(m.groups);
        continue;
      }
      head = false;
    }
    const statement = STATEMENT.exec(line);
    if (statement && BUILTINS.has(statement.groups.from)) {
      throw new Error(`${file}:${i + 1}: a builtin imported in a form or place scripts/builtin-imports.mjs does not rewrite: ${line}`);
    }
  }
  return lines.join("\n");
}

/**
 * Builtins taken at the first call of one of their functions rather than
 * when the module runs: node:fs/promises (with the readline and stream
 * modules it loads, ~3 ms of a one-file run on Node 22) is needed only by
 * what writes, or reads asynchronously, and a sorted file's run does
 * neither. Only their functions can be taken so (a wrapper per name).
 */
const ON_FIRST_CALL = new Set(["node:fs/promises"]);
/** Exports of those builtins that are not functions (a wrapper would be wrong). */
const NOT_FUNCTIONS = new Set(["constants", "default"]);

function fromBuiltin({ first, only, star, named, from }) {
  const builtin = from.startsWith("node:") ? from : `node:${from}`;
  const take = `process.getBuiltinModule(${JSON.stringify(builtin)})`;
  if (ON_FIRST_CALL.has(builtin)) return onFirstCall(builtin, take, { first, only, star, named });
  const whole = first ?? only ?? star;
  const statements = whole === undefined ? [] : [`const ${whole} = ${take};`];
  if (named !== undefined) {
    const names = namesOf(named, (name) => name === "default", `cannot rewrite the import of ${from}`);
    statements.push(`const { ${names.map(({ name, local }) => (local === name ? name : `${name}: ${local}`)).join(", ")} } = ${whole ?? take};`);
  }
  return statements.join(" ");
}

/** `import { a, b as c } from "node:fs/promises"` as `const a = (...args) => process.getBuiltinModule("node:fs/promises").a(...args); …`. */
function onFirstCall(builtin, take, { first, only, star, named }) {
  if (first !== undefined || only !== undefined || star !== undefined || named === undefined) {
    throw new Error(`${builtin} is taken function by function: import its functions by name, not the module`);
  }
  const names = namesOf(named, (name) => NOT_FUNCTIONS.has(name), `cannot take from ${builtin} on first call (only its functions)`);
  return names.map(({ name, local }) => `const ${local} = (...args) => ${take}.${name}(...args);`).join(" ");
}

/** The names between an import's braces (`a, b as c`) as `{ name, local }`; one `refused` (or not a plain name) fails with `refusal`. */
function namesOf(named, refused, refusal) {
  return named
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) => {
      const m = /^([\w$]+)(?:\s+as\s+([\w$]+))?$/.exec(part);
      if (!m || refused(m[1])) throw new Error(`${refusal}: ${part}`);
      return { name: m[1], local: m[2] ?? m[1] };
    });
}
