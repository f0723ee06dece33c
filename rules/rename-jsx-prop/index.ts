import type { CodemodRule } from "../../src/codemod/rule.js";

export interface RenameJsxPropOptions extends Record<string, unknown> {
  readonly component: string;
  readonly from: string;
  readonly to: string;
}

/**
 * Rename a prop of a JSX component: `<Button kind="x">` → `<Button variant="x">`.
 * An element that already has the new prop fails instead (two props would
 * clash); spread props (`{...props}`) are left alone.
 */
export const renameJsxProp: CodemodRule<RenameJsxPropOptions> = {
  id: "rename-jsx-prop",
  description: "Rename a prop of a JSX component (`<X a=…>` → `<X b=…>`).",
  docs: "README.md#codemods",
  options: [
    { name: "component", type: "string", required: true, default: undefined, description: "The element name as written: `Button`, `UI.Button`, `div`." },
    { name: "from", type: "string", required: true, default: undefined, description: "The prop's current name." },
    { name: "to", type: "string", required: true, default: undefined, description: "The prop's new name." },
  ],
  transform: (q, options) => q.selectJsxAttribute(options.component, options.from).rename(options.to),
};
