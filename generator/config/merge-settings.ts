import { CONFIG_KEYS } from "./config-keys.js";

/** The settings a config key can set, by option name; undefined where neither flag nor config says. */
export type Settings = Partial<Record<string, string>> & { spec?: string; out?: string; templates?: string; site?: string; emit?: string; format?: string; fixtures?: string };

/** Flags win over the config file, key by key, through the one table in config-keys.ts. */
export function mergeSettings(flags: Record<string, unknown>, config: Record<string, string>): Settings {
  const settings: Settings = {};
  for (const { option } of Object.values(CONFIG_KEYS)) {
    const flag = flags[option];
    const value = typeof flag === "string" ? flag : config[option];
    if (value !== undefined) settings[option] = value;
  }
  return settings;
}
