import { describe, expect, it } from 'vitest';
import {
  isValidationFormat,
  renderValidation,
  validationFormatMediaTypes,
  validationFormats,
} from './index.js';
import { renderGithub } from './render-github.js';
import { renderJson } from './render-json.js';
import { renderJunit } from './render-junit.js';
import { renderMarkdown } from './render-markdown.js';
import { renderOperationOutcome, renderOperationOutcomeXml } from './render-operation-outcome.js';
import { renderSarif } from './render-sarif.js';
import { renderText } from './render-text.js';
import { sampleFiles, sampleRun } from './testing/sample-files.js';

describe('renderValidation', () => {
  it('dispatches each format to its renderer, passing options through', () => {
    const files = sampleFiles();
    const expected = {
      text: renderText(files, sampleRun, { color: true }),
      json: renderJson(files, sampleRun),
      operationoutcome: renderOperationOutcome(files, sampleRun),
      'operationoutcome-xml': renderOperationOutcomeXml(files, sampleRun),
      junit: renderJunit(files, sampleRun),
      sarif: renderSarif(files, sampleRun, { informationUri: 'https://example.org/x' }),
      github: renderGithub(files),
      markdown: renderMarkdown(files, sampleRun, { topCodes: 1 }),
    };
    for (const format of validationFormats) {
      expect(
        renderValidation(format, files, sampleRun, {
          color: true,
          informationUri: 'https://example.org/x',
          topCodes: 1,
        }),
      ).toBe(expected[format]);
    }
  });

  it('gives byte-identical output for the same input, in every format', () => {
    for (const format of validationFormats) {
      expect(renderValidation(format, [...sampleFiles()].reverse(), sampleRun)).toBe(
        renderValidation(format, sampleFiles(), sampleRun),
      );
    }
  });

  it('knows its formats and their media types', () => {
    expect(validationFormats.every(isValidationFormat)).toBe(true);
    expect(isValidationFormat('html')).toBe(false);
    expect(Object.keys(validationFormatMediaTypes).sort()).toEqual([...validationFormats].sort());
    expect(validationFormatMediaTypes.sarif).toBe('application/sarif+json');
  });
});
