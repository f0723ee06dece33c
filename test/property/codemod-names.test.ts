/**
 * Property tests of the codemod name verifier and the scope-aware codemods,
 * against an oracle that never looks at the code under test: generated
 * programs are a small model (scopes: functions with parameters, blocks,
 * catch clauses, class methods; declarations: let, function, class, import,
 * parameter, catch parameter; references: uses, call roots; names that are
 * not references: class members and object keys), and the oracle resolves
 * every reference by walking the model's own scope tree.
 *
 *   1. a rename of identifiers in the model (scope-correct, or by spelling,
 *      or of call roots): checkNames accepts the output exactly when every
 *      reference resolves as before (a renamed global call root: to the new
 *      global);
 *   2. selectVar(x).rename(y): when it writes, the output is the model with
 *      every binding named x renamed and its references following, nothing
 *      else (no shadowed binding or key touched), and meaning is kept;
 *   3. selectCall("x.warn").rename("y.warn"): when it writes, exactly the
 *      calls whose root is the global x changed, and each new root is the
 *      global y; it refuses only when some new root would not be.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { Query } from "../../src/codemod/query.js";
import { checkNames } from "../../src/codemod/verify/verify-names.js";
import { testConfig } from "../helpers/config.js";

const NAMES = ["a", "b", "c"] as const;
type Name = (typeof NAMES)[number];

type Stmt =
  | { kind: "let"; name: Name; init?: Name }
  | { kind: "use"; name: Name }
  | { kind: "call"; root: Name; arg: Name }
  | { kind: "object"; key: Name; value: Name }
  | { kind: "block"; body: Stmt[] }
  | { kind: "function"; name: Name; params: Name[]; body: Stmt[] }
  | { kind: "try"; param: Name; body: Stmt[] }
  | { kind: "class"; name: Name; member: Name; param: Name; body: Stmt[] };

interface Program {
  imports: Name[];
  body: Stmt[];
}

const name = fc.constantFrom(...NAMES);
const stmt: fc.Memo<Stmt> = fc.memo((depth) => {
  const leaf = fc.oneof(
    fc.record({ kind: fc.constant("let" as const), name, init: fc.option(name, { nil: undefined }) }),
    fc.record({ kind: fc.constant("use" as const), name }),
    fc.record({ kind: fc.constant("call" as const), root: name, arg: name }),
    fc.record({ kind: fc.constant("object" as const), key: name, value: name }),
  );
  if (depth <= 1) return leaf;
  const body = fc.array(stmt(depth - 1), { maxLength: 3 });
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("block" as const), body }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("function" as const), name, params: fc.array(name, { maxLength: 2 }), body }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("try" as const), param: name, body }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("class" as const), name, member: name, param: name, body }) },
  );
});
const program: fc.Arbitrary<Program> = fc.record({ imports: fc.uniqueArray(name, { maxLength: 2 }), body: fc.array(stmt(3), { minLength: 1, maxLength: 5 }) });

// ── the model, resolved: identifiers with their offsets in the rendered text ──

interface Decl {
  readonly id: number;
  readonly scope: ModelScope;
  name: string;
}
interface ModelScope {
  readonly parent: ModelScope | null;
  readonly decls: Decl[];
}
interface Ident {
  /** A declaration, or a reference (call roots are references too). */
  readonly role: "decl" | "ref";
  readonly decl?: Decl;
  readonly scope: ModelScope;
  readonly call: boolean;
  name: string;
  /** Set by render: where the identifier is in the text. */
  start: number;
}

/** Build the scope tree and the identifiers, in render order. Duplicate declarations in one scope are dropped to uses (they would not parse). */
function analyze(p: Program): { idents: Ident[]; render: () => string } {
  const idents: Ident[] = [];
  const parts: (string | Ident)[] = [];
  let next = 0;
  const scopeOf = (parent: ModelScope | null): ModelScope => ({ parent, decls: [] });
  const declare = (scope: ModelScope, n: Name): Ident | undefined => {
    if (scope.decls.some((d) => d.name === n)) return undefined;
    const decl: Decl = { id: next++, scope, name: n };
    scope.decls.push(decl);
    const ident: Ident = { role: "decl", decl, scope, call: false, name: n, start: -1 };
    idents.push(ident);
    return ident;
  };
  const ref = (scope: ModelScope, n: Name, call = false): Ident => {
    const ident: Ident = { role: "ref", scope, call, name: n, start: -1 };
    idents.push(ident);
    return ident;
  };
  const program = scopeOf(null);
  // Declarations first, per scope (hoisting is by scope, as the analyser resolves), then the text.
  for (const n of p.imports) {
    const id = declare(program, n)!;
    parts.push("import { ", n, " as ", id, ' } from "m";\n');
  }
  const emitBody = (body: Stmt[], scope: ModelScope, indent: string): void => {
    for (const s of body) {
      parts.push(indent);
      switch (s.kind) {
        case "let": {
          const id = declare(scope, s.name);
          if (!id) {
            parts.push("use(", ref(scope, s.name), ");\n");
            break;
          }
          parts.push("let ", id, s.init ? " = " : "", ...(s.init ? [ref(scope, s.init)] : []), ";\n");
          break;
        }
        case "use":
          parts.push("use(", ref(scope, s.name), ");\n");
          break;
        case "call":
          parts.push("", ref(scope, s.root, true), ".warn(", ref(scope, s.arg), ");\n");
          break;
        case "object":
          parts.push("use({ ", s.key, ": ", ref(scope, s.value), " });\n");
          break;
        case "block": {
          parts.push("{\n");
          emitBody(s.body, scopeOf(scope), indent + "  ");
          parts.push(indent, "}\n");
          break;
        }
        case "function": {
          const id = declare(scope, s.name);
          const inner = scopeOf(scope);
          const params = s.params.map((n) => declare(inner, n)).filter((x): x is Ident => x !== undefined);
          // A name its scope already has: the function is an expression (it declares nothing there).
          parts.push(id ? "function " : "(function ", ...(id ? [id] : []), "(");
          params.forEach((param, i) => parts.push(i > 0 ? ", " : "", param));
          parts.push(") {\n");
          emitBody(s.body, inner, indent + "  ");
          parts.push(indent, id ? "}\n" : "});\n");
          break;
        }
        case "try": {
          const inner = scopeOf(scope);
          parts.push("try {\n", indent, "} catch (", declare(inner, s.param)!, ") {\n");
          emitBody(s.body, inner, indent + "  ");
          parts.push(indent, "}\n");
          break;
        }
        case "class": {
          const id = declare(scope, s.name);
          const inner = scopeOf(scope);
          parts.push(id ? "class " : "(class", ...(id ? [id] : []), " {\n", indent, "  ", s.member, " = 1;\n", indent, "  m(", declare(inner, s.param)!, ") {\n");
          emitBody(s.body, inner, indent + "    ");
          parts.push(indent, "  }\n", indent, id ? "}\n" : "});\n");
          break;
        }
      }
    }
  };
  emitBody(p.body, program, "");
  const render = (): string => {
    let text = "";
    for (const part of parts) {
      if (typeof part === "string") text += part;
      else {
        part.start = text.length;
        text += part.role === "decl" ? part.decl!.name : part.name;
      }
    }
    return text;
  };
  return { idents, render };
}

/** The oracle: what each reference means, walking the model's scopes by the current names. */
function meanings(idents: readonly Ident[]): string[] {
  return idents
    .filter((i) => i.role === "ref")
    .map((i) => {
      for (let s: ModelScope | null = i.scope; s; s = s.parent) {
        const found = s.decls.filter((d) => d.name === i.name);
        if (found.length > 1) return `clash ${i.name}`;
        if (found[0]) return `decl ${found[0].id}`;
      }
      return `global ${i.name}`;
    });
}

/** Two declarations of one name in one scope: the output does not parse, so it is refused. */
function clashes(idents: readonly Ident[]): boolean {
  const scopes = new Set(idents.filter((i) => i.decl).map((i) => i.decl!.scope));
  return [...scopes].some((s) => new Set(s.decls.map((d) => d.name)).size !== s.decls.length);
}

type Strategy = "scope" | "spelling" | "calls";

/** Rename in the model: returns the identifiers renamed (their input ranges are the codemod's edits). */
function renameInModel(idents: Ident[], from: Name, to: Name, strategy: Strategy, target: number): Ident[] {
  const decls = idents.filter((i) => i.role === "decl" && i.decl!.name === from).map((i) => i.decl!);
  const chosen = decls[target % Math.max(decls.length, 1)];
  const before = meanings(idents);
  const refs = idents.filter((i) => i.role === "ref");
  const renamed: Ident[] = [];
  refs.forEach((r, k) => {
    const meant = before[k]!;
    const rename =
      strategy === "spelling" ? r.name === from : strategy === "calls" ? r.call && r.name === from && meant === `global ${from}` : chosen !== undefined && meant === `decl ${chosen.id}`;
    if (rename) renamed.push(r);
  });
  const renamedDecls = idents.filter((i) => i.role === "decl" && (strategy === "spelling" ? i.decl!.name === from : strategy === "scope" && i.decl === chosen));
  for (const r of renamed) r.name = to;
  for (const d of renamedDecls) d.decl!.name = to;
  return [...renamed, ...renamedDecls];
}

const CONFIG = testConfig();
const runs = { numRuns: 300 };

describe("property: the codemod name verifier accepts exactly the renames that keep every reference's meaning", () => {
  it("scope-correct renames, renames by spelling and call-root replacements", () => {
    fc.assert(
      fc.property(program, name, name, fc.constantFrom<Strategy>("scope", "spelling", "calls"), fc.nat(), (p, from, to, strategy, target) => {
        fc.pre(from !== to);
        const { idents, render } = analyze(p);
        const source = render();
        const before = meanings(idents);
        const refs = idents.filter((i) => i.role === "ref");
        const changed = renameInModel(idents, from, to, strategy, target);
        const edited = changed.map((i) => ({ start: i.start, end: i.start + from.length }));
        const output = render();
        fc.pre(output !== source);
        const after = meanings(idents);
        const kept = !clashes(idents) && after.every((m, k) => m === before[k] || (refs[k]!.name === to && before[k] === `global ${from}` && m === `global ${to}`));
        let accepted: boolean;
        try {
          accepted = checkNames({ source, output, filepath: "a.js", edited, inserted: [], intents: [] }).ok;
        } catch {
          accepted = false; // does not parse: refused
        }
        expect({ accepted, source, output }).toEqual({ accepted: kept, source, output });
      }),
      runs,
    );
  });
});

describe("property: scope-aware codemods never rewrite a shadowed binding", () => {
  it("selectVar(x).rename(y) writes the scope-correct rename of every binding named x, or refuses one that changes meaning", () => {
    fc.assert(
      fc.property(program, name, name, (p, from, to) => {
        fc.pre(from !== to);
        const { idents, render } = analyze(p);
        const source = render();
        const result = new Query([]).selectVar(from).rename(to).applyToSource(source, "a.js", CONFIG);
        const before = meanings(idents);
        // Expected: every declaration named `from`, the references resolving to them, and the global `from`
        // (imports keep their imported name: `a as b`); nothing else (shadowing bindings of other names, keys).
        const targets = new Set([`global ${from}`, ...idents.filter((i) => i.role === "decl" && i.decl!.name === from).map((i) => `decl ${i.decl!.id}`)]);
        const refs = idents.filter((i) => i.role === "ref");
        refs.forEach((r, k) => targets.has(before[k]!) && (r.name = to));
        for (const d of idents) if (d.role === "decl" && d.decl!.name === from) d.decl!.name = to;
        const expected = render();
        const kept = !clashes(idents) && meanings(idents).every((m, k) => m === before[k] || (before[k] === `global ${from}` && m === `global ${to}`));
        if (result.status === "changed") {
          expect({ kept, output: result.output }).toEqual({ kept: true, output: expected });
        } else if (result.status === "failed") {
          expect({ kept, message: result.diagnostic.message, source }).toMatchObject({ kept: false });
        } else {
          expect(expected).toBe(source);
        }
      }),
      runs,
    );
  });

  it('selectCall("x.warn").rename("y.warn") changes exactly the calls on the global x, each to the global y, or refuses', () => {
    fc.assert(
      fc.property(program, name, name, (p, from, to) => {
        fc.pre(from !== to);
        const { idents, render } = analyze(p);
        const source = render();
        const result = new Query([]).selectCall(`${from}.warn`).rename(`${to}.warn`).applyToSource(source, "a.js", CONFIG);
        const before = meanings(idents);
        const refs = idents.filter((i) => i.role === "ref");
        const roots = refs.filter((r, k) => r.call && r.name === from && before[k] === `global ${from}`);
        for (const r of roots) r.name = to;
        const expected = render();
        const after = meanings(idents);
        const kept = refs.every((r, k) => after[k] === before[k] || (roots.includes(r) && after[k] === `global ${to}`));
        if (result.status === "changed") expect({ kept, output: result.output }).toEqual({ kept: true, output: expected });
        else if (result.status === "failed") expect({ kept, message: result.diagnostic.message, source }).toMatchObject({ kept: false });
        else expect(roots).toEqual([]);
      }),
      runs,
    );
  });
});
