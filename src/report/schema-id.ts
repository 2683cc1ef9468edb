/** The report format's id (schema.ts validates against it; the pipeline writes it without loading zod). */
export const REPORT_SCHEMA = 'memgate.report/v1';
