/** Types for merge-sarif.mjs (plain JavaScript: the action runs it without a build). */
export interface SarifRule {
  readonly id: string;
}
export interface SarifLogShape {
  readonly $schema?: string;
  readonly version: "2.1.0";
  readonly runs: readonly {
    readonly tool: { readonly driver: { readonly name: string; readonly rules: readonly SarifRule[] } };
    readonly results: readonly { readonly ruleId?: string; readonly ruleIndex?: number }[];
  }[];
}
export function mergeSarif(logs: readonly unknown[]): SarifLogShape;
