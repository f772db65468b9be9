// Placeholder: replaced by the util shim.
export function isDeepStrictEqual(a: unknown, b: unknown): boolean { return JSON.stringify(a) === JSON.stringify(b); }
export default { isDeepStrictEqual };
