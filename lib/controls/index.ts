export { applyChanges, type ControlsDiff, diffControls, diffSize, isEmptyDiff } from "./diff";
export {
  type DomainLineError,
  domainsToText,
  lineOfDomain,
  looseDomains,
  MAX_DOMAINS,
  type ParsedDomains,
  parseDomainLines,
} from "./domains";
export { type ControlsFormValues, controlsFormSchema, MAX_BLOCKED_PAIRS } from "./form";
export {
  type ControlsState,
  pairKey,
  pairNamer,
  sortPairs,
  stateFromControls,
  uniquePairs,
  unmappedPairKeys,
  type VerticalPair,
} from "./pairs";
export { buildPutControlsBody } from "./request";
export { filterTaxonomy } from "./search";
export { hasPlacedErrors, type PlacedErrors, placeServerErrors, UNMAPPED_MESSAGE } from "./server-errors";
