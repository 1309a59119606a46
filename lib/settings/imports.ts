import { z } from "zod";

/**
 * What the import previews of Settings → Taxonomy and Settings → Layouts answer,
 * shared by the routes and the pages. `row` is the data row number (1 = the first
 * row after the header; 0 = the header or the file as a whole).
 */
export const IMPORT_CSV_MAX_BYTES = 1024 * 1024;
export const importCsvBody = z.string().min(1, "The file is empty.");

/** The version a preview was made against: applying refuses if another import came first. */
export const applyQuery = z.strictObject({
  base: z.coerce.number().int("must be a whole number").min(0, "must be 0 or more").max(1_000_000_000),
});
export const versionParams = z.strictObject({
  version: z.coerce.number().int("must be a whole number").min(1, "must be 1 or more").max(1_000_000_000),
});

export interface ImportRowErrorView {
  row: number;
  message: string;
}
export interface ImportCounts {
  added: number;
  renamed: number;
  removed: number;
  errors: number;
}
export interface ChangeView {
  key: string;
  before?: string;
  after?: string;
}

export interface TaxonomyPreview {
  baseVersion: number;
  counts: ImportCounts & { remapped: number; unchanged: number };
  errors: ImportRowErrorView[];
  added: ChangeView[];
  renamed: ChangeView[];
  removed: ChangeView[];
  /** Removed pairs that merchants the console has seen currently block, with those merchants. */
  orphaned: { key: string; name: string; merchants: { accountId: string; brand: string | null }[] }[];
  /** How many merchants' controls the console has seen (the coverage of `orphaned`). */
  merchantsSeen: number;
  /** Added pairs the sandbox does not map (sandbox mode only): blocks of them would be refused. */
  unmappedAdded: string[];
  canApply: boolean;
}

export interface LayoutChangeView {
  row: number;
  accountId: string;
  pageId: string;
  layoutId: string;
  surface: string;
  layoutType: string;
  /** For changed rows: what the console knew before. */
  before?: { layoutId: string; surface: string; layoutType: string };
}
export interface LayoutPreview {
  counts: ImportCounts & { unchanged: number };
  errors: ImportRowErrorView[];
  added: LayoutChangeView[];
  changed: LayoutChangeView[];
  removed: { accountId: string; pageId: string; layoutId: string; surface: string }[];
  canApply: boolean;
}

/** A taxonomy version as Settings lists it (the file itself is a download). */
export interface TaxonomyVersionView {
  version: number;
  source: "seed" | "import";
  summary: { added: number; renamed: number; removed: number } | null;
  createdBy: string | null;
  createdAt: string;
}
