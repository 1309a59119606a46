/**
 * Zod 4 probes once whether it may compile parsers with `new Function` (its JIT). Under the
 * console's CSP (no 'unsafe-eval') the probe is refused, caught, and still filed by Chromium
 * as a CSP issue on every page that parses an object schema (Lighthouse: best practices 96).
 * Zod reads its settings from `globalThis.__zod_globalConfig`; setting `jitless` there before
 * any schema runs skips the probe, without putting zod itself into every page's bundle.
 * Run inline in <head> (root layout), before any module.
 */
export const ZOD_NO_EVAL_SCRIPT = "(self.__zod_globalConfig=self.__zod_globalConfig||{}).jitless=true;";
