import { createRequire as __memgateCreateRequire } from 'node:module';
const require = __memgateCreateRequire(import.meta.url);
import {
  LEAK_VERDICTS,
  ReportValidationError,
  leakSchema,
  memoryFiguresSchema,
  parseReport,
  parseReportText,
  reportSchema,
  timingsSchema,
  topEntrySchema,
  tracebackFrameSchema,
  verdictSchema,
  workloadErrorSchema,
  workloadReportSchema
} from "./chunk-XHEVENDF.js";
import {
  REPORT_SCHEMA
} from "./chunk-GBWSL4VK.js";
import "./chunk-ULTV3Q2T.js";
export {
  LEAK_VERDICTS,
  REPORT_SCHEMA,
  ReportValidationError,
  leakSchema,
  memoryFiguresSchema,
  parseReport,
  parseReportText,
  reportSchema,
  timingsSchema,
  topEntrySchema,
  tracebackFrameSchema,
  verdictSchema,
  workloadErrorSchema,
  workloadReportSchema
};
