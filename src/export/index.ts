export { toCsvFiles, CSV_ARRAY_DELIMITER } from './csv.js';
export { toGexf } from './gexf.js';
export { toGraphml } from './graphml.js';
export { checkGraph, ExportFormatError, JSON_EXPORT_FORMAT, JSON_EXPORT_VERSION, parseJsonExport, toJsonExport } from './json.js';
