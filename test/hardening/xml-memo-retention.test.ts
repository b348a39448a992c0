/**
 * The validator's memos that outlive a validation (code systems, codes, passing values of a binding,
 * the primitive checks' slots) must not keep a payload alive. FHIR XML is where it could happen:
 * the XML reader's attribute values can be slices of the whole document's text, so a remembered
 * `Coding.system` that is such a slice would hold on to the document (its names, identifiers, free
 * text) for the validator's life. The test validates XML documents carrying a marker, lets them go,
 * and looks for the marker in a heap snapshot.
 */
import { getHeapSnapshot, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createNodeChecker } from '../../src/node/create-node-checker.js';

/** The marker for a seed, made on demand so that the test itself holds no copy while the heap is read. */
function marker(seed: number): string {
  return ['retained', 'payload', seed.toString(36)].join('-');
}

/** A FHIR XML Observation with codings, a quantity and narrative text holding the marker. */
function observationXml(seed: number, i: number): string {
  const m = marker(seed);
  return `<?xml version="1.0" encoding="UTF-8"?>
<Observation xmlns="http://hl7.org/fhir">
  <id value="obs-${i}"/>
  <text><status value="generated"/><div xmlns="http://www.w3.org/1999/xhtml"><p>${m} note ${i}</p></div></text>
  <status value="final"/>
  <category><coding><system value="http://terminology.hl7.org/CodeSystem/observation-category"/><code value="vital-signs"/></coding></category>
  <code><coding><system value="http://loinc.org"/><code value="8867-4"/><display value="Heart rate"/></coding><text value="${m} heart rate"/></code>
  <subject><reference value="Patient/p-${i}"/><display value="${m} patient"/></subject>
  <effectiveDateTime value="2024-03-01T10:00:00Z"/>
  <valueQuantity><value value="${60 + i}"/><unit value="beats/minute"/><system value="http://unitsofmeasure.org"/><code value="/min"/></valueQuantity>
</Observation>`;
}

async function validateSome(
  checker: ReturnType<typeof createNodeChecker>,
  seed: number,
): Promise<string[]> {
  const codes: string[] = [];
  for (let i = 0; i < 3; i++) {
    const bytes = new TextEncoder().encode(observationXml(seed, i));
    const { result } = await checker.checkBytes(bytes, { filename: `obs-${i}.xml` });
    for (const issue of result.issues) codes.push(issue.code);
  }
  return codes;
}

async function heapText(): Promise<string> {
  const chunks: string[] = [];
  for await (const chunk of getHeapSnapshot()) chunks.push(String(chunk));
  return chunks.join('');
}

describe('memos that outlive a validation keep no XML payload text', () => {
  it('finds no marker of validated XML documents in the heap after they are let go', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const checker = createNodeChecker();
    const seed = Math.floor(Math.random() * 2 ** 40) + 2 ** 41;
    // the validations fill the memos (systems, codes, passing values, slots); the documents are valid
    const codes = await validateSome(checker, seed);
    expect(codes.filter((c) => c.startsWith('xml.') || c.startsWith('input.'))).toEqual([]);
    gc();
    gc();
    const heap = await heapText();
    // the checker (and its memos) is still alive while the heap is read
    expect(typeof checker.checkBytes).toBe('function');
    expect(heap.includes(marker(seed))).toBe(false);
  }, 60_000);
});
