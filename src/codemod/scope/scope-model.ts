/**
 * The data model of scope analysis (scope.ts builds it): scopes, the
 * bindings declared in them, and the references that resolve to them. Two
 * name spaces, as in TypeScript: `const X` and `type X` can both exist;
 * classes, enums, namespaces and imports are both.
 */
import type { Node } from "@babel/types";

import type { NodePath } from "../ast.js";

export type Space = "value" | "type";

export type BindingKind =
  | "var"
  | "let"
  | "const"
  | "using"
  | "function"
  | "class"
  | "param"
  | "catch"
  | "import"
  | "type"
  | "enum"
  | "namespace";

export type ScopeKind = "program" | "function" | "block" | "class" | "catch" | "module" | "type";

export class Binding {
  /** Identifier paths that declare it (empty for a type parameter, whose name is a string). */
  readonly declarations: NodePath[] = [];
  readonly references: Reference[] = [];
  readonly spaces: Set<Space>;

  constructor(
    readonly name: string,
    readonly kind: BindingKind,
    readonly scope: Scope,
    spaces: readonly Space[],
  ) {
    this.spaces = new Set(spaces);
  }
}

export interface Reference {
  readonly path: NodePath;
  /** The innermost scope the reference sits in. */
  readonly scope: Scope;
  readonly space: Space;
  /** Undefined for a global (nothing in the file declares it). */
  readonly binding: Binding | undefined;
}

export class Scope {
  readonly bindings = new Map<string, Binding[]>();
  readonly children: Scope[] = [];

  constructor(
    readonly kind: ScopeKind,
    readonly node: Node,
    readonly parent: Scope | null,
  ) {
    parent?.children.push(this);
  }

  /** The binding `name` resolves to from here in `space`, searching outwards. */
  lookup(name: string, space: Space): Binding | undefined {
    for (let scope: Scope | null = this; scope; scope = scope.parent) {
      const own = scope.own(name, space);
      if (own) return own;
    }
    return undefined;
  }

  own(name: string, space: Space): Binding | undefined {
    return this.bindings.get(name)?.find((b) => b.spaces.has(space));
  }

  /** Is this scope `other` or nested in it? */
  isWithin(other: Scope): boolean {
    for (let scope: Scope | null = this; scope; scope = scope.parent) if (scope === other) return true;
    return false;
  }

  /** Where `var` lands from here. */
  varScope(): Scope {
    let scope: Scope = this;
    while (scope.parent && scope.kind !== "function" && scope.kind !== "program" && scope.kind !== "module") scope = scope.parent;
    return scope;
  }

  /** Declare `name`; same-scope declarations sharing a space are one binding (`var a; var a;`, merging). */
  declare(name: string, kind: BindingKind, id: NodePath | undefined): Binding {
    const spaces = SPACES[kind];
    const list = this.bindings.get(name) ?? [];
    let binding = list.find((b) => spaces.some((s) => b.spaces.has(s)));
    if (binding) {
      for (const s of spaces) binding.spaces.add(s);
    } else {
      binding = new Binding(name, kind, this, spaces);
      list.push(binding);
      this.bindings.set(name, list);
    }
    if (id) binding.declarations.push(id);
    return binding;
  }
}

const SPACES: Record<BindingKind, readonly Space[]> = {
  var: ["value"],
  let: ["value"],
  const: ["value"],
  using: ["value"],
  function: ["value"],
  param: ["value"],
  catch: ["value"],
  type: ["type"],
  class: ["value", "type"],
  import: ["value", "type"],
  enum: ["value", "type"],
  namespace: ["value", "type"],
};

export interface ScopeInfo {
  readonly program: Scope;
  /** Every binding of the file, in declaration order. */
  readonly bindings: readonly Binding[];
  /** Every resolved or global reference, in source order. */
  readonly references: readonly Reference[];
  /** The binding an identifier node declares or refers to. */
  bindingOf(identifier: Node): Binding | undefined;
  /** The reference record of an identifier node, when it is a reference. */
  referenceOf(identifier: Node): Reference | undefined;
  /** References to `name` that nothing in the file declares. */
  globals(name: string): readonly Reference[];
  /** The scope a node creates, if it creates one. */
  scopeCreatedBy(node: Node): Scope | undefined;
  /** The scope the node at `path` is evaluated in (the program for a path outside any other). */
  scopeAt(path: NodePath): Scope;
  /** Every reference named `name` (resolved or not). */
  referencesNamed(name: string): readonly Reference[];
}
