export { ConfigError, type ConfigIssue } from './config-error.js';
export { formatDuration, parseDuration } from './duration.js';
export { parseByteSize } from './byte-size.js';
export {
  CONFIG_FILE_VARIABLE,
  describeConfig,
  loadConfig,
  type ConfigOf,
  type ConfigSpec,
  type Environment,
  type LoadConfigOptions,
  type SettingDescription,
} from './load-config.js';
export {
  booleanSetting,
  byteSizeSetting,
  customSetting,
  durationSetting,
  enumSetting,
  integerSetting,
  listSetting,
  optional,
  portSetting,
  secretSetting,
  stringSetting,
  urlListSetting,
  urlSetting,
  type Setting,
  type SettingOptions,
} from './setting.js';
