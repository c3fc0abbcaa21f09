/**
 * A tiny WebAssembly kernel, assembled here byte by byte (no toolchain), for the one hot loop of 1:N matching:
 * the int8 dot products of one probe with every enrolled row, four lanes at a time with WASM SIMD.
 *
 * `dots(matrix, probe, out, rows, stride)`: for r in 0..rows-1, out[r] (i32) = sum over j < stride of
 * matrix[r * stride + j] * probe[j] (both i8). `stride` must be a positive multiple of 16 and `rows` positive; all
 * pointers are byte offsets into the module's own exported memory.
 *
 * Why int8 and SIMD: 100,000 templates of 1,024 floats are 410 MB, and plain JavaScript needs about 1-3 ns per
 * multiply-add here, so an exact float scan takes 100-300 ms; as int8 the scan reads a quarter of the bytes and
 * SIMD does 16 multiply-adds per step.
 */

const SIMD = 0xfd;
/** SIMD opcodes (LEB128-encoded after the 0xfd prefix). */
const V128_LOAD = [0x00];
const V128_CONST = [0x0c];
const I16X8_EXTEND_LOW_I8X16_S = [0x87, 0x01];
const I16X8_EXTEND_HIGH_I8X16_S = [0x88, 0x01];
const I32X4_DOT_I16X8_S = [0xba, 0x01];
const I32X4_ADD = [0xae, 0x01];
const I32X4_EXTRACT_LANE = [0x1b];

const I32 = 0x7f;
const V128 = 0x7b;
const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const LOCAL_TEE = 0x22;
const I32_CONST = 0x41;
const I32_ADD = 0x6a;
const I32_SUB = 0x6b;
const I32_LT_U = 0x49;
const I32_STORE = 0x36;
const LOOP = 0x03;
const BR_IF = 0x0d;
const END = 0x0b;
const VOID_BLOCK = 0x40;

// Parameters and locals of `dots`.
const M = 0;
const P = 1;
const OUT = 2;
const ROWS = 3;
const STRIDE = 4;
const J = 5;
const ACC = 6;
const A = 7;
const B = 8;

function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

function section(id: number, content: readonly number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

function name(text: string): number[] {
  return [...uleb(text.length), ...[...text].map((c) => c.charCodeAt(0))];
}

const simd = (op: readonly number[], ...immediates: number[]) => [SIMD, ...op, ...immediates];
const get = (local: number) => [LOCAL_GET, local];
const set = (local: number) => [LOCAL_SET, local];

function body(): number[] {
  // prettier-ignore
  const code = [
    LOOP, VOID_BLOCK, // rows
    ...simd(V128_CONST, ...new Array<number>(16).fill(0)), ...set(ACC),
    I32_CONST, 0, ...set(J),
    LOOP, VOID_BLOCK, // columns, 16 at a time
    ...get(M), ...get(J), I32_ADD, ...simd(V128_LOAD, 0, 0), ...set(A),
    ...get(P), ...get(J), I32_ADD, ...simd(V128_LOAD, 0, 0), ...set(B),
    ...get(ACC),
    ...get(A), ...simd(I16X8_EXTEND_LOW_I8X16_S), ...get(B), ...simd(I16X8_EXTEND_LOW_I8X16_S),
    ...simd(I32X4_DOT_I16X8_S), ...simd(I32X4_ADD),
    ...get(A), ...simd(I16X8_EXTEND_HIGH_I8X16_S), ...get(B), ...simd(I16X8_EXTEND_HIGH_I8X16_S),
    ...simd(I32X4_DOT_I16X8_S), ...simd(I32X4_ADD),
    ...set(ACC),
    ...get(J), I32_CONST, 16, I32_ADD, LOCAL_TEE, J, ...get(STRIDE), I32_LT_U, BR_IF, 0,
    END,
    ...get(OUT),
    ...get(ACC), ...simd(I32X4_EXTRACT_LANE, 0),
    ...get(ACC), ...simd(I32X4_EXTRACT_LANE, 1), I32_ADD,
    ...get(ACC), ...simd(I32X4_EXTRACT_LANE, 2), I32_ADD,
    ...get(ACC), ...simd(I32X4_EXTRACT_LANE, 3), I32_ADD,
    I32_STORE, 2, 0,
    ...get(OUT), I32_CONST, 4, I32_ADD, ...set(OUT),
    ...get(M), ...get(STRIDE), I32_ADD, ...set(M),
    ...get(ROWS), I32_CONST, 1, I32_SUB, LOCAL_TEE, ROWS, BR_IF, 0,
    END,
    END,
  ];
  const locals = [2, 1, I32, 3, V128];
  const fn = [...locals, ...code];
  return [...uleb(fn.length), ...fn];
}

function moduleBytes(): Uint8Array {
  // prettier-ignore
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 5, I32, I32, I32, I32, I32, 0]),
    ...section(3, [1, 0]),
    ...section(5, [1, 0x00, 1]),
    ...section(7, [2, ...name('memory'), 0x02, 0, ...name('dots'), 0x00, 0]),
    ...section(10, [1, ...body()]),
  ];
  return Uint8Array.from(bytes);
}

/** The part of the WebAssembly API used here (the project's typings include no DOM/WebAssembly lib). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { readonly exports: Record<string, unknown> };
  Memory: abstract new (...args: never[]) => WasmMemory;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

export interface Int8DotKernel {
  readonly memory: WasmMemory;
  dots(matrix: number, probe: number, out: number, rows: number, stride: number): void;
}

/** A fresh kernel instance with its own memory (one per gallery; instantiation is synchronous and small). */
export function createInt8DotKernel(): Int8DotKernel {
  const instance = new wasm.Instance(new wasm.Module(moduleBytes()));
  const { memory, dots } = instance.exports;
  if (!(memory instanceof wasm.Memory) || typeof dots !== 'function') {
    throw new Error('The int8 dot kernel did not assemble as expected');
  }
  return {
    memory,
    dots: (matrix, probe, out, rows, stride) => {
      dots(matrix, probe, out, rows, stride);
    },
  };
}
