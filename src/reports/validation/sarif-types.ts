/**
 * The subset of the SARIF 2.1.0 object model that MDSS writes (names as in the OASIS standard).
 * @see https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 * @module
 */

/** `level` of a result or a rule's default configuration. */
export type SarifLevel = 'none' | 'note' | 'warning' | 'error';

/** `reportingDescriptor` of a rule. */
export interface SarifRule {
  readonly id: string;
  readonly shortDescription: { readonly text: string };
  readonly helpUri?: string;
  readonly defaultConfiguration?: { readonly level: SarifLevel };
  readonly properties: { readonly tags: readonly string[]; readonly [key: string]: unknown };
}

/** One `location`. */
export interface SarifLocation {
  readonly physicalLocation: {
    readonly artifactLocation: { readonly uri: string; readonly uriBaseId: string };
    readonly region?: { readonly startLine: number; readonly startColumn: number };
  };
  readonly logicalLocations?: readonly {
    readonly fullyQualifiedName: string;
    readonly kind: string;
  }[];
}

/** One `result`. */
export interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: SarifLevel;
  readonly message: { readonly text: string };
  readonly locations: readonly SarifLocation[];
  readonly partialFingerprints: Readonly<Record<string, string>>;
  readonly baselineState?: 'new' | 'unchanged' | 'updated' | 'absent';
  readonly suppressions?: readonly {
    readonly kind: 'inSource' | 'external';
    readonly status: 'accepted' | 'underReview' | 'rejected';
    readonly justification: string;
    readonly properties?: Readonly<Record<string, unknown>>;
  }[];
  readonly properties?: Readonly<Record<string, unknown>>;
}

/** The `sarifLog` root with one run. */
export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly {
    readonly tool: {
      readonly driver: {
        readonly name: string;
        readonly version: string;
        readonly informationUri: string;
        readonly rules: readonly SarifRule[];
      };
    };
    readonly invocations?: readonly {
      readonly executionSuccessful: boolean;
      readonly startTimeUtc?: string;
      readonly endTimeUtc?: string;
    }[];
    readonly columnKind: 'utf16CodeUnits' | 'unicodeCodePoints';
    readonly results: readonly SarifResult[];
    readonly properties?: Readonly<Record<string, unknown>>;
  }[];
}
