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

import type { GroupEntry, GroupMember } from "./schema.js";

/** The default order: one group per category. */
export function defaultGroups(): ResolvedGroup[] {
  return CATEGORIES.map(categoryGroup);
}

/** Resolve validated `groups` entries (validation made sure each category appears at most once). */
export function resolveGroups(entries: readonly GroupEntry[]): ResolvedGroup[] {
  const seen = new Set<Category>();
  const groups = entries.map((entry, i) => {
    const members: readonly GroupMember[] = Array.isArray(entry) ? (entry as readonly GroupMember[]) : [entry as GroupMember];
    for (const member of members) if (typeof member === "string") seen.add(member);
    return mergeMembers(members, i);
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
