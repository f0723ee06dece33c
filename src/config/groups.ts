/**
 * From the user's `groups` to the resolved order of groups.
 *
 *   ["builtin", ["parent", "sibling"], { "match": ["@app/**"] }]
 *     → builtin | parent+sibling | custom-2 | third-party | first-party
 *
 * Each entry becomes one group; an array entry merges its members into one
 * group (no blank line inside). A category may appear once; categories the
 * user did not list are appended, each as its own group, in default order.
 */
import { CATEGORIES, type Category, type ResolvedGroup } from "../types.js";

import { type ConfigLocation, fail, formatKeyPath, type KeyPath } from "./located.js";
import type { GroupEntry, GroupMember } from "./schema.js";

/** The default order: one group per category. */
export function defaultGroups(): ResolvedGroup[] {
  return CATEGORIES.map(categoryGroup);
}

/** Resolve validated `groups` entries found at `path` of the config at `at`. */
export function resolveGroups(entries: readonly GroupEntry[], at: ConfigLocation, path: KeyPath): ResolvedGroup[] {
  const seen = new Map<Category, KeyPath>();
  const groups = entries.map((entry, i) => {
    const members: { member: GroupMember; path: KeyPath }[] = Array.isArray(entry)
      ? (entry as readonly GroupMember[]).map((member, j) => ({ member, path: [...path, i, j] }))
      : [{ member: entry as GroupMember, path: [...path, i] }];
    for (const { member, path: memberPath } of members) {
      if (typeof member !== "string") continue;
      const first = seen.get(member);
      if (first !== undefined) {
        fail(at, memberPath, `expected each category at most once, got "${member}" again (first at ${formatKeyPath([...at.root, ...first])})`);
      }
      seen.set(member, memberPath);
    }
    return mergeMembers(members.map((m) => m.member), i);
  });
  const missing = CATEGORIES.filter((category) => !seen.has(category));
  return [...groups, ...missing.map(categoryGroup)];
}

function categoryGroup(category: Category): ResolvedGroup {
  return { name: category, categories: [category], match: [] };
}

/** One group from its members; unnamed custom members are called `custom-<entry index>`. */
function mergeMembers(members: readonly GroupMember[], index: number): ResolvedGroup {
  const names: string[] = [];
  const categories: Category[] = [];
  const match: string[] = [];
  for (const member of members) {
    if (typeof member === "string") {
      names.push(member);
      categories.push(member);
    } else {
      names.push(member.name ?? `custom-${index}`);
      match.push(...member.match);
    }
  }
  return { name: [...new Set(names)].join("+"), categories, match: [...new Set(match)] };
}
