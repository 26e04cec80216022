import { code, literal, type Code } from "../emit/code.js";
import type { EmitContext } from "./context.js";

/**
 * RFC 3986 URI-reference (§4.1), built from the ABNF: a URI with a scheme (§3), or a relative
 * reference whose first path segment holds no colon (§4.2). Each repetition starts with a
 * distinct character, so the expression cannot backtrack exponentially.
 */
export const URI_REFERENCE_PATTERN = (() => {
  const unreserved = "A-Za-z0-9\\-._~";
  const subDelims = "!$&'()*+,;=";
  const pct = "%[0-9A-Fa-f]{2}";
  const pchar = `(?:[${unreserved}${subDelims}:@]|${pct})`;
  const segmentNz = `${pchar}+`;
  const segmentNzNc = `(?:[${unreserved}${subDelims}@]|${pct})+`;
  const userinfo = `(?:(?:[${unreserved}${subDelims}:]|${pct})*@)?`;
  const host = `(?:\\[[0-9A-Fa-f:.vV${unreserved}${subDelims}]+\\]|(?:[${unreserved}${subDelims}]|${pct})*)`;
  const authority = `${userinfo}${host}(?::[0-9]*)?`;
  const abempty = `(?:/${pchar}*)*`;
  const absolute = `/(?:${segmentNz}(?:/${pchar}*)*)?`;
  const tail = `(?:\\?(?:${pchar}|[/?])*)?(?:#(?:${pchar}|[/?])*)?`;
  const uri = `[A-Za-z][A-Za-z0-9+.\\-]*:(?://${authority}${abempty}|${absolute}|${segmentNz}(?:/${pchar}*)*)?${tail}`;
  const relative = `(?://${authority}${abempty}|${absolute}|${segmentNzNc}(?:/${pchar}*)*)?${tail}`;
  return `^(?:${uri}|${relative})$`;
})();

const URI_REFERENCE = new RegExp(URI_REFERENCE_PATTERN);

/** Whether `text` is an RFC 3986 URI-reference (CloudEvents `source`). */
export function isUriReference(text: string): boolean {
  return URI_REFERENCE.test(text);
}

/**
 * The check as emitted code. It lives in validators.ts, written once and only where a spec uses
 * the format, so the runtime module of catalogs without it stays as it is.
 */
export function uriReferenceCheck(value: Code, context: EmitContext): Code {
  const pattern = context.constant("URI_REFERENCE", code`new RegExp(${literal(URI_REFERENCE_PATTERN)})`);
  const helper = context.helper("format:uri-reference", "isUriReference", (name) => code`/** An RFC 3986 URI-reference (a URI, or a relative reference). */\nfunction ${name}(text: string): boolean {\n  return ${pattern}.test(text);\n}\n`);
  return code`${helper}(${value})`;
}
