import { DEFAULT_THEME, type LayoutType, type Surface, type Theme } from "@/lib/partnerships";
import type { Db } from "../db";
import { newUuid } from "../http";
import { prep } from "../state";

export const variantNames = (surface: Surface): [string, string] => {
  const cap = surface[0]?.toUpperCase() + surface.slice(1);
  return [`${cap} - Default`, `${cap} - Mobile`];
};

export interface NewPageIds {
  pageId: string;
  layoutId: string;
  variantIds: [string, string];
}

export const freshPageIds = (): NewPageIds => ({
  pageId: newUuid(),
  layoutId: newUuid(),
  variantIds: [newUuid(), newUuid()],
});

/** Prepared once per database: the seed inserts hundreds of thousands of rows with these. */
export function pageStatements(db: Db) {
  return {
    page: prep(
      { db },
      "INSERT INTO pages (page_id, account_id, surface, layout_id, created_at) VALUES (?, ?, ?, ?, ?)",
    ),
    layout: prep(
      { db },
      "INSERT INTO layouts (layout_id, page_id, account_id, layout_type, theme, created_at) VALUES (?, ?, ?, ?, ?, ?)",
    ),
    variant: prep(
      { db },
      "INSERT INTO variants (variant_id, page_id, account_id, surface, name, status) VALUES (?, ?, ?, ?, ?, ?)",
    ),
  };
}
export type PageStatements = ReturnType<typeof pageStatements>;

const DEFAULT_THEME_JSON = JSON.stringify(DEFAULT_THEME);

/** A page with its first layout (default theme) and its two variants. */
export function insertPage(
  st: PageStatements,
  accountId: string,
  surface: Surface,
  layoutType: LayoutType,
  variantStatus: "active" | "paused",
  createdAt: string,
  ids: NewPageIds,
): void {
  st.page.run(ids.pageId, accountId, surface, ids.layoutId, createdAt);
  st.layout.run(ids.layoutId, ids.pageId, accountId, layoutType, DEFAULT_THEME_JSON, createdAt);
  const [def, mobile] = variantNames(surface);
  st.variant.run(ids.variantIds[0], ids.pageId, accountId, surface, def, variantStatus);
  st.variant.run(ids.variantIds[1], ids.pageId, accountId, surface, mobile, variantStatus);
}

export interface LayoutRow {
  layout_id: string;
  page_id: string;
  account_id: string;
  layout_type: LayoutType;
  theme: string;
  created_at: string;
}

export const parseTheme = (json: string): Theme => ({ ...DEFAULT_THEME, ...(JSON.parse(json) as Partial<Theme>) });
