import type { ElementNode } from '../definitions/compiled/element-node.js';
import { checkPrimitive, isExampleUrl, jsonTypeOf, type PrimitiveChecker } from './primitives.js';
import type { ValidationContext } from './validation-context.js';
import { isObject, jsonKind, makeTarget, walkComplex, type ComplexTarget } from './walk-element.js';
import { checkXhtml } from './xhtml.js';

/**
 * Checks one primitive element: the JSON type of its value, the primitive rules, and its `_name`
 * companion object (id and extensions only). `checker`: `primitiveCheckerOf(type)` when the caller
 * keeps it (the same findings as `checkPrimitive(type, …)`).
 */
export function checkPrimitiveValue(
  ctx: ValidationContext,
  el: ElementNode,
  type: string,
  name: string,
  value: unknown,
  ext: unknown,
  checker?: PrimitiveChecker,
): void {
  if (value !== undefined) {
    const expected = jsonTypeOf(type);
    if (typeof value !== expected) {
      ctx.report('structure.wrong-json-type', { name, expected, found: jsonKind(value) });
    } else if (value === '') {
      ctx.report('structure.empty-string');
    } else {
      const primitive = value as string | number | boolean;
      const finding = checker ? checker(primitive) : checkPrimitive(type, primitive);
      if (finding) ctx.report(finding.code, finding.params, { rule: { elementId: el.id } });
      if (type === 'xhtml') checkXhtml(ctx, value as string);
      else if (
        !ctx.options.allowExampleUrls &&
        (type === 'uri' || type === 'url') &&
        isExampleUrl(value as string)
      )
        ctx.report('primitive.example-url');
    }
  }
  if (ext === undefined) return;
  const last = ctx.ptr.length - 1;
  const saved = ctx.ptr[last]!;
  if (value !== undefined) ctx.ptr[last] = /^\d+$/.test(saved) ? saved : `_${saved}`;
  if (!isObject(ext)) {
    ctx.report('structure.wrong-json-type', {
      name: `_${name}`,
      expected: 'object',
      found: jsonKind(ext),
    });
  } else {
    const primitive = ctx.services.model.base(type);
    if (primitive) {
      // the walker's one target shape (makeTarget), with the `_name` object's own fields set
      const target = makeTarget(
        primitive.root,
        primitive,
        type,
        undefined,
        undefined,
        true,
        false,
      ) as { -readonly [K in keyof ComplexTarget]: ComplexTarget[K] };
      target.isPrimitiveExtension = true;
      target.contextPath = el.path;
      target.contextBasePath = el.definition.base?.path || undefined;
      walkComplex(ctx, ext, target);
    }
  }
  ctx.ptr[last] = saved;
}
