import type { IssueCollector, IssueInput } from '../../issues/collector.js';
import type { IssueParams, Severity } from '../../issues/issue.js';
import { escapePointer } from '../../input/json-text.js';
import type { RecordRef } from '../../validation-result.js';
import type { StructureModel } from '../definitions/compiled/structure-model.js';
import type { FhirPathEngine } from '../fhirpath.js';

/** Runtime services and limits shared by every check of one validation call. */
export interface EngineServices {
  readonly model: StructureModel;
  readonly fhirpath: FhirPathEngine;
  /** Monotonic clock in milliseconds (injected: `performance.now` where available). */
  readonly now: () => number;
}

/** Extra fields of a report besides code and params. */
export type ReportExtra = Pick<IssueInput, 'rule' | 'requirements'> & { readonly severity?: Severity };

/**
 * State of one validation: the issue collector, the current location as two stacks (FHIRPath
 * segments and JSON pointer tokens, rendered only when an issue is reported), depth and time limits,
 * and the resources being walked (for `%resource` / `%rootResource`).
 */
export class ValidationContext {
  /** FHIRPath pieces: `Patient`, `.name`, `[0]`, `.value.ofType(Quantity)`. */
  readonly expr: string[] = [];
  /** JSON pointer tokens (unescaped). */
  readonly ptr: string[] = [];
  readonly records: RecordRef[] = [];
  /** Resources being walked, innermost last. */
  readonly resources: Record<string, unknown>[] = [];
  /** Resources that can hold contained resources (not themselves contained), innermost last. */
  readonly containers: Record<string, unknown>[] = [];
  depth = 0;
  stopped = false;
  #steps = 0;
  readonly #deadline: number;

  constructor(
    readonly services: EngineServices,
    readonly collector: IssueCollector,
    readonly limits: { readonly maxDepth: number; readonly timeBudgetMs: number },
  ) {
    this.#deadline = services.now() + limits.timeBudgetMs;
  }

  /** Current FHIRPath expression. */
  expression(): string {
    return this.expr.join('');
  }

  /** Current JSON pointer. */
  pointer(): string {
    let out = '';
    for (const t of this.ptr) out += '/' + escapePointer(t);
    return out;
  }

  /** Reports an issue at the current location. */
  report(code: string, params: IssueParams = {}, extra: ReportExtra = {}): void {
    this.collector.add({ code, expression: this.expression(), pointer: this.pointer(), params, ...extra });
  }

  /** Counts one step of work; stops the walk when the time budget is spent. */
  tick(): boolean {
    if (this.stopped) return false;
    if ((++this.#steps & 255) === 0 && this.services.now() > this.#deadline) {
      this.stopped = true;
      this.collector.limitReached('timeBudgetMs', this.limits.timeBudgetMs);
      return false;
    }
    return true;
  }

  /** Enters one nesting level; false (and a limit issue) past maxDepth. */
  enter(): boolean {
    if (++this.depth > this.limits.maxDepth) {
      if (!this.stopped) {
        this.report('input.too-deep', { limit: this.limits.maxDepth });
        this.stopped = true;
        this.collector.limitReached('maxDepth', this.limits.maxDepth);
      }
      return false;
    }
    return true;
  }

  leave(): void {
    this.depth--;
  }

  /** Pushes one property step (`.name` / `name`). */
  pushProperty(fhirPathPiece: string, jsonName: string): void {
    this.expr.push(fhirPathPiece);
    this.ptr.push(jsonName);
  }

  /** Pushes an array index step (`[i]` / `i`). */
  pushIndex(i: number): void {
    this.expr.push(`[${i}]`);
    this.ptr.push(String(i));
  }

  pop(): void {
    this.expr.pop();
    this.ptr.pop();
  }
}
