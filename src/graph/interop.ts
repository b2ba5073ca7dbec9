/**
 * The function a CommonJS package exports as `module.exports`. Its typings declare it as
 * `export default`, which NodeNext reads as `exports.default`; Node's ESM loader hands the
 * whole `module.exports` over as the default import instead. This accepts either shape.
 */
export function commonJsDefault<T>(imported: { default: T }): T {
  const candidate = (imported as { default?: T }).default;
  return candidate ?? (imported as unknown as T);
}
