export { createRedactor, type Redactor } from './redactor.js';
export {
  builtinRuleNames,
  compileRedactionRules,
  RedactionConfigError,
  type CustomRedactionRule,
  type RedactionConfig,
} from './redaction-config.js';
export { OPT_IN_RULES, SECRET_KEYS, type RedactionRule } from './builtin-rules.js';
export { REDACTED_PREFIX, REDACTION_MARKER, redactionMarker } from './marker.js';
export { cardNumberSpan, isCardNumber, luhnValid, redactCardNumber } from './card-number.js';
export { isIPv6 } from './ip-address.js';
