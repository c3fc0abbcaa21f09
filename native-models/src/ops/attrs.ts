/** Reads TF.js node attributes (strings arrive base64-encoded, integers as decimal strings). */
import type { TfNode } from '../tfjs-graph.js';

function attr(node: TfNode, key: string) {
  return node.attr?.[key];
}

export function stringAttr(node: TfNode, key: string): string | undefined {
  const s = attr(node, key)?.s;
  return s === undefined ? undefined : Buffer.from(s, 'base64').toString('utf8');
}

export function intListAttr(node: TfNode, key: string): number[] | undefined {
  return attr(node, key)?.list?.i?.map((v) => Number(v));
}

export function stringListAttr(node: TfNode, key: string): string[] {
  return (attr(node, key)?.list?.s ?? []).map((s) => Buffer.from(s, 'base64').toString('utf8'));
}

export function boolAttr(node: TfNode, key: string): boolean {
  return attr(node, key)?.b === true;
}

export function floatAttr(node: TfNode, key: string): number | undefined {
  return attr(node, key)?.f;
}

export function intAttr(node: TfNode, key: string): number | undefined {
  const i = attr(node, key)?.i;
  return i === undefined ? undefined : Number(i);
}

/** Placeholder shape: dims with -1 for unknown. */
export function shapeAttr(node: TfNode, key: string): number[] | undefined {
  return attr(node, key)?.shape?.dim?.map((d) => Number(d.size));
}

/** Refuses what the mappers do not implement instead of converting it wrongly. */
export function unsupported(model: string, node: TfNode, what: string): never {
  throw new Error(`${model}: node "${node.name}" (${node.op}) uses ${what}, which the converter does not support.`);
}

/** NHWC is the only TF data format the converter handles (every TF.js export uses it). */
export function requireNhwc(model: string, node: TfNode): void {
  const format = stringAttr(node, 'data_format');
  if (format !== undefined && format !== 'NHWC') unsupported(model, node, `data_format ${format}`);
}
